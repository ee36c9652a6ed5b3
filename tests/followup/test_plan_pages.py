"""The plan page: proposal, rhythm, log, end only in the participant's words, passive and back; each role."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crm.core.audit import AccessLog
from crm.core.clock import today
from crm.extensions import db
from crm.followup.models import Audience, FollowUpContact, FollowUpPlan, PlanStatus
from crm.followup.schedule import rhythm_key
from crm.participants.models import DisclosureChoice, DisclosureLevel

from .. import factories


def _plan(placement):
    db.session.expire_all()
    return db.session.scalar(select(FollowUpPlan).where(FollowUpPlan.placement_id == placement.id))


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_team_staff_make_the_proposed_plan(login, team, placement, role):
    client = login(factories.make_user(role=role, team=team))
    page = client.get(f"/placements/{placement.id}/follow-up")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Föreslagen plan" in text and "Spara planen" in text
    response = client.post(f"/placements/{placement.id}/follow-up/rhythm",
                           data={"employee_rhythm": "every_2_weeks", "employer_rhythm": "monthly"})
    assert response.status_code == 302
    plan = _plan(placement)
    assert plan.status == PlanStatus.ACTIVE and plan.planned_from_on == today()
    assert "FREQ=WEEKLY;INTERVAL=2" in plan.employee_rule and "FREQ=MONTHLY" in plan.employer_rule
    assert db.session.scalar(select(AccessLog).where(AccessLog.participant_id == placement.participant_id,
                                                     AccessLog.what == "follow-up plan", AccessLog.action == "create"))


def test_a_rhythm_change_on_an_old_page_is_refused_once_then_saved(login, specialist, placement):
    """Two people change the rhythm at once: the second sees the first's change, and saving again goes through."""
    plan = factories.make_followup_plan(placement, user=specialist)
    url = f"/placements/{placement.id}/follow-up/rhythm"
    opened = plan.version
    client = login(specialist)
    assert client.post(url, data={"employee_rhythm": "weekly", "employer_rhythm": "monthly",
                                  "version": opened}).status_code == 302

    mine = {"employee_rhythm": "every_2_weeks", "employer_rhythm": "monthly", "version": opened}
    refused = client.post(url, data=mine)
    assert refused.status_code == 409
    assert rhythm_key(_plan(placement).employee_rule) == "weekly"  # the first change stands
    seen = re.search(r'name="version" type="hidden" value="(\d+)"', refused.get_data(as_text=True)).group(1)
    assert int(seen) == _plan(placement).version

    assert client.post(url, data=dict(mine, version=seen)).status_code == 302
    assert rhythm_key(_plan(placement).employee_rule) == "every_2_weeks"


def test_the_placement_page_links_to_the_plan(login, specialist, placement):
    text = login(specialist).get(f"/placements/{placement.id}").get_data(as_text=True)
    assert f"/placements/{placement.id}/follow-up" in text


def test_log_a_contact_with_an_agreed_next_date(login, specialist, placement):
    plan = factories.make_followup_plan(placement, on=today(), user=specialist)
    client = login(specialist)
    response = client.post(f"/placements/{placement.id}/follow-up/contacts", data={
        "log-held_on": today().isoformat(), "log-audience": "employer_supervisor", "log-form": "face_to_face",
        "log-with_whom": "Karin, bageriets chef", "log-what_came_up": "Tempot på morgonen är högt.",
        "log-adjustments_agreed": "Börjar 8 i stället för 6.",
        "log-next_agreed_on": (today() + timedelta(days=10)).isoformat()})
    assert response.status_code == 302
    db.session.expire_all()
    held, agreed = sorted(plan.contacts, key=lambda c: c.held_on is None)
    assert (held.audience, held.held_on, held.with_whom) == (Audience.EMPLOYER, today(), "Karin, bageriets chef")
    assert agreed.due_on == today() + timedelta(days=10) and agreed.held_on is None
    page = client.get(f"/placements/{placement.id}/follow-up").get_data(as_text=True)
    assert "Börjar 8 i stället för 6." in page


def test_a_contact_in_the_future_is_refused_and_the_input_kept(login, specialist, placement):
    factories.make_followup_plan(placement, on=today(), user=specialist)
    response = login(specialist).post(f"/placements/{placement.id}/follow-up/contacts", data={
        "log-held_on": (today() + timedelta(days=2)).isoformat(), "log-audience": "employee",
        "log-form": "phone", "log-what_came_up": "Trivs bra"})
    assert response.status_code == 422 and "Trivs bra" in response.get_data(as_text=True)
    assert db.session.scalar(select(FollowUpContact)) is None


