from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..core.forms import BaseForm, choices
from .labels import AUDIENCE_LABELS, FORM_LABELS, RHYTHM_LABELS

NO_EMPLOYER_CONTACT = ""


class RhythmForm(BaseForm):
    """The ongoing rhythm after the first month, as the participant wants it, for each audience."""

    employee_rhythm = SelectField(_l("Contact with the employee"), choices=choices(RHYTHM_LABELS.items()))
    employer_rhythm = SelectField(
        _l("Contact with the employer's supervisor"),
        choices=choices(RHYTHM_LABELS.items(), (NO_EMPLOYER_CONTACT, _l("No contact with the employer"))),
        description=_l("Only as the participant wants: with no disclosure, no contact with the employer."))
    version = HiddenField()


class LogFollowUpForm(BaseForm):
    held_on = DateField(_l("Date"), validators=[DataRequired()])
    audience = SelectField(_l("With"), choices=choices(AUDIENCE_LABELS.items()))
    with_whom = StringField(_l("Who took part"), validators=[Optional(), Length(max=200)],
                            description=_l("For example the supervisor's name."))
    form = SelectField(_l("Form"), choices=choices(FORM_LABELS.items()))
    what_came_up = TextAreaField(_l("What came up"), validators=[Optional(), Length(max=4000)])
    adjustments_agreed = TextAreaField(_l("Adjustments agreed"), validators=[Optional(), Length(max=4000)])
    next_agreed_on = DateField(_l("Next contact agreed for"), validators=[Optional()],
                               description=_l("Leave empty to follow the rhythm."))


class EndSupportForm(BaseForm):
    ended_on = DateField(_l("Date the participant said so"), validators=[DataRequired()])
    participant_words = TextAreaField(
        _l("The participant's own words"), validators=[DataRequired(), Length(max=2000)],
        description=_l("Support ends only when the participant wants it to. Write what they said."))
