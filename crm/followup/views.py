"""The follow-up plan of a job start: rhythm, what is coming, the log, and ending only at the participant's wish."""
from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core import clock
from ..core.audit import AuditAction, audit
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.history import history_of
from ..core.locking import EditConflict, seen_version
from ..core.permissions import require
from ..core.web import form_page
from ..placements import queries as placement_queries
from . import labels, queries, schedule, services
from .forms import NO_EMPLOYER_CONTACT, EndSupportForm, LogFollowUpForm, RhythmForm
from .models import Audience, FollowUpForm, FollowUpPlan, PlanStatus

bp = Blueprint("followup", __name__, url_prefix="/placements/<int:placement_id>/follow-up")

SHOW_DAYS = 120  # how far ahead the plan page lists planned contacts


@bp.context_processor
def followup_labels():
    return {"followup_labels": labels}


def load_placement(placement_id: int, action: str = "followup.view"):
    placement = placement_queries.placement_detail(placement_id) or abort(404)
    require(action, placement)
    return placement


def load_plan(placement_id: int, action: str = "followup.edit") -> FollowUpPlan:
    placement = load_placement(placement_id, action)
    return queries.plan_for(placement.id) or abort(404)


@bp.get("")
def plan(placement_id: int):
    placement = load_placement(placement_id)
    existing = queries.plan_for(placement.id)
    return _page(placement, existing)


@bp.post("/rhythm")
@keeps_input_on_csrf_failure
def rhythm(placement_id: int):
    """Make the plan from the proposal, or change its rhythm to what the participant now wants."""
    placement = load_placement(placement_id, "followup.edit")
    existing = queries.plan_for(placement.id)
    form = _rhythm_form(placement, existing)
    conflict = None
    if form.validate_on_submit():
        rhythms = {Audience.EMPLOYEE: form.employee_rhythm.data,
                   Audience.EMPLOYER: form.employer_rhythm.data or None}
        try:
            if existing is None:
                services.create_plan(placement, current_user, rhythms, clock.today())
                flash(_("The follow-up plan is saved."), "success")
            else:
                services.set_rhythm(existing, current_user, rhythms, clock.today(), seen_version(form))
                flash(_("The rhythm is changed."), "success")
        except services.FollowUpError as error:
            form[error.field].errors.append(str(error))
        except EditConflict as error:
            conflict = error
        else:
            return redirect(url_for("followup.plan", placement_id=placement.id))
    return _page(placement, existing, rhythm_form=form, conflict=conflict)


@bp.post("/contacts")
@keeps_input_on_csrf_failure
def log(placement_id: int):
    plan = load_plan(placement_id)
    form = _log_form(plan)
    if form.validate_on_submit():
        values = {name: form[name].data or None for name in ("with_whom", "what_came_up", "adjustments_agreed")}
        values |= {"held_on": form.held_on.data, "audience": Audience(form.audience.data),
                   "form": FollowUpForm(form.form.data)}
        try:
            services.log_contact(plan, current_user, values, clock.today(), form.next_agreed_on.data)
        except services.FollowUpError as error:
            form[error.field].errors.append(str(error))
        else:
            flash(_("The follow-up contact is logged."), "success")
            return redirect(url_for("followup.plan", placement_id=placement_id) + "#history")
    return _page(plan.placement, plan, log_form=form)


@bp.route("/end", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def end(placement_id: int):
    plan = load_plan(placement_id)
    if plan.status == PlanStatus.ENDED:
        abort(409)
    form = EndSupportForm(ended_on=clock.today())
    if form.validate_on_submit():
        try:
            services.end_support(plan, current_user, form.ended_on.data, form.participant_words.data, clock.today())
        except services.FollowUpError as error:
            form[error.field].errors.append(str(error))
        else:
            flash(_("Support has ended, as the participant wished."), "success")
            return redirect(url_for("followup.plan", placement_id=placement_id))
    return form_page("simple_form.html", form, heading=_("End follow-up support"),
                     submit_label=_("End support"), cancel_url=url_for("followup.plan", placement_id=placement_id))


@bp.post("/passive")
def passive(placement_id: int):
    plan = load_plan(placement_id)
    if plan.status != PlanStatus.ACTIVE:
        abort(409)
    services.make_passive(plan, current_user, clock.today())
    flash(_("The plan is passive: no contacts are scheduled until it is reactivated."), "success")
    return redirect(url_for("followup.plan", placement_id=placement_id))


@bp.post("/reactivate")
def reactivate(placement_id: int):
    plan = load_plan(placement_id)
    if plan.status == PlanStatus.ACTIVE:
        abort(409)
    services.reactivate(plan, current_user, clock.today())
    flash(_("The plan is active again."), "success")
    return redirect(url_for("followup.plan", placement_id=placement_id))


def _rhythm_form(placement, plan: FollowUpPlan | None) -> RhythmForm:
    if request.method == "POST":
        return RhythmForm()
    if plan is None:
        proposed = services.proposed_rhythms(placement, clock.today())
        return RhythmForm(employee_rhythm=proposed[Audience.EMPLOYEE],
                          employer_rhythm=proposed[Audience.EMPLOYER] or NO_EMPLOYER_CONTACT)
    return RhythmForm(employee_rhythm=schedule.rhythm_key(plan.employee_rule),
                      employer_rhythm=schedule.rhythm_key(plan.employer_rule) or NO_EMPLOYER_CONTACT,
                      version=plan.version)


def _log_form(plan: FollowUpPlan) -> LogFollowUpForm:
    form = LogFollowUpForm(prefix="log", held_on=clock.today())
    allowed = [Audience.EMPLOYEE]
    if services.employer_contact_allowed(plan.placement, clock.today()) or plan.employer_rule:
        allowed.append(Audience.EMPLOYER)
    form.audience.choices = choices((a, labels.AUDIENCE_LABELS[a]) for a in allowed)
    return form


def _page(placement, plan: FollowUpPlan | None, rhythm_form=None, log_form=None, conflict=None):
    """The plan page; with no plan yet, the proposal drawn from the IPS pattern, ready to save."""
    today = clock.today()
    audit(current_user, placement.participant, AuditAction.VIEW, "follow-up plan")
    shown = plan
    if plan is None:
        proposal = schedule.propose_plan(placement.started_on, today,
                                         *services.proposed_rhythms(placement, today).values())
        # Not saved: only the schedule reads it, to show what the proposal plans.
        shown = FollowUpPlan(placement=placement, status=PlanStatus.ACTIVE, planned_from_on=today,
                             employee_rule=proposal.employee_rule, employer_rule=proposal.employer_rule)
    # What is overdue shows once per audience, from its oldest date: one contact settles it all.
    overdue = {item.occurrence.audience: item for item in queries.due_followups([shown], today - timedelta(days=1))}
    coming = schedule.upcoming(shown, today, today + timedelta(days=SHOW_DAYS))
    by_audience = {a: ([overdue[a].occurrence] if a in overdue else []) + [o for o in coming if o.audience == a]
                   for a in Audience}
    forms = {"rhythm_form": rhythm_form or _rhythm_form(placement, plan),
             "log_form": log_form or (_log_form(plan) if plan else None)}
    submitted = rhythm_form or log_form
    context = {"placement": placement, "plan": plan, "by_audience": by_audience, "today": today,
               "history": history_of(plan) if plan else [], "conflict": conflict,
               "tenure_days": placement.tenure_days(today), **forms}
    if submitted is not None:
        return form_page("followup/plan.html", submitted, **context)
    return render_template("followup/plan.html", **context), 200
