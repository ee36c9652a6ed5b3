"""Writes to participant records and the rules that guard them; every change goes to the audit trail."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from ..auth.models import User
from ..core.audit import AuditAction, audit
from ..core.clock import utcnow
from ..core.history import diff, snapshot
from ..core.locking import check_version, flush_edit
from ..employers.models import Employer
from ..extensions import db
from .disclosure import SHARE_FIELDS, current_choices
from .models import (
    BenefitsCounselling,
    CareerProfile,
    Consent,
    ConsentDecision,
    DisclosureChoice,
    DisclosureLevel,
    Education,
    JobPreferenceCode,
    JobPreferences,
    Outcome,
    Participant,
    ParticipantStatus,
    ParticipantStatusChange,
    PartyKind,
    PreferenceCodeKind,
    WorkExperience,
)

DETAIL_FIELDS = ("first_name", "last_name", "phone", "email", "preferred_language", "needs_interpreter",
                 "specialist_id", "entered_on")
PROFILE_FIELDS = ("strengths", "interests", "skills", "driving_licences", "languages")
EXPERIENCE_FIELDS = ("employer_name", "role", "from_year", "to_year", "what_worked", "what_did_not")
EDUCATION_FIELDS = ("programme", "school", "from_year", "to_year", "completed")
PREFERENCE_FIELDS = ("tasks_liked", "tasks_avoided", "hours_min", "hours_max", "weekdays", "evenings", "weekends",
                     "earliest_start_on", "max_travel_minutes", "sound_level", "setting", "people_contact",
                     "physical_work", "wage_floor", "must_haves", "must_avoids", "reviewed_on")
PREFERENCE_CODE_FIELDS = {"occupations": PreferenceCodeKind.OCCUPATION, "industries": PreferenceCodeKind.INDUSTRY,
                          "municipalities": PreferenceCodeKind.MUNICIPALITY}


class ParticipantRuleError(ValueError):
    """A rule about participant records was broken; `field` names the input, the message is shown."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _clean(values: dict, fields) -> dict:
    return {name: (None if values.get(name) == "" else values.get(name)) for name in fields if name in values}


def _changed(participant: Participant, user, action: AuditAction, what: str, now: datetime | None) -> None:
    now = now or utcnow()
    participant.updated_at = now
    audit(user, participant, action, what, now=now)


def _check_specialist(team_id: int, specialist_id: int | None) -> None:
    if specialist_id is None:
        return
    specialist = db.session.get(User, specialist_id)
    if specialist is None or not specialist.is_staff or specialist.team_id != team_id:
        raise ParticipantRuleError(_l("Choose a specialist of the team."), "specialist_id")


# --- The record and its status ------------------------------------------------------------
def create_participant(team, user, values: dict, status: ParticipantStatus = ParticipantStatus.WAITING_LIST,
                       now: datetime | None = None) -> Participant:
    values = _clean(values, DETAIL_FIELDS)
    _check_specialist(team.id, values.get("specialist_id"))
    now = now or utcnow()
    participant = Participant(team_id=team.id, status=status, created_at=now, updated_at=now, **values)
    participant.status_changes.append(ParticipantStatusChange(status=status, changed_on=participant.entered_on,
                                                              changed_by_id=user.id, changed_at=now))
    db.session.add(participant)
    db.session.flush()
    audit(user, participant, AuditAction.CREATE, "participant", now=now)
    return participant


def update_participant(participant: Participant, user, values: dict, seen_version: int | None = None,
                       now: datetime | None = None) -> Participant:
    """Apply an edit made on `seen_version` of the record; refuse it (EditConflict) if someone saved since."""
    check_version(participant, DETAIL_FIELDS, seen_version)
    values = _clean(values, DETAIL_FIELDS)
    _check_specialist(participant.team_id, values.get("specialist_id"))
    before = snapshot(participant, DETAIL_FIELDS)
    for name, value in values.items():
        setattr(participant, name, value)
    changes = diff(before, snapshot(participant, DETAIL_FIELDS))
    if changes:
        _changed(participant, user, AuditAction.UPDATE, "details: " + ", ".join(changes), now)
    flush_edit(participant, DETAIL_FIELDS)
    return participant


def change_status(participant: Participant, user, status: ParticipantStatus, on: date, today: date,
                  closed_reason=None, note: str | None = None, now: datetime | None = None) -> ParticipantStatusChange:
    """Move the participant to `status` from `on`. Closing needs a reason; the history stays in date order."""
    status = ParticipantStatus(status)
    if status == participant.status:
        raise ParticipantRuleError(_l("The participant already has that status."), "status")
    if on > today:
        raise ParticipantRuleError(_l("The date cannot be in the future."), "changed_on")
    if on < participant.entered_on:
        raise ParticipantRuleError(_l("The date cannot be before the programme entry date."), "changed_on")
    latest = participant.status_changes[0] if participant.status_changes else None
    if latest is not None and on < latest.changed_on:
        raise ParticipantRuleError(_l("The date cannot be before the latest status change."), "changed_on")
    if status == ParticipantStatus.CLOSED and not closed_reason:
        raise ParticipantRuleError(_l("Say why the participation ends."), "closed_reason")
    closed_reason = closed_reason if status == ParticipantStatus.CLOSED else None
    participant.status = status
    participant.closed_reason = closed_reason
    participant.closed_on = on if status == ParticipantStatus.CLOSED else None
    change = ParticipantStatusChange(status=status, changed_on=on, reason=note or None, closed_reason=closed_reason,
                                     changed_by_id=user.id, changed_at=now or utcnow())
    participant.status_changes.insert(0, change)
    _changed(participant, user, AuditAction.UPDATE, "status", now)
    db.session.flush()
    return change


