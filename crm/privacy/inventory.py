"""Everything the app holds about one participant, in one list: what the export copies out and
what erasure removes. A table that refers to participants and is missing here is a leak, so a test
checks this list against the schema's foreign keys.

Erasure keeps rows and dates, kinds, numbers and links, because the team's figures (job starts,
employer contacts, fidelity, outcomes) count them; it removes what identifies or describes the
person: names, contact details and every free text.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import selectinload

from ..contacts.models import EmployerContact, NextStep, employer_contact_participants
from ..core.audit import AccessLog
from ..core.history import RecordChange
from ..extensions import db
from ..followup.models import FollowUpContact, FollowUpPlan
from ..matching.models import Proposal
from ..nudges.models import Nudge
from ..participants.models import (
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
from ..partners.models import Referral
from ..placements.models import Placement
from ..subsidies.models import Negotiation, NegotiationStep

ERASED_NAME = "–"


@dataclass(frozen=True)
class Holding:
    """One kind of record held about a participant.

    `erase` gives the value each listed column gets on erasure; `delete` removes the rows instead
    (nothing in them feeds a figure); `redact` names texts that also belong to others (an
    employer's log, the audit trail): only the person's names and contact details are cut out.
    `shown` labels the columns the readable copy shows; a holding without it is internal (kept in
    step by erasure, left out of the copy).
    """

    key: str
    title: Any
    rows: Callable[[int], Select]
    shown: dict[str, Any] = field(default_factory=dict)
    erase: dict[str, Any] = field(default_factory=dict)
    delete: bool = False
    redact: tuple[str, ...] = ()

    @property
    def model(self):
        return self.rows(0).column_descriptions[0]["entity"]


def _owned(model):
    """Rows of a table with a participant_id of its own."""
    return lambda pid: select(model).where(model.participant_id == pid).order_by(model.id)


def _plans(pid: int) -> Select:
    return select(FollowUpPlan.id).join(Placement, Placement.id == FollowUpPlan.placement_id).where(
        Placement.participant_id == pid)


def _negotiations(pid: int) -> Select:
    return select(Negotiation.id).where(Negotiation.participant_id == pid)


def _contacts(pid: int) -> Select:
    return select(employer_contact_participants.c.contact_id).where(
        employer_contact_participants.c.participant_id == pid)


def _nudges(pid: int) -> Select:
    """Reminders about the person or their job starts, follow-up plans and subsidies (they carry a name)."""
    return select(Nudge).where(or_(
        and_(Nudge.subject_type == "participant", Nudge.subject_id == pid),
        and_(Nudge.subject_type == "placement",
             Nudge.subject_id.in_(select(Placement.id).where(Placement.participant_id == pid))),
        and_(Nudge.subject_type == "followup_plan", Nudge.subject_id.in_(_plans(pid))),
        and_(Nudge.subject_type == "negotiation", Nudge.subject_id.in_(_negotiations(pid))),
    )).order_by(Nudge.id)


def _changes(pid: int) -> Select:
    """History entries of the person's follow-up plans and of log entries that concern them."""
    return select(RecordChange).where(or_(
        and_(RecordChange.entity_type == FollowUpPlan.__tablename__, RecordChange.entity_id.in_(_plans(pid))),
        and_(RecordChange.entity_type == EmployerContact.__tablename__, RecordChange.entity_id.in_(_contacts(pid))),
    )).order_by(RecordChange.id)


DATE = _l("Date")
NOTES = _l("Notes")
STATUS = _l("Status")
EMPLOYER = _l("Employer")

HOLDINGS: tuple[Holding, ...] = (
    Holding("participant", _l("Personal details"), lambda pid: select(Participant).where(Participant.id == pid),
            shown={"id": _l("Participant no."), "first_name": _l("First name"), "last_name": _l("Last name"),
                   "phone": _l("Phone"), "email": _l("E-mail"), "preferred_language": _l("Preferred language"),
                   "needs_interpreter": _l("Needs an interpreter"), "entered_on": _l("Entered the service"),
                   "status": STATUS, "closed_on": _l("Closed on"), "closed_reason": _l("Why closed"),
                   "outcome": _l("Outcome")},
            erase={"first_name": ERASED_NAME, "last_name": ERASED_NAME, "phone": None, "email": None,
                   "preferred_language": None, "needs_interpreter": False, "af_case_officer_id": None}),
    Holding("status_changes", _l("Status history"), _owned(ParticipantStatusChange),
            shown={"changed_on": DATE, "status": STATUS, "reason": _l("Reason")}, erase={"reason": None}),
    Holding("consents", _l("Consents"), _owned(Consent),
            shown={"decided_on": DATE, "party_kind": _l("Party"), "party_name": _l("Name"),
                   "decision": _l("Decision"), "form": _l("Form"), "scope": _l("Scope"),
                   "scope_note": NOTES, "valid_until": _l("Valid until"), "withdrawn_on": _l("Withdrawn on")},
            delete=True),
    Holding("career_profile", _l("Career profile"), _owned(CareerProfile),
            shown={"strengths": _l("Strengths"), "interests": _l("Interests"), "skills": _l("Skills"),
                   "driving_licences": _l("Driving licences"), "languages": _l("Languages")},
            delete=True),
    Holding("work_experiences", _l("Work experience"), _owned(WorkExperience),
            shown={"employer_name": EMPLOYER, "role": _l("Role"), "from_year": _l("From"), "to_year": _l("To"),
                   "what_worked": _l("What worked"), "what_did_not": _l("What did not work")},
            delete=True),
    Holding("educations", _l("Education"), _owned(Education),
            shown={"programme": _l("Programme"), "school": _l("School"), "from_year": _l("From"),
                   "to_year": _l("To"), "completed": _l("Completed")},
            delete=True),
    Holding("benefits_counselling", _l("Benefits counselling"), _owned(BenefitsCounselling),
            shown={"held_on": DATE, "occasion": _l("Occasion"), "notes": NOTES}, erase={"notes": None}),
    Holding("job_preferences", _l("Job preferences"), _owned(JobPreferences),
            shown={"tasks_liked": _l("Tasks liked"), "tasks_avoided": _l("Tasks to avoid"),
                   "hours_min": _l("Hours a week, at least"), "hours_max": _l("Hours a week, at most"),
                   "max_travel_minutes": _l("Longest journey (minutes)"), "wage_floor": _l("Lowest wage"),
                   "must_haves": _l("Must have"), "must_avoids": _l("Must avoid"),
                   "reviewed_on": _l("Reviewed on")},
            erase={"tasks_liked": None, "tasks_avoided": None, "must_haves": None, "must_avoids": None}),
    Holding("preference_codes", _l("Occupations and places wanted"),
            lambda pid: select(JobPreferenceCode).join(JobPreferences).where(JobPreferences.participant_id == pid)
            .order_by(JobPreferenceCode.id),
            shown={"kind": _l("Kind"), "code": _l("Code")}),
    Holding("disclosure_choices", _l("Disclosure choices"), _owned(DisclosureChoice),
            shown={"decided_on": DATE, "employer_id": _l("Employer no."), "level": _l("Disclosure"),
                   "share_support": _l("That they have support"), "share_adjustments": _l("Adjustments"),
                   "share_cv_gaps": _l("Gaps in the CV"), "share_condition": _l("The condition")},
            delete=True),
    Holding("employer_contacts", _l("Employer contacts that concerned the participant"),
            lambda pid: select(EmployerContact).where(EmployerContact.id.in_(_contacts(pid)))
            .options(selectinload(EmployerContact.employer)).order_by(EmployerContact.contacted_at),
            shown={"contacted_at": DATE, "employer.name": EMPLOYER, "form": _l("Form"), "purpose": _l("Purpose"),
                   "summary": _l("What happened"), "outcome": _l("Outcome")},
            redact=("summary", "outcome")),
    Holding("next_steps", _l("Next steps"),
            lambda pid: select(NextStep).where(NextStep.contact_id.in_(_contacts(pid))).order_by(NextStep.id),
            redact=("what",)),
    Holding("placements", _l("Jobs and work placements"),
            lambda pid: select(Placement).where(Placement.participant_id == pid)
            .options(selectinload(Placement.employer), selectinload(Placement.partner_organisation))
            .order_by(Placement.started_on),
            shown={"workplace_name": _l("Workplace"), "title": _l("Job title"), "started_on": _l("Started on"),
                   "ended_on": _l("Ended on"), "hours_per_week": _l("Hours a week"),
                   "monthly_wage": _l("Monthly wage"), "employment_form": _l("Form of employment"),
                   "end_reason": _l("Why it ended"), "end_notes": NOTES},
            erase={"end_notes": None}),
    Holding("followup_plans", _l("Follow-up support"),
            lambda pid: select(FollowUpPlan).where(FollowUpPlan.id.in_(_plans(pid))).order_by(FollowUpPlan.id),
            shown={"planned_from_on": _l("From"), "status": STATUS, "ended_on": _l("Ended on"),
                   "participant_words": _l("In the participant's words")},
            erase={"participant_words": None}),
    Holding("followup_contacts", _l("Follow-up contacts"),
            lambda pid: select(FollowUpContact).where(FollowUpContact.plan_id.in_(_plans(pid)))
            .order_by(FollowUpContact.id),
            shown={"due_on": _l("Planned for"), "held_on": _l("Held on"), "audience": _l("With"),
                   "form": _l("Form"), "with_whom": _l("Who"), "what_came_up": _l("What came up"),
                   "adjustments_agreed": _l("Adjustments agreed")},
            erase={"with_whom": None, "what_came_up": None, "adjustments_agreed": None}),
    Holding("negotiations", _l("Employment support"),
            lambda pid: select(Negotiation).where(Negotiation.participant_id == pid)
            .options(selectinload(Negotiation.employer)).order_by(Negotiation.id),
            shown={"employer.name": EMPLOYER, "status": STATUS, "agreed_share_percent": _l("Share (%)"),
                   "period_start_on": _l("From"), "period_end_on": _l("To"),
                   "shared_information": _l("What was shared")},
            erase={"shared_information": None}),
    Holding("negotiation_steps", _l("Employment support steps"),
            lambda pid: select(NegotiationStep).where(NegotiationStep.negotiation_id.in_(_negotiations(pid)))
            .order_by(NegotiationStep.id),
            shown={"taken_on": DATE, "to_status": STATUS, "notes": NOTES},
            erase={"notes": None, "changes": {}}),
    Holding("proposals", _l("Proposed to employers"),
            lambda pid: select(Proposal).where(Proposal.participant_id == pid)
            .options(selectinload(Proposal.opening)).order_by(Proposal.id),
            shown={"proposed_on": DATE, "opening.title": _l("Opening"), "status": STATUS,
                   "outcome_notes": NOTES},
            erase={"outcome_notes": None}),
    Holding("referrals", _l("Referrals to social enterprises"),
            lambda pid: select(Referral).where(Referral.participant_id == pid)
            .options(selectinload(Referral.listing)).order_by(Referral.id),
            shown={"referred_on": DATE, "listing.title": _l("Placement"), "status": STATUS,
                   "message_to_partner": _l("Message to the partner"), "partner_message": _l("The partner's answer")},
            erase={"message_to_partner": None, "partner_message": None}),
    Holding("access_log", _l("Who has read or changed the record"),
            lambda pid: select(AccessLog).where(AccessLog.participant_id == pid)
            .options(selectinload(AccessLog.user)).order_by(AccessLog.at, AccessLog.id),
            shown={"at": _l("When"), "user.name": _l("Who"), "action": _l("What"), "what": _l("Where")},
            redact=("what",)),
    Holding("record_changes", _l("Change history"), _changes, redact=("changes",)),
    Holding("nudges", _l("Reminders"), _nudges, redact=("params",)),
)


def counts(participant_id: int) -> dict[str, int]:
    """How many records of each kind are held about the participant, in one statement."""
    per_kind = [select(literal(holding.key).label("kind"), func.count().label("n"))
                .select_from(holding.rows(participant_id).order_by(None).subquery()) for holding in HOLDINGS]
    return dict(db.session.execute(union_all(*per_kind)).all())
