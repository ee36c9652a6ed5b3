"""Fixtures: one app and schema per test session (built by the migrations), one rolled-back
transaction per test, and signed-in clients for each role.

Set CRM_TEST_DATABASE_URL to run the same suite against PostgreSQL.
"""
import os
import time
from email import message_from_bytes, policy

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session
from limits import parse
from sqlalchemy import create_engine, text

from crm import create_app
from crm.extensions import db, limiter

from . import factories
from .smtp import FakeSMTPServer


def _reset_postgres(engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


class _RequestContextClient(FlaskClient):
    """Each request gets a fresh app context, as in production: nothing in `g` (the signed-in
    user, above all) or in the session's identity map carries over from the test or another request."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = os.environ.get("CRM_TEST_DATABASE_URL") or "sqlite:///" + str(
        tmp_path_factory.mktemp("db") / "test.sqlite3"
    )
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    app.test_client_class = _RequestContextClient
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            _reset_postgres(db.engine)
        upgrade()
        db.engine.dispose()
    return app


class _ConnectionBoundSession(Session):
    """Flask-SQLAlchemy's session picks the engine itself; tests bind it to one connection."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture(autouse=True)
def _transaction(request, app):
    """Every test runs inside a transaction that is rolled back; the app's commits become
    savepoints within it, so tests see what requests wrote and leave nothing behind."""
    if request.node.get_closest_marker("browser"):  # a live server commits on a database of its own
        yield
        return
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": _ConnectionBoundSession}
        )
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture(autouse=True)
def _rate_limits(app):
    """Rate limits stay on in tests, but every test starts with nothing counted."""
    limiter.reset()


@pytest.fixture
def after_window(monkeypatch):
    """after_window("20 per minute") moves the clock past that limit's window (the rate limiter reads
    time.time()), so a test sees a limit reset without sleeping."""

    def move(limit: str) -> None:
        later = time.time() + parse(limit).get_expiry() + 1
        monkeypatch.setattr(time, "time", lambda: later)

    return move


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def team():
    return factories.make_team()


@pytest.fixture
def other_team():
    return factories.make_team(name="Team Väst")


@pytest.fixture
def specialist(team):
    return factories.make_user(role="job_specialist", team=team, name="Sara Specialist")


@pytest.fixture
def team_lead(team):
    return factories.make_user(role="team_lead", team=team, name="Leo Lead")


@pytest.fixture
def admin():
    return factories.make_user(role="admin", name="Ada Admin")


@pytest.fixture
def partner():
    return factories.make_user(role="partner", name="Per Partner")


@pytest.fixture
def login(client):
    """Sign a client in as `user`: login(user) -> the client."""

    def sign_in(user, password=factories.PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return sign_in


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    """E-mail goes to .eml files in a folder of the test's own: outbox() -> {recipient: message}."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    monkeypatch.setitem(app.config, "MAIL_OUTBOX", str(tmp_path / "outbox"))
    monkeypatch.setitem(app.config, "BASE_URL", "https://crm.example.se")

    def read():
        return {m["To"]: m for m in (message_from_bytes(p.read_bytes(), policy=policy.default)
                                     for p in sorted((tmp_path / "outbox").glob("*.eml")))}

    return read


@pytest.fixture
def smtp_server(app, monkeypatch):
    """The app sends over SMTP to a fake server of the test's own (see tests/smtp.py)."""
    server = FakeSMTPServer()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    monkeypatch.setitem(app.config, "BASE_URL", "https://crm.example.se")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def own_database(tmp_path):
    """The URL of an empty database migrated to the current schema, outside the test's transaction
    (for what needs real commits and connections): a new SQLite file, or a new PostgreSQL schema."""
    base = os.environ.get("CRM_TEST_DATABASE_URL")
    if base:
        admin = create_engine(base)
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS own_database CASCADE"))
            connection.execute(text("CREATE SCHEMA own_database"))
        url = base + ("&" if "?" in base else "?") + "options=-csearch_path%3Down_database"
    else:
        url = f"sqlite:///{tmp_path / 'own.sqlite3'}"
    fresh = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    with fresh.app_context():
        upgrade()
        db.engine.dispose()
    yield url
    if base:
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA own_database CASCADE"))
        admin.dispose()
