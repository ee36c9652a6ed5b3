"""The main menu: each entry shows only to users whose role may open it.

Entries marked `BAR` are the daily ones: a desktop shows them in the top bar (the rest stay in the
menu), a phone shows the first of them as bottom tabs around a central "Log contact".
"""
from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .permissions import can

BAR, MORE = True, False
MAIN_MENU = (
    ("contacts.week", _l("My week"), "week.view_own", BAR),
    ("employers.index", _l("Employers"), "employer.list", BAR),
    ("participants.index", _l("Participants"), "participant.list", BAR),
    ("openings.index", _l("Openings"), "opening.list", BAR),
    ("nudges.inbox", _l("Inbox"), "nudge.inbox", BAR),
    ("reports.dashboard", _l("Team"), "menu.team", BAR),
    ("admin.users", _l("Admin"), "admin.manage_users", BAR),
    ("leads.index", _l("Leads"), "lead.list", MORE),
    ("placements.index", _l("Job starts"), "placement.list", MORE),
    ("subsidies.index", _l("Employment support"), "subsidy.list", MORE),
    ("meetings.index", _l("Meetings"), "meeting.list", MORE),
    ("reports.dashboard", _l("Team dashboard"), "report.dashboard", MORE),
    ("partners.portal", _l("Our listings"), "portal.home", MORE),
    ("partners.referrals", _l("Referrals"), "portal.home", MORE),
    ("admin.teams", _l("Teams"), "admin.manage_teams", MORE),
    ("privacy.index", _l("Privacy"), "privacy.manage", MORE),
    ("subsidies.support_types", _l("Support types"), "admin.manage_reference", MORE),
)
# The phone's bottom tabs: these endpoints, in this order, with "Log contact" in the middle.
TABS = ("contacts.week", "employers.index", "participants.index", "nudges.inbox")


def main_navigation() -> list[dict]:
    """Every entry the user may open, once each (the team lead's "Team" stands for the dashboard)."""
    blueprint = request.blueprint
    items, seen = [], set()
    for endpoint, label, action, in_bar in MAIN_MENU:
        if endpoint in seen or not can(current_user, action):
            continue
        seen.add(endpoint)
        items.append({"endpoint": endpoint, "url": url_for(endpoint), "label": label, "bar": in_bar,
                      "active": endpoint.split(".")[0] == blueprint})
    return items


def tab_bar(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """The phone's tabs left and right of "Log contact", from the entries `main_navigation` gave."""
    by_endpoint = {item["endpoint"]: item for item in items}
    tabs = [by_endpoint[endpoint] for endpoint in TABS if endpoint in by_endpoint]
    return tabs[:2], tabs[2:]
