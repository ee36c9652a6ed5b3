"""Words for the network room's fixed choices, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import ContactKind, FundsOutcome, Organisation

ORGANISATION_LABELS = {
    Organisation.ARBETSFORMEDLINGEN: _l("Arbetsförmedlingen"),
    Organisation.FORSAKRINGSKASSAN: _l("Försäkringskassan"),
    Organisation.CARE: _l("Psychiatry or primary care"),
    Organisation.SOCIAL_SERVICES: _l("Social services"),
    Organisation.SIP_COORDINATOR: _l("SIP coordinator"),
    Organisation.TRUSTEE: _l("Trustee"),
    Organisation.OTHER: _l("Other organisation"),
}

CONTACT_KIND_LABELS = {
    ContactKind.MEETING: _l("Meeting"),
    ContactKind.PHONE: _l("Phone call"),
    ContactKind.MESSAGE: _l("Message"),
}

FUNDS_OUTCOME_LABELS = {
    FundsOutcome.WORK: _l("Work (competitive)"),
    FundsOutcome.STUDIES: _l("Studies"),
    FundsOutcome.WORK_TRAINING: _l("Work training"),
    FundsOutcome.REHABILITATION: _l("Rehabilitation"),
    FundsOutcome.SICKNESS_COMPENSATION: _l("Permanent sickness compensation"),
    FundsOutcome.OTHER: _l("Other"),
    FundsOutcome.UNKNOWN: _l("Unknown"),
}
