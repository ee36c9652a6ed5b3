"""The consent and disclosure-override forms name their employer as typed (crm/employers/fields.py):
resolved in the team's register, refused when unknown, shared or another team's, and preselected by
a link's ?employer=."""
import re
from datetime import date

import pytest
from sqlalchemy import select

from crm.core import clock
from crm.extensions import db
from crm.participants import services
from crm.participants.disclosure import effective_disclosure
from crm.participants.models import Consent, DisclosureChoice, DisclosureLevel

from .. import factories

CONSENT = {"party_kind": "employer", "decision": "given", "form": "oral", "decided_on": "2026-11-02",
           "scope": "exchange"}
OVERRIDE = {"level": "none", "decided_on": "2026-11-03"}
FORMS = {"consents/new": (CONSENT, Consent), "disclosure/employer": (OVERRIDE, DisclosureChoice)}


@pytest.fixture
def participant(team, specialist):
    return factories.make_participant(team, specialist, first_name="Lina")


def _post(client, participant, form: str, employer: str, **data):
    fields, _ = FORMS[form]
    return client.post(f"/participants/{participant.id}/{form}", data={**fields, "employer": employer, **data})


def _recorded(form: str):
    return db.session.scalars(select(FORMS[form][1])).all()


def _employer_input(page: str) -> str:
    match = re.search(r'<input [^>]*name="employer"[^>]*>', page)
    assert match, page
    return match.group(0)


def _error_of(page: str) -> str:
    """The employer field's error, as the form macro ties it to the field."""
    match = re.search(r'<small id="employer-error" class="error">(.*?)</small>', page, re.S)
    assert match and 'aria-invalid="true"' in _employer_input(page), page
    return match.group(1)


@pytest.mark.parametrize("form", FORMS)
def test_the_employer_is_chosen_by_name_from_a_text_field(login, team, specialist, participant, form):
    employer = factories.make_employer(team, name="Bageriet Solrosen AB")
    factories.make_employer(team, name="Bageriet Solrosen AB", archived_at=clock.utcnow())  # not in the register
    factories.make_employer(team, name="Verkstan AB")
    client = login(specialist)
    page = client.get(f"/participants/{participant.id}/{form}").get_data(as_text=True)
    field = _employer_input(page)
    assert 'type="text"' in field and 'data-suggest="/employers/suggestions"' in field
    assert "Verkstan AB" not in page and "<option" not in page.split('name="employer"')[1].split("</label>")[0]
    assert _post(client, participant, form, "  bageriet solrosen ab ").status_code == 302
    (recorded,) = _recorded(form)
    assert recorded.employer_id == employer.id


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("typed", ["Bageriet Solrosen", "Kaféet i Väst AB"])
def test_an_unknown_employer_or_another_teams_is_refused_and_the_name_kept(login, team, other_team, specialist,
                                                                           participant, form, typed):
    factories.make_employer(team, name="Bageriet Solrosen AB")
    factories.make_employer(other_team, name="Kaféet i Väst AB")  # another team's register
    response = _post(login(specialist), participant, form, typed)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert typed in _error_of(page) and f'value="{typed}"' in _employer_input(page)
    assert _recorded(form) == []


@pytest.mark.parametrize("form", FORMS)
def test_namesakes_are_told_apart(login, team, specialist, participant, form):
    factories.make_employer(team, name="Café Ankaret", municipality="Nyköping")
    trosa = factories.make_employer(team, name="Café Ankaret", municipality="Trosa")
    client = login(specialist)
    response = _post(client, participant, form, "Café Ankaret")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error = _error_of(page)
    assert "Café Ankaret (Nyköping)" in error and "Café Ankaret (Trosa)" in error
    assert 'value="Café Ankaret"' in _employer_input(page) and _recorded(form) == []
    assert _post(client, participant, form, "Café Ankaret (Trosa)").status_code == 302
    (recorded,) = _recorded(form)
    assert recorded.employer_id == trosa.id


def test_a_link_preselects_the_employer_of_the_consent(login, team, specialist, participant):
    factories.make_employer(team, name="Café Ankaret", municipality="Nyköping")
    trosa = factories.make_employer(team, name="Café Ankaret", municipality="Trosa")
    client = login(specialist)
    page = client.get(f"/participants/{participant.id}/consents/new?employer={trosa.id}").get_data(as_text=True)
    assert re.search(r'<option selected value="employer">', page)
    value = re.search(r'value="([^"]*)"', _employer_input(page)).group(1)
    assert value == "Café Ankaret (Trosa)"  # the label that names this one, so that it comes back to it
    assert _post(client, participant, "consents/new", value).status_code == 302
    (consent,) = _recorded("consents/new")
    assert consent.employer_id == trosa.id


def test_a_link_preselects_the_override_it_changes(login, team, specialist, participant):
    employer = factories.make_employer(team, name="Bageriet Solrosen AB")
    services.record_disclosure(participant, specialist, "limited", {"share_support"}, date(2026, 11, 1),
                               date(2026, 11, 24), employer=employer)
    client = login(specialist)
    page = client.get(f"/participants/{participant.id}/disclosure/employer?employer={employer.id}").get_data(
        as_text=True)
    assert 'value="Bageriet Solrosen AB"' in _employer_input(page)
    assert re.search(r'<input checked[^>]*value="limited"', page) and re.search(r'<input checked[^>]*share_support',
                                                                                page)
    assert _post(client, participant, "disclosure/employer", "Bageriet Solrosen AB").status_code == 302
    db.session.expire_all()
    assert effective_disclosure(participant, employer.id) == DisclosureLevel.NONE


@pytest.mark.parametrize("form", FORMS)
def test_a_link_to_another_teams_or_an_archived_employer_preselects_nothing(login, team, other_team, specialist,
                                                                            participant, form):
    stranger = factories.make_employer(other_team, name="Kaféet i Väst AB")
    archived = factories.make_employer(team, name="Gamla Bageriet AB", archived_at=clock.utcnow())
    client = login(specialist)
    for employer in (stranger, archived):
        page = client.get(f"/participants/{participant.id}/{form}?employer={employer.id}").get_data(as_text=True)
        assert employer.name not in page and 'value=""' in _employer_input(page)
    for number in ("0", "-1", str(2**31), "9" * 30, "Bageriet"):  # no such record: a form, not an error
        response = client.get(f"/participants/{participant.id}/{form}?employer={number}")
        assert response.status_code == 200 and 'value=""' in _employer_input(response.get_data(as_text=True))


def test_an_employer_party_needs_an_employer(login, specialist, participant):
    response = _post(login(specialist), participant, "consents/new", "")
    assert response.status_code == 422 and _error_of(response.get_data(as_text=True))
    assert _recorded("consents/new") == []


def test_another_party_ignores_the_employer_field(login, specialist, participant):
    response = _post(login(specialist), participant, "consents/new", "Okänt AB", party_kind="other",
                     party_name="Budget- och skuldrådgivningen")
    assert response.status_code == 302
    (consent,) = _recorded("consents/new")
    assert consent.employer_id is None and consent.party_name == "Budget- och skuldrådgivningen"
