"""Calendar feeds: create or revoke one's own address on the account page; the feed itself is
public but unguessable (the secret in the URL is the credential, as calendar apps require)."""
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..core import clock
from ..core.access import public
from ..core.permissions import can, permission_required
from ..core.ratelimit import configured
from ..extensions import db, limiter
from . import ics, services

bp = Blueprint("calendar", __name__)


@bp.app_context_processor
def calendar_helpers():
    def live_calendar_feed():
        """The signed-in user's live feed (for the account page), or None."""
        if not can(current_user, "calendar.manage"):
            return None
        return next(iter(services.live_feeds(current_user)), None)

    return {"live_calendar_feed": live_calendar_feed}


@bp.post("/account/calendar")
@permission_required("calendar.manage")
def create():
    """Shows the new address once: only its hash is kept, so it cannot be shown again."""
    _feed, secret = services.create_feed(current_user, clock.utcnow())
    return render_template("calendar/created.html",
                           feed_url=url_for("calendar.feed", token=secret, _external=True))


@bp.post("/account/calendar/revoke")
@permission_required("calendar.manage")
def revoke():
    services.revoke_feeds(current_user, clock.utcnow())
    flash(_("The calendar address is revoked: calendars subscribed to it get nothing more."), "success")
    return redirect(url_for("auth.account") + "#calendar")


def _feed_rate_key() -> str:
    """Per address and feed: a calendar service (Google, Microsoft) fetches many people's feeds from
    the same addresses, and one of them must not use up the others' allowance."""
    return f"{get_remote_address()}/{services.token_hash(request.view_args['token'])}"


def _plain_refusal(_limit) -> Response:
    """Calendar programs, not people, read this: plain text (core/errors.py adds Retry-After)."""
    return Response(_("Too many requests for this calendar. Try again later."), 429, mimetype="text/plain")


@bp.get("/calendar/<token>.ics")
@public
@limiter.limit(configured("CALENDAR_FEED_RATE_LIMIT"), key_func=_feed_rate_key, on_breach=_plain_refusal)
@limiter.limit(configured("CALENDAR_FEED_MISS_RATE_LIMIT"), key_func=get_remote_address, on_breach=_plain_refusal,
               deduct_when=lambda response: response.status_code == 404)
def feed(token: str):
    found = services.feed_for(token) or abort(404)
    now = clock.utcnow()
    found.last_used_at = now
    body = ics.build_calendar(found.user, now, clock.today(), current_app.config["BABEL_DEFAULT_LOCALE"])
    db.session.flush()
    return Response(body, mimetype="text/calendar")
