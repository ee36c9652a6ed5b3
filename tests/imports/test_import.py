"""Importing employers from spreadsheet files: mapping, the dry run, the import, and the rows that cannot go in."""
import csv
import io
from datetime import date

from sqlalchemy import func, select

from crm.contacts.models import ContactForm, EmployerContact
from crm.core.history import RecordChange
from crm.employers.models import ContactPerson, Employer
from crm.extensions import db
from crm.imports.models import ImportJob, ImportMapping, ImportStatus

from .. import factories
from .conftest import chosen_mapping, upload


def _employers(team):
    return {e.name: e for e in db.session.scalars(select(Employer).where(Employer.team_id == team.id))}


def test_mapping_is_suggested_from_swedish_headers(login, specialist):
    client = login(specialist)
    response = upload(client, "employers_utf8_bom_semicolon.csv")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert chosen_mapping(page) | {} == {
        "name": "0", "organisation_number": "1", "municipality": "2", "postal_code": "3", "person_name": "4",
        "person_phone": "5", "person_email": "6", "contact_date": "7", "contact_form": "8", "contact_summary": "9",
        "sni_code": "", "street_address": "", "website": "", "notes": "", "person_role": "",
    }
    assert "Pratade om disk; kök" in page  # the first rows are shown beside the columns


def test_utf8_semicolon_file_imports_employers_people_and_past_contacts(login, specialist, team, import_file):
    job_id = import_file(login(specialist), "employers_utf8_bom_semicolon.csv")
    employers = _employers(team)
    assert set(employers) == {"Kaffebaren Åkesson AB", "Bygg & Måleri i Sörmland HB", "Vården Ekonomisk förening",
                              '=HYPERLINK("http://evil.example","Klicka")'}
    cafe = employers["Kaffebaren Åkesson AB"]
    assert (cafe.organisation_number, cafe.municipality, cafe.postal_code) == ("556016-0680", "Nyköping", "611 30")
    assert [(p.name, p.phone, p.email) for p in cafe.contact_persons] == [
        ("Karin Öberg", "0155-123 45", "karin@kaffebaren.se")]
    assert employers["Bygg & Måleri i Sörmland HB"].organisation_number == "556677-8899"  # normalised
    assert employers["Bygg & Måleri i Sörmland HB"].postal_code == "613 33"
    # Two rows of the same employer: one employer, one person, both past contacts, by the importer.
    contacts = db.session.scalars(select(EmployerContact).where(EmployerContact.employer_id == cafe.id)
                                  .order_by(EmployerContact.contacted_at)).all()
    assert [(c.contacted_at.date(), c.form, c.author_id) for c in contacts] == [
        (date(2026, 3, 2), ContactForm.FACE_TO_FACE, specialist.id),
        (date(2026, 4, 10), ContactForm.PHONE, specialist.id)]
    assert contacts[0].summary == "Pratade om disk; kök\r\noch lager"
    assert contacts[0].contact_person_id == cafe.contact_persons[0].id
    history = db.session.scalars(select(RecordChange).where(RecordChange.entity_id == cafe.id)).all()
    assert [(h.action, h.user_id) for h in history] == [("imported", specialist.id)]
    job = db.session.get(ImportJob, job_id)
    assert job.status == ImportStatus.IMPORTED and job.raw is None  # the file is not kept
    assert (job.created_count, job.updated_count, job.invalid_count) == (4, 0, 0)  # counted by employer


def test_cp1252_comma_file_imports(login, specialist, team, import_file):
    import_file(login(specialist), "employers_cp1252_comma.csv")
    employers = _employers(team)
    assert set(employers) == {"Åhléns Nyköping", "Gröna Gårdens Café", "Snickeri Öst, Nyköping"}
    assert [(p.name, p.role) for p in employers["Åhléns Nyköping"].contact_persons] == [("Märta Lund", "Butikschef")]
    assert employers["Gröna Gårdens Café"].organisation_number is None


