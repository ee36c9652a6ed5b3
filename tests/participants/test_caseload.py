"""The caseload: days since entry and since the latest employer contact, and the team limit."""
from datetime import UTC, date, datetime, timedelta

from crm.contacts.models import EmployerContact, employer_contact_participants
from crm.core import clock
from crm.extensions import db
from crm.participants import queries

from .. import factories


def _log_contact(employer, author, participants, at):
    contact = EmployerContact(team_id=employer.team_id, employer_id=employer.id, author_id=author.id,
                              contacted_at=at, form="face_to_face", purpose="job_development", summary="Besök")
    db.session.add(contact)
    db.session.flush()
    db.session.execute(employer_contact_participants.insert(),
                       [{"contact_id": contact.id, "participant_id": p.id} for p in participants])
    return contact


def test_caseload_figures(team, specialist):
    today = date(2026, 11, 24)
    employer = factories.make_employer(team)
    lina = factories.make_participant(team, specialist, first_name="Lina", entered_on=date(2026, 11, 1))
    omar = factories.make_participant(team, specialist, first_name="Omar", entered_on=date(2026, 10, 1))
    closed = factories.make_participant(team, specialist, first_name="Stängd", status="closed")
    _log_contact(employer, specialist, [lina], datetime(2026, 11, 10, 9, tzinfo=UTC))
    _log_contact(employer, specialist, [lina, omar], datetime(2026, 11, 20, 23, 30, tzinfo=UTC))  # 21 Nov in Sweden
    rows = {row.participant.id: row for row in queries.caseload(team.id, today)}
    assert closed.id not in rows
    assert (rows[lina.id].days_since_entry, rows[lina.id].last_employer_contact_on) == (23, date(2026, 11, 21))
    assert rows[lina.id].days_since_employer_contact == 3
    assert rows[omar.id].days_since_entry == 54


def test_no_contact_yet(team, specialist):
    lina = factories.make_participant(team, specialist)
    (row,) = queries.caseload(team.id, date(2026, 11, 24))
    assert row.participant == lina and row.last_employer_contact_on is None and row.days_since_employer_contact is None


def test_over_the_team_limit_is_flagged(team, specialist):
    team.caseload_limit = 2
    busy = factories.make_user(team=team, name="Bo Busy")
    for _ in range(3):
        factories.make_participant(team, busy)
    factories.make_participant(team, busy, status="passive")  # only active participants count
    factories.make_participant(team, specialist)
    loads = {load.specialist.id: load for load in queries.specialist_loads(team)}
    assert (loads[busy.id].active, loads[busy.id].over_limit) == (3, True)
    assert (loads[specialist.id].active, loads[specialist.id].over_limit) == (1, False)


def test_team_lead_sees_every_caseload_and_the_warning(login, team, team_lead, specialist):
    team.caseload_limit = 1
    factories.make_participant(team, specialist, first_name="Lina")
    factories.make_participant(team, specialist, first_name="Omar")
    page = login(team_lead).get("/participants/").get_data(as_text=True)
    assert "Lina" in page and "Omar" in page
    assert "Sara Specialist" in page and "Över teamets gräns" in page


def test_specialist_sees_own_caseload_first(login, team, specialist):
    colleague = factories.make_user(team=team, name="Kim Kollega")
    factories.make_participant(team, specialist, first_name="Lina")
    factories.make_participant(team, colleague, first_name="Omar")
    client = login(specialist)
    page = client.get("/participants/").get_data(as_text=True)
    assert "Lina" in page and "Omar" not in page
    assert "Omar" in client.get("/participants/?specialist=0").get_data(as_text=True)


def test_status_filter(login, team, specialist):
    factories.make_participant(team, specialist, first_name="Lina", status="closed")
    client = login(specialist)
    assert "Lina" not in client.get("/participants/").get_data(as_text=True)
    assert "Lina" in client.get("/participants/?status=closed").get_data(as_text=True)


def test_caseload_is_a_bounded_number_of_queries(app, team, specialist):
    from sqlalchemy import event

    for _ in range(15):
        factories.make_participant(team, specialist, entered_on=clock.today() - timedelta(days=3))
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        queries.caseload(team.id, clock.today())
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) <= 2 + 4  # participants, contact spans, the clock's proposals, referrals, job starts
