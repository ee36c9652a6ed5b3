from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..core.access import public
from ..core.clock import utcnow
from ..core.errors import keeps_input_on_csrf_failure
from ..core.permissions import permission_required
from ..core.ratelimit import configured
from ..core.urls import safe_next
from ..core.web import form_page
from ..extensions import db, limiter
from . import services
from .forms import ChangePasswordForm, LoginForm

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
@keeps_input_on_csrf_failure
@limiter.limit(configured("LOGIN_RATE_LIMIT"), methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        user, throttle = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        if user is not None:
            login_user(user)
            return redirect(safe_next(form.next.data) or url_for("core.index"))
        # The failure must be counted although this request answers with an error.
        db.session.commit()
        if throttle.locked:
            message = _("Too many failed attempts. Signing in is locked until %(time)s.",
                        time=format_datetime(throttle.retry_at, "HH:mm"))
        elif not throttle.allowed:
            seconds = max(1, int((throttle.retry_at - utcnow()).total_seconds()) + 1)
            message = _("Too many failed attempts. Wait %(seconds)s seconds and try again.", seconds=seconds)
        else:
            message = _("Wrong e-mail or password.")
        form.password.errors.append(message)
        return render_template("auth/login.html", form=form), 429 if not throttle.allowed else 422
    return form_page("auth/login.html", form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
@keeps_input_on_csrf_failure
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.new_password.data)
        except services.AccountError:
            form.current_password.errors.append(_("That is not your current password."))
        else:
            login_user(current_user._get_current_object())  # the session carries the new generation
            flash(_("Your password is changed. Other sessions have been signed out."), "success")
            return redirect(url_for("auth.account"))
    return form_page("auth/account.html", form)


@bp.post("/account/digest")
@permission_required("nudge.inbox")
def digest():
    """Opt in to or out of the daily digest (staff only: nobody else gets it)."""
    current_user.digest_opt_out = request.form.get("wanted") != "1"
    flash(_("You will get the daily digest.") if not current_user.digest_opt_out
          else _("You will not get the daily digest."), "success")
    return redirect(url_for("auth.account") + "#digest")
