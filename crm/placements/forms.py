from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import BaseForm, choices
from ..reference import ssyk_groups
from .labels import EMPLOYMENT_FORM_LABELS, END_REASON_LABELS
from .models import EmploymentForm

# Forms of employment: a work placement is recorded only through a social enterprise's referral.
EMPLOYMENT_CHOICES = choices((k, v) for k, v in EMPLOYMENT_FORM_LABELS.items() if k != EmploymentForm.WORK_PLACEMENT)


class PlacementForm(BaseForm):
    participant_id = SelectField(_l("Participant"), coerce=int, validators=[DataRequired()])
    title = StringField(_l("Job title"), validators=[DataRequired(), Length(max=200)])
    occupation_code = StringField(_l("Occupation (SSYK)"), validators=[Optional(), Length(max=120)],
                                  render_kw={"list": "ssyk-groups"})
    started_on = DateField(_l("First day"), validators=[DataRequired()])
    hours_per_week = DecimalField(_l("Hours per week"), places=1, validators=[DataRequired(),
                                                                               NumberRange(min=1, max=60)])
    monthly_wage = IntegerField(_l("Monthly wage (SEK)"), validators=[Optional(), NumberRange(min=0, max=200000)])
    employment_form = SelectField(_l("Form of employment"), choices=EMPLOYMENT_CHOICES)
    competitive = BooleanField(_l("Competitive job: open to anyone, at an ordinary wage"), default=True)
    opening_filled = BooleanField(_l("The opening is now filled"), default=True)

    def validate_occupation_code(self, field):
        code = field.data.split(" ")[0] if field.data else ""
        if code and code not in ssyk_groups():
            raise ValidationError(_l("Choose an occupation from the list."))
        field.data = code or None


class EndPlacementForm(BaseForm):
    ended_on = DateField(_l("Last day"), validators=[DataRequired()])
    end_reason = SelectField(_l("Why the job ended"), choices=choices(END_REASON_LABELS.items()))
    end_notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)],
                              description=_l("What can be learned for the next job. Nothing about health."))
    restart_search = BooleanField(_l("Start looking for the next job now"), default=True)
