"""Words shown for the employer register's fixed choices, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import Sector, SizeBand, Stage

STAGE_LABELS = {
    Stage.PROSPECT: _l("Prospect"),
    Stage.CONTACTED: _l("Contacted"),
    Stage.RELATIONSHIP: _l("Relationship"),
    Stage.HIRING_PARTNER: _l("Hiring partner"),
    Stage.DORMANT: _l("Dormant"),
    Stage.CLOSED: _l("Closed"),
}

SECTOR_LABELS = {
    Sector.PRIVATE: _l("Private"),
    Sector.PUBLIC: _l("Public"),
    Sector.NON_PROFIT: _l("Non-profit"),
}

SIZE_LABELS = {
    SizeBand.MICRO: _l("1–9 employees"),
    SizeBand.SMALL: _l("10–49 employees"),
    SizeBand.MEDIUM: _l("50–249 employees"),
    SizeBand.LARGE: _l("250 or more employees"),
}
