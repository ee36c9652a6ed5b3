import re

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from ..core.clock import today
from ..core.forms import BaseForm, choices
from ..employers.fields import EmployerField
from ..reference import municipalities, sni_divisions, ssyk_groups
from .labels import (
    CLOSED_REASON_LABELS,
    CONSENT_DECISION_LABELS,
    CONSENT_FORM_LABELS,
    CONSENT_SCOPE_LABELS,
    DISCLOSURE_LABELS,
    NO_HEALTH_HINT,
    OCCASION_LABELS,
    OUTCOME_LABELS,
    PARTY_KIND_LABELS,
    PEOPLE_CONTACT_LABELS,
    PHYSICAL_LABELS,
    SETTING_LABELS,
    SHARE_LABELS,
    SOUND_LABELS,
    STATUS_LABELS,
)
from .models import ParticipantStatus, PartyKind

YEAR = NumberRange(min=1940, max=2100, message=_l("Write a year, as 2019."))


def _text(label, max_length=2000, description=NO_HEALTH_HINT):
    return TextAreaField(label, validators=[Optional(), Length(max=max_length)], description=description)


class ParticipantForm(BaseForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=80)],
                             render_kw={"autocomplete": "off"})
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=80)],
                            render_kw={"autocomplete": "off"})
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)],
                        render_kw={"inputmode": "tel", "autocomplete": "off"})
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "off"})
    preferred_language = StringField(_l("Preferred language"), validators=[Optional(), Length(max=40)])
    needs_interpreter = BooleanField(_l("Needs an interpreter"))
    specialist_id = SelectField(_l("Job specialist"), coerce=int, validators=[Optional()])
    entered_on = DateField(_l("Programme entry date"), validators=[InputRequired()], default=today)

    version = HiddenField()

    def validate_phone(self, field):
        if not re.fullmatch(r"[+\d][\d\s\-()]{4,}", field.data):
            raise ValidationError(_l("Write a phone number with digits, as 070-123 45 67."))


class NewParticipantForm(ParticipantForm):
    status = SelectField(_l("Status"), default=ParticipantStatus.WAITING_LIST.value, choices=choices(
        (s.value, label) for s, label in STATUS_LABELS.items() if s != ParticipantStatus.CLOSED))


class StatusForm(BaseForm):
    status = SelectField(_l("New status"), choices=choices((s.value, label) for s, label in STATUS_LABELS.items()))
    changed_on = DateField(_l("From"), validators=[InputRequired()], default=today)
    closed_reason = SelectField(_l("Reason for closing"), validators=[Optional()],
                                choices=choices(((r.value, label) for r, label in CLOSED_REASON_LABELS.items()),
                                                ("", "—")),
                                description=_l("Needed when the status is Closed."))
    note = _text(_l("Note"), 500)


class OutcomeForm(BaseForm):
    outcome = SelectField(_l("Outcome"), validators=[Optional()],
                          choices=choices(((o.value, label) for o, label in OUTCOME_LABELS.items()),
                                          ("", _l("Not known"))),
                          description=_l("Where the participant stands or went: work, studies, work training, "
                                         "rehabilitation or other. Counted in the outcome report."))
    outcome_on = DateField(_l("From"), validators=[Optional()], default=today)


class ConsentRecordForm(BaseForm):
    party_kind = SelectField(_l("Party"), choices=choices((k.value, label) for k, label in PARTY_KIND_LABELS.items()))
    employer = EmployerField(_l("Employer"), validators=[Optional()],
                             description=_l("When the party is an employer."))
    partner_organisation_id = SelectField(_l("Social enterprise"), coerce=int, validators=[Optional()],
                                          description=_l("When the party is a social enterprise."))
    party_name = StringField(_l("Name of the party"), validators=[Optional(), Length(max=200)],
                             description=_l("When the party is another party, as a debt adviser."))
    decision = RadioField(_l("Decision"), default="given",
                          choices=choices((d.value, label) for d, label in CONSENT_DECISION_LABELS.items()))
    form = RadioField(_l("Given as"), default="written",
                      choices=choices((f.value, label) for f, label in CONSENT_FORM_LABELS.items()))
    decided_on = DateField(_l("Date"), validators=[InputRequired()], default=today)
    scope = SelectField(_l("Scope"), choices=choices((s.value, label) for s, label in CONSENT_SCOPE_LABELS.items()))
    scope_note = _text(_l("What may be exchanged"), 1000,
                       _l("For example: career profile and job preferences. Never write health details here."))
    valid_until = DateField(_l("Valid until"), validators=[Optional()],
                            description=_l("Leave empty when the consent has no end date."))

    def validate_employer(self, field):
        """An employer is looked up only for an employer party; for another party it is not used (as a
        social enterprise or a party's name is not used for an employer)."""
        if self.party_kind.data != PartyKind.EMPLOYER:
            field.data = None
            raise StopValidation()


class WithdrawConsentForm(BaseForm):
    withdrawn_on = DateField(_l("Withdrawn on"), validators=[InputRequired()], default=today)


class CareerProfileForm(BaseForm):
    strengths = _text(_l("Strengths"))
    interests = _text(_l("Interests"))
    skills = _text(_l("Skills"))
    driving_licences = StringField(_l("Driving licence"), validators=[Optional(), Length(max=40)],
                                   description=_l("Licence classes, as B or B, BE. Empty: none."))
    languages = StringField(_l("Languages"), validators=[Optional(), Length(max=200)],
                            description=_l("As: Swedish, Arabic, English (basic)."))


