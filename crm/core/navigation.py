"""The main menu: each entry shows only to users whose role may open it."""
from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .permissions import can

MAIN_MENU = (
    ("employers.index", _l("Employers"), "employer.list"),
    ("admin.users", _l("Users"), "admin.manage_users"),
    ("admin.teams", _l("Teams"), "admin.manage_teams"),
)


def main_navigation() -> list[dict]:
    blueprint = request.blueprint
    return [
        {"url": url_for(endpoint), "label": label, "active": endpoint.split(".")[0] == blueprint}
        for endpoint, label, action in MAIN_MENU
        if can(current_user, action)
    ]
