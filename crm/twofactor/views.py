"""The second step of signing in, enrolment (at the first sign-in where it is required, or by choice)."""
from datetime import datetime, timedelta

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import services as accounts
from ..auth.labels import throttle_message
from ..auth.models import AccountAction, User
from ..core.access import public
from ..core.clock import utcnow
from ..core.errors import keeps_input_on_csrf_failure
from ..core.web import form_page
from ..extensions import db
from ..sessions.views import sign_in
from . import services
from .forms import CodeForm

bp = Blueprint("twofactor", __name__, url_prefix="/two-factor")

# How long the step between password and code may take.
PENDING_FOR = timedelta(minutes=10)


def continue_sign_in(user: User, next_url: str | None):
    """After the right password: sign in, or first ask for the code (or enrolment where it is required)."""
    if not services.is_enrolled(user) and not services.is_required(user):
        sign_in(user)
        return redirect(next_url or url_for("core.index"))
    session["pending_sign_in"] = {"user": user.id, "at": utcnow().isoformat(), "next": next_url}
    return redirect(url_for("twofactor.verify" if services.is_enrolled(user) else "twofactor.enrol"))


def _pending_user() -> User | None:
    """Whoever gave the right password in this browser a moment ago (the signed cookie says who)."""
    pending = session.get("pending_sign_in") or {}
    try:
        started = datetime.fromisoformat(pending["at"])
    except (KeyError, TypeError, ValueError):
        return None
    if utcnow() - started > PENDING_FOR:
        return None
    user = db.session.get(User, pending.get("user"))
    return user if user is not None and user.active else None


def _finish(user: User):
    next_url = session.pop("pending_sign_in", {}).get("next")
    sign_in(user)
    return redirect(next_url or url_for("core.index"))


@bp.route("/verify", methods=["GET", "POST"])
@public
@keeps_input_on_csrf_failure
def verify():
    user = _pending_user()
    if user is None or not services.is_enrolled(user):
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        # A wrong code counts as a failed sign-in: the same progressive delay, never a lock-out.
        keys = accounts.throttle_keys(user.email, request.remote_addr)
        throttle = accounts.check_throttle(keys, now)
        kind = services.verify(user, form.code.data, now) if throttle.allowed else None
        if kind is not None:
            accounts.clear_failures(keys)
            if kind == "recovery":
                accounts.record_event(user, AccountAction.RECOVERY_CODE_USED, user, now)
                flash(_("You signed in with a recovery code. %(count)s are left.",
                        count=services.recovery_codes_left(user)), "warning")
            user.last_login_at = now
            return _finish(user)
        if throttle.allowed:
            accounts.record_failure(keys, now, user)
            db.session.commit()
        form.code.errors.append(throttle_message(accounts.check_throttle(keys, now)) or _("That code is not right."))
        return render_template("twofactor/verify.html", form=form), 422
    return form_page("twofactor/verify.html", form)


@bp.route("/enrol", methods=["GET", "POST"])
@public
@keeps_input_on_csrf_failure
def enrol():
    """Set up the authenticator app: at a sign-in that requires it, or from the account page."""
    user = current_user if current_user.is_authenticated else _pending_user()
    if user is None:
        return redirect(url_for("auth.login"))
    if services.is_enrolled(user):
        return redirect(url_for("auth.account"))
    now = utcnow()
    form = CodeForm()
    row = services.begin(user, now)
    if form.validate_on_submit():
        codes = services.confirm(user, form.code.data, now)
        if codes is not None:
            accounts.record_event(user, AccountAction.TWO_FACTOR_ENROLLED, user, now)
            if not current_user.is_authenticated:
                user.last_login_at = now
                next_url = session.pop("pending_sign_in", {}).get("next")
                sign_in(user)
            else:
                next_url = None
            return render_template("twofactor/recovery_codes.html", codes=codes,
                                   next_url=next_url or url_for("auth.account"))
        form.code.errors.append(_("That code is not right. Check the time on your phone and try again."))
    uri = services.provisioning_uri(user, row)
    qr = services.qr_svg(uri, _("QR code for your authenticator app"))
    return form_page("twofactor/enrol.html", form, qr=qr, secret=row.secret,
                     required=services.is_required(user))


@bp.post("/recovery-codes")
@login_required
def recovery_codes():
    """New recovery codes for a signed-in user with a second factor (the old ones stop working)."""
    if not services.is_enrolled(current_user):
        return redirect(url_for("auth.account"))
    codes = services.new_recovery_codes(current_user)
    accounts.record_event(current_user, AccountAction.RECOVERY_CODES_RENEWED, current_user, utcnow())
    return render_template("twofactor/recovery_codes.html", codes=codes, next_url=url_for("auth.account"))


@bp.post("/off")
@login_required
def turn_off():
    if services.is_required(current_user):
        flash(_("Your role requires a second factor: it cannot be turned off."), "error")
    else:
        services.reset(current_user)
        accounts.record_event(current_user, AccountAction.TWO_FACTOR_RESET, current_user, utcnow())
        flash(_("The second factor is turned off."), "success")
    return redirect(url_for("auth.account") + "#two-factor")
