"""Error pages inside the layout, and CSRF failures that keep what the user typed.

When the database cannot be reached, the layout cannot be drawn (it asks who is signed in), so the
page is a standalone one in the language of the session cookie or the browser, with 503.
"""
from flask import Flask, current_app, render_template, request, session
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from . import ratelimit

PAGES = {400, 403, 404, 405, 409, 413, 429, 500}
RETRY_SECONDS = 30


def keeps_input_on_csrf_failure(view):
    """Mark a form view whose FlaskForm re-checks the token: on a CSRF failure it is run again,
    its validation fails on the token, and the form comes back with the input and a message."""
    view.keeps_input_on_csrf_failure = True
    return view


def _render(code: int, message: str | None = None):
    try:
        return render_template("errors/error.html", code=code, message=message), code
    except Exception as failure:  # the error page must not fail in its turn
        current_app.logger.warning("Error page %s shown without the layout: %s", code, failure)
        return _standalone(503 if code == 500 and _unreachable(failure) else code)


def _unreachable(error: BaseException | None) -> bool:
    """Whether the database could not be reached (down, restarting, refusing connections)."""
    if isinstance(error, DBAPIError):
        return error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)
    return isinstance(error, DisconnectionError)


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception as failure:  # a dead connection: nothing to roll back
        current_app.logger.warning("Rollback failed: %s", failure)


def _language() -> str:
    """The user's language without the database: the session cookie's choice, else the browser's."""
    languages = current_app.config["LANGUAGES"]
    wanted = session.get("locale")
    if wanted in languages:
        return wanted
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def _standalone(code: int):
    language = _language()
    with force_locale(language):
        if code == 503:
            title = _("The service is unavailable for a moment")
            message = _("The database cannot be reached just now. Try again in a minute.")
        else:
            title = _("Something went wrong on our side")
            message = _("The error has been logged.")
        # Straight from the template, past the context processors (an inbox count needs the database).
        page = current_app.jinja_env.get_template("errors/standalone.html").render(
            language=language, title=title, message=message)
    response = current_app.make_response((page, code))
    if code == 503:
        response.headers["Retry-After"] = str(RETRY_SECONDS)
    return response


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
        # Unhandled exceptions reach here as InternalServerError (after Flask has logged them).
        if error.code == 500:
            _rollback()
            if _unreachable(getattr(error, "original_exception", None)):
                return _standalone(503)
        if error.code in PAGES:
            # A refusal's own reason (abort(400, _("…"))) where it has one, else the page's general text.
            own = error.description if error.description != type(error).description else None
            return _render(error.code, own)
        return error
