from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..core.access import public
from ..core.clock import utcnow
from ..core.errors import keeps_input_on_csrf_failure
from ..core.permissions import permission_required
from ..core.ratelimit import configured
from ..core.urls import safe_next
from ..core.web import form_page
from ..extensions import db, limiter
from ..sessions import services as sessions
from ..sessions.views import sign_out
from ..twofactor import services as twofactor
from ..twofactor.views import continue_sign_in
from . import services, tokens
from .forms import ChangePasswordForm, ForgotPasswordForm, LoginForm, SetPasswordForm
from .labels import throttle_message

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
            return continue_sign_in(user, safe_next(form.next.data))
        # The failure must be counted although this request answers with an error.
        db.session.commit()
        form.password.errors.append(throttle_message(throttle) or _("Wrong e-mail or password."))
        return render_template("auth/login.html", form=form), 429 if not throttle.allowed else 422
    return form_page("auth/login.html", form)


@bp.post("/logout")
@login_required
def logout():
    sign_out()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@keeps_input_on_csrf_failure
@limiter.limit(configured("PASSWORD_RESET_RATE_LIMIT"), methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        tokens.request_reset(form.email.data, utcnow())
        db.session.commit()
        # The same words whether the address has an account or not: the page tells nobody who has one.
        flash(_("If %(email)s has an account, a link to choose a new password is on its way. It works for an hour.",
                email=form.email.data), "info")
        return redirect(url_for("auth.login"))
    return form_page("auth/forgot.html", form)


@bp.route("/password/set/<token>", methods=["GET", "POST"])
@public
@keeps_input_on_csrf_failure
def set_password(token: str):
    """Where a reset link or an invitation leads: choose a password, then sign in with it."""
    row = tokens.find(token, utcnow())
    if row is None:
        return render_template("auth/set_password.html", form=None), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            sign_out()
        tokens.redeem(row, form.new_password.data, utcnow())
        flash(_("Your password is saved. Sign in with it."), "success")
        return redirect(url_for("auth.login"))
    return form_page("auth/set_password.html", form, email=row.user.email)


@bp.route("/account", methods=["GET", "POST"])
@login_required
@keeps_input_on_csrf_failure
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.new_password.data,
                                     keep_session=current_user.session_id)
        except services.AccountError:
            form.current_password.errors.append(_("That is not your current password."))
        else:
            flash(_("Your password is changed. Other sessions have been signed out."), "success")
            return redirect(url_for("auth.account"))
    two_factor = {"enrolled": twofactor.is_enrolled(current_user), "required": twofactor.is_required(current_user),
                  "codes_left": twofactor.recovery_codes_left(current_user)}
    return form_page("auth/account.html", form, sessions=sessions.active(current_user, utcnow()),
                     device=sessions.device, two_factor=two_factor)


@bp.post("/account/digest")
@permission_required("nudge.inbox")
def digest():
    """Opt in to or out of the daily digest (staff only: nobody else gets it)."""
    current_user.digest_opt_out = request.form.get("wanted") != "1"
    flash(_("You will get the daily digest.") if not current_user.digest_opt_out
          else _("You will not get the daily digest."), "success")
    return redirect(url_for("auth.account") + "#digest")
