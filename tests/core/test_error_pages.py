"""The error page needs nothing: with the database unreachable it is a standalone page, 503, in the
user's language, and /healthz reports the database as down."""
import os

import pytest

from crm import create_app
from crm.extensions import db


@pytest.fixture
def unreachable_app(tmp_path, monkeypatch):
    """The app with its database out of reach: a PostgreSQL port nobody listens on, or a SQLite file
    in a folder that does not exist."""
    if os.environ.get("CRM_TEST_DATABASE_URL"):
        url = "postgresql+psycopg://postgres@127.0.0.1:9/crm?connect_timeout=2"
    else:
        url = f"sqlite:///{tmp_path / 'missing' / 'crm.sqlite3'}"
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url, "PROPAGATE_EXCEPTIONS": False,
                      "WTF_CSRF_ENABLED": False})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_signed_in_user_gets_a_page_in_their_language(unreachable_app):
    client = unreachable_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["locale"] = "1:0", "en"
    response = client.get("/employers/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert '<html lang="en"' in page
    assert "The database cannot be reached just now. Try again in a minute." in page


def test_without_a_session_the_browser_language_decides(unreachable_app):
    response = unreachable_app.test_client().post("/login", data={"email": "a@example.se", "password": "x"},
                                                  headers={"Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5"})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert '<html lang="sv"' in page and "Databasen" in page


def test_healthz_reports_the_database_down(unreachable_app):
    response = unreachable_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": "unavailable"}
