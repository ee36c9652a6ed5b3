"""The benchmark dataset generator builds a consistent programme that the pages can show."""
from datetime import date

import pytest
from sqlalchemy import func, select

from crm.contacts.models import EmployerContact
from crm.demo.generate import SCALES, generate
from crm.employers.models import Employer
from crm.extensions import db

from .. import factories


def test_small_scale_generates_and_serves(app, client):
    counts = generate(SCALES["small"], seed=7, today=date(2026, 11, 24))
    db.session.flush()
    assert counts["employers"] == 400 and counts["employer_contacts"] == 8_000
    assert db.session.scalar(select(func.count()).select_from(EmployerContact)) == 8_000
    # Contacts belong to employers of the author's team.
    assert db.session.scalar(
        select(func.count()).select_from(EmployerContact).join(Employer, Employer.id == EmployerContact.employer_id)
        .where(Employer.team_id != EmployerContact.team_id)) == 0
    client.post("/login", data={"email": "s1-1@bench.example", "password": "benchmark-2026"})
    for url in ("/week/", "/employers/?q=lager", "/participants/", "/openings/", "/placements/"):
        assert client.get(url).status_code == 200, url


def test_refuses_a_database_with_data(team):
    factories.make_employer(team)
    with pytest.raises(RuntimeError, match="not empty"):
        generate(SCALES["small"], seed=7)
