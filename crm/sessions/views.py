"""Signing a user in and out of a server-side session, and the account page's list of sessions."""
from flask import Blueprint, abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..core.clock import utcnow
from ..extensions import login_manager
from . import services

bp = Blueprint("sessions", __name__, url_prefix="/account/sessions")


@login_manager.user_loader
def load_user(token: str):
    """Flask-Login keeps the session token in the signed cookie; the row decides if it still counts."""
    row = services.resume(token, utcnow())
    if row is None:
        return None
    user = row.user
    user.session_token, user.session_id = token, row.id
    return user


def sign_in(user) -> None:
    """Open a new server-side session for `user` in this browser: a fresh cookie that keeps only the
    chosen language, messages waiting to be shown and the form token (forms open in other tabs still send)."""
    kept = {key: session[key] for key in ("locale", "_flashes", "csrf_token") if key in session}
    session.clear()
    session.update(kept)
    token = services.start(user, request.user_agent.string, request.remote_addr, utcnow())
    user.session_token, user.session_id = token, None
    login_user(user)


def sign_out() -> None:
    """End this browser's session on the server first, so that a copy of the cookie is worthless too."""
    if current_user.is_authenticated:
        services.end(current_user.session_token)
    logout_user()


@bp.post("/<int:session_id>/end")
@login_required
def end(session_id: int):
    if session_id == current_user.session_id:
        sign_out()
        flash(_("You are signed out."), "info")
        return redirect(url_for("auth.login"))
    if not services.end_one(current_user, session_id):
        abort(404)
    flash(_("That session is signed out."), "success")
    return redirect(url_for("auth.account") + "#sessions")


@bp.post("/end-all")
@login_required
def end_all():
    """Sign out everywhere, this browser included: for a lost phone or a shared computer left signed in."""
    services.end_all(current_user)
    logout_user()
    flash(_("You are signed out everywhere."), "info")
    return redirect(url_for("auth.login"))
