"""Finding participants across every team, for an admin answering a request about someone's data."""
from sqlalchemy import func, select

from ..core.database import escape_like
from ..core.urls import MAX_RECORD_ID
from ..extensions import db
from ..participants.models import Participant

LIMIT = 50


def find_participants(term: str) -> list[Participant]:
    """By number, or by first name, last name or both (any case); at most LIMIT, erased ones too."""
    term = " ".join(term.split())
    if not term:
        return []
    if term.isdigit():
        if int(term) > MAX_RECORD_ID:
            return []
        where = Participant.id == int(term)
    else:
        full = func.lower(Participant.first_name + " " + Participant.last_name)
        where = full.like(f"%{escape_like(term.lower())}%", escape="\\")
    return db.session.scalars(
        select(Participant).where(where).options(db.joinedload(Participant.team))
        .order_by(Participant.last_name, Participant.first_name, Participant.id).limit(LIMIT)
    ).all()
