"""Words shown for roles and sign-in refusals, in the user's language."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..core.clock import utcnow
from .models import Role
from .services import Throttle

ROLE_LABELS = {
    Role.JOB_SPECIALIST: _l("Job specialist"),
    Role.TEAM_LEAD: _l("Team lead"),
    Role.PARTNER: _l("Social-enterprise partner"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: Role) -> str:
    return ROLE_LABELS[Role(role)]


def throttle_message(throttle: Throttle) -> str | None:
    """What to tell someone who must wait before trying again (None when they need not)."""
    if throttle.allowed:
        return None
    seconds = max(1, int((throttle.retry_at - utcnow()).total_seconds()) + 1)
    return _("Too many failed attempts. Wait %(seconds)s seconds and try again.", seconds=seconds)
