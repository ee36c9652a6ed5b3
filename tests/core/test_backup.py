"""A backup restores into a fresh database with every record, on SQLite and PostgreSQL alike, and
restore refuses, before writing anything, a file that is not a whole backup of this schema."""
import gzip
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    Time,
    create_engine,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeDecorator

from crm.core.backup import BackupError, create_backup, restore_backup
from crm.extensions import db

# Rows the generic values below cannot satisfy (check constraints tying columns together).
OVERRIDES: dict[str, dict] = {
    "users": {"role": "partner", "employment_fraction": 0.5},
    "consents": {"party_kind": "employer", "partner_organisation_id": None},
    "negotiations": {"requested_share_percent": 50, "agreed_share_percent": 50},
    "placements": {"partner_organisation_id": None},
    "followup_contacts": {"due_on": None},
    "duplicate_dismissals": {"second_id": lambda connection: _second_employer(connection)},
}


def _second_employer(connection) -> int:
    """The id of a copy of the first employer (a dismissed duplicate is a pair of two)."""
    table = db.metadata.tables["employers"]
    row = dict(connection.execute(select(table).limit(1)).mappings().one())
    del row["id"]
    row["organisation_number"] = None  # unique within a team
    return connection.execute(insert(table).values(row).returning(table.c.id)).scalar()


@pytest.fixture
def fresh_engine(own_database):
    engine = create_engine(own_database)
    yield engine
    engine.dispose()


def _value(column, first_rows: dict):
    """A value of the column's type that survives only an exact round trip (å, decimals, times, bytes)."""
    for key in column.foreign_keys:  # a table in a cycle of references may come before the one it names
        target = first_rows.get(key.column.table.name)
        return target[key.column.name] if target or not column.nullable else None
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(kind, Enum):
        return kind.enums[-1]
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, DateTime):
        return datetime(2026, 11, 3, 9, 30, 15, 250000, tzinfo=UTC if kind.timezone else None)
    if isinstance(kind, Date):
        return date(2026, 11, 3)
    if isinstance(kind, Time):
        return time(9, 30, 15)
    if isinstance(kind, Float):
        return 17.5
    if isinstance(kind, Numeric):
        return Decimal("12.50")
    if isinstance(kind, Integer):
        return 7
    if isinstance(kind, JSON):
        return {"ord": ["Åsa", 1, 2.5, None, {"ö": True}]}
    if isinstance(kind, LargeBinary):
        return bytes(range(256))
    if isinstance(kind, String | Text):
        return "Åsa Öberg"[: kind.length or None]
    raise AssertionError(f"no test value for {column.table.name}.{column.name} ({kind!r}): add one here")


def _fill_every_table(connection) -> None:
    """At least one row in every table of the models, so a new table cannot be left out of backups."""
    first_rows = {}
    for table in db.metadata.sorted_tables:
        if not connection.execute(select(func.count()).select_from(table)).scalar():
            row = {c.name: _value(c, first_rows) for c in table.columns
                   if c is not table.autoincrement_column}
            row |= {name: value(connection) if callable(value) else value
                    for name, value in OVERRIDES.get(table.name, {}).items()}
            try:
                with connection.begin_nested():
                    connection.execute(insert(table), row)
            except IntegrityError as error:
                raise AssertionError(f"{table.name}: add its row to OVERRIDES ({error.orig})") from error
        first_rows[table.name] = connection.execute(select(table).limit(1)).mappings().one()


def _every_row(connection) -> dict[str, list]:
    return {table.name: [tuple(row) for row in connection.execute(
        select(table).order_by(*(list(table.primary_key.columns) or list(table.columns))))]
        for table in db.metadata.sorted_tables}


def test_backup_restores_every_row_of_every_table(tmp_path, fresh_engine):
    source = db.session.connection()
    _fill_every_table(source)
    path = tmp_path / "backup.jsonl.gz"
    counts = create_backup(source, path)
    assert all(counts.values()), [name for name, n in counts.items() if not n]
    assert not list(tmp_path.glob("*.partial"))

    with fresh_engine.begin() as connection:
        assert restore_backup(connection, path) == counts
    with fresh_engine.connect() as connection:
        assert _every_row(connection) == _every_row(source)


@pytest.fixture
def backup(tmp_path):
    path = tmp_path / "whole.jsonl.gz"
    create_backup(db.session.connection(), path)
    return path


def _cut(backup, tmp_path, keep) -> str:
    """A copy of the backup with only `keep(data)` of its bytes (or of its lines, decompressed)."""
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(keep(backup.read_bytes()))
    return str(path)


@pytest.mark.parametrize(("keep", "message"), [
    (lambda data: data[: len(data) // 2], "is truncated or damaged"),
    (lambda data: b"not a backup at all\n" * 10, "is not a backup (not a gzip file)"),
    (lambda data: gzip.compress(b"\n".join(gzip.decompress(data).splitlines()[:-1]) + b"\n"),
     "is incomplete: it has no manifest"),
    (lambda data: gzip.compress(gzip.decompress(data).replace(b'"role":"admin"', b'"role":"partner"', 1)),
     "its checksum does not match"),
    (lambda data: gzip.compress(b'{"format":"crm-backup/1"}\n'), "is not a backup in the format"),
])
def test_restore_refuses_a_broken_file_with_a_clear_message_and_writes_nothing(
        app, admin, backup, tmp_path, keep, message):
    result = app.test_cli_runner().invoke(args=["backup", "restore", _cut(backup, tmp_path, keep)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert db.session.get(type(admin), admin.id).role == "admin"


def test_restore_refuses_another_schema_revision_before_writing(backup, fresh_engine):
    with fresh_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
        with pytest.raises(BackupError, match="schema revision"):
            restore_backup(connection, backup)
        assert connection.execute(text("SELECT COUNT(*) FROM support_types")).scalar()


def test_restore_refuses_a_database_with_data(admin, backup, fresh_engine):
    with fresh_engine.begin() as connection:
        restore_backup(connection, backup)
    with pytest.raises(BackupError, match="not empty"), fresh_engine.begin() as connection:
        restore_backup(connection, backup)


def test_a_failed_backup_leaves_no_file(app, tmp_path, monkeypatch):
    path = tmp_path / "cli.jsonl.gz"
    monkeypatch.setattr("crm.core.backup._encode", lambda value: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        create_backup(db.session.connection(), path)
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_a_backup(app, tmp_path, admin):
    path = tmp_path / "cli.jsonl.gz"
    result = app.test_cli_runner().invoke(args=["backup", "create", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 0
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "missing.gz")])
    assert result.exit_code != 0
