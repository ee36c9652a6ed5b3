"""Writes for wage-subsidy negotiations, and the rules that guard them: the state machine
(states.py), consent toward AF and the employer, and at least limited disclosure to that employer."""
from datetime import date, datetime

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core.audit import AuditAction, audit
from ..core.clock import utcnow
from ..core.formats import text_date
from ..core.history import diff, snapshot
from ..core.locking import check_version
from ..extensions import db
from ..participants.consent import ConsentMissing, require_consent
from ..participants.disclosure import effective_disclosure
from ..participants.models import DisclosureLevel, PartyKind
from .labels import STATUS_LABELS, TERM_LABELS
from .models import AgencyContact, AgencyKind, Negotiation, NegotiationStatus, NegotiationStep, SupportType
from .states import REQUIRED_TERMS, SHARING_STATUSES, STEP_TERMS, TRANSITIONS, allowed_next

TERM_FIELDS = ("support_type_id", "af_officer_id", "requested_share_percent", "agreed_share_percent", "wage_basis",
               "decided_on", "period_start_on", "period_end_on", "next_review_on", "shared_information")
SUPPORT_TYPE_FIELDS = ("code", "name_sv", "name_en", "max_months", "review_months", "active", "notes")
AGENCY_CONTACT_FIELDS = ("kind", "organisation", "name", "role", "phone", "email")


