"""Wage-subsidy negotiations with Arbetsförmedlingen, the team's agency directory, and (for admins)
the types of support. Every page that shows or changes a negotiation is logged in the audit trail."""
from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..core import clock
from ..core.audit import AuditAction, audit
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.locking import EditConflict, seen_version
from ..core.permissions import can, permission_required, require
from ..core.web import form_page
from ..extensions import db
from ..openings import queries as opening_queries
from ..openings.models import Opening
from ..participants.views import load_participant
from ..placements.models import Placement
from ..placements.views import load_placement
from . import labels, queries, services
from .forms import AfOfficerForm, AgencyContactForm, NegotiationForm, StepForm, SupportTypeForm
from .models import AgencyContact, AgencyKind, NegotiationStatus, SupportType
from .states import CLOSING_STATUSES, STEP_TERMS, TRANSITIONS, allowed_next

bp = Blueprint("subsidies", __name__)
STEP_TERM_FIELDS = ("af_officer_id", "requested_share_percent", "agreed_share_percent", "wage_basis", "decided_on",
                    "period_start_on", "period_end_on", "next_review_on", "shared_information")


def load_negotiation(negotiation_id: int, action: str = "subsidy.view"):
    """404 when the negotiation does not exist, 403 when it is not the user's team's."""
    negotiation = queries.negotiation_detail(negotiation_id) or abort(404)
    require(action, negotiation)
    return negotiation


def _support_name(support_type: SupportType) -> str:
    return support_type.name(get_locale().language)


@bp.app_context_processor
def subsidy_helpers():
    """For the subsidy parts of the participant and job-start pages (included from those rooms)."""

    def participant_subsidies(participant):
        if not can(current_user, "subsidy.create", participant):
            return None
        return {"negotiations": queries.negotiations_of(participant_id=participant.id),
                "af_officer": queries.af_officer_of(participant)}

    def placement_subsidies(placement):
        if not can(current_user, "subsidy.create", placement.participant):
            return None
        return queries.negotiations_of(placement_id=placement.id)

    return {"participant_subsidies": participant_subsidies, "placement_subsidies": placement_subsidies,
            "subsidy_labels": labels, "support_name": _support_name}


# --- The team's overview --------------------------------------------------------------------
@bp.get("/subsidies/")
@permission_required("subsidy.list")
def index():
    today = clock.today()
    start_on = today - relativedelta(months=12) + relativedelta(days=1)
    return render_template(
        "subsidies/index.html", overview=queries.team_overview(current_user.team_id, today), today=today,
        share=queries.job_starts_with_support(current_user.team_id, start_on, today), start_on=start_on,
        ending_days=queries.ENDING_SOON_DAYS)


