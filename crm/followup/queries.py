"""Reads for follow-up: one plan with its history, and what is due across many plans (bounded queries)."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..participants.models import Participant
from ..placements.models import Placement
from . import schedule
from .models import FollowUpContact, FollowUpPlan, PlanStatus


def plan_for(placement_id: int) -> FollowUpPlan | None:
    return db.session.scalar(
        select(FollowUpPlan).where(FollowUpPlan.placement_id == placement_id)
        .options(selectinload(FollowUpPlan.contacts).joinedload(FollowUpContact.done_by))
    )


@dataclass(frozen=True)
class DueFollowUp:
    """The oldest planned contact still owed to one audience of a plan, and how many are owed in all."""

    plan: FollowUpPlan
    occurrence: schedule.Occurrence
    owed: int = 1

    @property
    def placement(self) -> Placement:
        return self.plan.placement


def active_plans(specialist_id: int | None = None) -> list[FollowUpPlan]:
    """Active plans (of one specialist's participants, or all of them; never an erased person's, whom
    no one may contact or write about again) with what the schedule needs:
    two queries whatever the number of plans or the length of their history."""
    query = (select(FollowUpPlan)
             .join(FollowUpPlan.placement).join(Placement.participant)
             .where(FollowUpPlan.status == PlanStatus.ACTIVE, Participant.erased_at.is_(None))
             .options(contains_eager(FollowUpPlan.placement).contains_eager(Placement.participant),
                      contains_eager(FollowUpPlan.placement).joinedload(Placement.employer),
                      contains_eager(FollowUpPlan.placement).joinedload(Placement.partner_organisation))
             .order_by(FollowUpPlan.id))
    if specialist_id is not None:
        query = query.where(Participant.specialist_id == specialist_id)
    plans = db.session.scalars(query).unique().all()
    _load_schedule_contacts(plans)
    return plans


def _load_schedule_contacts(plans: list[FollowUpPlan]) -> None:
    """Give each plan only the contacts its schedule reads (the agreed one-off dates, and the latest
    held contact per audience) instead of years of logged history. The latest are joined, not tested
    with EXISTS: PostgreSQL costs that filter so high that it compiles the query (JIT) on every call."""
    by_plan: dict[int, list[FollowUpContact]] = {plan.id: [] for plan in plans}
    ids = list(by_plan)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        latest = (select(FollowUpContact.plan_id, FollowUpContact.audience,
                         func.max(FollowUpContact.held_on).label("held_on"))
                  .where(FollowUpContact.plan_id.in_(chunk), FollowUpContact.held_on.is_not(None))
                  .group_by(FollowUpContact.plan_id, FollowUpContact.audience).subquery())
        needed = (select(FollowUpContact)
                  .outerjoin(latest, and_(latest.c.plan_id == FollowUpContact.plan_id,
                                          latest.c.audience == FollowUpContact.audience,
                                          latest.c.held_on == FollowUpContact.held_on))
                  .where(FollowUpContact.plan_id.in_(chunk),
                         or_(FollowUpContact.held_on.is_(None), latest.c.plan_id.is_not(None))))
        for contact in db.session.scalars(needed):
            by_plan[contact.plan_id].append(contact)
    for plan in plans:
        set_committed_value(plan, "contacts", by_plan[plan.id])


def due_followups(plans: list[FollowUpPlan], until: date) -> list[DueFollowUp]:
    """Per plan and audience, the oldest planned contact due on or before `until` that is still owed
    (one contact settles them all, so one line each), oldest first."""
    due = []
    for plan in plans:
        owed: dict = {}
        for occurrence in schedule.open_occurrences(plan, until):
            owed.setdefault(occurrence.audience, []).append(occurrence)
        due += [DueFollowUp(plan, items[0], len(items)) for items in owed.values()]
    return sorted(due, key=lambda d: (d.occurrence.due_on, d.plan.id, d.occurrence.audience))


def placements_without_plan(specialist_id: int | None = None) -> list[Placement]:
    """Current job starts (of a specialist's participants, or all) that have no follow-up plan yet."""
    query = (select(Placement).join(Placement.participant)
             .outerjoin(FollowUpPlan, FollowUpPlan.placement_id == Placement.id)
             .where(Placement.ended_on.is_(None), FollowUpPlan.id.is_(None), Participant.erased_at.is_(None))
             .options(contains_eager(Placement.participant), joinedload(Placement.employer),
                      joinedload(Placement.partner_organisation))
             .order_by(Placement.started_on, Placement.id))
    if specialist_id is not None:
        query = query.where(Participant.specialist_id == specialist_id)
    return db.session.scalars(query).all()


@dataclass(frozen=True)
class WeekFollowUps:
    due: list[DueFollowUp]
    without_plan: list[Placement]


WEEK_AHEAD_DAYS = 6


def week_followups(specialist_id: int, today: date) -> WeekFollowUps:
    """For My week: follow-ups owed now or in the coming days, and job starts still without a plan."""
    return WeekFollowUps(due_followups(active_plans(specialist_id), today + timedelta(days=WEEK_AHEAD_DAYS)),
                         placements_without_plan(specialist_id))
