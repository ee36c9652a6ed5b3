from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import BaseForm, choices
from ..reference import municipalities, ssyk_groups
from .labels import (
    HIRING_LABELS,
    LEVEL_LABELS,
    OPENING_STATUS_LABELS,
    SETTING_LABELS,
    SOUNDSCAPE_LABELS,
    SUBSIDY_LABELS,
)

NOT_KNOWN = ("", "—")
NO_HEALTH = _l("About the work, not about any participant.")


class WorkConditionsForm(BaseForm):
    """The job's conditions, in the same terms as a participant's preferences."""

    hours_min = IntegerField(_l("Hours per week, from"), validators=[Optional(), NumberRange(min=1, max=60)])
    hours_max = IntegerField(_l("Hours per week, to"), validators=[Optional(), NumberRange(min=1, max=60)])
    weekdays = BooleanField(_l("Weekdays, daytime"), default=True)
    evenings = BooleanField(_l("Evenings"))
    weekends = BooleanField(_l("Weekends"))
    setting = SelectField(_l("Indoors or outdoors"), choices=choices(SETTING_LABELS.items(), NOT_KNOWN),
                          validators=[Optional()])
    soundscape = SelectField(_l("Sound environment"), choices=choices(SOUNDSCAPE_LABELS.items(), NOT_KNOWN),
                             validators=[Optional()])
    people_contact = SelectField(_l("Contact with people"), choices=choices(LEVEL_LABELS.items(), NOT_KNOWN),
                                 validators=[Optional()])
    physical_demands = SelectField(_l("Physical demands"), choices=choices(LEVEL_LABELS.items(), NOT_KNOWN),
                                   validators=[Optional()])
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)],
                               render_kw={"list": "municipalities"})
    monthly_wage = IntegerField(_l("Monthly wage (SEK, full time)"),
                                validators=[Optional(), NumberRange(min=1000, max=200000)])

    def validate_hours_max(self, field):
        if field.data and self.hours_min.data and field.data < self.hours_min.data:
            raise ValidationError(_l("The upper limit must not be below the lower one."))

    def validate_municipality(self, field):
        if field.data and field.data not in municipalities():
            raise ValidationError(_l("Choose a Swedish municipality from the list."))


class JobAnalysisForm(WorkConditionsForm):
    # The newest revision the user has seen (its id): revising an analysis someone else revised
    # meanwhile is refused once, with their changes shown (a revision must not silently drop another's).
    version = HiddenField()
    analysed_on = DateField(_l("Date of the analysis"), validators=[DataRequired()])
    business_needs = TextAreaField(_l("What in the business needs doing"), description=NO_HEALTH,
                                   validators=[DataRequired(), Length(max=5000)])
    tasks = TextAreaField(_l("Tasks"), validators=[Optional(), Length(max=5000)],
                          description=_l("Tasks that could be carved into a job of their own belong here too."))
    schedule = StringField(_l("Schedule"), validators=[Optional(), Length(max=300)])
    pace = SelectField(_l("Pace"), choices=choices(LEVEL_LABELS.items(), NOT_KNOWN), validators=[Optional()])
    social_demands = TextAreaField(_l("Social demands"), validators=[Optional(), Length(max=2000)])
    sensory_environment = TextAreaField(_l("Sensory environment"), validators=[Optional(), Length(max=2000)])
    supervisor = StringField(_l("Supervisor or mentor"), validators=[Optional(), Length(max=200)])
    possible_adjustments = TextAreaField(_l("Possible adjustments"), validators=[Optional(), Length(max=2000)])
    collective_agreement = StringField(_l("Collective agreement"), validators=[Optional(), Length(max=120)])
    subsidy_openness = SelectField(_l("Open to employment support"), choices=choices(SUBSIDY_LABELS.items()),
                                   default="unknown")
    hiring_process = SelectField(_l("How hiring works"), choices=choices(HIRING_LABELS.items()), default="unknown")
    hiring_notes = TextAreaField(_l("Notes on hiring"), validators=[Optional(), Length(max=2000)])
    location = StringField(_l("Workplace address"), validators=[Optional(), Length(max=200)])
    travel_notes = StringField(_l("Getting there"), validators=[Optional(), Length(max=300)],
                               description=_l("Bus lines, parking, distance from the centre."))


class OpeningForm(WorkConditionsForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    occupation_code = StringField(_l("Occupation (SSYK)"), validators=[Optional(), Length(max=120)],
                                  render_kw={"list": "ssyk-groups"},
                                  description=_l("Start typing the occupation and pick it from the list."))
    tasks = TextAreaField(_l("Tasks"), validators=[Optional(), Length(max=5000)])
    schedule = StringField(_l("Schedule"), validators=[Optional(), Length(max=300)])
    location = StringField(_l("Workplace address"), validators=[Optional(), Length(max=200)])
    earliest_start_on = DateField(_l("Earliest start"), validators=[Optional()])
    competitive = BooleanField(_l("Competitive job: open to anyone, at an ordinary wage"), default=True)
    requires_disclosure = BooleanField(
        _l("The employer needs to know about support needs"),
        description=_l("For instance a job with employment support. Participants who chose not to disclose are "
                       "not matched to it."),
    )
    status = SelectField(_l("Status"), choices=choices(OPENING_STATUS_LABELS.items()), default="open")
    version = HiddenField()

    def validate_occupation_code(self, field):
        code = field.data.split(" ")[0] if field.data else ""
        if code and code not in ssyk_groups():
            raise ValidationError(_l("Choose an occupation from the list."))
        field.data = code or None
