"""Bulk edit from the employer list, the tags it sets, and the list's export."""
import csv
import io

from sqlalchemy import select

from crm.core.history import RecordChange
from crm.employers.models import Employer, Stage, Tag
from crm.extensions import db

from .. import factories


def _stages(*employers):
    db.session.expire_all()
    return [db.session.get(Employer, e.id).stage for e in employers]


def test_ticked_employers_change_after_a_confirmation_that_counts_them(login, specialist, team):
    a, b, c = (factories.make_employer(team, name=n) for n in ("Alfa", "Beta", "Gamma"))
    b.stage = Stage.RELATIONSHIP
    db.session.flush()
    client = login(specialist)
    form = {"bulk-employer_ids": [a.id, b.id], "bulk-stage": "relationship", "bulk-filters": "q=a"}
    response = client.post("/employers/bulk", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Detta ändrar 1 arbetsgivare." in page and "2 var valda" in page
    assert _stages(a, b, c) == [Stage.PROSPECT, Stage.RELATIONSHIP, Stage.PROSPECT]  # nothing yet

    response = client.post("/employers/bulk", data=form | {"bulk-confirmed": "1"})
    assert response.status_code == 302 and response.headers["Location"] == "/employers/?q=a"
    assert _stages(a, b, c) == [Stage.RELATIONSHIP, Stage.RELATIONSHIP, Stage.PROSPECT]
    history = db.session.scalars(select(RecordChange).where(RecordChange.entity_id.in_([a.id, b.id]))).all()
    assert [(h.entity_id, h.changes, h.user_id) for h in history] == [
        (a.id, {"stage": ["prospect", "relationship"]}, specialist.id)]
    assert db.session.get(Employer, a.id).version == 2  # an edit form opened before is refused


def test_all_matching_changes_exactly_the_teams_matching_employers(login, specialist, team, other_team):
    matching = [factories.make_employer(team, name=f"Café {i}", municipality="Nyköping") for i in range(3)]
    archived = factories.make_employer(team, name="Café Stängt", municipality="Nyköping")
    archived.archived_at = archived.created_at
    other_name = factories.make_employer(team, name="Bageriet", municipality="Nyköping")
    other_teams = factories.make_employer(other_team, name="Café Väst", municipality="Nyköping")
    db.session.flush()
    client = login(specialist)
    form = {"bulk-all_matching": "y", "bulk-filters": "q=caf%C3%A9&sort=name", "bulk-specialist": specialist.id,
            "bulk-employer_ids": [other_teams.id]}  # an id of another team's employer is ignored
    assert "Detta ändrar 3 arbetsgivare." in client.post("/employers/bulk", data=form).get_data(as_text=True)
    client.post("/employers/bulk", data=form | {"bulk-confirmed": "1"})
    db.session.expire_all()
    changed = db.session.scalars(select(Employer.id).where(Employer.responsible_specialist_id == specialist.id)).all()
    assert sorted(changed) == sorted(e.id for e in matching)
    assert other_name.id not in changed and archived.id not in changed and other_teams.id not in changed


def test_ids_of_another_team_are_never_changed(login, specialist, other_team):
    foreign = factories.make_employer(other_team)
    client = login(specialist)
    form = {"bulk-employer_ids": [foreign.id], "bulk-stage": "closed", "bulk-confirmed": "1"}
    client.post("/employers/bulk", data=form)
    assert _stages(foreign) == [Stage.PROSPECT]


def test_tags_are_added_shown_filtered_and_removed(login, specialist, team):
    cafe, bakery, shop = (factories.make_employer(team, name=n) for n in ("Kaffebaren", "Bageriet", "Butiken"))
    client = login(specialist)
    client.post("/employers/bulk", data={"bulk-employer_ids": [cafe.id, bakery.id], "bulk-add_tag": "Mässa 2026",
                                         "bulk-confirmed": "1"})
    tag = db.session.scalars(select(Tag).where(Tag.team_id == team.id)).one()
    assert tag.name == "Mässa 2026"
    listing = client.get(f"/employers/?tag={tag.id}").get_data(as_text=True)
    assert "Kaffebaren" in listing and "Bageriet" in listing and "Butiken" not in listing
    assert 'class="badge tag">Mässa 2026' in listing
    assert "Mässa 2026" in client.get(f"/employers/{cafe.id}").get_data(as_text=True)
    # Adding it again to all three changes only the one without it.
    response = client.post("/employers/bulk", data={"bulk-employer_ids": [cafe.id, bakery.id, shop.id],
                                                    "bulk-add_tag": "Mässa 2026"})
    assert "Detta ändrar 1 arbetsgivare." in response.get_data(as_text=True)
    client.post("/employers/bulk", data={"bulk-employer_ids": [cafe.id], "bulk-remove_tag": tag.id,
                                         "bulk-confirmed": "1"})
    db.session.expire_all()
    assert [e.name for e in db.session.scalars(select(Employer).where(Employer.tags.any(Tag.id == tag.id)))] == [
        "Bageriet"]
    removal = db.session.scalars(select(RecordChange).where(RecordChange.entity_id == cafe.id)
                                 .order_by(RecordChange.id.desc())).first()
    assert removal.changes == {"tags": ["Mässa 2026", None]}


def test_nothing_chosen_or_nothing_to_change_is_explained(login, specialist, team):
    employer = factories.make_employer(team)
    client = login(specialist)
    response = client.post("/employers/bulk", data={"bulk-stage": "closed"})
    assert response.status_code == 422
    assert "Kryssa för de arbetsgivare som ska ändras" in response.get_data(as_text=True)
    response = client.post("/employers/bulk", data={"bulk-employer_ids": [employer.id]})
    assert response.status_code == 422 and "Välj vad som ska ändras." in response.get_data(as_text=True)


def test_the_list_offers_the_bulk_edit(login, specialist, team):
    employer = factories.make_employer(team, name="Kaffebaren")
    page = login(specialist).get("/employers/?q=kaffe").get_data(as_text=True)
    assert f'name="bulk-employer_ids" value="{employer.id}" form="bulk-edit"' in page
    assert "Den 1 arbetsgivare som matchar filtret" in page
    assert 'name="bulk-filters" type="hidden" value="q=kaffe"' in page


def test_export_follows_the_filter_and_defuses_formulas(login, specialist, team):
    factories.make_employer(team, name='=HYPERLINK("http://evil.example","Klicka")', municipality="Nyköping",
                            organisation_number="556016-0680")
    factories.make_employer(team, name="Bageriet", municipality="Trosa")
    response = login(specialist).get("/employers/export.csv?q=nyk%C3%B6ping")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "arbetsgivare-" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Namn", "Organisationsnummer", "Bransch (SNI-kod)"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://evil.example\",\"Klicka\")"]


def test_nul_characters_never_reach_the_database(login, specialist, team):
    """PostgreSQL refuses NUL in text: filters (a 400, as any NUL in a query string), tags, file names and
    files with one are handled, not a 500."""
    employer = factories.make_employer(team, name="Kaffebaren")
    client = login(specialist)
    assert client.get("/employers/?q=kaffe%00").status_code == 400
    assert client.get("/employers/export.csv?q=%00").status_code == 400
    client.post("/employers/bulk", data={"bulk-employer_ids": [employer.id], "bulk-add_tag": "Mäs\x00sa",
                                         "bulk-confirmed": "1"})
    assert db.session.scalars(select(Tag.name)).all() == ["Mässa"]
    response = client.post("/imports/employers", data={"file": (io.BytesIO(b"Namn\nA\x00B\n"), "lista.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
