"""Error pages inside the layout, and CSRF failures that keep what the user typed."""
from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from . import ratelimit

PAGES = {400, 403, 404, 405, 409, 413, 429, 500}


def keeps_input_on_csrf_failure(view):
    """Mark a form view whose FlaskForm re-checks the token: on a CSRF failure it is run again,
    its validation fails on the token, and the form comes back with the input and a message."""
    view.keeps_input_on_csrf_failure = True
    return view


def _render(code: int, message: str | None = None):
    return render_template("errors/error.html", code=code, message=message), code


def _rate_limited(error: RateLimitExceeded):
    """The limit's own answer where it has one (a calendar feed's plain text), else the page;
    either way with Retry-After."""
    seconds = ratelimit.retry_after()
    response = error.response or current_app.make_response(_render(
        429, _("Too many requests came from your address. Try again in %(seconds)s seconds.", seconds=seconds)))
    response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        view = current_app.view_functions.get(request.endpoint)
        if getattr(view, "keeps_input_on_csrf_failure", False):
            try:
                response = current_app.make_response(view(**(request.view_args or {})))
            except HTTPException as refusal:  # the user may not open this form at all, or is over a limit
                return current_app.handle_http_exception(refusal)
            response.status_code = 400
            return response
        return _render(400, _("The form had expired. Go back, reload the page and try again."))

    app.register_error_handler(RateLimitExceeded, _rate_limited)

    @app.errorhandler(HTTPException)
    def http_error(error):
        # Unhandled exceptions reach here as InternalServerError (after Flask has logged them). After
        # a database error the transaction is aborted: roll back first, or the page's own queries
        # (the signed-in user, the navigation) fail too.
        db.session.rollback()
        if error.code in PAGES:
            # A refusal's own reason (abort(400, _("…"))) where it has one, else the page's general text.
            own = error.description if error.description != type(error).description else None
            return _render(error.code, own)
        return error
