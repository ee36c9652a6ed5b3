"""Import every room's models so that SQLAlchemy and Alembic see the whole schema."""
from .auth.models import LoginThrottle, Role, Team, User  # noqa: F401
from .core.history import RecordChange  # noqa: F401
from .employers.models import ContactPerson, Employer  # noqa: F401
from .participants.models import Participant, ParticipantStatusChange  # noqa: F401
from .partners.models import PartnerOrganisation  # noqa: F401
