"""The inbox: count in the navigation, done / dismiss / snooze, and who may touch a nudge."""
from datetime import timedelta

import pytest

from crm.core import clock
from crm.extensions import db
from crm.nudges.models import NudgeStatus

from .. import factories


@pytest.fixture
def nudge(specialist, team):
    employer = factories.make_employer(team, name="Inkorgsföretaget AB")
    return factories.make_nudge(specialist, params={"employer": employer.name, "employer_id": employer.id,
                                                    "what": "Ring Karin"}, due_on=clock.today() - timedelta(days=1))


def test_inbox_lists_the_nudge_with_a_count_in_the_navigation(login, nudge):
    page = login(nudge.user).get("/nudges/").get_data(as_text=True)
    assert "Nästa steg hos Inkorgsföretaget AB: Ring Karin" in page
    assert f'href="/employers/{nudge.params["employer_id"]}#next-steps"' in page
    assert "Försenat" in page
    assert 'class="badge badge-danger count">1' in page


def test_done_and_dismiss_close_the_nudge(sign_in, nudge, specialist, team):
    assert sign_in(specialist).post(f"/nudges/{nudge.id}/done").status_code == 302
    db.session.expire_all()
    assert nudge.status == NudgeStatus.DONE and nudge.closed_at is not None
    other = factories.make_nudge(specialist)
    sign_in(specialist).post(f"/nudges/{other.id}/dismiss")
    db.session.expire_all()
    assert other.status == NudgeStatus.DISMISSED
    assert 'badge-danger count' not in sign_in(specialist).get("/nudges/").get_data(as_text=True)


def test_snooze_hides_the_nudge_until_the_day(sign_in, nudge, specialist):
    until = clock.today() + timedelta(days=3)
    response = sign_in(specialist).post(f"/nudges/{nudge.id}/snooze", data={f"n{nudge.id}-until": until.isoformat()})
    assert response.status_code == 302
    db.session.expire_all()
    assert nudge.status == NudgeStatus.SNOOZED and nudge.snoozed_until == until
    page = sign_in(specialist).get("/nudges/").get_data(as_text=True)
    assert "Inget väntar på dig just nu." in page and "Uppskjutna (1)" in page
    nudge.snoozed_until = clock.today()  # the day has come: it shows again, no job needed
    db.session.flush()
    assert "Inget väntar på dig" not in sign_in(specialist).get("/nudges/").get_data(as_text=True)


def test_snooze_needs_a_later_day(sign_in, nudge, specialist):
    response = sign_in(specialist).post(f"/nudges/{nudge.id}/snooze",
                                        data={f"n{nudge.id}-until": clock.today().isoformat()})
    assert response.status_code == 422
    db.session.expire_all()
    assert nudge.status == NudgeStatus.OPEN


def test_snooze_form_defaults_to_three_days(sign_in, nudge, specialist):
    page = sign_in(specialist).get("/nudges/").get_data(as_text=True)
    assert f'value="{(clock.today() + timedelta(days=3)).isoformat()}"' in page


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_only_the_recipient_may_act_on_a_nudge(sign_in, team, nudge, role):
    other = sign_in(factories.make_user(role=role, team=team))
    assert "Inkorgsföretaget" not in other.get("/nudges/").get_data(as_text=True)
    for action in ("done", "dismiss"):
        assert other.post(f"/nudges/{nudge.id}/{action}").status_code == 403
    assert other.post(f"/nudges/{nudge.id}/snooze", data={f"n{nudge.id}-until": "2099-01-01"}).status_code == 403
    db.session.expire_all()
    assert nudge.status == NudgeStatus.OPEN


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_admins_have_no_inbox(sign_in, nudge, role):
    client = sign_in(factories.make_user(role=role))
    assert client.get("/nudges/").status_code == 403
    assert client.post(f"/nudges/{nudge.id}/done").status_code == 403
    assert client.post("/account/digest", data={"wanted": "0"}).status_code == 403
    page = client.get("/account").get_data(as_text=True)
    assert "Inkorg" not in page and "Daglig sammanfattning" not in page


def test_unknown_nudge_is_404(sign_in, specialist):
    assert sign_in(specialist).post("/nudges/999999/done").status_code == 404
