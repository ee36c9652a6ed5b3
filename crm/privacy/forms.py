from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..core.forms import BaseForm
from ..core.urls import MAX_RECORD_ID


class FindForm(BaseForm):
    class Meta:
        csrf = False  # a search: GET, changes nothing

    q = StringField(_l("Participant no. or name"), validators=[Optional(), Length(max=160)])


class EraseForm(BaseForm):
    confirm_id = IntegerField(_l("Type the participant's number to confirm"),
                              validators=[DataRequired(message=_l("Type the number to confirm.")),
                                          NumberRange(min=1, max=MAX_RECORD_ID)])
    reference = StringField(_l("Reference of the request (optional)"), validators=[Optional(), Length(max=60)],
                            description=_l("A diary number or date, never a name: it is kept in the audit trail."))
