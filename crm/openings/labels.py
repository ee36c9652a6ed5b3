"""Words shown for the fixed choices of analyses and openings, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import HiringProcess, Level, OpeningStatus, Setting, Soundscape, SubsidyOpenness

LEVEL_LABELS = {Level.LOW: _l("Low"), Level.MEDIUM: _l("Medium"), Level.HIGH: _l("High")}
SETTING_LABELS = {Setting.INDOOR: _l("Indoors"), Setting.OUTDOOR: _l("Outdoors"),
                  Setting.BOTH: _l("Indoors and outdoors")}
SOUNDSCAPE_LABELS = {Soundscape.QUIET: _l("Quiet"), Soundscape.MIXED: _l("Varies"), Soundscape.LIVELY: _l("Lively")}
SUBSIDY_LABELS = {SubsidyOpenness.YES: _l("Yes"), SubsidyOpenness.MAYBE: _l("Perhaps"),
                  SubsidyOpenness.NO: _l("No"), SubsidyOpenness.UNKNOWN: _l("Not known yet")}
HIRING_LABELS = {
    HiringProcess.DECIDING_MANAGER: _l("The manager we meet decides"),
    HiringProcess.HR: _l("Through HR"),
    HiringProcess.OWNER: _l("The owner decides"),
    HiringProcess.UNKNOWN: _l("Not known yet"),
}
OPENING_STATUS_LABELS = {OpeningStatus.OPEN: _l("Open"), OpeningStatus.FILLED: _l("Filled"),
                         OpeningStatus.WITHDRAWN: _l("Withdrawn")}
