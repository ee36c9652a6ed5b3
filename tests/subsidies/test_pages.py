"""The pages: start a negotiation from a participant or a job start, record steps, the team overview,
the AF case officer, the agency directory and the support types."""
import re
from datetime import date, timedelta

from sqlalchemy import select

from crm.core import clock
from crm.core.audit import AccessLog, AuditAction
from crm.extensions import db
from crm.placements.models import EmploymentForm
from crm.subsidies.models import AgencyContact, Negotiation, NegotiationStatus, SupportType
from crm.subsidies.queries import job_starts_with_support

from .. import factories


def _negotiations():
    return db.session.scalars(select(Negotiation)).all()


def test_start_a_negotiation_from_the_participant_page(login, specialist, ready, employer):
    client = login(specialist)
    page = client.get(f"/participants/{ready.id}").get_data(as_text=True)
    assert f"/participants/{ready.id}/negotiations/new" in page
    response = client.post(f"/participants/{ready.id}/negotiations/new", data={
        "employer": employer.name, "opening_id": 0, "placement_id": 0,
        "support_type_id": factories.support_type("nystartsjobb").id, "af_officer_id": 0,
        "requested_share_percent": "80", "wage_basis": "23000", "notes": "Chefen är positiv"})
    (negotiation,) = _negotiations()
    assert response.headers["Location"].endswith(f"/subsidies/{negotiation.id}")
    assert negotiation.status == NegotiationStatus.DRAFT and negotiation.requested_share_percent == 80
    assert negotiation.steps[0].notes == "Chefen är positiv" and negotiation.steps[0].taken_on == clock.today()
    actions = db.session.scalars(select(AccessLog.action).where(AccessLog.participant_id == ready.id)).all()
    assert AuditAction.CREATE in actions
    page = client.get(f"/participants/{ready.id}").get_data(as_text=True)
    assert "Nystartsjobb" in page and employer.name in page


