"""Words shown for the participant side's fixed choices, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import (
    ClosedReason,
    ConsentDecision,
    ConsentForm,
    ConsentScope,
    CounsellingOccasion,
    DisclosureLevel,
    Outcome,
    ParticipantStatus,
    PartyKind,
    PeopleContact,
    PhysicalWork,
    Setting,
    SoundLevel,
)

STATUS_LABELS = {
    ParticipantStatus.WAITING_LIST: _l("Waiting list"),
    ParticipantStatus.PRE_SCREENING: _l("Pre-screening"),
    ParticipantStatus.ACTIVE: _l("Active"),
    ParticipantStatus.PASSIVE: _l("Passive"),
    ParticipantStatus.CLOSED: _l("Closed"),
}

OUTCOME_LABELS = {
    Outcome.WORK: _l("Work"),
    Outcome.STUDIES: _l("Studies"),
    Outcome.WORK_TRAINING: _l("Work training"),
    Outcome.REHABILITATION: _l("Rehabilitation"),
    Outcome.OTHER: _l("Other"),
}

CLOSED_REASON_LABELS = {
    ClosedReason.PARTICIPANT_WISH: _l("The participant's wish"),
    ClosedReason.CONSENT_WITHDRAWN: _l("Consent withdrawn"),
    ClosedReason.MOVED: _l("Moved away"),
    ClosedReason.OTHER: _l("Other reason"),
}

PARTY_KIND_LABELS = {
    PartyKind.EMPLOYER: _l("An employer"),
    PartyKind.ARBETSFORMEDLINGEN: _l("Arbetsförmedlingen"),
    PartyKind.FORSAKRINGSKASSAN: _l("Försäkringskassan"),
    PartyKind.PSYCHIATRY: _l("Psychiatry"),
    PartyKind.SOCIAL_SERVICES: _l("Social services"),
    PartyKind.SOCIAL_ENTERPRISE: _l("A social enterprise"),
    PartyKind.OTHER: _l("Another party"),
}

CONSENT_DECISION_LABELS = {ConsentDecision.GIVEN: _l("Given"), ConsentDecision.DECLINED: _l("Declined")}
CONSENT_FORM_LABELS = {ConsentForm.ORAL: _l("Oral"), ConsentForm.WRITTEN: _l("Written")}
CONSENT_SCOPE_LABELS = {
    ConsentScope.EXCHANGE: _l("Exchange information both ways"),
    ConsentScope.RECEIVE_ONLY: _l("Only receive information from the party"),
}

OCCASION_LABELS = {
    CounsellingOccasion.BEFORE_JOB_START: _l("Before a job start"),
    CounsellingOccasion.HOURS_CHANGE: _l("Hours change"),
    CounsellingOccasion.WAGE_CHANGE: _l("Wage change"),
    CounsellingOccasion.OTHER: _l("Other occasion"),
}

DISCLOSURE_LABELS = {
    DisclosureLevel.FULL: _l("Full"),
    DisclosureLevel.LIMITED: _l("Limited"),
    DisclosureLevel.NONE: _l("None"),
}
DISCLOSURE_HELP = {
    DisclosureLevel.FULL: _l("The employer may learn about the condition."),
    DisclosureLevel.LIMITED: _l("The employer knows the person has support through the programme; nothing about "
                                "the condition."),
    DisclosureLevel.NONE: _l("The specialist works behind the scenes and never contacts the employer on this "
                             "person's behalf."),
}
SHARE_LABELS = {
    "share_support": _l("That they get support through the programme"),
    "share_adjustments": _l("Needed adjustments at work"),
    "share_cv_gaps": _l("An explanation of gaps in the CV"),
    "share_condition": _l("The condition itself"),
}

SOUND_LABELS = {SoundLevel.QUIET: _l("Quiet"), SoundLevel.LIVELY: _l("Lively"), SoundLevel.EITHER: _l("Either")}
SETTING_LABELS = {Setting.INDOOR: _l("Indoors"), Setting.OUTDOOR: _l("Outdoors"), Setting.EITHER: _l("Either")}
PEOPLE_CONTACT_LABELS = {
    PeopleContact.MUCH: _l("Much contact with people"),
    PeopleContact.SOME: _l("Some contact with people"),
    PeopleContact.LITTLE: _l("Little contact with people"),
    PeopleContact.EITHER: _l("Either"),
}
PHYSICAL_LABELS = {
    PhysicalWork.WANTED: _l("Physical work wanted"),
    PhysicalWork.LIGHT: _l("Light physical work"),
    PhysicalWork.AVOID: _l("No physical work"),
    PhysicalWork.EITHER: _l("Either"),
}

NO_HEALTH_HINT = _l("Never write health details or diagnoses here.")
