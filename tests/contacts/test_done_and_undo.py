"""A next step's "Done": a short log prefilled for the employer, or closed at once with an Undo."""
from datetime import timedelta

from crm.core import clock
from crm.extensions import db

from .. import factories


def test_done_opens_the_log_with_the_step_ticked(login, specialist, employer):
    step = factories.make_next_step(employer, specialist, clock.today(), what="Ring chefen")
    other = factories.make_next_step(employer, specialist, clock.today(), what="Skicka profil")
    week = login(specialist).get("/week/").get_data(as_text=True)
    assert f"/contacts/log/{employer.id}?complete={step.id}&amp;next=/week/" in week
    page = login(specialist).get(f"/contacts/log/{employer.id}?complete={step.id}").get_data(as_text=True)
    assert f'checked id="complete_step_ids-0" name="complete_step_ids" type="checkbox" value="{step.id}"' in page
    assert f'value="{other.id}"' in page and 'checked id="complete_step_ids-1"' not in page


def test_closing_without_a_contact_offers_an_undo_once(login, specialist, employer):
    step = factories.make_next_step(employer, specialist, clock.today(), what="Ring chefen")
    client = login(specialist)
    response = client.post(f"/next-steps/{step.id}/done", data={"next": "/week/"})
    db.session.expire_all()
    assert response.headers["Location"] == "/week/" and step.done_on == clock.today()
    page = client.get("/week/").get_data(as_text=True)
    assert "Markerat som klart: Ring chefen" in page
    assert f'action="/next-steps/{step.id}/undo?next=/week/"' in page
    assert "data-undo" not in client.get("/week/").get_data(as_text=True)  # offered once
    assert client.post(f"/next-steps/{step.id}/undo?next=/week/").headers["Location"] == "/week/"
    db.session.expire_all()
    assert step.done_on is None and step.done_by_id is None


def test_only_the_same_person_the_same_day_may_undo(sign_in, specialist, team, employer, other_team):
    today, yesterday = clock.today(), clock.today() - timedelta(days=1)
    step = factories.make_next_step(employer, specialist, today, done_on=today, done_by_id=specialist.id)
    older = factories.make_next_step(employer, specialist, today, done_on=yesterday, done_by_id=specialist.id)
    sign_in(factories.make_user(team=team)).post(f"/next-steps/{step.id}/undo")
    assert sign_in(factories.make_user(team=other_team)).post(f"/next-steps/{step.id}/undo").status_code == 403
    sign_in(specialist).post(f"/next-steps/{older.id}/undo")
    db.session.expire_all()
    assert (step.done_on, older.done_on) == (today, yesterday)
