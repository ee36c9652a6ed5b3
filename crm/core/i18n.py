"""Swedish by default; English when the user (or, before sign-in, the session) asks for it."""
from flask import current_app, has_request_context, session
from flask_login import current_user


def select_locale() -> str:
    if not has_request_context():  # the scheduler and the CLI: the default, unless force_locale says otherwise
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    wanted = session.get("locale")
    if wanted in current_app.config["LANGUAGES"]:
        return wanted
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]
