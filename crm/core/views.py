"""Views that belong to no room: the start page, health check and language switch."""
from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from .access import public
from .urls import safe_next

bp = Blueprint("core", __name__)


@bp.get("/")
def index():
    return redirect(url_for(current_user_home()))


def current_user_home() -> str:
    from .permissions import can

    if can(current_user, "week.view_own"):
        return "contacts.week"
    if can(current_user, "employer.list"):
        return "employers.index"
    if can(current_user, "admin.manage_users"):
        return "admin.users"
    if can(current_user, "portal.home"):
        return "partners.portal"
    return "auth.account"


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception as error:  # the point of a health check is to report, not to raise
        current_app.logger.warning("Health check failed: %s", error)
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "degraded", database=database), status


@bp.post("/language")
@public
def set_language():
    code = request.form.get("language", "")
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
        if current_user.is_authenticated:
            current_user.locale = code
    return redirect(safe_next(request.form.get("next")) or url_for("core.index"))
