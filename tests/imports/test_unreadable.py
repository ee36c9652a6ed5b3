"""Files that cannot be read whole are refused at upload naming the row, and an import stored before
that check still opens: its pages say why instead of failing."""
import pytest
from sqlalchemy import func, select

from crm.core import clock
from crm.extensions import db
from crm.imports.models import ImportJob

from .conftest import upload

HEADER = "Företag;Kommun\r\nBageriet AB;Nyköping\r\n".encode("cp1252")


@pytest.mark.parametrize("byte", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_a_byte_undefined_in_windows_1252_is_refused_naming_its_row(login, specialist, byte):
    response = upload(login(specialist), "lista.csv", HEADER + b"Caf\xe9 H\xf6rnan;Nyk" + byte + b"ping\r\n")
    assert response.status_code == 422
    assert ("Rad 3 i filen har tecken som varken är UTF-8 eller Windows-1252."
            in response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_a_cell_over_the_csv_limit_is_refused_naming_its_row(login, specialist):
    response = upload(login(specialist), "lista.csv",
                      HEADER + b"Lagret AB;" + b"x" * 131_073 + b"\r\n")
    assert response.status_code == 422
    assert "Rad 3 i filen har en cell som är längre än 131\u00a0072 tecken." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_an_import_stored_before_the_check_still_opens_and_says_why(login, specialist):
    client = login(specialist)
    job = ImportJob(team_id=specialist.team_id, created_by_id=specialist.id, filename="lista.csv",
                    raw=HEADER + b"Lagret AB;Nyk\x81ping\r\n", encoding="cp1252", delimiter=";",
                    headers=["Företag", "Kommun"], created_at=clock.utcnow())
    db.session.add(job)
    db.session.commit()
    for step in ("mapping", "preview"):
        response = client.get(f"/imports/{job.id}/{step}")
        assert response.status_code in (302, 400), step
    response = client.get(f"/imports/{job.id}/mapping")
    assert response.status_code == 400
    assert "Rad 3 i filen har tecken som varken är UTF-8 eller Windows-1252." in response.get_data(as_text=True)
    assert client.get("/imports/employers").status_code == 200  # the list of recent imports opens too

