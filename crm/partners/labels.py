"""Words shown for listings and referrals, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import ListingKind, ListingStatus, ReferralStatus

LISTING_KIND_LABELS = {
    ListingKind.PAID_EMPLOYMENT: _l("Paid employment on ordinary terms"),
    ListingKind.WORK_PLACEMENT: _l("Work placement"),
}
LISTING_STATUS_LABELS = {ListingStatus.OPEN: _l("Open"), ListingStatus.CLOSED: _l("Closed")}
REFERRAL_STATUS_LABELS = {
    ReferralStatus.PENDING: _l("Waiting for an answer"),
    ReferralStatus.ACCEPTED: _l("Accepted"),
    ReferralStatus.DECLINED: _l("Turned down"),
    ReferralStatus.WITHDRAWN: _l("Withdrawn"),
}
