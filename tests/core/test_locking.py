"""Optimistic locking holds when two saves arrive at the same moment, and a versioned form must say
which version it edits."""
import threading

import pytest

from crm import create_app
from crm.employers import services
from crm.employers.models import Employer
from crm.extensions import db

from .. import factories


def test_a_post_without_version_is_refused_and_changes_nothing(login, specialist, team):
    employer = factories.make_employer(team, name="Verkstan AB")
    response = login(specialist).post(f"/employers/{employer.id}/edit", data={
        "name": "Ändrat AB", "sector": "private", "stage": "contacted"})
    assert response.status_code == 400
    db.session.refresh(employer)
    assert employer.name == "Verkstan AB"


@pytest.fixture
def committed_app(own_database, monkeypatch):
    """An app on a database of its own, where requests really commit (two at once need that)."""
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": own_database, "WTF_CSRF_ENABLED": False})
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_two_saves_at_the_same_moment_give_one_save_and_one_conflict(committed_app, monkeypatch):
    """Both pass the version check before either writes; the loser's UPDATE finds a newer version and
    gets the conflict page with the winner's change and its own input, not a 500."""
    with committed_app.app_context():
        team = factories.make_team()
        users = [factories.make_user(role="job_specialist", team=team, name=name) for name in ("Anna", "Bo")]
        employer = factories.make_employer(team, name="Verkstan AB")
        db.session.commit()
        employer_id, version, emails = employer.id, employer.version, [user.email for user in users]

    both_checked = threading.Barrier(2, timeout=20)
    check_version = services.check_version

    def check_then_wait(*args):
        check_version(*args)
        both_checked.wait()

    monkeypatch.setattr(services, "check_version", check_then_wait)
    clients, responses = {}, {}
    for email, name in zip(emails, ("Anna Verkstad AB", "Bos Verkstad AB"), strict=True):
        clients[name] = committed_app.test_client()
        with committed_app.app_context():
            response = clients[name].post("/login", data={"email": email, "password": factories.PASSWORD})
            assert response.status_code == 302

    def save(name):
        with committed_app.app_context():
            responses[name] = clients[name].post(f"/employers/{employer_id}/edit", data={
                "name": name, "sector": "private", "stage": "contacted", "version": version})

    threads = [threading.Thread(target=save, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    codes = sorted(response.status_code for response in responses.values())
    assert codes == [302, 409]
    winner = next(name for name, response in responses.items() if response.status_code == 302)
    loser = next(name for name in responses if name != winner)
    page = responses[loser].get_data(as_text=True)
    assert loser in page and winner in page  # the loser's input kept, the winner's change shown
    with committed_app.app_context():
        saved = db.session.get(Employer, employer_id)
        assert (saved.name, saved.version) == (winner, version + 1)
