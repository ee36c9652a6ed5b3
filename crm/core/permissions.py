"""Authorisation in one place: named actions, a rule per action, and `can(user, action, obj)`.

Views never test roles themselves; they call `require(...)` (or load the object through a
loader that does) so that every denial is a 403 decided here and tested per role.
"""
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from ..auth.models import Role

Rule = Callable[[Any, Any], bool]
_RULES: dict[str, Rule] = {}


def rule(*actions: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        for action in actions:
            if action in _RULES:
                raise RuntimeError(f"two rules for {action}")
            _RULES[action] = fn
        return fn

    return register


def can(user, action: str, obj: Any = None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return _RULES[action](user, obj)


def require(action: str, obj: Any = None) -> None:
    if not can(current_user, action, obj):
        abort(403)


def permission_required(action: str):
    """Decorator for views whose permission does not depend on a record."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            require(action)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def _same_team(user, record) -> bool:
    return user.is_staff and record is not None and record.team_id == user.team_id


def _erased(record) -> bool:
    """Whether `record` is about an erased participant: the participant, or their placement, follow-up
    plan, negotiation or referral. Such records stay readable (the figures count them) but anonymous
    for good, so nothing may be written about them again."""
    if hasattr(record, "erased_at"):
        return record.erased_at is not None
    person = getattr(record, "participant", None)
    if person is None and getattr(record, "placement", None) is not None:  # a follow-up plan
        person = record.placement.participant
    return person is not None and person.erased_at is not None


# --- Administration -------------------------------------------------------------------
@rule("admin.manage_users", "admin.manage_teams", "privacy.manage")
def _admin(user, _obj) -> bool:
    return user.role == Role.ADMIN


@rule("user.employment_fraction")
def _employment_fraction(user, person) -> bool:
    """A specialist's or team lead's share of a full-time post: any admin, or the lead of their team."""
    if person is None or not person.is_staff:
        return False
    return user.role == Role.ADMIN or (user.role == Role.TEAM_LEAD and person.team_id == user.team_id)


# --- Employer register ----------------------------------------------------------------
@rule("employer.list", "employer.create")
def _employer_register(user, _obj) -> bool:
    return user.is_staff


@rule("employer.view", "employer.edit", "employer.archive")
def _employer_record(user, employer) -> bool:
    return _same_team(user, employer)


# --- Job analyses and openings --------------------------------------------------------
@rule("opening.list")
def _opening_list(user, _obj) -> bool:
    return user.is_staff


@rule("analysis.create", "opening.create", "placement.create")
def _employer_work(user, employer) -> bool:
    return _same_team(user, employer)


@rule("analysis.view", "opening.view", "opening.edit")
def _opening_record(user, record) -> bool:
    return _same_team(user, record)


# --- Participants -----------------------------------------------------------------------
@rule("participant.list", "participant.create")
def _participant_register(user, _obj) -> bool:
    return user.is_staff


@rule("participant.view")
def _participant_record(user, participant) -> bool:
    return _same_team(user, participant)


@rule("participant.edit")
def _participant_edit(user, participant) -> bool:
    return _same_team(user, participant) and not _erased(participant)


@rule("participant.team_caseload")
def _team_caseload(user, _obj) -> bool:
    """The team lead follows every specialist's caseload against the team's limit."""
    return user.role == Role.TEAM_LEAD


@rule("participant.audit")
def _participant_audit(user, participant) -> bool:
    """The team lead of the participant's team, or an admin (who otherwise sees no participant records)."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.TEAM_LEAD and participant is not None and participant.team_id == user.team_id


# --- Contact log, next steps, My week --------------------------------------------------
@rule("contact.log_any", "week.view_own", "nudge.inbox", "search.use")
def _staff_only(user, _obj) -> bool:
    return user.is_staff


@rule("contact.log")
def _log_contact(user, employer) -> bool:
    return _same_team(user, employer) and not employer.is_archived


@rule("contact.view", "next_step.create", "next_step.complete")
def _contact_record(user, record) -> bool:
    """`record` is an employer, a contact or a next step: the team's staff work on all of them."""
    return _same_team(user, record)


@rule("contact.correct")
def _correct_contact(user, contact) -> bool:
    return _same_team(user, contact) and (contact.author_id == user.id or user.role == Role.TEAM_LEAD)


@rule("week.view")
def _view_week(user, whose) -> bool:
    """A specialist sees their own week; a team lead sees every week in the team."""
    if not user.is_staff or whose is None:
        return False
    return whose.id == user.id or (user.role == Role.TEAM_LEAD and whose.team_id == user.team_id)


@rule("week.team")
def _team_overview(user, _obj) -> bool:
    return user.role == Role.TEAM_LEAD


@rule("nudge.manage")
def _manage_nudge(user, nudge) -> bool:
    return user.is_staff and nudge is not None and nudge.user_id == user.id


# --- Matching, proposals and job starts -----------------------------------------------
@rule("placement.list")
def _placement_list(user, _obj) -> bool:
    return user.is_staff


@rule("proposal.create", "proposal.manage", "placement.view")
def _matching_record(user, record) -> bool:
    """`record` is an opening (to propose for), a proposal or a placement of the user's team."""
    return _same_team(user, record)


@rule("placement.edit")
def _placement_edit(user, placement) -> bool:
    return _same_team(user, placement) and not _erased(placement)


# --- Social-enterprise partner portal and referrals --------------------------------------
def _partner(user) -> bool:
    """A partner user of an organisation the admins have not deactivated."""
    return user.role == Role.PARTNER and user.partner_organisation is not None and user.partner_organisation.active


@rule("portal.home", "portal.listing.create")
def _portal(user, _obj) -> bool:
    return _partner(user)


@rule("portal.listing.edit", "portal.referral.view")
def _own_organisation(user, record) -> bool:
    """`record` is a listing or a referral: a partner reaches only its own organisation's."""
    return _partner(user) and record is not None and record.partner_organisation_id == user.partner_organisation_id


@rule("portal.referral.answer")
def _answer_referral(user, referral) -> bool:
    """Answering, and recording the start and end, write about the person."""
    return _own_organisation(user, referral) and not _erased(referral)


@rule("listing.view")
def _listing_for_staff(user, listing) -> bool:
    """Partners serve the whole region: every team's staff may read their listings."""
    return user.is_staff and listing is not None


@rule("referral.create")
def _refer(user, participant) -> bool:
    return _same_team(user, participant) and not _erased(participant)


@rule("referral.withdraw")
def _withdraw_referral(user, referral) -> bool:
    return _same_team(user, referral)


# --- Wage subsidies and the agency directory -------------------------------------------
@rule("admin.manage_reference")
def _manage_reference(user, _obj) -> bool:
    """Reference data (the types of employment support) is the admins' to keep current."""
    return user.role == Role.ADMIN


@rule("subsidy.list", "agency.list", "agency.create")
def _subsidy_staff(user, _obj) -> bool:
    return user.is_staff


@rule("subsidy.create")
def _subsidy_create(user, participant) -> bool:
    """Staff start negotiations, for a participant of their own team."""
    return user.is_staff and (participant is None or (_same_team(user, participant) and not _erased(participant)))


@rule("subsidy.view", "agency.edit")
def _subsidy_record(user, record) -> bool:
    """`record` is a negotiation or an agency contact of the user's team."""
    return _same_team(user, record)


@rule("subsidy.edit")
def _negotiation_edit(user, negotiation) -> bool:
    return _same_team(user, negotiation) and not _erased(negotiation)


# --- Follow-up support and calendar feeds -----------------------------------------------
@rule("followup.view")
def _followup_record(user, record) -> bool:
    """`record` is a follow-up plan or its placement: the team's staff support each other's participants."""
    return _same_team(user, record)


@rule("followup.edit")
def _followup_edit(user, record) -> bool:
    return _same_team(user, record) and not _erased(record)


@rule("calendar.manage")
def _own_calendar_feed(user, _obj) -> bool:
    """Each staff member manages their own feed, and only their own."""
    return user.is_staff


# --- Employer-strategy meetings, dashboard and reports (crm/meetings, crm/reports) -----------
def _team_lead_of(user, record) -> bool:
    return user.role == Role.TEAM_LEAD and (record is None or record.team_id == user.team_id)


@rule("menu.team")
def _lead_tab(user, _obj) -> bool:
    """The team lead has the dashboard as a tab of the top bar; specialists find it in the menu."""
    return user.role == Role.TEAM_LEAD


@rule("meeting.list", "report.dashboard")
def _team_staff(user, _obj) -> bool:
    """Specialists follow the team's meetings and dashboard; partners and admins never."""
    return user.is_staff


@rule("meeting.view")
def _view_meeting(user, record) -> bool:
    """`record` is a meeting series or a meeting of the user's team."""
    return _same_team(user, record)


@rule("meeting.manage", "report.view", "report.export")
def _lead_meetings_and_reports(user, record) -> bool:
    """The team lead plans the series, keeps the minutes, decides actions and reports to the steering group.
    `record` is a series or meeting (or None for team-wide pages)."""
    return _team_lead_of(user, record)


@rule("meeting.action.complete")
def _complete_action(user, action) -> bool:
    """The action's owner documents it as done; the team lead may too."""
    return _same_team(user, action) and (action.owner_id == user.id or user.role == Role.TEAM_LEAD)


# --- Spreadsheet import, duplicates, bulk edit and export of employers -----------------------
@rule("import.employers", "employer.bulk_edit", "employer.export")
def _spreadsheet_work(user, _obj) -> bool:
    return user.is_staff


@rule("import.view")
def _import_job(user, job) -> bool:
    """An import in progress holds its team's data: its author, or the team lead, may continue it."""
    return _same_team(user, job) and (job.created_by_id == user.id or user.role == Role.TEAM_LEAD)


@rule("employer.duplicates")
def _duplicates(user, _obj) -> bool:
    return user.role == Role.TEAM_LEAD


@rule("employer.merge")
def _merge_employer(user, employer) -> bool:
    """Merging moves a whole history between records: the team lead decides, within the team."""
    return user.role == Role.TEAM_LEAD and _same_team(user, employer)


# --- The participant's network, SIP and support endings (crm/network) ---------------------------
@rule("network.view")
def _network_record(user, record) -> bool:
    """`record` is a participant, or a network member, contact, step, SIP or support ending of one."""
    return _same_team(user, record)


@rule("network.edit")
def _network_edit(user, record) -> bool:
    return _same_team(user, record) and not _erased(record)


# --- Leads from job ads (crm/leads) -----------------------------------------------------------
@rule("lead.list")
def _lead_list(user, _obj) -> bool:
    return user.is_staff


@rule("lead.view", "lead.convert")
def _lead_record(user, lead) -> bool:
    """The team's staff read their leads and turn them into openings or employers."""
    return _same_team(user, lead)


@rule("lead_search.manage")
def _lead_searches(user, search) -> bool:
    """The team lead keeps the team's saved searches (`search` None: the list and a new one)."""
    return _team_lead_of(user, search)