class WorkExperienceForm(BaseForm):
    employer_name = StringField(_l("Employer"), validators=[DataRequired(), Length(max=200)])
    role = StringField(_l("Role"), validators=[DataRequired(), Length(max=200)])
    from_year = IntegerField(_l("From year"), validators=[Optional(), YEAR], render_kw={"inputmode": "numeric"})
    to_year = IntegerField(_l("To year"), validators=[Optional(), YEAR], render_kw={"inputmode": "numeric"},
                           description=_l("Empty while the job goes on."))
    what_worked = _text(_l("What worked"))
    what_did_not = _text(_l("What did not work"))


class EducationForm(BaseForm):
    programme = StringField(_l("Programme or course"), validators=[DataRequired(), Length(max=200)])
    school = StringField(_l("School"), validators=[Optional(), Length(max=200)])
    from_year = IntegerField(_l("From year"), validators=[Optional(), YEAR], render_kw={"inputmode": "numeric"})
    to_year = IntegerField(_l("To year"), validators=[Optional(), YEAR], render_kw={"inputmode": "numeric"})
    completed = BooleanField(_l("Completed"), default=True)


class BenefitsSessionForm(BaseForm):
    held_on = DateField(_l("Date"), validators=[InputRequired()], default=today)
    occasion = SelectField(_l("Occasion"), choices=choices((o.value, label) for o, label in OCCASION_LABELS.items()))
    notes = _text(_l("Notes"), 2000, _l("What was gone through, as the effect of the wage on benefits. "
                                         "Never write health details here."))


def _radio(label, labels: dict, default="either"):
    return RadioField(label, default=default, choices=choices((k.value, v) for k, v in labels.items()))


class PreferencesForm(BaseForm):
    occupations = SelectMultipleField(_l("Wanted occupations"), validators=[Optional()],
                                      description=_l("SSYK occupation groups; choose several with Ctrl or ⌘."))
    industries = SelectMultipleField(_l("Wanted industries"), validators=[Optional()])
    tasks_liked = _text(_l("Tasks they like"), 1000)
    tasks_avoided = _text(_l("Tasks they want to avoid"), 1000)
    hours_min = IntegerField(_l("Hours a week, at least"), validators=[Optional(), NumberRange(min=1, max=60)],
                             render_kw={"inputmode": "numeric"})
    hours_max = IntegerField(_l("Hours a week, at most"), validators=[Optional(), NumberRange(min=1, max=60)],
                             render_kw={"inputmode": "numeric"})
    weekdays = BooleanField(_l("Weekdays, daytime"), default=True)
    evenings = BooleanField(_l("Evenings"))
    weekends = BooleanField(_l("Weekends"))
    earliest_start_on = DateField(_l("Earliest start"), validators=[Optional()])
    max_travel_minutes = IntegerField(_l("Longest travel time one way (minutes)"),
                                      validators=[Optional(), NumberRange(min=0, max=300)],
                                      render_kw={"inputmode": "numeric"})
    municipalities = SelectMultipleField(_l("Municipalities they can work in"), validators=[Optional()])
    sound_level = _radio(_l("Sound level"), SOUND_LABELS)
    setting = _radio(_l("Indoors or outdoors"), SETTING_LABELS)
    people_contact = _radio(_l("Contact with people"), PEOPLE_CONTACT_LABELS)
    physical_work = _radio(_l("Physical work"), PHYSICAL_LABELS)
    wage_floor = IntegerField(_l("Lowest wage (SEK a month)"), validators=[Optional(), NumberRange(min=0, max=200000)],
                              render_kw={"inputmode": "numeric"})
    must_haves = _text(_l("Must have"), 1000)
    must_avoids = _text(_l("Must avoid"), 1000)
    reviewed_on = DateField(_l("Gone through together on"), validators=[InputRequired()], default=today)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_locale().language if get_locale() else "sv"
        self.occupations.choices = choices((code, f"{code} {names[language]}") for code, names in ssyk_groups().items())
        self.industries.choices = choices((code, f"{code} {names[language]}")
                                          for code, names in sni_divisions().items())
        self.municipalities.choices = choices((name, name) for name in municipalities())

    def validate_hours_max(self, field):
        if field.data is not None and self.hours_min.data is not None and self.hours_min.data > field.data:
            raise ValidationError(_l("The lowest hours cannot be more than the highest."))


class DisclosureForm(BaseForm):
    level = RadioField(_l("Disclosure"), choices=choices((k.value, v) for k, v in DISCLOSURE_LABELS.items()),
                       validators=[InputRequired(message=_l("Choose a level."))])
    share_support = BooleanField(SHARE_LABELS["share_support"])
    share_adjustments = BooleanField(SHARE_LABELS["share_adjustments"])
    share_cv_gaps = BooleanField(SHARE_LABELS["share_cv_gaps"])
    share_condition = BooleanField(SHARE_LABELS["share_condition"])
    decided_on = DateField(_l("Chosen on"), validators=[InputRequired()], default=today)

    @property
    def shares(self) -> set[str]:
        return {name for name in SHARE_LABELS if self[name].data}


class DisclosureOverrideForm(DisclosureForm):
    employer = EmployerField(_l("Employer"), validators=[DataRequired(message=_l("Choose an employer."))])
    level = RadioField(_l("Disclosure toward this employer"), validators=[Optional()], choices=choices(
        [*((k.value, v) for k, v in DISCLOSURE_LABELS.items()), ("", _l("Same as the default (remove the override)"))]))