def test_a_refusal_names_what_is_missing_and_keeps_the_input(login, specialist, team, employer):
    participant = factories.make_participant(team, specialist, first_name="Omar", last_name="Ali")
    response = login(specialist).post(f"/participants/{participant.id}/negotiations/new", data={
        "employer": employer.name, "opening_id": 0, "placement_id": 0,
        "support_type_id": factories.support_type().id, "af_officer_id": 0, "wage_basis": "21500"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count("Omar Ali") >= 3 and "Arbetsförmedlingen" in page and "21500" in page
    assert _negotiations() == []


def test_the_employer_is_named_from_the_teams_register(login, specialist, ready, other_team):
    factories.make_employer(other_team, name="Väst Bageri AB")
    client = login(specialist)
    form = client.get(f"/participants/{ready.id}/negotiations/new").get_data(as_text=True)
    assert re.search(r'<input [^>]*data-suggest="/employers/suggestions"[^>]*name="employer"', form)
    response = client.post(f"/participants/{ready.id}/negotiations/new", data={
        "employer": "Väst Bageri AB", "opening_id": 0, "placement_id": 0,
        "support_type_id": factories.support_type().id, "af_officer_id": 0})
    assert response.status_code == 422 and 'id="employer-error"' in response.get_data(as_text=True)
    assert _negotiations() == []


def test_start_from_a_job_start_prefills_employer_and_wage(login, specialist, ready, employer, team):
    placement = factories.make_placement(ready, employer, monthly_wage=24500, title="Bagare")
    factories.make_opening(employer, title="Bagarbiträde")
    factories.make_opening(factories.make_employer(team, name="Lagret AB"), title="Truckförare")
    client = login(specialist)
    assert f"/placements/{placement.id}/negotiations/new" in client.get(f"/placements/{placement.id}").get_data(
        as_text=True)
    form = client.get(f"/placements/{placement.id}/negotiations/new").get_data(as_text=True)
    assert 'value="24500"' in form and employer.name in form and 'name="employer"' not in form
    assert "Bagarbiträde" in form and "Truckförare" not in form and 'name="list_openings"' not in form
    response = client.post(f"/placements/{placement.id}/negotiations/new", data={
        "employer": "Någon annan AB", "opening_id": 0, "placement_id": placement.id,  # the job start's employer
        "support_type_id": factories.support_type().id, "af_officer_id": 0, "wage_basis": "24500"})
    assert response.status_code == 302
    (negotiation,) = _negotiations()
    assert negotiation.placement_id == placement.id and negotiation.wage_basis == 24500


def _opening_options(page: str) -> list[str]:
    select_ = re.search(r'<select [^>]*name="opening_id"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select_)


def test_only_the_chosen_employers_openings_are_offered(login, specialist, ready, employer, team):
    """A team has hundreds of open openings; a negotiation may link only one of its employer's."""
    baker = factories.make_opening(employer, title="Bagarbiträde")
    factories.make_opening(employer, title="Konditor", status="filled")
    elsewhere = factories.make_opening(factories.make_employer(team, name="Lagret AB"), title="Truckförare")
    client = login(specialist)
    url = f"/participants/{ready.id}/negotiations/new"
    page = client.get(url).get_data(as_text=True)
    assert _opening_options(page) == ["—"] and 'name="list_openings"' in page
    data = {"employer": employer.name, "opening_id": 0, "placement_id": 0,
            "support_type_id": factories.support_type().id, "af_officer_id": 0, "wage_basis": "23000"}
    listed = client.post(url, data={**data, "list_openings": "1"})
    assert listed.status_code == 200 and _negotiations() == []  # listed, nothing saved
    page = listed.get_data(as_text=True)
    assert _opening_options(page) == ["—", "Bagarbiträde"]
    assert 'value="23000"' in page and f'value="{employer.name}"' in page  # the input is kept
    refused = client.post(url, data={**data, "opening_id": elsewhere.id})  # another employer's opening
    assert refused.status_code == 422 and 'id="opening_id-error"' in refused.get_data(as_text=True)
    assert _negotiations() == []
    assert client.post(url, data={**data, "opening_id": baker.id}).status_code == 302
    (negotiation,) = _negotiations()
    assert negotiation.opening_id == baker.id and negotiation.employer_id == employer.id


def test_listing_openings_of_an_unknown_employer_says_so(login, specialist, ready):
    response = login(specialist).post(f"/participants/{ready.id}/negotiations/new", data={
        "employer": "Okänt AB", "list_openings": "1", "support_type_id": factories.support_type().id})
    assert response.status_code == 422 and 'id="employer-error"' in response.get_data(as_text=True)
    assert _opening_options(response.get_data(as_text=True)) == ["—"] and _negotiations() == []


def test_record_steps_and_refuse_an_illegal_one(login, specialist, ready, employer, team):
    officer = factories.make_agency_contact(team)
    negotiation = factories.make_negotiation(ready, employer, started_on=clock.today() - timedelta(days=3))
    client = login(specialist)
    detail = client.get(f"/subsidies/{negotiation.id}").get_data(as_text=True)
    assert f"/subsidies/{negotiation.id}/steps/raised_with_af" in detail
    assert f"/subsidies/{negotiation.id}/steps/decided" not in detail
    response = client.post(f"/subsidies/{negotiation.id}/steps/raised_with_af", data={
        "taken_on": clock.today().isoformat(), "af_officer_id": officer.id, "requested_share_percent": "60",
        "shared_information": "Till AF: yrkesprofil", "notes": "Mejl till Åsa", "version": negotiation.version})
    assert response.status_code == 302
    db.session.refresh(negotiation)
    assert negotiation.status == NegotiationStatus.RAISED_WITH_AF and negotiation.af_officer_id == officer.id
    illegal = client.post(f"/subsidies/{negotiation.id}/steps/active", data={
        "taken_on": clock.today().isoformat(), "period_start_on": "2027-01-01", "period_end_on": "2027-12-31"})
    assert illegal.status_code == 409
    assert "Bedöms av AF" in illegal.get_data(as_text=True)  # the possible next step is named
    db.session.refresh(negotiation)
    assert negotiation.status == NegotiationStatus.RAISED_WITH_AF and negotiation.period_start_on is None
    assert len(negotiation.steps) == 2


def test_a_stale_form_or_a_future_date_changes_nothing(login, specialist, ready, employer):
    negotiation = factories.make_negotiation(ready, employer)
    client = login(specialist)
    stale = client.post(f"/subsidies/{negotiation.id}/steps/raised_with_af", data={
        "taken_on": clock.today().isoformat(), "af_officer_id": 0, "version": negotiation.version - 1})
    assert stale.status_code == 409
    future = client.post(f"/subsidies/{negotiation.id}/steps/raised_with_af", data={
        "taken_on": (clock.today() + timedelta(days=1)).isoformat(), "af_officer_id": 0})
    assert future.status_code == 422
    db.session.refresh(negotiation)
    assert negotiation.status == NegotiationStatus.DRAFT


def test_viewing_a_negotiation_is_in_the_audit_trail(login, specialist, ready, employer):
    negotiation = factories.make_negotiation(ready, employer)
    login(specialist).get(f"/subsidies/{negotiation.id}")
    (entry,) = db.session.scalars(select(AccessLog).where(AccessLog.participant_id == ready.id,
                                                          AccessLog.action == AuditAction.VIEW)).all()
    assert entry.user_id == specialist.id and entry.what == "wage subsidy negotiation"


def test_share_of_job_starts_with_a_support_by_hand(team, specialist, employer):
    people = [factories.make_participant(team, specialist) for _ in range(5)]
    on = date(2026, 6, 1)
    factories.make_placement(people[0], employer, started_on=on, employment_form=EmploymentForm.WITH_SUBSIDY)  # yes
    decided = factories.make_placement(people[1], employer, started_on=on)  # yes: a decided negotiation
    factories.make_negotiation(people[1], employer, status="active", decided_on=on, placement_id=decided.id)
    draft = factories.make_placement(people[2], employer, started_on=on)  # no: not decided yet
    factories.make_negotiation(people[2], employer, status="terms_proposed", placement_id=draft.id)
    factories.make_placement(people[3], employer, started_on=on)  # no support
    factories.make_placement(people[4], employer, started_on=date(2025, 1, 1),
                             employment_form=EmploymentForm.WITH_SUBSIDY)  # outside the twelve months
    share = job_starts_with_support(team.id, date(2025, 12, 1), date(2026, 11, 30))
    assert (share.starts, share.with_support, share.percent) == (4, 2, 50.0)


def test_the_overview_lists_what_ends_soon_and_what_is_open(login, specialist, ready, employer):
    today = clock.today()
    factories.make_negotiation(ready, employer, status="active", period_start_on=today - timedelta(days=300),
                               period_end_on=today + timedelta(days=20))
    factories.make_negotiation(ready, employer, status="af_assessing", started_on=today - timedelta(days=20))
    page = login(specialist).get("/subsidies/").get_data(as_text=True)
    assert page.count(ready.name) == 3  # ending soon, open, running
    assert "Bedöms av AF" in page and "20 dagar sedan" in page


def test_set_the_af_case_officer(login, specialist, ready, team):
    officer = factories.make_agency_contact(team, name="Åsa Ek")
    psychiatry = factories.make_agency_contact(team, kind="psychiatry", name="Per Psyk", organisation="Psykiatrin")
    client = login(specialist)
    assert client.post(f"/participants/{ready.id}/af-officer",
                       data={"af_case_officer_id": psychiatry.id}).status_code == 422
    assert client.post(f"/participants/{ready.id}/af-officer", data={"af_case_officer_id": officer.id}).status_code \
        == 302
    db.session.refresh(ready)
    assert ready.af_case_officer_id == officer.id
    assert "Åsa Ek" in client.get(f"/participants/{ready.id}").get_data(as_text=True)


def test_the_agency_directory(login, specialist, team, other_team):
    factories.make_agency_contact(other_team, name="Annan Person")
    client = login(specialist)
    response = client.post("/agency-contacts/new", data={
        "kind": "forsakringskassan", "organisation": "Försäkringskassan Nyköping", "name": "Fia Handläggare",
        "phone": "010-116 90 00", "email": "fia@example.se"})
    assert response.status_code == 302
    contact = db.session.scalar(select(AgencyContact).where(AgencyContact.name == "Fia Handläggare"))
    assert contact.team_id == team.id and contact.phone == "010-116 90 00"
    bad = client.post(f"/agency-contacts/{contact.id}", data={"kind": "psychiatry", "organisation": "X",
                                                              "name": "Fia", "phone": "ring mig"})
    assert bad.status_code == 422
    page = client.get("/agency-contacts/?kind=forsakringskassan").get_data(as_text=True)
    assert "Fia Handläggare" in page and "Annan Person" not in page


def test_admins_edit_the_support_types(login, admin):
    client = login(admin)
    page = client.get("/admin/support-types").get_data(as_text=True)
    for name in ("Lönebidrag för utveckling i anställning", "Lönebidrag för anställning",
                 "Lönebidrag för trygghet i anställning", "(OSA)", "Nystartsjobb", "Introduktionsjobb", "SIUS",
                 "Arbetshjälpmedel"):
        assert name in page
    response = client.post("/admin/support-types/new", data={
        "name_sv": "Extratjänst", "name_en": "Extra job", "code": "extratjanst", "max_months": "12", "active": "y"})
    assert response.status_code == 302
    duplicate = client.post("/admin/support-types/new", data={"name_sv": "X", "name_en": "X", "code": "osa"})
    assert duplicate.status_code == 422
    osa = factories.support_type("osa")
    client.post(f"/admin/support-types/{osa.id}", data={"name_sv": osa.name_sv, "name_en": osa.name_en,
                                                        "code": "osa", "max_months": "18"})
    db.session.refresh(osa)
    assert osa.max_months == 18 and osa.active is False
    assert db.session.scalar(select(SupportType).where(SupportType.code == "extratjanst")).max_months == 12