def record_outcome(participant: Participant, user, outcome, on: date | None, today: date,
                   now: datetime | None = None) -> None:
    """The outcome category the reports count (work, studies, …); empty when not known."""
    if outcome and on is None:
        raise ParticipantRuleError(_l("Give the date."), "outcome_on")
    if on is not None and on > today:
        raise ParticipantRuleError(_l("The date cannot be in the future."), "outcome_on")
    participant.outcome = Outcome(outcome) if outcome else None
    participant.outcome_on = on if outcome else None
    _changed(participant, user, AuditAction.UPDATE, "outcome", now)
    db.session.flush()


# --- Career profile -------------------------------------------------------------------------
def save_career_profile(participant: Participant, user, values: dict, now: datetime | None = None) -> CareerProfile:
    if participant.career_profile is None:
        participant.career_profile = CareerProfile()
    profile = participant.career_profile
    before = snapshot(profile, PROFILE_FIELDS)
    for name, value in _clean(values, PROFILE_FIELDS).items():
        setattr(profile, name, value)
    changes = diff(before, snapshot(profile, PROFILE_FIELDS))
    if changes:
        now = now or utcnow()
        profile.updated_at, profile.updated_by_id = now, user.id
        _changed(participant, user, AuditAction.UPDATE, "career profile: " + ", ".join(changes), now)
    db.session.flush()
    return profile


ENTRY_KINDS = {
    # kind: (model, fields, the participant's collection)
    "experience": (WorkExperience, EXPERIENCE_FIELDS, "work_experiences"),
    "education": (Education, EDUCATION_FIELDS, "educations"),
}


def save_profile_entry(participant: Participant, user, kind: str, values: dict, entry=None,
                       now: datetime | None = None):
    """Add or edit one work experience or education of the career profile."""
    model, fields, collection = ENTRY_KINDS[kind]
    values = _clean(values, fields)
    if values.get("from_year") and values.get("to_year") and values["from_year"] > values["to_year"]:
        raise ParticipantRuleError(_l("The end year cannot be before the start year."), "to_year")
    if entry is None:
        entry = model()
        getattr(participant, collection).append(entry)
    for name, value in values.items():
        setattr(entry, name, value)
    _changed(participant, user, AuditAction.UPDATE, f"career profile: {kind}", now)
    db.session.flush()
    return entry


def remove_profile_entry(participant: Participant, user, kind: str, entry, now: datetime | None = None) -> None:
    getattr(participant, ENTRY_KINDS[kind][2]).remove(entry)
    _changed(participant, user, AuditAction.DELETE, f"career profile: {kind}", now)
    db.session.flush()


def add_benefits_session(participant: Participant, user, values: dict, today: date,
                         now: datetime | None = None) -> BenefitsCounselling:
    if values["held_on"] > today:
        raise ParticipantRuleError(_l("The date cannot be in the future."), "held_on")
    now = now or utcnow()
    session = BenefitsCounselling(held_on=values["held_on"], occasion=values["occasion"],
                                  notes=values.get("notes") or None, recorded_by_id=user.id, recorded_at=now)
    participant.benefits_sessions.insert(0, session)
    _changed(participant, user, AuditAction.CREATE, "benefits counselling", now)
    db.session.flush()
    return session


# --- Job preferences ----------------------------------------------------------------------------
def save_preferences(participant: Participant, user, values: dict, now: datetime | None = None) -> JobPreferences:
    """Replace the job preferences; `reviewed_on` records when they were last gone through together."""
    fields = _clean(values, PREFERENCE_FIELDS)
    if fields.get("hours_min") is not None and fields.get("hours_max") is not None \
            and fields["hours_min"] > fields["hours_max"]:
        raise ParticipantRuleError(_l("The lowest hours cannot be more than the highest."), "hours_max")
    if participant.preferences is None:
        participant.preferences = JobPreferences()
    preferences = participant.preferences
    before = snapshot(preferences, PREFERENCE_FIELDS) | {k: preferences.codes_of(v)
                                                         for k, v in PREFERENCE_CODE_FIELDS.items()}
    for name, value in fields.items():
        setattr(preferences, name, value)
    wanted = {(kind, code) for name, kind in PREFERENCE_CODE_FIELDS.items() for code in values.get(name) or ()}
    for existing in list(preferences.codes):
        if (existing.kind, existing.code) in wanted:
            wanted.discard((existing.kind, existing.code))
        else:
            preferences.codes.remove(existing)
    preferences.codes.extend(JobPreferenceCode(kind=kind, code=code) for kind, code in sorted(wanted))
    now = now or utcnow()
    preferences.updated_at, preferences.updated_by_id = now, user.id
    db.session.flush()
    after = snapshot(preferences, PREFERENCE_FIELDS) | {k: preferences.codes_of(v)
                                                        for k, v in PREFERENCE_CODE_FIELDS.items()}
    changes = diff(before, after)
    _changed(participant, user, AuditAction.UPDATE, "job preferences: " + (", ".join(changes) or "reviewed"), now)
    return preferences


