"""The participant's outcome (work, studies, …), recorded from the participant page for the reports."""
import pytest
from sqlalchemy import select

from crm.core import clock
from crm.core.audit import AccessLog
from crm.extensions import db
from crm.participants.models import Outcome, Participant

from .. import factories


@pytest.fixture
def person(team, specialist):
    return factories.make_participant(team, specialist)


def test_a_specialist_records_an_outcome(login, specialist, person):
    client = login(specialist)
    assert client.get(f"/participants/{person.id}/outcome").status_code == 200
    response = client.post(f"/participants/{person.id}/outcome",
                           data={"outcome": "studies", "outcome_on": clock.today().isoformat()})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Participant, person.id)
    assert (saved.outcome, saved.outcome_on) == (Outcome.STUDIES, clock.today())
    assert db.session.scalar(select(AccessLog).where(AccessLog.participant_id == person.id,
                                                     AccessLog.what == "outcome")) is not None


def test_an_outcome_in_the_future_is_refused(login, specialist, person):
    response = login(specialist).post(f"/participants/{person.id}/outcome",
                                      data={"outcome": "work", "outcome_on": "2999-01-01"})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Participant, person.id).outcome is None


@pytest.mark.parametrize("role, status", [("team_lead", 200), ("partner", 403), ("admin", 403)])
def test_who_may_record_outcomes(login, users_by_role, person, role, status):
    assert login(users_by_role[role]).get(f"/participants/{person.id}/outcome").status_code == status


def test_another_teams_specialist_may_not(login, other_team, person):
    assert login(factories.make_user(team=other_team)).get(f"/participants/{person.id}/outcome").status_code == 403


@pytest.fixture
def users_by_role(team_lead, partner, admin):
    return {"team_lead": team_lead, "partner": partner, "admin": admin}
