"""Erasure: the person's name and details are gone from every table, text, feed and outbox file,
while the team's figures stay what they were."""
import re
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import JSON, Enum, String, Text, cast, func, or_, select

from crm.auth.models import Team
from crm.contacts.models import employer_contact_participants
from crm.core.audit import AccessLog
from crm.core.clock import today
from crm.extensions import db
from crm.followup.models import FollowUpContact, FollowUpPlan, PlanStatus
from crm.network.models import sip_meeting_attendees
from crm.nudges import engine
from crm.nudges.models import LIVE_STATUSES, Nudge
from crm.participants.models import JobPreferences, Participant, ParticipantStatus
from crm.privacy.inventory import HOLDINGS
from crm.privacy.services import retention_due

from .. import factories

FULL = "Zebulon Quixotefield"
PHONE = "070-555 12 34"
EMAIL = "zebulon.q@example.org"
# Every way the person could be found in what is left: the surname is unique to this test.
TRACES = ("quixotefield", "zebulon q.", "555 12 34", "5551234", "zebulon.q@")

# Text columns of participant records that hold no one's words: codes, rules and titles of jobs.
STRUCTURED = {("participants", "first_name"), ("participants", "last_name"),  # replaced, not emptied
              ("followup_plans", "employee_rule"), ("followup_plans", "employer_rule"),
              ("placements", "title"), ("placements", "occupation_code"), ("job_preference_codes", "code"),
              ("nudges", "rule"), ("nudges", "cause_key"), ("nudges", "subject_type"),
              ("record_changes", "entity_type"), ("record_changes", "action")}


def _text_columns(table):
    return [c for c in table.columns if isinstance(c.type, Text | JSON) or
            (isinstance(c.type, String) and not isinstance(c.type, Enum))]


def test_every_table_about_a_participant_is_in_the_inventory():
    """A new table that refers to participants (or belongs to a table that does) must say what
    the export and erasure do with it."""
    covered = {holding.model.__tablename__ for holding in HOLDINGS}
    owned = set()
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "participants" or (
                    fk.column.table.name in covered and fk.ondelete == "CASCADE"):
                owned.add(table.name)
    # Link tables: the contacts and the SIP meetings they link are covered.
    assert owned - covered == {employer_contact_participants.name, sip_meeting_attendees.name}


def test_every_text_column_of_a_participant_record_has_a_rule():
    unruled = []
    for holding in HOLDINGS:
        if holding.delete:
            continue
        table = holding.model.__table__
        for column in _text_columns(table):
            if column.name not in holding.erase and column.name not in holding.redact \
                    and (table.name, column.name) not in STRUCTURED:
                unruled.append(f"{table.name}.{column.name}")
    assert unruled == []


