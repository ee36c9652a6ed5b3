"""The main menu: each entry shows only to users whose role may open it."""
from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .permissions import can

MAIN_MENU = (
    ("contacts.week", _l("My week"), "week.view_own"),
    ("nudges.inbox", _l("Inbox"), "nudge.inbox"),
    ("employers.index", _l("Employers"), "employer.list"),
    ("openings.index", _l("Openings"), "opening.list"),
    ("placements.index", _l("Job starts"), "placement.list"),
    ("participants.index", _l("Participants"), "participant.list"),
    ("subsidies.index", _l("Employment support"), "subsidy.list"),
    ("meetings.index", _l("Meetings"), "meeting.list"),
    ("reports.dashboard", _l("Team dashboard"), "report.dashboard"),
    ("partners.portal", _l("Our listings"), "portal.home"),
    ("partners.referrals", _l("Referrals"), "portal.home"),
    ("admin.users", _l("Users"), "admin.manage_users"),
    ("admin.teams", _l("Teams"), "admin.manage_teams"),
    ("privacy.index", _l("Privacy"), "privacy.manage"),
    ("subsidies.support_types", _l("Support types"), "admin.manage_reference"),
)


def main_navigation() -> list[dict]:
    blueprint = request.blueprint
    return [
        {"url": url_for(endpoint), "label": label, "active": endpoint.split(".")[0] == blueprint}
        for endpoint, label, action in MAIN_MENU
        if can(current_user, action)
    ]
