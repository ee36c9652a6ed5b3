from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..core.clock import today
from ..core.forms import BaseForm, choices
from ..employers.fields import EmployerField
from .models import FORTNIGHTLY

RECURRENCES = ((FORTNIGHTLY, _l("Every second week")), ("FREQ=WEEKLY;INTERVAL=1", _l("Every week")))


class SeriesForm(BaseForm):
    title = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                        default=_l("Employer-strategy meeting"))
    first_on = DateField(_l("First meeting"), validators=[InputRequired()], default=today)
    starts_at = TimeField(_l("Time"), validators=[InputRequired()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    rrule = SelectField(_l("How often"), choices=choices(RECURRENCES), default=FORTNIGHTLY)


class MinutesForm(BaseForm):
    minutes = TextAreaField(_l("Minutes"), validators=[DataRequired(), Length(max=20000)],
                            description=_l("What was discussed and decided. Name participants by first name and "
                                           "initial, and never write health details here."),
                            render_kw={"rows": 8})


class ActionForm(BaseForm):
    text = StringField(_l("What is to be done"), validators=[DataRequired(), Length(max=300)],
                       description=_l("What is to be done, as: Visit the bakery with a profile."))
    owner_id = SelectField(_l("Who"), coerce=int, validators=[DataRequired(message=_l("Choose someone."))])
    due_on = DateField(_l("By when"), validators=[InputRequired()])
    employer = EmployerField(_l("Employer (optional)"), validators=[Optional()],
                             description=_l("The employer's name as in the register. About an employer, "
                                            "the action is also a next step on its page."))


class CompleteActionForm(BaseForm):
    note = StringField(_l("What was done (optional)"), validators=[Optional(), Length(max=300)])


class CarryActionForm(BaseForm):
    """An open action from an earlier meeting, reviewed and carried on to a new due date."""

    due_on = DateField(_l("New due date"), validators=[InputRequired()])


class SendMinutesForm(BaseForm):
    """Only the CSRF token: sending the saved minutes to the team."""
