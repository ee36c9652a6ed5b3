"""Counting the statements a block of code sends to the database (N+1 queries show up as growth)."""
from contextlib import contextmanager

from sqlalchemy import event

from crm.extensions import db


@contextmanager
def counting():
    """The statements sent to the database while the block runs: their number and their text."""
    counter = {"n": 0, "sql": []}

    def count(_connection, _cursor, statement, *_args, **_kwargs):
        counter["n"] += 1
        counter["sql"].append(statement.lstrip())

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
