"""Merging two records of one employer keeps every record that names either of them."""
from datetime import date

import pytest
from sqlalchemy import func, select

from crm.core.history import RecordChange
from crm.employers.models import Employer
from crm.extensions import db
from crm.imports.merge import CannotMerge, employer_references, merge_employers
from crm.imports.models import DuplicateDismissal
from crm.nudges.models import Nudge
from crm.participants.models import DisclosureChoice, DisclosureLevel

from .. import factories

# Dismissed pairs naming the merged record are deleted, not moved: the pair no longer exists.
FORGOTTEN_ON_MERGE = {("duplicate_dismissals", "first_id"), ("duplicate_dismissals", "second_id")}


def _one_of_each(employer, team, specialist):
    """One record of every kind in the code base that names an employer."""
    participant = factories.make_participant(team, specialist)
    meeting = factories.make_meeting(factories.make_meeting_series(team))
    db.session.add(DisclosureChoice(participant_id=participant.id, employer_id=employer.id,
                                    level=DisclosureLevel.LIMITED, decided_on=date(2026, 10, 5)))
    factories.make_contact_person(employer, name="Olle Ägare")
    factories.make_contact(employer, specialist)
    factories.make_next_step(employer, specialist, due_on=date(2026, 12, 1))
    factories.make_analysis(employer)
    factories.make_opening(employer)
    factories.make_consent(participant, employer=employer)
    factories.make_placement(participant, employer)
    factories.make_negotiation(participant, employer)
    factories.make_meeting_action(meeting, specialist, employer_id=employer.id)
    factories.make_tag(team, f"Mässa {employer.id}", [employer])
    factories.make_nudge(specialist, rule="employer_cold", subject_type="employer", subject_id=employer.id,
                         params={"employer": employer.name, "employer_id": employer.id, "days": 60})
    db.session.flush()


def _count(table, column, employer_id):
    return db.session.scalar(select(func.count()).select_from(table).where(column == employer_id))


def test_merge_moves_every_related_record_and_archives_the_other(team, specialist, team_lead):
    kept = factories.make_employer(team, name="Kaffebaren AB", municipality="Nyköping")
    other = factories.make_employer(team, name="Kafébaren", municipality="Nyköping", organisation_number="556016-0680",
                                    postal_code="611 30", notes="Öppet på helger")
    unrelated = factories.make_employer(team, name="Bageriet")
    _one_of_each(other, team, specialist)
    _one_of_each(unrelated, team, specialist)
    references = [(t, c) for t, c in employer_references() if (t.name, c.name) not in FORGOTTEN_ON_MERGE]
    before = {(t.name, c.name): _count(t, c, other.id) for t, c in references}
    # Every kind of record that can name an employer was made: a table added later fails here until it is.
    assert all(before.values()), [name for name, n in before.items() if not n]
    unrelated_before = {(t.name, c.name): _count(t, c, unrelated.id) for t, c in references}

    moved = merge_employers(kept, other, team_lead)

    db.session.expire_all()
    for table, column in references:
        assert _count(table, column, other.id) == 0, table.name
        assert _count(table, column, kept.id) == before[(table.name, column.name)], table.name
        assert _count(table, column, unrelated.id) == unrelated_before[(table.name, column.name)]
    assert moved["employer_contacts.employer_id"] == 1
    nudge = db.session.scalars(select(Nudge).where(Nudge.subject_id == kept.id)).one()
    assert nudge.params["employer_id"] == kept.id and moved["nudges"] == 1
    kept, other = db.session.get(Employer, kept.id), db.session.get(Employer, other.id)
    # Empty fields are filled from the other record, the organisation number included.
    assert (kept.name, kept.organisation_number, kept.postal_code, kept.notes) == (
        "Kaffebaren AB", "556016-0680", "611 30", "Öppet på helger")
    assert other.is_archived and other.organisation_number is None
    kept_history = db.session.scalars(select(RecordChange).where(RecordChange.entity_id == kept.id)).one()
    assert kept_history.action == "merged" and kept_history.user_id == team_lead.id
    assert kept_history.changes["merged_from"] == [None, "Kafébaren"]
    assert kept_history.changes["organisation_number"] == [None, "556016-0680"]
    other_history = db.session.scalars(select(RecordChange).where(RecordChange.entity_id == other.id)).one()
    assert other_history.action == "merged_into"


def test_a_tag_on_both_records_is_kept_once(team, team_lead):
    kept, other = factories.make_employer(team), factories.make_employer(team)
    tag = factories.make_tag(team, "Café", [kept, other])
    factories.make_tag(team, "Lager", [other])
    merge_employers(kept, other, team_lead)
    db.session.expire_all()
    assert [t.name for t in db.session.get(Employer, kept.id).tags] == ["Café", "Lager"]
    assert db.session.get(Employer, other.id).tags == [] and tag.id


def test_dismissed_pairs_naming_the_merged_record_go(team, team_lead):
    kept, other, third = (factories.make_employer(team) for _ in range(3))
    low, high = sorted((other.id, third.id))
    db.session.add(DuplicateDismissal(team_id=team.id, first_id=low, second_id=high))
    db.session.flush()
    merge_employers(kept, other, team_lead)
    assert db.session.scalar(select(func.count(DuplicateDismissal.id))) == 0


def test_two_organisation_numbers_are_never_merged(team, team_lead):
    kept = factories.make_employer(team, organisation_number="556016-0680")
    other = factories.make_employer(team, organisation_number="556677-8899")
    with pytest.raises(CannotMerge):
        merge_employers(kept, other, team_lead)


def test_team_lead_merges_from_the_page(login, team_lead, team, specialist):
    kept = factories.make_employer(team, name="Kaffebaren AB")
    other = factories.make_employer(team, name="Kafébaren")
    factories.make_contact(other, specialist)
    client = login(team_lead)
    page = client.get(f"/employers/{kept.id}/merge/{other.id}").get_data(as_text=True)
    assert "Kaffebaren AB behålls" in page and f"/employers/{other.id}/merge/{kept.id}" in page
    assert client.post(f"/employers/{kept.id}/merge/{other.id}", data={}).status_code == 422  # not confirmed
    response = client.post(f"/employers/{kept.id}/merge/{other.id}", data={"confirm": "y"})
    assert response.status_code == 302 and response.headers["Location"] == f"/employers/{kept.id}"
    db.session.expire_all()
    assert db.session.get(Employer, other.id).is_archived
    page = client.get(f"/employers/{kept.id}").get_data(as_text=True)
    assert "slog ihop en dubblett med den här posten" in page


def test_the_page_refuses_two_organisation_numbers(login, team_lead, team):
    kept = factories.make_employer(team, organisation_number="556016-0680")
    other = factories.make_employer(team, organisation_number="556677-8899")
    client = login(team_lead)
    assert "två juridiska personer" in client.get(f"/employers/{kept.id}/merge/{other.id}").get_data(as_text=True)
    assert client.post(f"/employers/{kept.id}/merge/{other.id}", data={"confirm": "y"}).status_code == 409
    db.session.expire_all()
    assert not db.session.get(Employer, other.id).is_archived
