from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..core.forms import BaseForm


class CodeForm(BaseForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)],
                       description=_l("The six digits your authenticator app shows, or one of your recovery codes."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text"})
