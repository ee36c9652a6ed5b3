"""Logical backups: every table as JSON lines in one gzip file, restorable into a fresh database.

Portable between SQLite and PostgreSQL (a backup of one restores into the other), and complete by
construction: it walks the SQLAlchemy metadata, so every room's tables are included. For large
PostgreSQL installations, pg_dump/pg_restore remain the operator's tools; this one is what the app
itself can guarantee and test.
"""
import base64
import gzip
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, LargeBinary, Numeric, func, insert, select, text
from sqlalchemy.types import TypeDecorator

from ..extensions import db
from .clock import utcnow
from .database import advance_sequences

FORMAT = "crm-backup/1"
CHUNK = 2_000


class BackupError(RuntimeError):
    pass


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decoder(column):
    """How to turn a JSON value back into what the column's type binds."""
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Numeric) and kind.asdecimal:
        return Decimal
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


def schema_revision(connection: Connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def create_backup(connection: Connection, path: Path) -> dict[str, int]:
    """Write every row of every table to `path`; returns the row count per table."""
    counts: dict[str, int] = {}
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT, "revision": schema_revision(connection),
                              "created_at": utcnow().isoformat()}) + "\n")
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            counts[table.name] = 0
            for row in connection.execute(select(table).order_by(*order)).mappings():
                out.write(json.dumps({"t": table.name, "r": {k: _encode(v) for k, v in row.items()}}) + "\n")
                counts[table.name] += 1
    return counts


def restore_backup(connection: Connection, path: Path) -> dict[str, int]:
    """Load a backup into an empty database at the backup's schema revision (run migrations first)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        header = json.loads(lines.readline())
        if header.get("format") != FORMAT:
            raise BackupError(f"{path} is not a backup made by this application.")
        return _restore(connection, header, map(json.loads, lines))


def _restore(connection: Connection, header: dict, lines: Iterator[dict]) -> dict[str, int]:
    if header["revision"] != schema_revision(connection):
        raise BackupError(f"The backup is of schema revision {header['revision']}, the database is at "
                          f"{schema_revision(connection)}. Migrate the database to that revision first.")
    tables = {table.name: table for table in db.metadata.sorted_tables}
    if connection.execute(select(func.count()).select_from(tables["users"])).scalar():
        raise BackupError("The database is not empty (it has users); restore into a fresh one.")
    # Reference data that migrations seed (support types, say) is replaced by the backup's own.
    for table in reversed(tables.values()):
        connection.execute(table.delete())
    decoders = {name: {c.name: _decoder(c) for c in table.columns} for name, table in tables.items()}
    counts: dict[str, int] = {}
    batch: list[dict] = []
    current = None
    for item in lines:
        if item["t"] != current and batch:
            connection.execute(insert(tables[current]), batch)
            batch = []
        current = item["t"]
        row = {k: (decoders[current][k](v) if v is not None and decoders[current].get(k) else v)
               for k, v in item["r"].items()}
        batch.append(row)
        counts[current] = counts.get(current, 0) + 1
        if len(batch) >= CHUNK:
            connection.execute(insert(tables[current]), batch)
            batch = []
    if batch:
        connection.execute(insert(tables[current]), batch)
    advance_sequences(connection)
    return counts

