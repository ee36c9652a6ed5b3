"""Corrections by the author or the team lead, with the history kept and shown."""
from datetime import UTC, datetime

from crm.core.history import history_of
from crm.extensions import db

from .. import factories


def _form(contact, **changes):
    data = {"contacted_at": "2026-11-20T10:00", "form": contact.form.value, "purpose": contact.purpose.value,
            "contact_person_id": "0", "summary": contact.summary, "outcome": "", "version": str(contact.version)}
    data.update(changes)
    return data


def test_a_correction_keeps_the_history(sign_in, specialist, team_lead, employer):
    contact = factories.make_contact(employer, specialist, datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
                                     summary="Träffade chefen.")
    response = sign_in(team_lead).post(f"/contacts/{contact.id}/correct", data=_form(
        contact, form="phone", summary="Ringde chefen."))
    assert response.status_code == 302
    db.session.expire_all()
    assert contact.form.value == "phone" and contact.summary == "Ringde chefen."
    [entry] = history_of(contact)
    assert entry.action == "corrected" and entry.user_id == team_lead.id
    assert entry.changes == {"form": ["face_to_face", "phone"], "summary": ["Träffade chefen.", "Ringde chefen."]}
    page = sign_in(specialist).get(f"/contacts/{contact.id}").get_data(as_text=True)
    assert "rättade posten" in page and "Träffade chefen." in page and "Personligt möte" in page


def test_a_correction_without_changes_leaves_no_history(sign_in, specialist, employer):
    contact = factories.make_contact(employer, specialist, datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    assert sign_in(specialist).post(f"/contacts/{contact.id}/correct", data=_form(contact)).status_code == 302
    assert history_of(contact) == []


def test_a_stale_correction_is_refused(sign_in, specialist, team_lead, employer):
    contact = factories.make_contact(employer, specialist, datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    stale = _form(contact, summary="Författarens version")
    assert sign_in(team_lead).post(f"/contacts/{contact.id}/correct",
                                   data=_form(contact, summary="Ledarens version")).status_code == 302
    response = sign_in(specialist).post(f"/contacts/{contact.id}/correct", data=stale)
    assert response.status_code == 409
    db.session.expire_all()
    assert contact.summary == "Ledarens version"


def test_participants_can_be_corrected(sign_in, team, specialist, employer):
    contact = factories.make_contact(employer, specialist, datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    participant = factories.make_participant(team, specialist, first_name="Kim")
    factories.make_consent(participant, employer=employer)
    response = sign_in(specialist).post(f"/contacts/{contact.id}/correct",
                                        data=_form(contact, participant_ids=[str(participant.id)]))
    assert response.status_code == 302
    db.session.expire_all()
    assert contact.participants == [participant]
    assert history_of(contact)[0].changes["participants"] == [[], [participant.id]]
    assert "Kim " in sign_in(specialist).get(f"/contacts/{contact.id}").get_data(as_text=True)
