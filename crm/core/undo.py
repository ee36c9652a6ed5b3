"""Undo for a few seconds: an action that can be reverted says so on the next page, with an Undo button
that posts to `undo_url` (app.js takes the button away after a few seconds)."""
from flask import session


def offer_undo(message: str, undo_url: str) -> None:
    session["undo"] = {"message": message, "url": undo_url}


def pop_undo() -> dict | None:
    """The undo offered by the previous request, shown once."""
    return session.pop("undo", None)
