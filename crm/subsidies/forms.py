from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..core.forms import BaseForm, choices
from ..employers.fields import EmployerField
from ..employers.forms import ContactPersonForm
from .labels import AGENCY_KIND_LABELS, TERM_LABELS

SHARED_HELP = _l("What you told AF or the employer, and to whom; only what the participant agreed to share.")


def _share(name):
    return IntegerField(TERM_LABELS[name], validators=[Optional(), NumberRange(min=1, max=100)],
                        render_kw={"inputmode": "numeric"})


def _wage():
    return IntegerField(TERM_LABELS["wage_basis"], validators=[Optional(), NumberRange(min=1, max=200000)],
                        render_kw={"inputmode": "numeric"},
                        description=_l("The monthly wage before tax that the share is counted on (AF sets a ceiling)."))


class SupportTypeForm(BaseForm):
    name_sv = StringField(_l("Name in Swedish"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=200)])
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40), Regexp(
        r"^[a-z0-9_]+$", message=_l("Lower-case letters a–z, digits and _ only."))])
    max_months = IntegerField(_l("Usual longest period (months)"), validators=[Optional(), NumberRange(1, 240)],
                              description=_l("Leave empty where no limit applies."))
    review_months = IntegerField(_l("Usual time to review or renewal (months)"),
                                 validators=[Optional(), NumberRange(1, 120)])
    active = BooleanField(_l("In use"), default=True)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)],
                          description=_l("The rules change with policy: note the source and date of the numbers."))


class AgencyContactForm(ContactPersonForm):
    """The employer's contact-person form (name, phone and e-mail checks), for a person at an agency."""

    kind = SelectField(_l("Agency"), choices=choices(AGENCY_KIND_LABELS.items()))
    organisation = StringField(_l("Office or unit"), validators=[DataRequired(), Length(max=200)],
                               description=_l("For example Arbetsförmedlingen Nyköping."))
    role = StringField(_l("Role"), validators=[Optional(), Length(max=120)])
    is_decision_maker = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = ("csrf_token", "kind", "organisation", "name", "role", "phone", "email")
        self._fields = {name: self._fields[name] for name in order if name in self._fields}


class AfOfficerForm(BaseForm):
    af_case_officer_id = SelectField(_l("AF case officer"), coerce=int)


class NegotiationForm(BaseForm):
    employer = EmployerField(_l("Employer"), validators=[DataRequired(message=_l("Choose the employer."))])
    # The chosen employer's openings, known only once the employer is: the view checks the choice.
    opening_id = SelectField(_l("Opening"), coerce=int, validators=[Optional()], validate_choice=False)
    placement_id = SelectField(_l("Job start"), coerce=int, validators=[Optional()])
    support_type_id = SelectField(TERM_LABELS["support_type_id"], coerce=int)
    af_officer_id = SelectField(TERM_LABELS["af_officer_id"], coerce=int, validators=[Optional()])
    requested_share_percent = _share("requested_share_percent")
    wage_basis = _wage()
    shared_information = TextAreaField(TERM_LABELS["shared_information"], validators=[Optional(), Length(max=4000)],
                                       description=SHARED_HELP)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)])


class StepForm(BaseForm):
    """One step of a negotiation; the view keeps only the term fields the step records (states.STEP_TERMS)."""

    taken_on = DateField(_l("Date of the step"), validators=[DataRequired()])
    af_officer_id = SelectField(TERM_LABELS["af_officer_id"], coerce=int, validators=[Optional()])
    requested_share_percent = _share("requested_share_percent")
    agreed_share_percent = _share("agreed_share_percent")
    wage_basis = _wage()
    decided_on = DateField(TERM_LABELS["decided_on"], validators=[Optional()])
    period_start_on = DateField(TERM_LABELS["period_start_on"], validators=[Optional()])
    period_end_on = DateField(TERM_LABELS["period_end_on"], validators=[Optional()])
    next_review_on = DateField(TERM_LABELS["next_review_on"], validators=[Optional()])
    shared_information = TextAreaField(TERM_LABELS["shared_information"], validators=[Optional(), Length(max=4000)],
                                       description=SHARED_HELP)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)])
    version = HiddenField()
