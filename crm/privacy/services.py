"""A participant's rights over their data: a copy of everything held (GDPR art. 15 and 20) and
erasure (art. 17), and the retention rule that lists closed participants for erasure."""
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.parser import BytesParser

from dateutil.relativedelta import relativedelta
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Text, and_, cast, func, or_, select, update

from ..auth.models import Team
from ..core.audit import AuditAction, audit
from ..core.database import escape_like
from ..core.mail import outbox_folder
from ..extensions import db
from ..participants.models import Participant, ParticipantStatus
from .inventory import HOLDINGS
from .redaction import Redactor

# Short texts in String columns that people write freely (longer texts are Text or JSON columns,
# which are all swept). Names of employers, contact persons and users are not swept: another
# person may have the same name.
FREE_TEXT_STRINGS = {("next_steps", "what"), ("meeting_actions", "text"), ("meeting_actions", "done_note"),
                     ("access_logs", "what")}


class ErasureRefused(Exception):
    """The participant cannot be erased now; the message is for the user."""


ALREADY_ERASED = _l("This participant has already been erased.")
NOT_CLOSED = _l("Only a closed participant can be erased. Ask the job specialist to close the participation "
                "first (reason: the participant's own wish).")


@dataclass(frozen=True)
class ErasureReport:
    records: dict[str, int]  # per holding: rows anonymised or removed
    texts_elsewhere: int  # free texts elsewhere in which the person's name or details were cut out
    outbox_messages: int


@dataclass(frozen=True)
class PersonRedactors:
    """In the person's own records even a first name alone is theirs; in e-mails "Anna S." is how
    reminders name them; anywhere else only the full name, phone and e-mail surely mean them."""

    own_records: Redactor
    mail: Redactor
    elsewhere: Redactor

    @classmethod
    def of(cls, participant: Participant) -> "PersonRedactors":
        full = f"{participant.first_name} {participant.last_name}"
        details = {"phones": [participant.phone], "emails": [participant.email]}
        return cls(Redactor(names=[full, participant.first_name, participant.last_name],
                            short_names=[participant.short_name], **details),
                   Redactor(names=[full], short_names=[participant.short_name], **details),
                   Redactor(names=[full], **details))


def erase_participant(participant: Participant, user, now: datetime, reference: str | None = None) -> ErasureReport:
    """Anonymise the participant everywhere, irreversibly, keeping what the team's figures count.
    `reference` (the request's diary number) goes to the audit trail."""
    if participant.erased_at is not None:
        raise ErasureRefused(ALREADY_ERASED)
    if participant.status != ParticipantStatus.CLOSED:
        raise ErasureRefused(NOT_CLOSED)
    redactors = PersonRedactors.of(participant)
    records = {}
    for holding in HOLDINGS:
        rows = db.session.scalars(holding.rows(participant.id)).all()
        for row in rows:
            if holding.delete:
                db.session.delete(row)
                continue
            for column, value in holding.erase.items():
                setattr(row, column, value)
            for column in holding.redact:
                setattr(row, column, redactors.own_records.value(getattr(row, column)))
        records[holding.key] = len(rows)
    participant.erased_at, participant.erased_by_id = now, user.id
    db.session.flush()
    texts = _sweep_free_texts(redactors.elsewhere)
    outbox = _redact_outbox(redactors.mail)
    audit(user, participant, AuditAction.DELETE, f"erasure (ref. {reference})" if reference else "erasure", now=now)
    db.session.flush()
    return ErasureReport(records, texts, outbox)


def _free_text_columns():
    for table in db.metadata.sorted_tables:
        if table.name == Participant.__tablename__:
            continue
        columns = [c for c in table.columns
                   if isinstance(c.type, Text | JSON) or (table.name, c.name) in FREE_TEXT_STRINGS]
        if columns:
            yield table, columns


def _sweep_free_texts(redactor: Redactor) -> int:
    """Every free text in the database that names the person: found by LIKE, cut by the redactor."""
    changed = 0
    for table, columns in _free_text_columns():
        key = list(table.primary_key.columns)
        found = or_(*[cast(column, Text).ilike(f"%{escape_like(term)}%", escape="\\")
                      for column in columns for term in redactor.search_terms])
        for row in db.session.execute(select(*key, *columns).where(found)).all():
            values = {column.name: redactor.value(row._mapping[column]) for column in columns}
            values = {name: value for name, value in values.items() if value != row._mapping[table.c[name]]}
            if not values:
                continue
            if "version" in table.c:  # an open edit form must not write the old text back
                values["version"] = table.c.version + 1
            db.session.execute(update(table).where(and_(*[k == row._mapping[k] for k in key])).values(values))
            changed += 1
    db.session.expire_all()
    return changed


def _redact_outbox(redactor: Redactor) -> int:
    """Digest e-mails kept as files when no mail server is configured (mail already sent over SMTP is
    beyond reach: the digest carries first names and initials only)."""
    folder = outbox_folder()
    changed = 0
    for path in sorted(folder.glob("*.eml")) if folder.is_dir() else ():
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        touched = False
        for part in message.walk():
            if part.get_content_maintype() != "text" or part.is_multipart():
                continue
            text = part.get_content()
            redacted = redactor.text(text)
            if redacted != text:
                part.set_content(redacted, subtype=part.get_content_subtype())
                touched = True
        if touched:
            path.write_bytes(bytes(message))
            changed += 1
    return changed


RETENTION_SHOWN = 200


def retention_due(today: date, limit: int = RETENTION_SHOWN) -> tuple[list[Participant], int]:
    """Closed participants whose team's retention period has passed since closing, oldest first
    (at most `limit` of them), and how many there are in all."""
    teams = db.session.execute(select(Team.id, Team.retention_months)).all()
    if not teams:
        return [], 0
    past = or_(*[and_(Participant.team_id == team_id, Participant.closed_on <= today - relativedelta(months=months))
                 for team_id, months in teams])
    due = select(Participant).where(Participant.status == ParticipantStatus.CLOSED,
                                    Participant.erased_at.is_(None), past)
    total = db.session.scalar(select(func.count()).select_from(due.subquery()))
    if not (total and limit):
        return [], total
    rows = db.session.scalars(due.options(db.joinedload(Participant.team))
                              .order_by(Participant.closed_on, Participant.id).limit(limit)).all()
    return rows, total
