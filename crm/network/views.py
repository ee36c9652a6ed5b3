"""The participant's network, contacts with it, SIP, support endings and the funds' outcome report.

Every page about a participant is logged in the audit trail, as the participant pages do."""
from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..core import clock
from ..core.audit import AuditAction, audit, audit_each
from ..core.csvio import write_csv
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.permissions import permission_required, require
from ..core.urls import arg_int
from ..core.web import download, form_page
from ..extensions import db
from ..participants.consent import ConsentMissing
from ..participants.models import Participant
from ..participants.queries import team_specialists
from ..reports.views import period
from ..subsidies.queries import agency_contacts
from . import queries, services
from .forms import (
    EndingForm,
    FollowUpForm,
    MemberForm,
    NetworkContactForm,
    PartyForm,
    ReviewForm,
    SipActionForm,
    SipForm,
    SipMeetingForm,
)
from .labels import CONTACT_KIND_LABELS, FUNDS_OUTCOME_LABELS, ORGANISATION_LABELS
from .models import FundsOutcome, NetworkMember, NetworkStep, Organisation, Sip, SipAction, SupportEnding

bp = Blueprint("network", __name__)

ERRORS = {  # a services.NetworkError → the message its field shows
    "person_not_in_directory": _l("Choose a person from the team's directory."),
    "already_in_network": _l("This person is already in the network for that organisation."),
    "member_not_in_network": _l("Choose someone in the participant's network."),
    "in_future": _l("The date is in the future."),
    "step_required": _l("Describe the next step."),
    "due_in_past": _l("The due date has passed. Choose today or a later day."),
    "owner_not_in_team": _l("Choose someone in the team."),
    "review_before_start": _l("The review comes after the start."),
    "organisation_taking_part": _l("That organisation already takes part, with one contact person."),
    "interpreter_language": _l("Give the interpreter's language."),
    "not_a_party": _l("Choose an organisation taking part in the plan."),
    "review_in_past": _l("The next review is after today."),
    "before_ending": _l("The follow-up comes after support ended."),
    "outcome_required": _l("Choose the situation, or mark the follow-up declined."),
}


@bp.app_context_processor
def network_labels():
    return {"organisation_labels": ORGANISATION_LABELS, "contact_kind_labels": CONTACT_KIND_LABELS,
            "funds_outcome_labels": FUNDS_OUTCOME_LABELS}


def _load(model, record_id: int, action: str):
    record = db.session.get(model, record_id) or abort(404)
    require(action, record)
    return record


FIELD_ALIASES = {"next_owner_id": "owner_id", "next_due_on": "due_on", "next_what": "what"}  # the SIP action form


def _show(form, error: Exception, field: str | None = None) -> None:
    name = field or getattr(error, "field", None)
    name = name if name in form else FIELD_ALIASES.get(name, name)
    name = name if name in form else next(iter(form._fields))
    form[name].errors = [*form[name].errors, str(ERRORS.get(str(error), error))]


def _overview_url(participant_id: int, anchor: str = "") -> str:
    return url_for("network.overview", participant_id=participant_id) + (f"#{anchor}" if anchor else "")


def _member_choices(participant_id: int, members=None):
    members = members if members is not None else queries.members_of(participant_id)
    return choices((m.id, f"{ORGANISATION_LABELS[m.organisation]}: {m.person.label}") for m in members if m.is_current)


def _owner_choices(team_id: int):
    return choices((u.id, u.name) for u in team_specialists(team_id))


# --- The network ------------------------------------------------------------------------------
@bp.get("/participants/<int:participant_id>/network")
def overview(participant_id: int):
    participant = _load(Participant, participant_id, "network.view")
    audit(current_user, participant, AuditAction.VIEW, "network")
    members = queries.members_of(participant.id)
    today = clock.today()
    consent = {}
    for member in members:
        try:
            services.require_organisation_consent(participant, member, today)
        except ConsentMissing as missing:
            consent[member.id] = missing
    return render_template("network/overview.html", participant=participant, members=members, consent=consent,
                           contacts=queries.contacts_of(participant.id), steps=queries.open_steps_of(participant.id),
                           sips=queries.sips_of(participant.id), endings=queries.endings_of(participant.id),
                           today=today)


