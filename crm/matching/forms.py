from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from ..core.forms import BaseForm, choices
from .labels import PROPOSAL_STATUS_LABELS
from .models import ProposalStatus

OUTCOMES = (ProposalStatus.INTERVIEW, ProposalStatus.HIRED, ProposalStatus.NOT_HIRED, ProposalStatus.WITHDRAWN)


class ProposeForm(BaseForm):
    participant_id = IntegerField(widget=HiddenInput(), validators=[DataRequired(), NumberRange(min=1, max=2**31 - 1)])
    next = HiddenField()


class OutcomeForm(BaseForm):
    status = SelectField(_l("Outcome"), choices=choices((s, PROPOSAL_STATUS_LABELS[s]) for s in OUTCOMES))
    decided_on = DateField(_l("Date"), validators=[DataRequired()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)],
                          description=_l("What the employer said. Nothing about health."))
