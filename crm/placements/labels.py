from flask_babel import lazy_gettext as _l

from .models import EmploymentForm, EndReason

EMPLOYMENT_FORM_LABELS = {
    EmploymentForm.PERMANENT: _l("Permanent"),
    EmploymentForm.FIXED_TERM: _l("Fixed-term"),
    EmploymentForm.HOURLY: _l("Hourly"),
    EmploymentForm.WITH_SUBSIDY: _l("With employment support"),
    EmploymentForm.WORK_PLACEMENT: _l("Work placement (not employment)"),
}
END_REASON_LABELS = {
    EndReason.NEW_JOB: _l("Moved on to another job"),
    EndReason.RESIGNED: _l("The participant resigned"),
    EndReason.CONTRACT_ENDED: _l("The contract ended"),
    EndReason.DISMISSED: _l("The employer ended it"),
    EndReason.STUDIES: _l("Started studies"),
    EndReason.OTHER: _l("Other reason"),
}
