from datetime import timedelta

import pytest

from crm.core import clock

from .. import factories


@pytest.fixture
def employer(team):
    return factories.make_employer(team, name="Kafé Solsidan AB", stage="relationship")


@pytest.fixture
def log_data(specialist):
    """What the log form posts when a specialist logs a visit an hour ago with a next step in a week."""

    def data(**overrides):
        an_hour_ago = clock.utcnow().astimezone(clock.LOCAL_TZ) - timedelta(hours=1)
        values = {
            "contacted_at": an_hour_ago.strftime("%Y-%m-%dT%H:%M"), "form": "face_to_face",
            "purpose": "learn_needs", "contact_person_id": "0", "summary": "Träffade butikschefen.",
            "next_what": "Återbesök med profil", "next_due_on": (clock.today() + timedelta(days=7)).isoformat(),
            "next_owner_id": str(specialist.id), "ending": "",
        }
        values.update(overrides)
        return values

    return data


@pytest.fixture
def sign_in(app):
    """A fresh signed-in client per user (the `login` fixture's one client keeps its first user)."""

    def client_for(user):
        client = app.test_client()
        response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
        assert response.status_code == 302
        return client

    return client_for