@pytest.fixture
def zebulon(team, specialist, tmp_path, app, monkeypatch):
    """A closed participant whose name and details are written into everything the app keeps."""
    monkeypatch.setitem(app.config, "MAIL_OUTBOX", str(tmp_path / "outbox"))
    said = f"Pratade med {FULL} ({PHONE}, {EMAIL}); Zebulon var nöjd."
    person = factories.make_participant(team, specialist, first_name="Zebulon", last_name="Quixotefield",
                                        phone=PHONE, email=EMAIL, preferred_language="Quixotefieldska",
                                        entered_on=date(2025, 1, 10))
    person.status_changes[0].reason = said
    bakery = factories.make_employer(team, name="Bageriet AB")
    factories.make_consent(person, employer=bakery, party_name=FULL, scope_note=said)
    factories.make_profile_entry(person, employer_name=f"{FULL} Städ", what_worked=said)
    factories.make_profile_entry(person, kind="education", programme=said[:200])
    db.session.add(JobPreferences(participant_id=person.id, tasks_liked=said, must_haves=said,
                                  reviewed_on=date(2025, 1, 12), hours_min=30))
    contact = factories.make_contact(bakery, specialist, contacted_at=datetime(2025, 1, 20, 9, tzinfo=UTC),
                                     purpose="job_development", summary=said, outcome="Zebulon börjar måndag")
    contact.participants.append(person)
    factories.make_next_step(bakery, specialist, due_on=date(2025, 2, 1), what="Ring Zebulon om schemat",
                             contact_id=contact.id)
    placement = factories.make_placement(person, bakery, started_on=date(2025, 2, 3), end_notes=said,
                                         ended_on=date(2025, 9, 30), end_reason="other")
    plan = factories.make_followup_plan(placement, user=specialist)
    plan.participant_words = said
    factories.make_followup_contact(plan, held_on=date(2025, 3, 1), with_whom=FULL, what_came_up=said,
                                    adjustments_agreed=said)
    negotiation = factories.make_negotiation(person, bakery, shared_information=said)
    negotiation.steps[0].notes = said
    opening = factories.make_opening(bakery)
    factories.make_proposal(person, opening).outcome_notes = said
    listing = factories.make_listing(factories.make_partner_organisation())
    factories.make_referral(person, listing, message_to_partner=said, partner_message=said)
    factories.make_nudge(specialist, rule="participant", subject_type="participant", subject_id=person.id,
                         params={"participant": "Zebulon Q.", "days": 40})
    factories.make_nudge(specialist, rule="followup_plan_missing", subject_type="placement", subject_id=placement.id,
                         params={"participant": "Zebulon Q.", "employer": "Bageriet AB", "placement_id": placement.id})
    db.session.add(AccessLog(user_id=specialist.id, participant_id=person.id, action="view", what=f"profile {FULL}"))
    # Elsewhere, where only the full name, phone or e-mail surely means this person:
    elsewhere = factories.make_employer(team, name="Verkstaden AB", notes=f"Frågade efter {FULL.upper()}.")
    factories.make_contact(elsewhere, specialist, summary=f"Nämnde {FULL}s cv, ring {PHONE.replace(' ', '')}")
    factories.make_next_step(elsewhere, specialist, due_on=date(2025, 2, 1), what=f"Skicka cv för {FULL}")
    meeting = factories.make_meeting(factories.make_meeting_series(team), minutes=f"{FULL} har fått jobb.",
                                     agenda_snapshot={"job_starts": [{"name": FULL, "employer": "Bageriet AB"}]})
    factories.make_meeting_action(meeting, specialist, text=f"Fira {FULL}")
    # And someone else with the same first name, whose records must be left alone.
    other = factories.make_participant(team, specialist, first_name="Zebulon", last_name="Andersson")
    other_contact = factories.make_contact(bakery, specialist, summary="Zebulon Andersson visade runt.")
    other_contact.participants.append(other)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    digest = EmailMessage()
    digest["Subject"], digest["To"] = "Påminnelser", specialist.email
    digest.set_content(f"Ring Zebulon Q. (dag 40)\nÅterkoppla till {FULL}\nÖvrigt: Zebulon Andersson\n")
    (outbox / "digest-1.eml").write_bytes(bytes(digest))
    person.status, person.closed_on = ParticipantStatus.CLOSED, date(2025, 10, 1)
    db.session.flush()
    return person, other_contact


