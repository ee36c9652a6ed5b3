"""A copy of everything held (JSON and readable), finding participants, and who may do any of it."""
import json
from datetime import date

import pytest
from sqlalchemy import select

from crm.core.audit import AccessLog
from crm.extensions import db
from crm.participants.models import ParticipantStatus

from .. import factories


@pytest.fixture
def asa(team, specialist):
    person = factories.make_participant(team, specialist, first_name="Åsa", last_name="Öberg", phone="070-111 22 33",
                                        email="asa@example.org")
    bakery = factories.make_employer(team, name="Bageriet AB")
    factories.make_consent(person, employer=bakery, scope_note="Får prata om arbetstider")
    factories.make_profile_entry(person, employer_name="Ica Maxi", what_worked="Morgonpass")
    placement = factories.make_placement(person, bakery, title="Bagarbiträde", started_on=date(2026, 5, 4))
    factories.make_followup_contact(factories.make_followup_plan(placement, user=specialist),
                                    held_on=date(2026, 6, 1), what_came_up="Trivs med kollegorna")
    contact = factories.make_contact(bakery, specialist, summary="Presenterade Åsa för chefen")
    contact.participants.append(person)
    db.session.flush()
    return person


def _audit_whats(person) -> list[str]:
    return db.session.scalars(select(AccessLog.what).where(AccessLog.participant_id == person.id)
                              .order_by(AccessLog.id)).all()


def test_json_export_holds_every_record_about_the_participant(client, login, admin, asa):
    response = login(admin).get(f"/privacy/participants/{asa.id}/export.json")

    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f"attachment; filename*=UTF-8''participant-{asa.id}.json"
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    records = data["records"]
    assert records["participant"][0]["first_name"] == "Åsa" and records["participant"][0]["phone"] == "070-111 22 33"
    assert records["consents"][0]["scope_note"] == "Får prata om arbetstider"
    assert records["work_experiences"][0]["what_worked"] == "Morgonpass"
    assert records["placements"][0]["started_on"] == "2026-05-04"
    assert records["followup_contacts"][0]["what_came_up"] == "Trivs med kollegorna"
    assert records["employer_contacts"][0]["summary"] == "Presenterade Åsa för chefen"
    assert "data export (JSON)" in _audit_whats(asa)


def test_readable_export_shows_the_records_in_words(client, login, admin, asa):
    response = login(admin).get(f"/privacy/participants/{asa.id}/export.html")

    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    page = response.get_data(as_text=True)
    for expected in ("Åsa", "Öberg", "070-111 22 33", "Bagarbiträde", "Trivs med kollegorna", "Bageriet AB",
                     "Morgonpass", "Presenterade Åsa för chefen"):
        assert expected in page
    assert "Skriftligt" in page or "Skriftlig" in page  # the consent's form, in words, not "written"
    assert "data export (readable)" in _audit_whats(asa)


def test_the_privacy_page_counts_what_is_held_and_offers_erasure_only_when_closed(client, login, admin, asa):
    """`asa` is active: the page explains why she cannot be erased yet instead of offering it."""
    admin.locale = "en"
    db.session.flush()
    page = login(admin).get(f"/privacy/participants/{asa.id}").get_data(as_text=True)
    assert "Åsa Öberg" in page
    assert '<td>Consents</td><td class="num">1</td>' in page
    assert '<td>Follow-up contacts</td><td class="num">1</td>' in page
    assert "Referrals to social enterprises" not in page  # nothing held of that kind: not listed
    assert "privacy page" in _audit_whats(asa)
    assert f'action="/privacy/participants/{asa.id}/erase"' not in page and "Only a closed participant" in page
    asa.status = "closed"
    db.session.flush()
    page = client.get(f"/privacy/participants/{asa.id}").get_data(as_text=True)
    assert f'action="/privacy/participants/{asa.id}/erase"' in page


def test_admin_finds_participants_by_name_in_any_case_or_by_number(client, login, admin, asa, other_team):
    factories.make_participant(other_team, first_name="Åke", last_name="Öst")
    login(admin)
    by_name = client.get("/privacy/?q=åsa öb").get_data(as_text=True)
    assert f"/privacy/participants/{asa.id}" in by_name and "Åke" not in by_name
    by_other_case = client.get("/privacy/?q=ÖBERG").get_data(as_text=True)
    assert f"/privacy/participants/{asa.id}" in by_other_case
    assert f"/privacy/participants/{asa.id}" in client.get(f"/privacy/?q={asa.id}").get_data(as_text=True)
    assert client.get("/privacy/?q=99999999999999").status_code == 200


@pytest.mark.parametrize("role", ["specialist", "team_lead", "partner"])
def test_no_one_but_an_admin_may_export_or_erase(client, login, request, role, asa):
    asa.status, asa.closed_on = ParticipantStatus.CLOSED, date(2026, 1, 5)  # one an admin could erase
    user = request.getfixturevalue(role)
    login(user)
    for url in ("/privacy/", f"/privacy/participants/{asa.id}", f"/privacy/participants/{asa.id}/export.json",
                f"/privacy/participants/{asa.id}/export.html"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/privacy/participants/{asa.id}/erase", data={"confirm_id": asa.id}).status_code == 403
    db.session.expire_all()
    assert asa.erased_at is None and asa.first_name == "Åsa"


def test_signed_out_visitors_are_sent_to_sign_in(client, asa):
    response = client.get(f"/privacy/participants/{asa.id}/export.json")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_unknown_participant_is_404(client, login, admin):
    assert login(admin).get("/privacy/participants/987654/export.json").status_code == 404
