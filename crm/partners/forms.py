from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import BaseForm, choices
from ..openings.forms import WorkConditionsForm
from ..placements.forms import EMPLOYMENT_CHOICES
from ..placements.labels import END_REASON_LABELS
from .labels import LISTING_KIND_LABELS

NOTHING_PERSONAL = _l("About the work only.")


class ListingForm(WorkConditionsForm):
    """What a social enterprise offers: hours, days and municipality in the terms matching reads."""

    # Conditions of openings that a listing does not record.
    setting = soundscape = people_contact = physical_demands = monthly_wage = None

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = RadioField(_l("What you offer"), choices=choices(LISTING_KIND_LABELS.items()),
                      validators=[InputRequired(_l("Choose what you offer."))])
    tasks = TextAreaField(_l("Tasks"), description=NOTHING_PERSONAL, validators=[Optional(), Length(max=5000)])
    schedule = StringField(_l("Schedule"), validators=[Optional(), Length(max=300)],
                           description=_l("For instance: Mon–Thu 8–12."))
    location = StringField(_l("Workplace address"), validators=[Optional(), Length(max=200)])
    supervisor = StringField(_l("Supervisor"), validators=[Optional(), Length(max=200)])
    places = IntegerField(_l("Places available"), default=1, validators=[InputRequired(), NumberRange(min=1, max=99)])
    period_start_on = DateField(_l("From"), validators=[Optional()])
    period_end_on = DateField(_l("Until"), validators=[Optional()], description=_l("Leave empty if open-ended."))
    version = HiddenField()

    def validate_period_end_on(self, field):
        if field.data and self.period_start_on.data and field.data < self.period_start_on.data:
            raise ValidationError(_l("The period cannot end before it starts."))


class ReferralForm(BaseForm):
    message_to_partner = TextAreaField(
        _l("What the participant wants the social enterprise to know"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Write it together with the participant. The social enterprise sees this, the name and "
                       "the contact details, nothing else. Nothing about health or diagnoses."),
    )


class AnswerForm(BaseForm):
    answer = RadioField(_l("Your answer"), choices=choices([("accepted", _l("Accept")), ("declined", _l("Decline"))]),
                        validators=[InputRequired(_l("Choose accept or decline."))])
    partner_message = TextAreaField(_l("Message to the job specialist"),
                                    validators=[DataRequired(), Length(max=2000)],
                                    description=_l("For instance when and where to meet, or why not now."))


class StartForm(BaseForm):
    started_on = DateField(_l("First day"), validators=[DataRequired()])
    hours_per_week = DecimalField(_l("Hours per week"), places=1,
                                  validators=[DataRequired(), NumberRange(min=1, max=60)])
    employment_form = SelectField(_l("Form of employment"), choices=EMPLOYMENT_CHOICES)
    monthly_wage = IntegerField(_l("Monthly wage (SEK)"), validators=[Optional(), NumberRange(min=0, max=200000)])


class EndForm(BaseForm):
    ended_on = DateField(_l("Last day"), validators=[DataRequired()])
    end_reason = SelectField(_l("Why it ended"), choices=choices(END_REASON_LABELS.items()))
