"""Main pages read what they show in a fixed number of queries: ten times the data, same count."""
from datetime import UTC, date, datetime, timedelta

import pytest

from .. import factories
from ..statements import counting


def _programme(team, specialist, size: int):
    """`size` employers and `size` participants. The employer and participant whose pages are read
    have `size` of each kind of record too: contact persons, contacts about the participant,
    openings, consents and job starts, so a query per child would show."""
    employers = [factories.make_employer(team, municipality="Nyköping") for _ in range(size)]
    participants = [factories.make_participant(team, specialist) for _ in range(size)]
    shown_employer, shown_participant = employers[0], participants[0]
    for n, (employer, participant) in enumerate(zip(employers, participants, strict=True)):
        factories.make_contact_person(shown_employer, name=f"Kontakt {n}")
        contact = factories.make_contact(shown_employer, specialist, contacted_at=datetime(2026, 11, 20, 9, tzinfo=UTC))
        contact.participants.append(shown_participant)
        factories.make_contact(employer, specialist, contacted_at=datetime(2026, 11, 19, 9, tzinfo=UTC))
        factories.make_opening(shown_employer, municipality="Nyköping")
        factories.make_opening(employer, municipality="Nyköping")
        factories.make_consent(shown_participant, employer=employer)
        factories.make_placement(participant, employer)
        # At employers of their own: employers another list has loaded would hide a lazy load.
        factories.make_placement(shown_participant, factories.make_employer(team),
                                 started_on=date(2025, 1, 1) + timedelta(days=n),
                                 ended_on=date(2025, 1, 1) + timedelta(days=n))
    return shown_employer, shown_participant


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