@bp.route("/participants/<int:participant_id>/network/members/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def add_member(participant_id: int):
    participant = _load(Participant, participant_id, "network.edit")
    form = MemberForm(organisation=request.args.get("organisation", "arbetsformedlingen"))
    form.agency_contact_id.choices = choices(((c.id, c.label) for c in agency_contacts(participant.team_id)),
                                             (0, "—"))
    if form.validate_on_submit():
        try:
            services.add_member(participant, current_user, Organisation(form.organisation.data),
                                agency_contact_id=form.agency_contact_id.data,
                                new_person={"name": form.new_name.data, "organisation": form.new_organisation.data,
                                            "role": form.new_role.data or None, "phone": form.new_phone.data or None},
                                is_main=form.is_main.data)
        except services.NetworkError as error:
            _show(form, error)
        else:
            flash(_("The network is updated."), "success")
            return redirect(_overview_url(participant.id, "members"))
    return form_page("simple_form.html", form, heading=_("Add to the network of %(name)s", name=participant.name),
                     cancel_url=_overview_url(participant.id))


@bp.post("/network/members/<int:member_id>/main")
def make_main(member_id: int):
    member = _load(NetworkMember, member_id, "network.edit")
    if member.is_current:
        services.make_main(member, current_user)
    return redirect(_overview_url(member.participant_id, "members"))


@bp.post("/network/members/<int:member_id>/end")
def end_member(member_id: int):
    member = _load(NetworkMember, member_id, "network.edit")
    if member.is_current:
        services.end_member(member, current_user, clock.today())
        flash(_("%(name)s no longer works with the participant.", name=member.person.name), "success")
    return redirect(_overview_url(member.participant_id, "members"))


@bp.route("/participants/<int:participant_id>/network/contacts/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def log_contact(participant_id: int):
    participant = _load(Participant, participant_id, "network.edit")
    today = clock.today()
    form = NetworkContactForm()
    form.member_id.choices = _member_choices(participant.id)
    form.next_owner_id.choices = _owner_choices(participant.team_id)
    if request.method == "GET":
        form.contacted_on.data, form.next_due_on.data = today, today + relativedelta(days=7)
        form.next_owner_id.data = current_user.id
        form.member_id.data = arg_int("member", or_404=False)
    if form.validate_on_submit():
        step = (services.PlannedStep(form.next_what.data, form.next_due_on.data, form.next_owner_id.data)
                if form.next_what.data else None)
        try:
            services.log_contact(participant, current_user, form.member_id.data, form.contacted_on.data,
                                 form.kind.data, form.agreed.data, step)
        except services.NetworkError as error:
            _show(form, error)
        except ConsentMissing as missing:
            _show(form, missing, "member_id")
        else:
            flash(_("The contact is logged."), "success")
            return redirect(_overview_url(participant.id, "contacts"))
    return form_page("network/log.html", form, participant=participant)


@bp.post("/network/steps/<int:network_step_id>/done")
def complete_step(network_step_id: int):
    step = _load(NetworkStep, network_step_id, "network.edit")
    services.complete_step(step, clock.today())
    return redirect(_overview_url(step.participant_id, "steps"))


# --- SIP --------------------------------------------------------------------------------------
def _load_sip(sip_id: int, action: str) -> Sip:
    sip = queries.sip_detail(sip_id) or abort(404)
    require(action, sip)
    return sip


@bp.route("/participants/<int:participant_id>/sip/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new_sip(participant_id: int):
    participant = _load(Participant, participant_id, "network.edit")
    form = SipForm()
    form.coordinator_id.choices = _member_choices(participant.id)
    if request.method == "GET":
        form.started_on.data = clock.today()
        form.review_on.data = clock.today() + relativedelta(months=3)
    if form.validate_on_submit():
        try:
            sip = services.start_sip(participant, current_user, form.coordinator_id.data, form.goal.data,
                                     form.started_on.data, form.review_on.data)
        except services.NetworkError as error:
            _show(form, error)
        except ConsentMissing as missing:
            _show(form, missing, "coordinator_id")
        else:
            flash(_("The SIP is started."), "success")
            return redirect(url_for("network.sip", sip_id=sip.id))
    return form_page("simple_form.html", form, heading=_("New SIP for %(name)s", name=participant.name),
                     cancel_url=_overview_url(participant.id))


@bp.get("/sip/<int:sip_id>")
def sip(sip_id: int):
    plan = _load_sip(sip_id, "network.view")
    audit(current_user, plan.participant, AuditAction.VIEW, "SIP")
    return render_template("network/sip.html", sip=plan, participant=plan.participant)


@bp.get("/sip/<int:sip_id>/print")
def print_sip(sip_id: int):
    """The plan for the participant, in plain Swedish whatever the user's language."""
    plan = _load_sip(sip_id, "network.view")
    audit(current_user, plan.participant, AuditAction.VIEW, "SIP (print)")
    with force_locale("sv"):
        return render_template("network/sip_print.html", sip=plan, participant=plan.participant)


@bp.route("/sip/<int:sip_id>/parties/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def add_party(sip_id: int):
    plan = _load_sip(sip_id, "network.edit")
    form = PartyForm()
    form.member_id.choices = _member_choices(plan.participant_id)
    if form.validate_on_submit():
        try:
            services.add_party(plan, current_user, form.member_id.data, clock.today())
        except services.NetworkError as error:
            _show(form, error)
        except ConsentMissing as missing:
            _show(form, missing, "member_id")
        else:
            return redirect(url_for("network.sip", sip_id=plan.id) + "#parties")
    return form_page("simple_form.html", form, heading=_("Organisation taking part"),
                     cancel_url=url_for("network.sip", sip_id=plan.id))


@bp.route("/sip/<int:sip_id>/meetings/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def add_meeting(sip_id: int):
    plan = _load_sip(sip_id, "network.edit")
    participant = plan.participant
    interpreter = participant.needs_interpreter
    form = SipMeetingForm(interpreter_needed=interpreter,
                          interpreter_language=participant.preferred_language if interpreter else None)
    form.attendee_ids.choices = choices((p.id, f"{ORGANISATION_LABELS[p.organisation]}: {p.member.person.label}")
                                        for p in plan.parties)
    if request.method == "GET":
        form.held_on.data = clock.today()
    if form.validate_on_submit():
        values = {name: form[name].data or None if name in ("interpreter_language", "notes") else form[name].data
                  for name in ("held_on", "place", "participant_present", "team_present", "interpreter_needed",
                               "interpreter_language", "notes")}
        try:
            services.record_meeting(plan, current_user, values, form.attendee_ids.data or (), clock.today())
        except services.NetworkError as error:
            _show(form, error)
        else:
            return redirect(url_for("network.sip", sip_id=plan.id) + "#meetings")
    return form_page("simple_form.html", form, heading=_("SIP meeting"),
                     cancel_url=url_for("network.sip", sip_id=plan.id))


@bp.route("/sip/<int:sip_id>/actions/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def add_action(sip_id: int):
    plan = _load_sip(sip_id, "network.edit")
    form = SipActionForm(owner_id=current_user.id)
    form.organisation.choices = choices(((p.organisation.value, ORGANISATION_LABELS[p.organisation])
                                         for p in plan.parties), ("", _("The team (job specialist)")))
    form.owner_id.choices = _owner_choices(plan.team_id)
    if form.validate_on_submit():
        organisation = Organisation(form.organisation.data) if form.organisation.data else None
        try:
            services.add_action(plan, current_user, form.what.data, organisation, form.due_on.data,
                                form.owner_id.data)
        except services.NetworkError as error:
            _show(form, error)
        else:
            return redirect(url_for("network.sip", sip_id=plan.id) + "#actions")
    return form_page("simple_form.html", form, heading=_("Agreed action"),
                     cancel_url=url_for("network.sip", sip_id=plan.id))


@bp.route("/sip/<int:sip_id>/review", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def review(sip_id: int):
    """The plan was gone through together: set the next review, or close the plan."""
    plan = _load_sip(sip_id, "network.edit")
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            services.review_sip(plan, form.review_on.data, clock.today())
        except services.NetworkError as error:
            _show(form, error)
        else:
            flash(_("The plan is closed.") if plan.closed_on else _("The next review is planned."), "success")
            return redirect(url_for("network.sip", sip_id=plan.id))
    return form_page("simple_form.html", form, heading=_("Review the plan"),
                     cancel_url=url_for("network.sip", sip_id=plan.id))


@bp.post("/sip/actions/<int:sip_action_id>/done")
def complete_action(sip_action_id: int):
    action = db.session.get(SipAction, sip_action_id) or abort(404)
    require("network.edit", action.sip)
    services.complete_action(action, clock.today())
    return redirect(url_for("network.sip", sip_id=action.sip_id) + "#actions")


# --- Support endings and the six-month follow-up -----------------------------------------------------
@bp.route("/participants/<int:participant_id>/support-ending", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def end_support(participant_id: int):
    participant = _load(Participant, participant_id, "network.edit")
    form = EndingForm()
    if request.method == "GET":
        form.ended_on.data = clock.today()
    if form.validate_on_submit():
        try:
            services.record_ending(participant, current_user, form.ended_on.data, FundsOutcome(form.exit_outcome.data),
                                   form.follow_up_declined.data, clock.today())
        except services.NetworkError as error:
            _show(form, error)
        else:
            flash(_("The end of support is recorded. Six months on you will be asked where they stand."), "success")
            return redirect(_overview_url(participant.id, "endings"))
    return form_page("simple_form.html", form, heading=_("Support ends for %(name)s", name=participant.name),
                     cancel_url=_overview_url(participant.id))


@bp.route("/support-endings/<int:ending_id>/follow-up", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def follow_up(ending_id: int):
    ending = _load(SupportEnding, ending_id, "network.edit")
    form = FollowUpForm(outcome=ending.follow_up_outcome.value if ending.follow_up_outcome else "",
                        declined=ending.follow_up_declined)
    if request.method == "GET":
        form.followed_up_on.data = ending.followed_up_on or clock.today()
    if form.validate_on_submit():
        try:
            services.record_follow_up(ending, current_user, form.outcome.data or None, form.declined.data,
                                      form.followed_up_on.data, clock.today())
        except services.NetworkError as error:
            _show(form, error)
        else:
            flash(_("The six-month follow-up is recorded."), "success")
            return redirect(_overview_url(ending.participant_id, "endings"))
    return form_page("simple_form.html", form,
                     heading=_("Six months on: %(name)s", name=ending.participant.name),
                     cancel_url=_overview_url(ending.participant_id))


# --- The funds' outcome report ----------------------------------------------------------------
@bp.get("/reports/funds-outcomes")
@permission_required("report.view")
def outcomes():
    start, end = period()
    return render_template("network/outcomes.html",
                           report=queries.funds_outcome_report(current_user.team_id, start, end, clock.today()))


@bp.get("/reports/funds-outcomes.csv")
@permission_required("report.export")
def outcomes_csv():
    """One row per ending; the participant is a number, never a name. Logged in their audit trails."""
    start, end = period()
    report = queries.funds_outcome_report(current_user.team_id, start, end, clock.today())
    header = [_("Participant no."), _("Support ended on"), _("Situation at the end"), _("Situation six months on"),
              _("Asked on"), _("Declined the follow-up")]
    rows = [[e.participant_id, e.ended_on, FUNDS_OUTCOME_LABELS[e.exit_outcome],
             FUNDS_OUTCOME_LABELS[e.follow_up_outcome] if e.follow_up_outcome else "", e.followed_up_on or "",
             _("yes") if e.follow_up_declined else _("no")] for e in report.endings]
    audit_each(current_user, [e.participant for e in report.endings], AuditAction.VIEW, "funds outcomes (CSV)")
    return download(write_csv(rows, header), "text/csv", f"funds-outcomes-{start}-{end}.csv")
