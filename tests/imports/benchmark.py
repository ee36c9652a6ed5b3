"""Time a 20,000-row import on a fresh SQLite file: `.venv/bin/python -m tests.imports.benchmark [rows]`.

Each row has an employer with an organisation number, a contact person and a past contact, so every
table the import writes to gets 20,000 rows. Prints the time of each step and of importing the same
file a second time (every row then matches an employer in the register).
"""
import random
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from crm import create_app
from crm.core.clock import today
from crm.core.csvio import write_csv
from crm.employers.orgnr import luhn_valid
from crm.extensions import db
from crm.imports import services
from crm.reference import municipalities

from .. import factories


def organisation_numbers(count: int, rng: random.Random) -> list[str]:
    numbers: set[str] = set()
    while len(numbers) < count:
        base = f"55{rng.randrange(20, 100)}{rng.randrange(10**5):05d}"  # digits 3–4 of 20 or more: a company
        digits = next(base + str(d) for d in range(10) if luhn_valid(base + str(d)))
        numbers.add(f"{digits[:6]}-{digits[6:]}")
    return sorted(numbers)


def spreadsheet(count: int) -> bytes:
    rng = random.Random(20)
    places = municipalities()
    header = ["Företag", "Organisationsnummer", "Kommun", "Postnummer", "Kontaktperson", "Telefon", "E-post",
              "Kontaktdatum", "Kontaktform", "Sammanfattning"]
    rows = ([f"Företag {i} AB", number, rng.choice(places), f"{rng.randrange(10000, 99999)}", f"Person {i}",
             f"070-{rng.randrange(1000000, 9999999)}", f"person{i}@example.se", "2026-03-02", "Besök",
             "Första besöket"] for i, number in enumerate(organisation_numbers(count, rng)))
    return write_csv(rows, header)


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<28} {time.perf_counter() - start:6.2f} s")
    return result


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(count, Path(folder) / "benchmark.sqlite3")


def run(count: int, path: Path) -> None:
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    data = spreadsheet(count)
    print(f"{count} rows, {len(data) / 1e6:.1f} MB, {path}")
    with app.test_request_context():
        upgrade(revision="heads")
        team = factories.make_team(name="Benchmark")
        user = factories.make_user(team=team)
        db.session.commit()
        for attempt in ("first import", "same file again"):
            total = time.perf_counter()
            job = timed(f"{attempt}: upload", lambda: services.store_upload(team.id, user, "lista.csv", data))
            services.save_mapping(job, user, services.suggested_mapping(job, user))
            preview = timed(f"{attempt}: preview", lambda job=job: services.preview(job, today(), None, 1, 100))
            counts = timed(f"{attempt}: import", lambda job=job: services.run_import(job, user, today()))
            timed(f"{attempt}: commit", db.session.commit)
            print(f"{attempt}: {dict(counts)} (preview said {dict(preview.counts)}), "
                  f"{time.perf_counter() - total:.2f} s in all")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