def test_importing_the_same_file_twice_updates_instead_of_duplicating(login, specialist, team, import_file):
    client = login(specialist)
    import_file(client, "employers_utf8_bom_semicolon.csv")
    import_file(client, "employers_cp1252_comma.csv")
    counts = db.session.execute(select(func.count(Employer.id), func.count(ContactPerson.id.distinct()))
                                .outerjoin(ContactPerson)).one()
    contacts = db.session.scalar(select(func.count(EmployerContact.id)))
    cafe = _employers(team)["Kaffebaren Åkesson AB"]
    cafe.postal_code = "611 99"  # changed in the register since: the file's value comes back
    db.session.flush()

    second = import_file(client, "employers_utf8_bom_semicolon.csv")
    import_file(client, "employers_cp1252_comma.csv")
    assert db.session.execute(select(func.count(Employer.id), func.count(ContactPerson.id.distinct()))
                              .outerjoin(ContactPerson)).one() == counts
    assert db.session.scalar(select(func.count(EmployerContact.id))) == contacts
    job = db.session.get(ImportJob, second)
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 4)
    db.session.refresh(cafe)
    assert cafe.postal_code == "611 30"
    change = db.session.scalars(select(RecordChange).where(RecordChange.entity_id == cafe.id,
                                                           RecordChange.action == "updated")).one()
    assert change.changes == {"postal_code": ["611 99", "611 30"]}


def test_preview_shows_per_row_what_happens_and_saves_nothing(login, specialist, team):
    factories.make_employer(team, name="Kaffebaren Åkesson AB", organisation_number="556016-0680",
                            municipality="Nyköping")
    factories.make_employer(team, name="Gröna Gårdens Kafé AB", municipality="Trosa")
    client = login(specialist)
    mapping_url = upload(client, "employers_cp1252_comma.csv").headers["Location"]
    client.post(mapping_url, data=chosen_mapping(client.get(mapping_url).get_data(as_text=True)))
    job_id = mapping_url.split("/")[2]
    page = client.get(f"/imports/{job_id}/preview").get_data(as_text=True)
    assert "2 nya arbetsgivare" in page
    assert "1 rad med fel, hoppas över" in page
    assert "Kanske samma arbetsgivare som Gröna Gårdens Kafé AB" in page  # similar name, same municipality
    assert db.session.scalar(select(func.count(Employer.id))) == 2

    errors_only = client.get(f"/imports/{job_id}/preview?show=invalid").get_data(as_text=True)
    assert "Gröna Gårdens Café" in errors_only and "Åhléns" not in errors_only
    anyway = client.get(f"/imports/{job_id}/preview?include_possible_duplicates=y").get_data(as_text=True)
    assert "3 nya arbetsgivare" in anyway


def test_updates_say_which_fields_change(login, specialist, team):
    factories.make_employer(team, name="Kaffebaren", organisation_number="556016-0680", municipality="Trosa")
    client = login(specialist)
    mapping_url = upload(client, "employers_utf8_bom_semicolon.csv").headers["Location"]
    client.post(mapping_url, data=chosen_mapping(client.get(mapping_url).get_data(as_text=True)))
    page = client.get(mapping_url.replace("mapping", "preview") + "?show=update").get_data(as_text=True)
    assert "Kaffebaren → Kaffebaren Åkesson AB" in page and "Trosa → Nyköping" in page


def test_possible_duplicates_are_skipped_unless_asked_for(login, specialist, team, import_file):
    factories.make_employer(team, name="Gröna Gårdens Kafé", municipality="Trosa")
    client = login(specialist)
    import_file(client, "employers_cp1252_comma.csv")
    assert "Gröna Gårdens Café" not in _employers(team)
    import_file(client, "employers_cp1252_comma.csv", include_possible_duplicates=True)
    assert "Gröna Gårdens Café" in _employers(team)


def test_exact_name_in_the_same_municipality_is_the_same_employer(login, specialist, team, import_file):
    existing = factories.make_employer(team, name="Gröna gårdens café AB", municipality="trosa")
    import_file(login(specialist), "employers_cp1252_comma.csv")
    assert "Gröna Gårdens Café" not in _employers(team)
    db.session.refresh(existing)
    assert existing.name == "Gröna Gårdens Café"  # the file's spelling
    assert [p.name for p in existing.contact_persons] == ["Göran Ek"]


