"""Words shown for roles, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import Role

ROLE_LABELS = {
    Role.JOB_SPECIALIST: _l("Job specialist"),
    Role.TEAM_LEAD: _l("Team lead"),
    Role.PARTNER: _l("Social-enterprise partner"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: Role) -> str:
    return ROLE_LABELS[Role(role)]
