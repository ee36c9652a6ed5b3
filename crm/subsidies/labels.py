"""Words for the subsidy room's fixed choices, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import AgencyKind, NegotiationStatus

AGENCY_KIND_LABELS = {
    AgencyKind.ARBETSFORMEDLINGEN: _l("Arbetsförmedlingen"),
    AgencyKind.FORSAKRINGSKASSAN: _l("Försäkringskassan"),
    AgencyKind.PSYCHIATRY: _l("Psychiatry"),
    AgencyKind.SOCIAL_SERVICES: _l("Social services"),
    AgencyKind.OTHER: _l("Other agency"),
}

STATUS_LABELS = {
    NegotiationStatus.DRAFT: _l("Draft"),
    NegotiationStatus.RAISED_WITH_AF: _l("Raised with AF"),
    NegotiationStatus.AF_ASSESSING: _l("AF assessing"),
    NegotiationStatus.TERMS_PROPOSED: _l("Terms proposed"),
    NegotiationStatus.AGREED: _l("Agreed"),
    NegotiationStatus.DECIDED: _l("Decided"),
    NegotiationStatus.ACTIVE: _l("Active"),
    NegotiationStatus.REVIEW_DUE: _l("Review due"),
    NegotiationStatus.RENEWED: _l("Renewed"),
    NegotiationStatus.ENDED: _l("Ended"),
    NegotiationStatus.DECLINED: _l("Turned down"),
    NegotiationStatus.WITHDRAWN: _l("Withdrawn"),
}

# What the button for each next step says.
STEP_ACTION_LABELS = {
    NegotiationStatus.RAISED_WITH_AF: _l("Raised with AF"),
    NegotiationStatus.AF_ASSESSING: _l("AF is assessing"),
    NegotiationStatus.TERMS_PROPOSED: _l("Terms proposed"),
    NegotiationStatus.AGREED: _l("Terms agreed"),
    NegotiationStatus.DECIDED: _l("AF decided"),
    NegotiationStatus.ACTIVE: _l("Support started"),
    NegotiationStatus.REVIEW_DUE: _l("Review due"),
    NegotiationStatus.RENEWED: _l("Renewed"),
    NegotiationStatus.ENDED: _l("Ended"),
    NegotiationStatus.DECLINED: _l("Turned down"),
    NegotiationStatus.WITHDRAWN: _l("Withdrawn"),
}

TERM_LABELS = {
    "af_officer_id": _l("AF case officer"),
    "requested_share_percent": _l("Requested share of the wage cost (%)"),
    "agreed_share_percent": _l("Agreed share of the wage cost (%)"),
    "wage_basis": _l("Wage the share applies to (SEK a month)"),
    "decided_on": _l("Decision date"),
    "period_start_on": _l("Period from"),
    "period_end_on": _l("Period until"),
    "next_review_on": _l("Next review"),
    "shared_information": _l("Information shared, and with whom"),
    "support_type_id": _l("Type of support"),
}
