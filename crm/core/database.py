"""Engine set-up: make SQLite behave like the production database where it matters."""
from flask import Flask
from sqlalchemy import Connection, event, text

from ..extensions import db


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
        # SAVEPOINTs work (the tests rely on them) and DDL is transactional.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")
        # SQLite's own lower() folds only A-Z; names like Åsa and Örjan must match as they do on PostgreSQL.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        if engine.url.database and engine.url.database != ":memory:":
            dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def advance_sequences(connection: Connection) -> None:
    """After rows were written with explicit ids (a restore, generated data), move PostgreSQL's
    id sequences past them so that the next insert does not collide."""
    if connection.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def escape_like(term: str) -> str:
    """`term` as a literal inside a LIKE pattern written with escape="\\"."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
