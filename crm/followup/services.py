"""Writes for follow-up plans. Support never ends by itself: only `end_support`, with the
participant's own words, ends it; `make_passive` pauses it until `reactivate`."""
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.audit import AuditAction, audit
from ..core.clock import utcnow
from ..core.history import diff, record_change, snapshot
from ..core.locking import check_version, flush_edit
from ..extensions import db
from ..participants.disclosure import disclosure_for
from ..participants.models import DisclosureLevel
from ..placements.models import Placement
from . import schedule
from .models import Audience, FollowUpContact, FollowUpPlan, PlanStatus

EARLIEST_DAYS_BEFORE_START = 31
PLAN_FIELDS = ("status", "planned_from_on", "employee_rule", "employer_rule", "passive_since_on", "ended_on",
               "participant_words")


class FollowUpError(ValueError):
    """A rule about follow-up was broken; the message is for the user."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def employer_contact_allowed(placement: Placement, on: date) -> bool:
    """With no disclosure toward this employer the specialist never contacts it on the person's behalf."""
    return disclosure_for(placement.participant, placement.employer_id, on).level != DisclosureLevel.NONE


def proposed_rhythms(placement: Placement, on: date) -> dict[Audience, str | None]:
    employer = schedule.DEFAULT_RHYTHM if employer_contact_allowed(placement, on) else None
    return {Audience.EMPLOYEE: schedule.DEFAULT_RHYTHM, Audience.EMPLOYER: employer}


def create_plan(placement: Placement, user, rhythms: dict[Audience, str | None], on: date) -> FollowUpPlan:
    """The plan for a job start, from the IPS pattern and the rhythms the participant chose.

    Earlier plans of the same participant whose job has ended carry on in this one, so they
    become passive rather than planning the same person twice.
    """
    _check_employer_rhythm(placement, rhythms[Audience.EMPLOYER], on)
    proposal = schedule.propose_plan(placement.started_on, on, rhythms[Audience.EMPLOYEE], rhythms[Audience.EMPLOYER])
    plan = FollowUpPlan(team_id=placement.team_id, placement_id=placement.id, placement=placement,
                        planned_from_on=proposal.planned_from_on, employee_rule=proposal.employee_rule,
                        employer_rule=proposal.employer_rule, created_by_id=user.id if user else None)
    db.session.add(plan)
    db.session.flush()
    record_change(plan, "created", user, _state(plan))
    for earlier in db.session.scalars(
            select(FollowUpPlan).join(Placement, Placement.id == FollowUpPlan.placement_id)
            .where(Placement.participant_id == placement.participant_id, Placement.ended_on.is_not(None),
                   FollowUpPlan.id != plan.id, FollowUpPlan.status == PlanStatus.ACTIVE)):
        make_passive(earlier, user, on)
    audit(user, placement.participant, AuditAction.CREATE, "follow-up plan")
    return plan


def set_rhythm(plan: FollowUpPlan, user, rhythms: dict[Audience, str | None], on: date,
               seen_version: int | None = None) -> None:
    """The participant asked for another rhythm: it starts one interval from today."""
    check_version(plan, PLAN_FIELDS, seen_version)
    placement = plan.placement
    _check_employer_rhythm(placement, rhythms[Audience.EMPLOYER], on)
    before = _state(plan)
    for audience, key in rhythms.items():
        if key == schedule.rhythm_key(plan.rule_for(audience)):
            continue
        rule = schedule.rhythm_rule(key, schedule.first_rhythm_on(placement.started_on, key, on)) if key else None
        setattr(plan, "employee_rule" if audience == Audience.EMPLOYEE else "employer_rule", rule)
    _changed(plan, user, "updated", before, "follow-up rhythm")
    flush_edit(plan, PLAN_FIELDS)


def log_contact(plan: FollowUpPlan, user, values: dict, today: date, next_agreed_on: date | None = None
                ) -> FollowUpContact:
    """A follow-up contact that took place; a next date agreed in it is planned as a one-off."""
    if plan.status == PlanStatus.ENDED:
        raise FollowUpError("held_on", _("Support has ended. Reactivate the plan first if the participant wants it."))
    held_on = values["held_on"]
    if held_on > today:
        raise FollowUpError("held_on", _("The date is in the future. Log a contact once it has happened."))
    _check_near_the_job(plan, "held_on", held_on)
    if next_agreed_on is not None and next_agreed_on <= held_on:
        raise FollowUpError("next_agreed_on", _("Choose a day after the contact."))
    contact = FollowUpContact(plan=plan, done_by_id=user.id, **values)
    db.session.add(contact)
    if next_agreed_on is not None:
        db.session.add(FollowUpContact(plan=plan, audience=values["audience"], due_on=next_agreed_on,
                                       done_by_id=user.id))
    plan.updated_at = utcnow()
    db.session.flush()
    audit(user, plan.placement.participant, AuditAction.CREATE, "follow-up contact")
    return contact


def end_support(plan: FollowUpPlan, user, on: date, participant_words: str, today: date) -> None:
    """Support ends because the participant said so, and only then: their words are kept."""
    words = (participant_words or "").strip()
    if not words:
        raise FollowUpError("participant_words", _("Write down what the participant said."))
    if on > today:
        raise FollowUpError("ended_on", _("Record the end when the participant has said so."))
    _check_near_the_job(plan, "ended_on", on)
    before = _state(plan)
    plan.status, plan.ended_on, plan.participant_words, plan.ended_by_id = PlanStatus.ENDED, on, words, user.id
    plan.passive_since_on = None
    _changed(plan, user, "ended", before, "follow-up ended")


def make_passive(plan: FollowUpPlan, user, on: date) -> None:
    """No scheduled contacts for now; the plan keeps its rhythm for when it is reactivated."""
    before = _state(plan)
    plan.status, plan.passive_since_on = PlanStatus.PASSIVE, on
    _changed(plan, user, "passive", before, "follow-up made passive")


def reactivate(plan: FollowUpPlan, user, on: date) -> None:
    """Back to active; nothing is owed for the time the plan rested."""
    before = _state(plan)
    plan.status, plan.planned_from_on = PlanStatus.ACTIVE, on
    plan.passive_since_on = plan.ended_on = plan.participant_words = plan.ended_by_id = None
    _changed(plan, user, "reactivated", before, "follow-up reactivated")


def _check_near_the_job(plan: FollowUpPlan, field: str, on: date) -> None:
    """Follow-up belongs to this job: nothing dated long before it was in sight."""
    if on < plan.placement.started_on - timedelta(days=EARLIEST_DAYS_BEFORE_START):
        raise FollowUpError(field, _("Choose a day after the job start, or at most a month before it."))


def _check_employer_rhythm(placement: Placement, key: str | None, on: date) -> None:
    if key and not employer_contact_allowed(placement, on):
        raise FollowUpError("employer_rhythm", _(
            "The participant chose no disclosure toward this employer: no follow-up contacts with the employer."))


def _state(plan: FollowUpPlan) -> dict:
    """The plan's fields for the change history (JSON: dates as ISO text)."""
    return {name: value.isoformat() if isinstance(value, date) else value
            for name, value in snapshot(plan, PLAN_FIELDS).items()}


def _changed(plan: FollowUpPlan, user, action: str, before: dict, what: str) -> None:
    changes = diff(before, _state(plan))
    if not changes:
        return
    plan.updated_at = utcnow()
    db.session.flush()
    record_change(plan, action, user, changes)
    audit(user, plan.placement.participant, AuditAction.UPDATE, what)
