from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from ..auth.labels import ROLE_LABELS
from ..core.forms import BaseForm, choices


class UserForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=choices(ROLE_LABELS.items()))
    team_id = SelectField(_l("Team"), coerce=int, validators=[Optional()],
                          description=_l("Required for job specialists and team leads."))
    partner_organisation_id = SelectField(_l("Partner organisation"), coerce=int, validators=[Optional()],
                                          description=_l("Required for partner users."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.role.data in ("job_specialist", "team_lead") and not self.team_id.data:
            self.team_id.errors.append(_l("Choose the team this person works in."))
            valid = False
        if self.role.data == "partner" and not self.partner_organisation_id.data:
            self.partner_organisation_id.errors.append(_l("Choose the partner's organisation."))
            valid = False
        return valid


class EmploymentFractionForm(BaseForm):
    percent = IntegerField(
        _l("Employment rate (per cent of full time)"), validators=[DataRequired(), NumberRange(min=1, max=100)],
        description=_l("100 for full time, 50 for half time. Caseloads are compared per full-time post."))


class TeamForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)])
    weekly_contact_target = IntegerField(
        _l("Face-to-face employer contacts per specialist and week"), default=6,
        validators=[DataRequired(), NumberRange(min=1, max=50)],
        description=_l("IPS fidelity: 6 or more."),
    )
    cold_after_days = IntegerField(
        _l("An employer goes cold after this many days without contact"), default=60,
        validators=[DataRequired(), NumberRange(min=7, max=365)],
    )
    caseload_limit = IntegerField(
        _l("Active participants per full-time specialist"), default=20,
        validators=[DataRequired(), NumberRange(min=1, max=60)],
        description=_l("IPS fidelity: 20 or fewer."),
    )
    retention_months = IntegerField(
        _l("Months a closed participant's record is kept"), default=24,
        validators=[DataRequired(), NumberRange(min=1, max=240)],
        description=_l("After this, the record is listed under Privacy for review and erasure. Follow your "
                       "organisation's records management plan."),
    )
    two_factor_required = BooleanField(
        _l("Specialists sign in with a second factor"),
        description=_l("Team leads and administrators always need one where the installation requires it."))


class PartnerOrganisationForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)])