def test_support_ends_only_with_the_participants_words(login, specialist, placement):
    plan = factories.make_followup_plan(placement, on=today(), user=specialist)
    client = login(specialist)
    refused = client.post(f"/placements/{placement.id}/follow-up/end",
                          data={"ended_on": today().isoformat(), "participant_words": "  "})
    assert refused.status_code == 422
    assert _plan(placement).status == PlanStatus.ACTIVE
    response = client.post(f"/placements/{placement.id}/follow-up/end", data={
        "ended_on": today().isoformat(), "participant_words": "Jag klarar mig själv nu, tack."})
    assert response.status_code == 302
    plan = _plan(placement)
    assert (plan.status, plan.ended_on, plan.participant_words) == (
        PlanStatus.ENDED, today(), "Jag klarar mig själv nu, tack.")
    assert "Jag klarar mig själv nu, tack." in client.get(f"/placements/{placement.id}/follow-up").get_data(
        as_text=True)
    assert client.post(f"/placements/{placement.id}/follow-up/contacts", data={}).status_code == 422


def test_passive_and_reactivated_in_one_click(login, specialist, placement):
    factories.make_followup_plan(placement, on=date(2026, 3, 2), user=specialist)
    client = login(specialist)
    assert client.post(f"/placements/{placement.id}/follow-up/passive").status_code == 302
    plan = _plan(placement)
    assert plan.status == PlanStatus.PASSIVE and plan.passive_since_on == today()
    page = client.get(f"/placements/{placement.id}/follow-up").get_data(as_text=True)
    assert "Återaktivera planen" in page and "Logga kontakten" in page
    assert client.post(f"/placements/{placement.id}/follow-up/reactivate").status_code == 302
    plan = _plan(placement)
    # Nothing is owed for the rest: contacts count again from today.
    assert plan.status == PlanStatus.ACTIVE and plan.planned_from_on == today()
    assert client.post(f"/placements/{placement.id}/follow-up/reactivate").status_code == 409


def test_no_employer_contact_when_the_participant_chose_no_disclosure(login, specialist, placement):
    db.session.add(DisclosureChoice(participant_id=placement.participant_id, level=DisclosureLevel.NONE,
                                    decided_on=date(2026, 2, 1), recorded_by_id=specialist.id))
    db.session.flush()
    client = login(specialist)
    page = client.get(f"/placements/{placement.id}/follow-up").get_data(as_text=True)
    assert '<option selected value="">' in page  # proposed: no contact with the employer
    response = client.post(f"/placements/{placement.id}/follow-up/rhythm",
                           data={"employee_rhythm": "monthly", "employer_rhythm": "monthly"})
    assert response.status_code == 422
    assert _plan(placement) is None
    assert client.post(f"/placements/{placement.id}/follow-up/rhythm",
                       data={"employee_rhythm": "monthly", "employer_rhythm": ""}).status_code == 302
    assert _plan(placement).employer_rule is None


def test_the_plan_page_offers_the_next_job_after_a_job_end(login, specialist, placement):
    placement.ended_on = date(2026, 6, 30)
    factories.make_followup_plan(placement, on=date(2026, 3, 2), user=specialist)
    text = login(specialist).get(f"/placements/{placement.id}/follow-up").get_data(as_text=True)
    assert f"/participants/{placement.participant_id}/matches" in text and "Hitta nästa jobb" in text


def test_a_new_job_carries_on_the_support_of_an_ended_one(specialist, team, placement):
    placement.ended_on = date(2026, 6, 30)
    old = factories.make_followup_plan(placement, on=date(2026, 3, 2), user=specialist)
    new_job = factories.make_placement(placement.participant, factories.make_employer(team),
                                       started_on=date(2026, 8, 1))
    factories.make_followup_plan(new_job, user=specialist)
    assert old.status == PlanStatus.PASSIVE


def test_others_are_refused(login, team, other_team, placement):
    factories.make_followup_plan(placement)
    base = f"/placements/{placement.id}/follow-up"
    for user in (factories.make_user(team=other_team), factories.make_user(role="team_lead", team=other_team),
                 factories.make_user(role="partner"), factories.make_user(role="admin")):
        client = login(user)
        assert client.get(base).status_code == 403
        for path in ("/rhythm", "/contacts", "/end", "/passive", "/reactivate"):
            assert client.post(base + path, data={}).status_code == 403, (user.role, path)
        client.post("/logout")
    assert _plan(placement).status == PlanStatus.ACTIVE


def test_missing_placement_or_plan_is_404(login, specialist, placement):
    client = login(specialist)
    assert client.get("/placements/999999/follow-up").status_code == 404
    assert client.post(f"/placements/{placement.id}/follow-up/passive").status_code == 404
