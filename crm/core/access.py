"""Sign-in is required everywhere except for views marked `@public`."""
from flask import current_app, request
from flask_login import current_user


def public(view):
    view.is_public = True
    return view


def require_login():
    if request.endpoint is None or request.endpoint == "static":
        return None
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "is_public", False) or current_user.is_authenticated:
        return None
    return current_app.login_manager.unauthorized()
