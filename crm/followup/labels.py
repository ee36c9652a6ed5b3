"""Words shown for follow-up's fixed choices, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import Audience, FollowUpForm, PlanStatus
from .schedule import Kind

STATUS_LABELS = {
    PlanStatus.ACTIVE: _l("Active"),
    PlanStatus.PASSIVE: _l("Passive"),
    PlanStatus.ENDED: _l("Ended at the participant's wish"),
}
AUDIENCE_LABELS = {
    Audience.EMPLOYEE: _l("The employee"),
    Audience.EMPLOYER: _l("The employer's supervisor"),
}
FORM_LABELS = {
    FollowUpForm.FACE_TO_FACE: _l("Face to face"),
    FollowUpForm.PHONE: _l("Phone"),
    FollowUpForm.VIDEO: _l("Video"),
    FollowUpForm.EMAIL: _l("E-mail"),
}
KIND_LABELS = {
    Kind.BEFORE_START: _l("In the week before the start"),
    Kind.AFTER_START: _l("Within three days of the start"),
    Kind.FIRST_MONTH: _l("Weekly in the first month"),
    Kind.RHYTHM: _l("Ongoing rhythm"),
    Kind.AGREED: _l("Agreed date"),
    Kind.AFTER_JOB_END: _l("Within three days of the job ending"),
}
RHYTHM_LABELS = {
    "weekly": _l("Every week"),
    "every_2_weeks": _l("Every two weeks"),
    "monthly": _l("Every month"),
    "every_2_months": _l("Every two months"),
    "every_3_months": _l("Every three months"),
}
CHANGE_LABELS = {
    "created": _l("made the plan"),
    "updated": _l("changed the rhythm"),
    "ended": _l("ended support at the participant's wish"),
    "passive": _l("made the plan passive"),
    "reactivated": _l("reactivated the plan"),
}