def _traces() -> list[str]:
    """Every text and JSON column of every table in which the person can still be found."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in _text_columns(table):
            text = func.lower(cast(column, Text))
            if db.session.scalar(select(func.count()).select_from(table)
                                 .where(or_(*[text.contains(trace) for trace in TRACES]))):
                found.append(f"{table.name}.{column.name}")
    return found


def test_erasure_removes_the_person_from_every_table_text_and_outbox(client, login, admin, team, zebulon, tmp_path):
    person, other_contact = zebulon
    assert _traces()  # the check can fail: the fixture wrote the person everywhere

    response = login(admin).post(f"/privacy/participants/{person.id}/erase",
                                 data={"confirm_id": person.id, "reference": "Dnr 2026-123"})

    assert response.status_code == 302
    assert _traces() == []
    db.session.expire_all()
    erased = db.session.get(Participant, person.id)
    assert erased.erased_at is not None and erased.erased_by_id == admin.id
    assert (erased.phone, erased.email, erased.preferred_language) == (None, None, None)
    assert "Quixotefield" not in erased.name
    # The other Zebulon keeps his record and the text about him.
    assert db.session.get(type(other_contact), other_contact.id).summary == "Zebulon Andersson visade runt."
    mail = (tmp_path / "outbox" / "digest-1.eml").read_text()
    assert "Zebulon Q." not in mail and "Quixotefield" not in mail and "Zebulon Andersson" in mail
    entry = db.session.scalars(select(AccessLog).where(AccessLog.participant_id == person.id)
                               .order_by(AccessLog.id.desc())).first()
    assert (entry.user_id, entry.action.value, entry.what) == (admin.id, "delete", "erasure (ref. Dnr 2026-123)")


def test_the_calendar_feed_no_longer_names_an_erased_participant(client, login, admin, specialist, team, zebulon):
    person, _other = zebulon
    login(specialist)
    page = client.post("/account/calendar").get_data(as_text=True)
    feed_url = re.search(r'>(http://[^<]+\.ics)</textarea>', page).group(1).replace("http://localhost", "")
    plan_due = today() + timedelta(days=3)
    factories.make_followup_contact(person_plan(person), held_on=None, due_on=plan_due)
    assert "Zebulon Q." in client.get(feed_url).get_data(as_text=True)
    client.post("/logout")

    login(admin).post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id})
    client.post("/logout")

    assert "Zebulon" not in client.get(feed_url).get_data(as_text=True)


def person_plan(person):
    from crm.followup.models import FollowUpPlan
    from crm.placements.models import Placement

    return db.session.scalar(select(FollowUpPlan).join(Placement).where(Placement.participant_id == person.id))


def test_the_teams_figures_are_the_same_after_an_erasure(client, login, admin, team_lead, zebulon):
    person, _other = zebulon
    period = "?start=2025-01-01&end=2025-12-31"
    login(team_lead)
    before = {kind: client.get(f"/reports/export/{kind}.csv{period}").get_data(as_text=True)
              for kind in ("fidelity", "outcomes", "contacts")}
    placements_before = client.get(f"/reports/export/placements.csv{period}").get_data(as_text=True)
    client.post("/logout")

    login(admin).post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id})
    client.post("/logout")

    login(team_lead)
    after = {kind: client.get(f"/reports/export/{kind}.csv{period}").get_data(as_text=True) for kind in before}
    placements_after = client.get(f"/reports/export/placements.csv{period}").get_data(as_text=True)
    assert after["fidelity"] == before["fidelity"]
    assert after["outcomes"] == before["outcomes"]
    # The contact log keeps every contact and its counts; only the name is cut out of the text.
    assert len(after["contacts"].splitlines()) == len(before["contacts"].splitlines())
    assert "Quixotefield" in before["contacts"] and "Quixotefield" not in after["contacts"]
    assert len(placements_after.splitlines()) == len(placements_before.splitlines()) >= 2
    assert "Quixotefield" not in placements_after


def test_only_a_closed_participant_can_be_erased_and_only_once(client, login, admin, team, specialist):
    person = factories.make_participant(team, specialist, first_name="Aktiv", last_name="Person")
    admin.locale = "en"
    db.session.flush()
    login(admin)

    response = client.post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id},
                           follow_redirects=True)
    assert "Only a closed participant can be erased" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Participant, person.id).first_name == "Aktiv"

    person.status, person.closed_on = ParticipantStatus.CLOSED, today()
    db.session.flush()
    assert client.post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id}).status_code == 302
    again = client.post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id},
                        follow_redirects=True)
    assert "already been erased" in again.get_data(as_text=True)


def test_erasure_needs_the_participants_number_typed_and_keeps_the_input(client, login, admin, team, specialist):
    person = factories.make_participant(team, specialist, first_name="Stängd", status="closed", closed_on=today())
    admin.locale = "en"
    db.session.flush()
    response = login(admin).post(f"/privacy/participants/{person.id}/erase",
                                 data={"confirm_id": person.id + 1, "reference": "Dnr 7"})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "That is not this participant&#39;s number." in page and 'value="Dnr 7"' in page
    db.session.expire_all()
    assert db.session.get(Participant, person.id).erased_at is None


def test_retention_lists_closed_participants_past_their_teams_period(client, login, admin, team, specialist):
    team.retention_months = 12
    old = factories.make_participant(team, specialist, first_name="Gammal", status="closed",
                                     closed_on=today() - timedelta(days=400))
    factories.make_participant(team, specialist, first_name="Nyligen", status="closed",
                               closed_on=today() - timedelta(days=300))
    factories.make_participant(team, specialist, first_name="Aktiv", entered_on=today() - timedelta(days=900))
    erased = factories.make_participant(team, specialist, first_name="Raderad", status="closed",
                                        closed_on=today() - timedelta(days=800))
    login(admin).post(f"/privacy/participants/{erased.id}/erase", data={"confirm_id": erased.id})

    page = client.get("/privacy/").get_data(as_text=True)
    due = page[page.index('id="due-heading"'):]
    assert "Gammal" in due and "Nyligen" not in due and "Aktiv" not in due
    assert f"/privacy/participants/{old.id}" in due and f"/privacy/participants/{erased.id}" not in due
    older = factories.make_participant(team, specialist, first_name="Äldst", status="closed",
                                       closed_on=today() - timedelta(days=900))
    shown, total = retention_due(today(), limit=1)
    assert [p.id for p in shown] == [older.id] and total == 2


def test_admin_sets_a_teams_retention_period(client, login, admin, team):
    response = login(admin).post(f"/admin/teams/{team.id}", data={
        "name": team.name, "weekly_contact_target": 6, "cold_after_days": 60, "caseload_limit": 20,
        "retention_months": 36})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Team, team.id).retention_months == 36
    refused = client.post(f"/admin/teams/{team.id}", data={
        "name": team.name, "weekly_contact_target": 6, "cold_after_days": 60, "caseload_limit": 20,
        "retention_months": 0})
    assert refused.status_code == 422


@pytest.mark.parametrize("role", ["job_specialist", "team_lead"])
def test_nothing_can_be_written_about_an_erased_participant(client, login, admin, team, specialist, role):
    person = factories.make_participant(team, specialist, first_name="Stängd", status="closed", closed_on=today())
    bakery = factories.make_employer(team)
    placement = factories.make_placement(person, bakery, started_on=today() - timedelta(days=30))
    plan = factories.make_followup_plan(placement, user=specialist)
    negotiation = factories.make_negotiation(person, bakery)
    organisation = factories.make_partner_organisation()
    listing = factories.make_listing(organisation)
    referral = factories.make_referral(person, listing, status="accepted")
    partner = factories.make_user(role="partner", partner_organisation=organisation)
    login(admin).post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id})
    client.post("/logout")

    login(factories.make_user(role=role, team=team))
    # Still counted, still readable:
    for url in (f"/participants/{person.id}", f"/placements/{placement.id}", f"/placements/{placement.id}/follow-up",
                f"/subsidies/{negotiation.id}"):
        assert client.get(url).status_code == 200, url
    assert "kan bara avslutande steg" not in client.get(f"/subsidies/{negotiation.id}").get_data(as_text=True)
    for url in (f"/participants/{person.id}/edit", f"/participants/{person.id}/status",
                f"/participants/{person.id}/consents/new", f"/participants/{person.id}/preferences",
                f"/participants/{person.id}/negotiations/new", f"/placements/{placement.id}/negotiations/new",
                f"/subsidies/{negotiation.id}/steps/raised_with_af", f"/placements/{placement.id}/end",
                f"/participants/{person.id}/listings/{listing.id}/referral"):
        assert client.get(url).status_code == 403, url
    for url, data in ((f"/participants/{person.id}/edit", {"first_name": "Åter"}),
                      (f"/placements/{placement.id}/follow-up/contacts",
                       {"held_on": today().isoformat(), "audience": "employee", "form": "phone",
                        "what_came_up": "Åter"}),
                      (f"/placements/{placement.id}/follow-up/passive", {})):
        assert client.post(url, data=data).status_code == 403, url
    client.post("/logout")
    login(partner)
    assert client.get(f"/partner/referrals/{referral.id}/start").status_code == 403
    db.session.expire_all()
    assert db.session.scalar(select(FollowUpContact)) is None
    assert db.session.get(FollowUpPlan, plan.id).status == PlanStatus.ACTIVE  # not made passive


def test_an_erased_person_is_no_ones_work_any_more(client, login, admin, team, specialist):
    """Their follow-up, job start and subsidy reminders resolve, and My week no longer lists them."""
    person = factories.make_participant(team, specialist, first_name="Ylva", last_name="Ytterberg", status="closed",
                                        closed_on=today())
    bakery = factories.make_employer(team, name="Bageriet AB")
    factories.make_followup_plan(factories.make_placement(person, bakery, started_on=today() - timedelta(days=60)),
                                 user=specialist)  # no contact since the start: overdue
    factories.make_placement(person, factories.make_employer(team), started_on=today())  # no plan yet
    factories.make_negotiation(person, bakery, status="active", next_review_on=today() + timedelta(days=5))
    engine.evaluate_all(datetime.now(UTC))
    rules = {"followup_employee_due", "followup_plan_missing", "subsidy_review_near"}

    def live():
        return {n.rule for n in db.session.scalars(select(Nudge).where(Nudge.status.in_(LIVE_STATUSES)))} & rules

    assert live() == rules and "Ylva Y." in login(specialist).get("/week/").get_data(as_text=True)
    client.post("/logout")
    login(admin).post(f"/privacy/participants/{person.id}/erase", data={"confirm_id": person.id})
    client.post("/logout")

    engine.evaluate_all(datetime.now(UTC))
    assert live() == set()
    assert "Raderad" not in login(specialist).get("/week/").get_data(as_text=True)
