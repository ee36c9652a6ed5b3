"""Words shown for the contact log's fixed choices, in the user's language."""
from flask_babel import lazy_gettext as _l

from .models import ContactForm, ContactPurpose

FORM_LABELS = {
    ContactForm.FACE_TO_FACE: _l("Face-to-face visit"),
    ContactForm.PHONE: _l("Phone"),
    ContactForm.VIDEO: _l("Video"),
    ContactForm.EMAIL: _l("E-mail"),
    ContactForm.EVENT: _l("Event"),
}

PURPOSE_LABELS = {
    ContactPurpose.LEARN_NEEDS: _l("Learn the employer's needs"),
    ContactPurpose.JOB_DEVELOPMENT: _l("Job development for a participant"),
    ContactPurpose.FOLLOW_UP: _l("Follow-up support"),
    ContactPurpose.SUBSIDY: _l("Employment support matter"),
    ContactPurpose.OTHER: _l("Other"),
}

ENDING_LABELS = {
    "": _l("Plan a next step"),
    "pause": _l("No next step: pause the relationship (dormant)"),
    "close": _l("No next step: close the relationship"),
}