# --- Consent ----------------------------------------------------------------------------------
def record_consent(participant: Participant, user, values: dict, today: date, now: datetime | None = None) -> Consent:
    """Document a decision about one party, whether yes or no."""
    kind = PartyKind(values["party_kind"])
    consent = Consent(
        party_kind=kind, decision=ConsentDecision(values["decision"]), form=values["form"],
        decided_on=values["decided_on"], scope=values["scope"], scope_note=values.get("scope_note") or None,
        valid_until=values.get("valid_until"), recorded_by_id=user.id, recorded_at=now or utcnow(),
    )
    if kind == PartyKind.EMPLOYER:
        employer = db.session.get(Employer, values.get("employer_id") or 0)
        if employer is None or employer.team_id != participant.team_id:
            raise ParticipantRuleError(_l("Choose an employer from the register."), "employer")
        consent.employer_id = employer.id
    elif kind == PartyKind.SOCIAL_ENTERPRISE:
        if not values.get("partner_organisation_id"):
            raise ParticipantRuleError(_l("Choose the social enterprise."), "partner_organisation_id")
        consent.partner_organisation_id = values["partner_organisation_id"]
    elif kind == PartyKind.OTHER:
        if not values.get("party_name"):
            raise ParticipantRuleError(_l("Name the party."), "party_name")
        consent.party_name = values["party_name"]
    if consent.decided_on > today:
        raise ParticipantRuleError(_l("The date cannot be in the future."), "decided_on")
    if consent.valid_until is not None and consent.valid_until < consent.decided_on:
        raise ParticipantRuleError(_l("The consent cannot end before it was given."), "valid_until")
    participant.consents.insert(0, consent)
    _changed(participant, user, AuditAction.CREATE, f"consent: {kind.value}", now)
    db.session.flush()
    return consent


def withdraw_consent(consent: Consent, user, on: date, today: date, now: datetime | None = None) -> None:
    """Withdrawal is dated, never a deletion: what was shared before stays explained."""
    if consent.decision != ConsentDecision.GIVEN or consent.withdrawn_on is not None:
        raise ParticipantRuleError(_l("Only a consent in force can be withdrawn."), "withdrawn_on")
    if on > today or on < consent.decided_on:
        raise ParticipantRuleError(_l("Give a date between the consent and today."), "withdrawn_on")
    consent.withdrawn_on, consent.withdrawn_by_id = on, user.id
    _changed(consent.participant, user, AuditAction.UPDATE, f"consent withdrawn: {consent.party_kind.value}", now)
    db.session.flush()


# --- Disclosure -------------------------------------------------------------------------------
def record_disclosure(participant: Participant, user, level: DisclosureLevel | None, shares: set[str],
                      decided_on: date, today: date, employer: Employer | None = None,
                      now: datetime | None = None) -> DisclosureChoice:
    """Add the participant's choice toward all employers (`employer` None) or one; a None level for an
    employer removes its override. Earlier choices stay as the history."""
    level = DisclosureLevel(level) if level else None
    shares = set(shares) & set(SHARE_FIELDS)
    if employer is not None and employer.team_id != participant.team_id:
        raise ParticipantRuleError(_l("Choose an employer from the register."), "employer")
    if level is None and (employer is None or current_choices(participant).get(employer.id) is None):
        raise ParticipantRuleError(_l("Choose a level."), "level")
    if level in (None, DisclosureLevel.NONE) and shares:
        raise ParticipantRuleError(_l("With no disclosure nothing is shared: clear the boxes."), "level")
    if level == DisclosureLevel.LIMITED and "share_condition" in shares:
        raise ParticipantRuleError(_l("The condition itself is shared only with full disclosure."), "level")
    if decided_on > today:
        raise ParticipantRuleError(_l("The date cannot be in the future."), "decided_on")
    choice = DisclosureChoice(employer_id=employer.id if employer else None, level=level, decided_on=decided_on,
                              recorded_by_id=user.id, recorded_at=now or utcnow(),
                              **{name: name in shares for name in SHARE_FIELDS})
    participant.disclosure_choices.insert(0, choice)
    _changed(participant, user, AuditAction.UPDATE, "disclosure" + (" override" if employer else " default"), now)
    db.session.flush()
    return choice