def test_malformed_rows_are_reported_by_line_and_downloadable_to_fix(login, specialist, team, import_file):
    client = login(specialist)
    job_id = import_file(client, "malformed_semicolon.csv")
    assert set(_employers(team)) == {"Rätt AB"}  # the valid row went in
    job = db.session.get(ImportJob, job_id)
    assert (job.created_count, job.invalid_count) == (1, 5)
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert f"/imports/{job_id}/invalid.csv" in page

    response = client.get(f"/imports/{job_id}/invalid.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Fel", "Företag", "Organisationsnummer", "Kommun", "Telefon"]
    reasons = {row[1]: row[0] for row in rows[1:]}
    assert reasons["För få kolumner"] == "Raden har 2 kolumner; första raden har 4."
    assert reasons["Fel kontrollsiffra AB"].startswith("Organisationsnummer: Kontrollsiffran stämmer inte.")
    assert "personnummer" in reasons["Enskild firma"]
    assert reasons[""] == "Arbetsgivarens namn saknas."
    # Hostile cells come back defused.
    assert next(r[1:] for r in rows if r[1] == "") == ["", "556677-8899", "'@SUM(1+1)", ""]
    assert next(r for r in rows if r[1] == "Telefon utan namn AB")[-1] == "'+SUM(A1:A9)"


def test_fixed_error_file_imports_again(login, specialist, team, import_file):
    client = login(specialist)
    job_id = import_file(client, "malformed_semicolon.csv")
    fixed = client.get(f"/imports/{job_id}/invalid.csv").get_data().decode("utf-8-sig")
    fixed = fixed.replace("556016-0681", "556016-0680")
    fixed = fixed.replace(";;556677-8899;'@SUM(1+1);", ";Namn AB;556677-8899;Trosa;")
    import_file(client, "fixed.csv", fixed.encode("utf-8"))
    assert {"Fel kontrollsiffra AB", "Namn AB"} <= set(_employers(team))


def test_the_mapping_is_remembered_for_the_next_import(login, specialist):
    client = login(specialist)
    mapping_url = upload(client, "malformed_semicolon.csv").headers["Location"]
    # The user maps "Kommun" to the street address, say, and leaves the phone out.
    client.post(mapping_url, data={"name": "0", "organisation_number": "1", "street_address": "2"})
    remembered = db.session.scalars(select(ImportMapping).where(ImportMapping.user_id == specialist.id)).one()
    assert remembered.columns == {"name": "Företag", "organisation_number": "Organisationsnummer",
                                  "street_address": "Kommun"}
    next_url = upload(client, "employers_utf8_bom_semicolon.csv").headers["Location"]
    suggested = chosen_mapping(client.get(next_url).get_data(as_text=True))
    assert suggested["street_address"] == "2" and suggested["municipality"] == ""
    assert suggested["person_phone"] == "5"  # headers the last mapping did not cover are still recognised


def test_mapping_needs_the_name_and_one_field_per_column(login, specialist):
    client = login(specialist)
    mapping_url = upload(client, "malformed_semicolon.csv").headers["Location"]
    response = client.post(mapping_url, data={"organisation_number": "1"})
    assert response.status_code == 422
    assert "Välj kolumnen med arbetsgivarens namn." in response.get_data(as_text=True)
    response = client.post(mapping_url, data={"name": "0", "notes": "0"})
    assert response.status_code == 422
    job = db.session.get(ImportJob, int(mapping_url.split("/")[2]))
    assert job.status == ImportStatus.UPLOADED


def test_files_that_are_not_csv_are_refused_with_a_reason(login, specialist):
    client = login(specialist)
    response = upload(client, "lista.xlsx", b"PK\x03\x04binary")
    assert response.status_code == 422
    assert "CSV" in response.get_data(as_text=True)
    response = upload(client, "tom.csv", b"")
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(ImportJob.id))) == 0


def test_an_imported_job_cannot_run_twice(login, specialist, team, import_file):
    client = login(specialist)
    job_id = import_file(client, "employers_cp1252_comma.csv")
    assert client.post(f"/imports/{job_id}/run").status_code == 400
    assert client.get(f"/imports/{job_id}/preview").status_code == 302
    assert len(_employers(team)) == 3


def test_columns_named_for_the_place_map_to_the_municipality():
    from crm.imports.columns import guess_mapping

    for header in ["Ort", "Kommun", "Stad", "Postort", "ORT "]:
        assert guess_mapping(["Företag", "Postnummer", header]) == {"name": 0, "postal_code": 1, "municipality": 2}
