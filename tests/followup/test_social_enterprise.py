"""Follow-up of a start at a social enterprise: the workplace is the partner organisation, not an employer."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from crm.core.clock import today
from crm.extensions import db
from crm.nudges import engine
from crm.nudges.models import Nudge
from crm.partners import services as partners

from .. import factories


@pytest.fixture
def cafe_start(team, specialist):
    """Bo started a work placement at Kafé Gemenskap, a social enterprise, ten days ago."""
    cafe = factories.make_partner_organisation("Kafé Gemenskap")
    bo = factories.make_participant(team, specialist, first_name="Bo", last_name="Berg")
    referral = factories.make_referral(bo, factories.make_listing(cafe, title="Kafébiträde"), status="accepted")
    return partners.record_start(referral, specialist, {"started_on": today() - timedelta(days=10),
                                                        "hours_per_week": 20}, today())


def test_my_week_names_the_social_enterprise_of_a_start_without_a_plan(login, specialist, cafe_start):
    text = login(specialist).get("/week/").get_data(as_text=True)
    assert "jobbet hos Kafé Gemenskap saknar uppföljningsplan" in text


def test_the_plan_page_nudges_and_calendar_name_the_social_enterprise(client, login, specialist, cafe_start):
    plan = factories.make_followup_plan(cafe_start, user=specialist)
    staff = login(specialist)
    page = staff.get(f"/placements/{cafe_start.id}/follow-up")
    assert page.status_code == 200 and "Kafébiträde, Kafé Gemenskap" in page.get_data(as_text=True)
    assert "handledaren hos Kafé Gemenskap" in staff.get("/week/").get_data(as_text=True)

    for rule in ("followup_employee_due", "followup_employer_supervisor_due"):
        engine.evaluate_rule(rule, datetime.now(UTC))
    nudges = db.session.scalars(select(Nudge).where(Nudge.subject_id == plan.id)).all()
    assert {nudge.params["employer"] for nudge in nudges} == {"Kafé Gemenskap"}

    feed = staff.post("/account/calendar").get_data(as_text=True)
    url = re.search(r'>(http://[^<]+\.ics)</textarea>', feed).group(1).replace("http://localhost", "")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(url).data).walk("VEVENT")]
    assert any("Bo B." in s and "Kafé Gemenskap" in s for s in summaries), summaries