# --- A negotiation ----------------------------------------------------------------------------
@bp.route("/participants/<int:participant_id>/negotiations/new", methods=["GET", "POST"])
@bp.route("/placements/<int:placement_id>/negotiations/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new(participant_id: int | None = None, placement_id: int | None = None):
    """Start a negotiation from the participant's page, or from a job start (employer and job prefilled)."""
    placement = load_placement(placement_id) if placement_id else None
    participant = placement.participant if placement else load_participant(participant_id)
    require("subsidy.create", participant)
    if placement is not None and placement.employer_id is None:
        abort(409)  # a job at a social enterprise: no employer to negotiate with
    team_id = participant.team_id
    prefill = {"af_officer_id": participant.af_case_officer_id or 0}
    if placement is not None:
        prefill.update(opening_id=placement.opening_id or 0, placement_id=placement.id,
                       wage_basis=placement.monthly_wage)
    form = NegotiationForm(data=prefill if request.method == "GET" else None)
    if placement is not None:
        delattr(form, "employer")  # the job start's employer
    else:
        form.employer.team_id = team_id
    jobs = [placement] if placement else queries.placements_for(participant.id)
    form.placement_id.choices = choices(((p.id, f"{p.title}, {p.employer.name}") for p in jobs if p.employer_id),
                                        None if placement else (0, "—"))
    form.support_type_id.choices = choices((t.id, _support_name(t)) for t in queries.support_types(active_only=True))
    form.af_officer_id.choices = _af_choices(team_id)
    listing = "list_openings" in request.form  # "Show the employer's openings": list them, save nothing
    valid = form.validate_on_submit()
    employer = placement.employer if placement else form.employer.chosen
    opening = _offer_openings(form, employer, placement)
    if valid and form.opening_id.data and opening is None:
        form.opening_id.errors.append(_("Choose one of this employer's open openings, or none."))
        valid = False
    problems = []
    if valid and not listing:
        values = {name: form[name].data for name in ("support_type_id", "af_officer_id", "requested_share_percent",
                                                     "wage_basis", "shared_information", "notes")}
        try:
            negotiation = services.create_negotiation(
                participant, employer, current_user, values, clock.today(), opening=opening,
                placement=db.session.get(Placement, form.placement_id.data) if form.placement_id.data else None)
        except services.NegotiationError as error:
            problems = error.messages
        else:
            flash(_("The negotiation is started as a draft."), "success")
            return redirect(url_for("subsidies.detail", negotiation_id=negotiation.id))
    body, status = form_page("subsidies/new.html", form, participant=participant, placement=placement,
                             problems=problems, listed=listing and employer is not None)
    return body, 422 if problems else status


@bp.get("/subsidies/<int:negotiation_id>")
def detail(negotiation_id: int):
    negotiation = load_negotiation(negotiation_id)
    audit(current_user, negotiation.participant, AuditAction.VIEW, "wage subsidy negotiation")
    today = clock.today()
    blocked = ([] if negotiation.status in CLOSING_STATUSES
               else services.sharing_problems(negotiation.participant, negotiation.employer, today))
    return render_template("subsidies/detail.html", negotiation=negotiation, today=today, blocked=blocked,
                           next_steps=allowed_next(negotiation.status))


@bp.route("/subsidies/<int:negotiation_id>/steps/<to_status>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def step(negotiation_id: int, to_status: str):
    """Record the next step. A step that may not follow the current one is refused (409), and nothing changes."""
    negotiation = load_negotiation(negotiation_id, "subsidy.edit")
    if to_status not in NegotiationStatus.__members__.values():
        abort(404)
    target = NegotiationStatus(to_status)
    context = {"negotiation": negotiation, "target": target}
    if target not in TRANSITIONS[negotiation.status]:
        return render_template("subsidies/step.html", form=None, problems=[services.illegal_step_message(
            negotiation.status, target)], **context), 409
    today = clock.today()
    form = StepForm(data=_step_prefill(negotiation, target, today) if request.method == "GET" else None)
    for name in STEP_TERM_FIELDS:
        if name not in STEP_TERMS[target]:
            delattr(form, name)
    if "af_officer_id" in form:
        form.af_officer_id.choices = _af_choices(negotiation.team_id)
    problems, status = [], None
    if form.validate_on_submit():
        if form.taken_on.data > today:
            form.taken_on.errors.append(_("Record a step when it has happened: the date cannot be in the future."))
        else:
            terms = {name: form[name].data for name in STEP_TERMS[target]}
            if "af_officer_id" in terms:
                terms["af_officer_id"] = terms["af_officer_id"] or None
            try:
                services.advance(negotiation, target, current_user, form.taken_on.data, form.notes.data,
                                 seen_version(form), **terms)
            except services.NegotiationError as error:
                problems, status = error.messages, 422
            except EditConflict:
                problems, status = [_("Someone recorded a step after you opened this page, so nothing was saved. "
                                      "Go back to the negotiation, check it and try again.")], 409
            else:
                flash(_("The step is recorded: %(status)s.", status=labels.STATUS_LABELS[target]), "success")
                return redirect(url_for("subsidies.detail", negotiation_id=negotiation.id))
    body, form_status = form_page("subsidies/step.html", form, problems=problems, **context)
    return body, status or form_status


def _offer_openings(form, employer, placement) -> Opening | None:
    """Offer the employer's open openings (and the job start's own) once the employer is known: only its own
    can be linked, where the team's would be hundreds. Returns the opening chosen, if it is one of them."""
    openings = opening_queries.openings_of(employer.id, open_only=True) if employer else []
    if placement is not None and placement.opening is not None and placement.opening not in openings:
        openings.append(placement.opening)
    form.opening_id.choices = choices(((o.id, o.title) for o in openings), (0, "—"))
    if employer is None:
        form.opening_id.description = _("Write the employer's name and choose “Show the employer's openings” "
                                        "to link the negotiation to one of its open openings.")
    return next((o for o in openings if o.id == form.opening_id.data), None)


def _step_prefill(negotiation, target: NegotiationStatus, today) -> dict:
    """Dates the step usually brings: today's decision, a renewal starting where the period ends."""
    prefill = {name: getattr(negotiation, name) for name in STEP_TERM_FIELDS}
    prefill.update(taken_on=today, version=negotiation.version, af_officer_id=negotiation.af_officer_id or 0)
    if target in (NegotiationStatus.DECIDED, NegotiationStatus.RENEWED):
        prefill["decided_on"] = today
    if target == NegotiationStatus.RENEWED and negotiation.period_end_on:
        prefill.update(period_start_on=negotiation.period_end_on + relativedelta(days=1), period_end_on=None,
                       next_review_on=None)
    return prefill


def _af_choices(team_id: int):
    return choices(((c.id, c.label) for c in queries.agency_contacts(team_id, AgencyKind.ARBETSFORMEDLINGEN)),
                   (0, "—"))


@bp.route("/participants/<int:participant_id>/af-officer", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def af_officer(participant_id: int):
    participant = load_participant(participant_id, "participant.edit")
    form = AfOfficerForm(af_case_officer_id=participant.af_case_officer_id or 0)
    form.af_case_officer_id.choices = _af_choices(participant.team_id)
    if form.validate_on_submit():
        services.set_af_case_officer(participant, current_user, form.af_case_officer_id.data)
        flash(_("The AF case officer is saved."), "success")
        return redirect(url_for("participants.detail", participant_id=participant.id) + "#subsidies")
    return form_page("simple_form.html", form, heading=_("AF case officer for %(person)s", person=participant.name),
                     cancel_url=url_for("participants.detail", participant_id=participant.id) + "#subsidies")


# --- The agency directory ---------------------------------------------------------------------
@bp.get("/agency-contacts/")
@permission_required("agency.list")
def agency_contacts():
    kind = request.args.get("kind")
    kind = AgencyKind(kind) if kind in AgencyKind.__members__.values() else None
    return render_template("subsidies/agency_contacts.html", kind=kind,
                           contacts=queries.agency_contacts(current_user.team_id, kind))


@bp.route("/agency-contacts/new", methods=["GET", "POST"])
@bp.route("/agency-contacts/<int:agency_contact_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def agency_contact(agency_contact_id: int | None = None):
    contact = None
    if agency_contact_id is None:
        require("agency.create")
    else:
        contact = db.session.get(AgencyContact, agency_contact_id) or abort(404)
        require("agency.edit", contact)
    form = AgencyContactForm(obj=contact)
    if form.validate_on_submit():
        services.save_agency_contact(current_user.team_id, contact, form.data)
        flash(_("%(name)s is saved.", name=form.name.data), "success")
        return redirect(url_for("subsidies.agency_contacts"))
    return form_page("simple_form.html", form, heading=contact.name if contact else _("New agency contact"),
                     cancel_url=url_for("subsidies.agency_contacts"))


# --- Types of support (reference data) -------------------------------------------------------------
@bp.get("/admin/support-types")
@permission_required("admin.manage_reference")
def support_types():
    return render_template("subsidies/support_types.html", support_types=queries.support_types())


@bp.route("/admin/support-types/new", methods=["GET", "POST"])
@bp.route("/admin/support-types/<int:support_type_id>", methods=["GET", "POST"])
@permission_required("admin.manage_reference")
@keeps_input_on_csrf_failure
def support_type(support_type_id: int | None = None):
    support_type = (db.session.get(SupportType, support_type_id) or abort(404)) if support_type_id else None
    form = SupportTypeForm(obj=support_type)
    if form.validate_on_submit():
        try:
            support_type = services.save_support_type(support_type, form.data)
        except services.NegotiationError as error:
            form.code.errors.append(str(error))
        else:
            flash(_("%(name)s is saved.", name=_support_name(support_type)), "success")
            return redirect(url_for("subsidies.support_types"))
    return form_page("simple_form.html", form, heading=_support_name(support_type) if support_type
                     else _("New type of support"), cancel_url=url_for("subsidies.support_types"))
