"""My week: the counter against the team's target, next steps with the overdue marked, cold employers;
the team lead's overview."""
from datetime import timedelta

from crm.core import clock

from .. import factories


def _count(page: str) -> str:
    return page.split('id="f2f-count">')[1].split("<")[0]


def test_my_week_counts_face_to_face_visits_this_week(sign_in, team, specialist, employer):
    now = clock.utcnow()
    monday, _ = clock.iso_week(clock.today())
    factories.make_contact(employer, specialist, clock.local_midnight(monday) + timedelta(minutes=5))
    factories.make_contact(employer, specialist, now - timedelta(minutes=1), form="phone")
    factories.make_contact(employer, specialist, clock.local_midnight(monday) - timedelta(minutes=5))  # last week
    page = sign_in(specialist).get("/week/").get_data(as_text=True)
    assert _count(page) == "1"
    assert "av 6" in page


def test_my_week_lists_open_steps_with_overdue_marked_and_cold_employers(sign_in, team, specialist, employer):
    today = clock.today()
    factories.make_next_step(employer, specialist, today - timedelta(days=3), what="Försenad sak")
    factories.make_next_step(employer, specialist, today + timedelta(days=3), what="Kommande sak")
    factories.make_next_step(employer, factories.make_user(team=team), today, what="Någon annans sak")
    cold = factories.make_employer(team, name="Tyst AB", stage="hiring_partner",
                                   responsible_specialist_id=specialist.id,
                                   created_at=clock.utcnow() - timedelta(days=200))
    factories.make_contact(cold, specialist, clock.utcnow() - timedelta(days=70))
    page = sign_in(specialist).get("/week/").get_data(as_text=True)
    steps = page.split('id="next-steps"')[1].split("</section>")[0]
    assert steps.index("Försenad sak") < steps.index("Kommande sak")
    assert "Någon annans sak" not in steps
    assert "1 försenat" in steps and 'class="overdue"' in steps
    assert "Tyst AB" in page.split('id="cold-heading"')[1]


def test_team_lead_sees_each_specialist(sign_in, team, specialist, team_lead, employer):
    factories.make_contact(employer, specialist, clock.utcnow() - timedelta(minutes=5))
    page = sign_in(team_lead).get("/week/").get_data(as_text=True)
    overview = page.split('id="team-heading"')[1]
    assert "Sara Specialist" in overview and "1 / 6" in overview
    assert "team-heading" not in sign_in(specialist).get("/week/").get_data(as_text=True)
    their_week = sign_in(team_lead).get(f"/week/{specialist.id}").get_data(as_text=True)
    assert _count(their_week) == "1" and "Veckan för Sara Specialist" in their_week


def test_other_weeks_can_be_browsed(sign_in, specialist, employer):
    monday, _ = clock.iso_week(clock.today())
    factories.make_contact(employer, specialist, clock.local_midnight(monday - timedelta(days=7)) + timedelta(hours=9))
    year, week_no, _ = (monday - timedelta(days=7)).isocalendar()
    client = sign_in(specialist)
    assert _count(client.get(f"/week/?week={year}-W{week_no:02d}").get_data(as_text=True)) == "1"
    assert _count(client.get("/week/?week=nonsense").get_data(as_text=True)) == "0"
