"""Import every room's models so that SQLAlchemy and Alembic see the whole schema."""
from .auth.models import AccountEvent, LoginThrottle, PasswordToken, Role, Team, User  # noqa: F401
from .calendar.models import CalendarFeed  # noqa: F401
from .contacts.models import EmployerContact, NextStep  # noqa: F401
from .core.audit import AccessLog  # noqa: F401
from .core.history import RecordChange  # noqa: F401
from .core.mail import SentMail  # noqa: F401
from .core.scheduler import SchedulerLease  # noqa: F401
from .employers.models import ContactPerson, Employer, Tag  # noqa: F401
from .followup.models import FollowUpContact, FollowUpPlan  # noqa: F401
from .imports.models import DuplicateDismissal, ImportJob, ImportMapping  # noqa: F401
from .leads.models import Lead, LeadSearch  # noqa: F401
from .matching.models import Proposal  # noqa: F401
from .meetings.models import Meeting, MeetingAction, MeetingSeries  # noqa: F401
from .network.models import (  # noqa: F401
    NetworkContact,
    NetworkMember,
    NetworkStep,
    Sip,
    SipAction,
    SipMeeting,
    SipParty,
    SupportEnding,
)
from .nudges.models import Nudge  # noqa: F401
from .openings.models import JobAnalysis, Opening  # noqa: F401
from .participants.models import (  # noqa: F401
    BenefitsCounselling,
    CareerProfile,
    Consent,
    DisclosureChoice,
    Education,
    JobPreferenceCode,
    JobPreferences,
    Participant,
    ParticipantStatusChange,
    WorkExperience,
)
from .partners.models import Listing, PartnerOrganisation, Referral  # noqa: F401
from .placements.models import Placement  # noqa: F401
from .sessions.models import UserSession  # noqa: F401
from .subsidies.models import AgencyContact, Negotiation, NegotiationStep, SupportType  # noqa: F401
from .twofactor.models import RecoveryCode, SecondFactor  # noqa: F401