class NegotiationError(ValueError):
    """A negotiation rule was broken. `messages` says everything that is wrong, for the user
    (lazy strings: they take the language of whoever reads them)."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = list(messages)

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


# --- The sharing rule ---------------------------------------------------------------------
def sharing_problems(participant, employer, on: date) -> list[str]:
    """Why information about `participant` may not go to AF and `employer` in a negotiation on `on`:
    every missing consent and a disclosure below "limited". Empty when all is in order."""
    problems = []
    for party_kind, party in ((PartyKind.ARBETSFORMEDLINGEN, None), (PartyKind.EMPLOYER, employer.id)):
        try:
            require_consent(participant, party_kind, party, on)
        except ConsentMissing as missing:
            problems.append(missing.args[0])
    level = effective_disclosure(participant, employer.id, on)
    if level is None:
        problems.append(_l(
            "%(person)s has not chosen yet what %(employer)s may learn. Employment support tells the employer that "
            "the work capacity is reduced, so it needs at least limited disclosure.",
            person=participant.name, employer=employer.name))
    elif level == DisclosureLevel.NONE:
        problems.append(_l(
            "%(person)s has chosen no disclosure toward %(employer)s. Employment support tells the employer that "
            "the work capacity is reduced, so it needs at least limited disclosure.",
            person=participant.name, employer=employer.name))
    return problems


def _require_sharing(participant, employer, on: date) -> None:
    problems = sharing_problems(participant, employer, on)
    if problems:
        raise NegotiationError(*problems)


# --- Negotiations -------------------------------------------------------------------------
def create_negotiation(participant, employer, user, values: dict, on: date, opening=None, placement=None,
                       now: datetime | None = None) -> Negotiation:
    """Start a negotiation as a draft. It names the participant toward AF and the employer, so the
    sharing rule applies from the first moment."""
    problems = []
    if employer.team_id != participant.team_id:
        problems.append(_l("Choose an employer from the team's register."))
    if opening is not None and opening.employer_id != employer.id:
        problems.append(_l("The opening belongs to another employer."))
    if placement is not None and (placement.participant_id != participant.id or placement.employer_id != employer.id):
        problems.append(_l("The job start is not this participant's job at this employer."))
    support_type = db.session.get(SupportType, values.get("support_type_id") or 0)
    if support_type is None or not support_type.active:
        problems.append(_l("Choose a type of support."))
    problems += _term_problems(participant.team_id, values)
    if problems:
        raise NegotiationError(*problems)
    _require_sharing(participant, employer, on)
    now = now or utcnow()
    negotiation = Negotiation(
        team_id=participant.team_id, participant_id=participant.id, employer_id=employer.id,
        opening_id=opening.id if opening else None, placement_id=placement.id if placement else None,
        status=NegotiationStatus.DRAFT, created_by_id=user.id, created_at=now, updated_at=now,
        **{name: values.get(name) or None for name in TERM_FIELDS},
    )
    negotiation.steps.append(NegotiationStep(from_status=None, to_status=NegotiationStatus.DRAFT, taken_on=on,
                                             by_id=user.id, notes=values.get("notes") or None, recorded_at=now))
    db.session.add(negotiation)
    db.session.flush()
    audit(user, participant, AuditAction.CREATE, "wage subsidy negotiation", now)
    return negotiation


def advance(negotiation: Negotiation, to_status: NegotiationStatus | str, user, on: date, notes: str | None = None,
            seen_version: int | None = None, now: datetime | None = None, **terms) -> NegotiationStep:
    """Move the negotiation one step, recording the terms the step brings. Everything is checked
    before anything changes: an illegal step, missing terms or a missing consent change nothing."""
    current, target = negotiation.status, NegotiationStatus(to_status)
    if target not in TRANSITIONS[current]:
        raise NegotiationError(illegal_step_message(current, target))
    unknown = set(terms) - set(STEP_TERMS[target])
    if unknown:
        raise TypeError(f"a step to {target} does not record {sorted(unknown)}")
    check_version(negotiation, TERM_FIELDS, seen_version)
    terms = {name: (value if value != "" else None) for name, value in terms.items()}
    before = snapshot(negotiation, TERM_FIELDS)
    after = {**before, **terms}
    problems = _step_problems(negotiation, target, on, before, after)
    if problems:
        raise NegotiationError(*problems)
    if target in SHARING_STATUSES:
        _require_sharing(negotiation.participant, negotiation.employer, on)
    now = now or utcnow()
    for name, value in terms.items():
        setattr(negotiation, name, value)
    negotiation.status, negotiation.updated_at = target, now
    step = NegotiationStep(from_status=current, to_status=target, taken_on=on, by_id=user.id,
                           notes=notes or None, changes=_plain(diff(before, snapshot(negotiation, TERM_FIELDS))),
                           recorded_at=now)
    negotiation.steps.insert(0, step)
    db.session.flush()
    audit(user, negotiation.participant, AuditAction.UPDATE, f"wage subsidy negotiation: {target.value}", now)
    return step


def _plain(changes: dict) -> dict:
    """Dates as ISO strings, so the changes fit a JSON column."""
    return {name: [v.isoformat() if isinstance(v, date) else v for v in pair] for name, pair in changes.items()}


def illegal_step_message(current: NegotiationStatus, target: NegotiationStatus) -> LazyString:
    allowed = allowed_next(current)
    if not allowed:
        return _l("The negotiation is %(current)s and closed: no further steps can be recorded.",
                  current=STATUS_LABELS[current])
    return LazyString(lambda: _(
        "A negotiation that is “%(current)s” cannot go to “%(target)s”. Possible next steps: %(allowed)s.",
        current=STATUS_LABELS[current], target=STATUS_LABELS[target],
        allowed=", ".join(str(STATUS_LABELS[status]) for status in allowed)))


def _step_problems(negotiation: Negotiation, target: NegotiationStatus, on: date, before: dict,
                   after: dict) -> list:
    problems = []
    latest = max((step.taken_on for step in negotiation.steps), default=None)
    if latest is not None and on < latest:
        problems.append(_l("A step cannot be dated before the previous one (%(date)s).", date=text_date(latest)))
    missing = [TERM_LABELS[name] for name in REQUIRED_TERMS.get(target, ()) if after.get(name) in (None, "")]
    if missing:
        problems.append(LazyString(lambda: _("“%(target)s” needs: %(fields)s.", target=STATUS_LABELS[target],
                                             fields=", ".join(str(label) for label in missing))))
    if (target == NegotiationStatus.RENEWED and before["period_end_on"] and after["period_end_on"]
            and after["period_end_on"] <= before["period_end_on"]):
        problems.append(_l("A renewal runs past the current period: give an end date after %(date)s.",
                           date=text_date(before["period_end_on"])))
    return problems + _term_problems(negotiation.team_id, after)


def _term_problems(team_id: int, terms: dict) -> list:
    problems = []
    for name in ("requested_share_percent", "agreed_share_percent"):
        value = terms.get(name)
        if value is not None and not 0 < value <= 100:
            problems.append(_l("%(field)s: a share between 1 and 100 %%.", field=TERM_LABELS[name]))
    if terms.get("wage_basis") is not None and terms["wage_basis"] <= 0:
        problems.append(_l("The wage the share applies to must be more than 0."))
    start, end, review = terms.get("period_start_on"), terms.get("period_end_on"), terms.get("next_review_on")
    if start and end and end < start:
        problems.append(_l("The period cannot end before it starts."))
    if start and review and review < start:
        problems.append(_l("The next review cannot come before the period starts."))
    if terms.get("af_officer_id") and _af_officer(team_id, terms["af_officer_id"]) is None:
        problems.append(_l("Choose a case officer at Arbetsförmedlingen from the team's directory."))
    return problems


def _af_officer(team_id: int, contact_id: int) -> AgencyContact | None:
    contact = db.session.get(AgencyContact, contact_id)
    ok = contact is not None and contact.team_id == team_id and contact.kind == AgencyKind.ARBETSFORMEDLINGEN
    return contact if ok else None


# --- The participant's AF case officer ----------------------------------------------------------
def set_af_case_officer(participant, user, contact_id: int | None, now: datetime | None = None) -> None:
    if contact_id and _af_officer(participant.team_id, contact_id) is None:
        raise NegotiationError(_l("Choose a case officer at Arbetsförmedlingen from the team's directory."))
    participant.af_case_officer_id = contact_id or None
    db.session.flush()
    audit(user, participant, AuditAction.UPDATE, "AF case officer", now)


# --- Reference data and the directory --------------------------------------------------------------
def save_support_type(support_type: SupportType | None, values: dict) -> SupportType:
    values = {name: values.get(name) for name in SUPPORT_TYPE_FIELDS}
    values["notes"] = values["notes"] or None
    taken = db.session.scalar(select(SupportType).where(SupportType.code == values["code"]))
    if taken is not None and taken is not support_type:
        raise NegotiationError(_l("Another type of support already has this code."))
    if support_type is None:
        support_type = SupportType()
        db.session.add(support_type)
    for name, value in values.items():
        setattr(support_type, name, value)
    db.session.flush()
    return support_type


def save_agency_contact(team_id: int, contact: AgencyContact | None, values: dict) -> AgencyContact:
    if contact is None:
        contact = AgencyContact(team_id=team_id)
        db.session.add(contact)
    for name in AGENCY_CONTACT_FIELDS:
        setattr(contact, name, values.get(name) or None if name in ("role", "phone", "email") else values[name])
    db.session.flush()
    return contact
