"""Main pages read what they show in a fixed number of queries: ten times the data, same count."""
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from crm.extensions import db

from .. import factories


@contextmanager
def counting():
    counter = {"n": 0}

    def count(*_args, **_kwargs):
        counter["n"] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _programme(team, specialist, size: int):
    """`size` employers, each with a contact person, a contact, an opening; `size` participants."""
    employers = [factories.make_employer(team, municipality="Nyköping") for _ in range(size)]
    for employer in employers:
        factories.make_contact_person(employer)
        factories.make_contact(employer, specialist, contacted_at=datetime(2026, 11, 20, 9, tzinfo=UTC))
        factories.make_opening(employer, municipality="Nyköping")
    participants = [factories.make_participant(team, specialist) for _ in range(size)]
    for participant, employer in zip(participants, employers, strict=True):
        factories.make_placement(participant, employer)
    return employers[0], participants[0]


PAGES = ["/week/", "/employers/", "/employers/{employer}", "/participants/", "/participants/{participant}",
         "/participants/{participant}/matches", "/openings/", "/placements/", "/nudges/"]


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_data(login, team, specialist, page):
    client = login(specialist)
    counts = []
    for size in (2, 20):
        employer, participant = _programme(team, specialist, size)
        url = page.format(employer=employer.id, participant=participant.id)
        client.get(url)  # warm: first-request work is not what this measures
        with counting() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter["n"])
    assert counts[0] > 0
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries with little data, {counts[1]} with ten times more"
