"""Logical backups: every table as JSON lines in one gzip file, restorable into a fresh database.

Portable between SQLite and PostgreSQL (a backup of one restores into the other), and complete by
construction: it walks the SQLAlchemy metadata, so every room's tables are included. For large
PostgreSQL installations, pg_dump/pg_restore remain the operator's tools; this one is what the app
itself can guarantee and test.

The file ends with a manifest (row counts per table and a checksum of every line before it), and
it is written under a temporary name and renamed only when complete: a file without its manifest
is a backup that was cut short, and restore refuses it before writing anything.
"""
import base64
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, LargeBinary, Numeric, Time, func, insert, select, text
from sqlalchemy.types import TypeDecorator

from ..extensions import db
from .clock import utcnow
from .database import advance_sequences

FORMAT = "crm-backup/2"
CHUNK = 2_000


class BackupError(RuntimeError):
    """A backup that cannot be written or restored, with a message for the operator."""


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
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
    if isinstance(kind, Time):
        return time.fromisoformat
    if isinstance(kind, Numeric) and kind.asdecimal:
        return Decimal
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


def schema_revision(connection: Connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _line(item: dict) -> bytes:
    return (json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def create_backup(connection: Connection, path: Path) -> dict[str, int]:
    """Write every row of every table to `path`; returns the row count per table. Until the last
    line is written the file has a temporary name, so `path` is either a whole backup or absent."""
    partial = path.with_name(path.name + ".partial")
    counts: dict[str, int] = {}
    checksum = hashlib.sha256()
    try:
        with open(partial, "wb") as raw, gzip.open(raw, "wb") as out:
            def write(item: dict) -> None:
                line = _line(item)
                checksum.update(line)
                out.write(line)

            write({"format": FORMAT, "revision": schema_revision(connection), "created_at": utcnow().isoformat()})
            for table in db.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                counts[table.name] = 0
                for row in connection.execute(select(table).order_by(*order)).mappings():
                    write({"t": table.name, "r": {k: _encode(v) for k, v in row.items()}})
                    counts[table.name] += 1
            out.write(_line({"manifest": {"counts": counts, "sha256": checksum.hexdigest()}}))
            out.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return counts


def restore_backup(connection: Connection, path: Path) -> dict[str, int]:
    """Load a backup into an empty database at the backup's schema revision (run migrations first).
    The whole file is checked first; the caller's transaction makes the restore all or nothing."""
    header, counts = verify_backup(path)
    if header["revision"] != schema_revision(connection):
        raise BackupError(f"The backup is of schema revision {header['revision']}, the database is at "
                          f"{schema_revision(connection)}. Migrate the database to that revision first.")
    tables = {table.name: table for table in db.metadata.sorted_tables}
    if set(counts) != set(tables):
        raise BackupError(f"{path} does not hold this schema's tables; it was made by another version of the app.")
    if connection.execute(select(func.count()).select_from(tables["users"])).scalar():
        raise BackupError("The database is not empty (it has users); restore into a fresh one.")
    # Reference data that migrations seed (support types, say) is replaced by the backup's own.
    for table in reversed(tables.values()):
        connection.execute(table.delete())
    rows = (json.loads(line) for line in _lines(path))
    next(rows)  # the header
    restored = _insert(connection, tables, (item for item in rows if "manifest" not in item))
    advance_sequences(connection)
    return restored


def verify_backup(path: Path) -> tuple[dict, dict[str, int]]:
    """Read a whole backup without writing anything: its header and its row counts per table.
    BackupError, saying what is wrong, for a file that is truncated, corrupt, foreign or incomplete."""
    checksum = hashlib.sha256()
    counts: dict[str, int] = {}
    header = manifest = None
    for number, line in enumerate(_lines(path), 1):
        if manifest is not None:
            raise BackupError(f"{path} is damaged: it goes on after its manifest (line {number}).")
        try:
            item = json.loads(line)
        except ValueError as error:
            raise BackupError(f"{path} is damaged: line {number} is not readable.") from error
        if number == 1:
            if not isinstance(item, dict) or item.get("format") != FORMAT:
                raise BackupError(f"{path} is not a backup in the format this version of the app writes ({FORMAT}).")
            header = item
        elif "manifest" in item:
            manifest = item["manifest"]
            continue
        else:
            counts[item["t"]] = counts.get(item["t"], 0) + 1
        checksum.update(line)
    if header is None:
        raise BackupError(f"{path} is empty.")
    if manifest is None:
        raise BackupError(f"{path} is incomplete: it has no manifest, so the backup was cut short.")
    if manifest["sha256"] != checksum.hexdigest():
        raise BackupError(f"{path} is damaged: its checksum does not match its contents.")
    if {name: n for name, n in manifest["counts"].items() if n} != counts:
        raise BackupError(f"{path} is incomplete: it holds other row counts than its manifest lists.")
    return header, manifest["counts"]


def _lines(path: Path) -> Iterator[bytes]:
    """The lines of a gzip file, with a clear BackupError for what is not one or is cut short."""
    try:
        with gzip.open(path, "rb") as lines:
            yield from lines
    except gzip.BadGzipFile as error:
        raise BackupError(f"{path} is not a backup (not a gzip file).") from error
    except (EOFError, zlib.error) as error:
        raise BackupError(f"{path} is truncated or damaged: it ends before the end of the backup.") from error


def _insert(connection: Connection, tables: dict, items: Iterator[dict]) -> dict[str, int]:
    decoders = {name: {c.name: _decoder(c) for c in table.columns} for name, table in tables.items()}
    counts: dict[str, int] = {}
    batch: list[dict] = []
    current = None
    for item in items:
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
    return counts
