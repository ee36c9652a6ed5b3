from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..core.forms import BaseForm, choices
from .labels import PROPOSAL_STATUS_LABELS
from .models import ProposalStatus

OUTCOMES = (ProposalStatus.INTERVIEW, ProposalStatus.HIRED, ProposalStatus.NOT_HIRED, ProposalStatus.WITHDRAWN)


class ProposeForm(BaseForm):
    participant_id = HiddenField(validators=[DataRequired()])
    next = HiddenField()


class OutcomeForm(BaseForm):
    status = SelectField(_l("Outcome"), choices=choices((s, PROPOSAL_STATUS_LABELS[s]) for s in OUTCOMES))
    decided_on = DateField(_l("Date"), validators=[DataRequired()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)],
                          description=_l("What the employer said. Nothing about health."))
