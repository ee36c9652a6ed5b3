"""Demo follow-up: plans for the demo job starts, made on the first day, with a history of
contacts; some plans are behind, so My week and the inbox have follow-ups to show."""
import random
from datetime import timedelta

from sqlalchemy import select

from ..core.clock import today
from ..extensions import db
from ..followup import schedule, services
from ..followup.models import Audience, FollowUpForm
from ..placements.models import Placement

EMPLOYEE_NOTES = [
    ("Trivs med arbetskamraterna. Tycker att morgnarna är tunga.", "Provar att börja en halvtimme senare."),
    ("Osäker på schemat nästa månad.", "Vi går igenom schemat tillsammans med chefen."),
    ("Gick bra med kassan den här veckan.", ""),
    ("Vill ha fler timmar framöver.", "Tar upp det på nästa möte med handledaren."),
]
EMPLOYER_NOTES = [
    ("Handledaren är nöjd; vill att introduktionen fortsätter som nu.", ""),
    ("Fråga om arbetsuppgifterna på lagret.", "Tydligare checklista för morgonpasset."),
    ("Chefen undrar över semesterplanering.", "Specialisten återkommer med förslag."),
]


def load_followup(team, users, rng: random.Random) -> None:
    on = today()
    placements = db.session.scalars(select(Placement).where(Placement.team_id == team.id)
                                    .order_by(Placement.id)).all()
    for index, placement in enumerate(placements):
        specialist = placement.participant.specialist
        rhythm = rng.choice(["monthly", "monthly", "every_2_weeks", "every_2_months"])
        rhythms = services.proposed_rhythms(placement, placement.started_on)
        rhythms[Audience.EMPLOYEE] = rhythm
        plan = services.create_plan(placement, specialist, rhythms, placement.started_on)
        behind = index % 2 == 0  # every other plan has missed its latest contacts
        dues = schedule.occurrences(plan, placement.started_on, on - timedelta(days=1))
        stop = len(dues) - (3 if behind else 0)
        for occurrence in dues[:max(0, stop)]:
            if rng.random() < .15:
                continue
            notes = EMPLOYEE_NOTES if occurrence.audience == Audience.EMPLOYEE else EMPLOYER_NOTES
            came_up, agreed = rng.choice(notes)
            held_on = min(on, max(occurrence.window_from, occurrence.due_on - timedelta(days=rng.randint(0, 2))))
            services.log_contact(plan, specialist, {
                "held_on": held_on, "audience": occurrence.audience,
                "form": rng.choice([FollowUpForm.FACE_TO_FACE, FollowUpForm.FACE_TO_FACE, FollowUpForm.PHONE]),
                "with_whom": None if occurrence.audience == Audience.EMPLOYEE else "Handledaren",
                "what_came_up": came_up, "adjustments_agreed": agreed or None,
            }, on)
