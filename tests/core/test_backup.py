"""A backup restores into a fresh database with every record, on SQLite and PostgreSQL alike."""
import os
from datetime import UTC, datetime

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text

from crm import create_app
from crm.core.backup import BackupError, create_backup, restore_backup
from crm.employers.models import Employer
from crm.extensions import db
from crm.participants.models import Participant

from .. import factories


@pytest.fixture
def fresh_engine(tmp_path):
    """An empty database migrated to the current schema: a new SQLite file, or a new PostgreSQL schema."""
    base = os.environ.get("CRM_TEST_DATABASE_URL")
    if base:
        admin = create_engine(base)
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS restore_test CASCADE"))
            connection.execute(text("CREATE SCHEMA restore_test"))
        url = base + ("&" if "?" in base else "?") + "options=-csearch_path%3Drestore_test"
    else:
        url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    fresh = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url})
    with fresh.app_context():
        upgrade()
        db.engine.dispose()
    engine = create_engine(url)
    yield engine
    engine.dispose()
    if base:
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA restore_test CASCADE"))
        admin.dispose()


def test_backup_restores_every_record(tmp_path, fresh_engine, team, specialist):
    employer = factories.make_employer(team, name="Återställda AB", organisation_number="556016-0680")
    participant = factories.make_participant(team, specialist, first_name="Åsa", last_name="Öberg")
    factories.make_consent(participant, employer=employer)
    factories.make_contact(employer, specialist, contacted_at=datetime(2026, 11, 3, 9, 30, tzinfo=UTC))
    factories.make_placement(participant, employer, hours=17.5)
    path = tmp_path / "backup.jsonl.gz"
    counts = create_backup(db.session.connection(), path)
    assert counts["employers"] == 1 and counts["placements"] == 1 and counts["users"] >= 1

    with fresh_engine.begin() as connection:
        restored = restore_backup(connection, path)
    assert restored == {name: n for name, n in counts.items() if n}
    with fresh_engine.connect() as connection:
        for name, count in counts.items():
            assert connection.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar() == count, name
        assert connection.execute(select(Employer.name, Employer.organisation_number)).one() == (
            "Återställda AB", "556016-0680")
        assert connection.execute(select(Participant.last_name)).scalar() == "Öberg"
        assert connection.execute(text("SELECT hours_per_week FROM placements")).scalar() == 17.5
        contacted_at = connection.execute(text("SELECT contacted_at FROM employer_contacts")).scalar()
        assert str(contacted_at).startswith("2026-11-03")


def test_restore_refuses_a_database_with_data(tmp_path, fresh_engine, team, specialist):
    factories.make_employer(team)
    path = tmp_path / "backup.jsonl.gz"
    create_backup(db.session.connection(), path)
    with fresh_engine.begin() as connection:
        restore_backup(connection, path)
    with pytest.raises(BackupError, match="not empty"), fresh_engine.begin() as connection:
        restore_backup(connection, path)


def test_cli_writes_a_backup(app, tmp_path):
    path = tmp_path / "cli.jsonl.gz"
    result = app.test_cli_runner().invoke(args=["backup", "create", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 0
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "missing.gz")])
    assert result.exit_code != 0
