"""The access log: every view and change of a participant record is written, and readable by the right people."""
from sqlalchemy import select

from crm.core.audit import AccessLog, AuditAction, audit_trail
from crm.extensions import db

from .. import factories


def _entries(participant):
    db.session.expire_all()
    return [(e.user_id, e.action, e.what) for e in reversed(audit_trail(participant.id))]


def test_viewing_the_record_is_logged(login, team, specialist):
    participant = factories.make_participant(team, specialist)
    login(specialist).get(f"/participants/{participant.id}")
    assert _entries(participant) == [(specialist.id, AuditAction.VIEW, "overview")]


def test_changes_are_logged_with_field_names_only(login, team, specialist):
    participant = factories.make_participant(team, specialist, first_name="Omar")
    login(specialist).post(f"/participants/{participant.id}/edit", data={
        "first_name": "Omar", "last_name": participant.last_name, "phone": "070-111 22 33",
        "specialist_id": specialist.id, "entered_on": "2026-10-01", "version": participant.version})
    ((user_id, action, what),) = _entries(participant)
    assert (user_id, action) == (specialist.id, AuditAction.UPDATE)
    assert what == "details: phone" and "070" not in what


def test_creating_a_participant_is_logged(login, specialist):
    login(specialist).post("/participants/new", data={"first_name": "Amina", "last_name": "Yusuf",
                                                      "entered_on": "2026-11-02", "status": "waiting_list"})
    entry = db.session.scalar(select(AccessLog))
    assert (entry.user_id, entry.action, entry.what) == (specialist.id, AuditAction.CREATE, "participant")


def test_refused_views_leave_no_entry_and_reading_the_trail_is_logged(login, team, other_team, team_lead):
    participant = factories.make_participant(team)
    client = login(factories.make_user(team=other_team))
    assert client.get(f"/participants/{participant.id}").status_code == 403
    assert _entries(participant) == []
    client.post("/logout")
    page = login(team_lead).get(f"/participants/{participant.id}/audit")
    assert page.status_code == 200
    assert _entries(participant) == [(team_lead.id, AuditAction.AUDIT_VIEW, "audit trail")]


def test_team_lead_reads_who_did_what(login, team, specialist, team_lead):
    participant = factories.make_participant(team, specialist)
    client = login(specialist)
    client.get(f"/participants/{participant.id}/preferences")
    client.post("/logout")
    page = login(team_lead).get(f"/participants/{participant.id}/audit").get_data(as_text=True)
    assert "Sara Specialist" in page and "job preferences form" in page
