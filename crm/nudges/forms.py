from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.validators import DataRequired

from ..core.forms import BaseForm


class SnoozeForm(BaseForm):
    until = DateField(_l("Show again on"), validators=[DataRequired()])
