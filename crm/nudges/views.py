"""The inbox: nudges for the signed-in staff member, each done, dismissed or snoozed."""
from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core import clock
from ..core.errors import keeps_input_on_csrf_failure
from ..core.formats import text_date
from ..core.permissions import can, permission_required, require
from ..extensions import db
from . import engine, queries, services
from .forms import SnoozeForm
from .models import Nudge

bp = Blueprint("nudges", __name__, url_prefix="/nudges")

DEFAULT_SNOOZE = relativedelta(days=+3)


@bp.app_context_processor
def inbox_badge():
    """The count beside "Inbox" in the navigation: one COUNT query, staff only."""
    if not can(current_user, "nudge.inbox"):
        return {}
    return {"nudge_count": queries.inbox_count(current_user.id, clock.today())}


def load_nudge(nudge_id: int) -> Nudge:
    nudge = db.session.get(Nudge, nudge_id) or abort(404)
    require("nudge.manage", nudge)
    return nudge


def _page(snooze_forms=None):
    today = clock.today()
    items = queries.inbox(current_user.id, today)
    forms = snooze_forms or {}
    for nudge in items:
        forms.setdefault(nudge.id, SnoozeForm(prefix=f"n{nudge.id}", formdata=None, until=today + DEFAULT_SNOOZE))
    return render_template("nudges/inbox.html", items=items, snoozed=queries.snoozed(current_user.id, today),
                           forms=forms, today=today, message=engine.message, link=engine.link)


@bp.get("/")
@permission_required("nudge.inbox")
def inbox():
    return _page()


@bp.post("/<int:nudge_id>/done")
def done(nudge_id: int):
    nudge = load_nudge(nudge_id)
    services.close(nudge, "done", clock.utcnow())
    flash(_("Marked as done."), "success")
    return redirect(url_for("nudges.inbox"))


@bp.post("/<int:nudge_id>/dismiss")
def dismiss(nudge_id: int):
    nudge = load_nudge(nudge_id)
    services.close(nudge, "dismissed", clock.utcnow())
    flash(_("Dismissed. It will not come back for the same reason."), "success")
    return redirect(url_for("nudges.inbox"))


@bp.post("/<int:nudge_id>/snooze")
@keeps_input_on_csrf_failure
def snooze(nudge_id: int):
    nudge = load_nudge(nudge_id)
    form = SnoozeForm(prefix=f"n{nudge.id}")
    today = clock.today()
    if form.validate_on_submit():
        if form.until.data <= today:
            form.until.errors.append(_("Choose a day after today."))
        else:
            services.snooze(nudge, form.until.data)
            flash(_("Snoozed until %(day)s.", day=text_date(form.until.data)), "success")
            return redirect(url_for("nudges.inbox"))
    return _page({nudge.id: form}), 422
