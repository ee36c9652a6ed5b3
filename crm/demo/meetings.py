"""Demo employer-strategy meetings: a fortnightly series with held meetings, minutes and actions (some open)."""
import random
from datetime import time, timedelta

from sqlalchemy import select

from ..auth.models import Role
from ..core.clock import local_midnight, today
from ..employers.models import ACTIVE_STAGES, Employer
from ..extensions import db
from ..meetings import services
from ..meetings.models import MeetingSeries

MINUTES = [
    "Gick igenom veckans besök. Två arbetsgivare inom handeln vill träffas igen; vi tar med profiler nästa gång.",
    "Diskuterade arbetsgivare som kallnat. Fördelade återbesök. Bageriet har ett nytt behov på morgnarna.",
    "Följde upp jobbstarterna. Alla har haft kontakt inom tre dagar. Lönebidrag för en deltagare ska förlängas.",
    "Pratade om deltagare som sökt länge utan arbetsgivarkontakt. Varje arbetsspecialist tar med två namn.",
]
ACTIONS = ["Återbesök och ta med en profil", "Ring platschefen om ett skräddarsytt jobb",
           "Boka möte med HR om rekryteringsvägar", "Ta fram två nya arbetsgivare inom lager"]


def load_meetings(team, users, rng: random.Random) -> None:
    """Six held meetings in the past twelve weeks, each with minutes and two actions; the two latest
    meetings' actions are still open, the rest are done. The next meeting is planned."""
    lead = next(u for u in users.values() if u.role == Role.TEAM_LEAD)
    specialists = [u for u in users.values() if u.role == Role.JOB_SPECIALIST]
    employers = db.session.scalars(select(Employer).where(Employer.team_id == team.id,
                                                          Employer.stage.in_(ACTIVE_STAGES))).all()
    on = today()
    first = on - timedelta(weeks=12) + timedelta(days=(3 - on.weekday()) % 7)  # a Thursday
    series = MeetingSeries(team_id=team.id, title="Arbetsgivarstrategimöte", first_on=first, starts_at=time(9),
                           place="Stora mötesrummet, Västra Storgatan 8")
    db.session.add(series)
    db.session.flush()
    held = [day for day in series.dates_between(first, on) if day < on]
    for index, day in enumerate(held):
        meeting = services.plan_next_meeting(series, day)
        services.save_minutes(meeting, lead, MINUTES[index % len(MINUTES)], today=day,
                              now=local_midnight(day) + timedelta(hours=11))
        for n in range(2):
            owner = specialists[(index + n) % len(specialists)]
            employer = rng.choice(employers) if n == 0 and employers else None
            action = services.add_action(meeting, lead, {
                "text": rng.choice(ACTIONS), "owner_id": owner.id, "due_on": day + timedelta(days=10),
                "employer_id": employer.id if employer else None}, now=local_midnight(day) + timedelta(hours=11))
            if index < len(held) - 2:
                services.complete_action(action, owner, day + timedelta(days=rng.randint(3, 10)))
    services.plan_next_meeting(series, on)
