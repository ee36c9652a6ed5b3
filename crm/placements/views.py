"""Job starts (from a hire or recorded at an employer), job ends, and the team's job-start figures."""
from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..core.clock import today
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.permissions import permission_required, require
from ..core.urls import arg_page
from ..core.web import form_page
from ..employers.views import load_employer
from ..matching.models import OPEN_PROPOSAL_STATUSES
from ..matching.views import load_proposal
from ..participants.services import ParticipantRuleError
from ..participants.views import load_participant
from ..reference import occupation_name, ssyk_groups
from . import labels, queries, services
from .forms import EndPlacementForm, PlacementForm
from .models import EmploymentForm, EndReason

bp = Blueprint("placements", __name__)


def load_placement(placement_id: int, action: str = "placement.view"):
    placement = queries.placement_detail(placement_id) or abort(404)
    require(action, placement)
    return placement


@bp.context_processor
def reference_lists():
    language = get_locale().language
    return {"labels": labels, "occupation_name": lambda code: occupation_name(code, language),
            "ssyk_options": [(code, names[language]) for code, names in ssyk_groups().items()]}


@bp.route("/proposals/<int:proposal_id>/placement", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def hire(proposal_id: int):
    """The proposal led to a hire: record the job start, drafted from the opening."""
    proposal = load_proposal(proposal_id)
    if proposal.status not in OPEN_PROPOSAL_STATUSES:
        abort(409)
    opening, participant = proposal.opening, proposal.participant
    form = PlacementForm(data={
        "participant_id": participant.id, "title": opening.title, "occupation_code": opening.occupation_code,
        "hours_per_week": opening.hours_max or opening.hours_min, "monthly_wage": opening.monthly_wage,
        "competitive": opening.competitive, "started_on": opening.earliest_start_on,
    } if request.method == "GET" else None)
    form.participant_id.choices = choices([(participant.id, participant.name)])
    if form.validate_on_submit():
        placement = services.start_placement(participant, opening.employer, current_user, _values(form),
                                             opening=opening, proposal=proposal,
                                             opening_filled=form.opening_filled.data)
        return _started(placement)
    return form_page("placements/form.html", form, employer=opening.employer, opening=opening)


@bp.route("/employers/<int:employer_id>/placements/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new(employer_id: int):
    """A job start found another way (the participant's own application, for instance)."""
    employer = load_employer(employer_id, "placement.create")
    form = PlacementForm()
    del form.opening_filled
    form.participant_id.choices = choices(
        ((p.id, p.name) for p in queries.participants_for_job_start(employer.team_id)), (0, "—"))
    if form.validate_on_submit():
        participant = load_participant(form.participant_id.data, "participant.edit")
        placement = services.start_placement(participant, employer, current_user, _values(form))
        return _started(placement)
    return form_page("placements/form.html", form, employer=employer, opening=None)


def _started(placement):
    """Support after the start is part of the job (IPS): go on to agree it with the new employee, from a
    proposed plan. It is their plan, so it is proposed here rather than made for them."""
    flash(_("Congratulations! The job start of %(person)s is recorded. Agree with them how you will keep in "
            "touch from now on.", person=placement.participant.name), "success")
    return redirect(url_for("followup.plan", placement_id=placement.id))


@bp.get("/placements/<int:placement_id>")
def detail(placement_id: int):
    placement = load_placement(placement_id)
    return render_template("placements/detail.html", placement=placement, on=today())


@bp.route("/placements/<int:placement_id>/end", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def end(placement_id: int):
    placement = load_placement(placement_id, "placement.edit")
    form = EndPlacementForm(ended_on=today())
    if form.validate_on_submit():
        try:
            services.end_placement(placement, current_user, form.ended_on.data, EndReason(form.end_reason.data),
                                   form.end_notes.data, form.restart_search.data, today())
        except (services.PlacementError, ParticipantRuleError) as error:
            form.ended_on.errors.append(str(error))
        else:
            flash(_("The job end is recorded."), "success")
            if form.restart_search.data:
                return redirect(url_for("matching.participant_matches", participant_id=placement.participant_id))
            return redirect(url_for("placements.detail", placement_id=placement.id))
    heading = _("End of the job at %(employer)s", employer=placement.workplace_name)
    return form_page("simple_form.html", form, heading=heading,
                     cancel_url=url_for("placements.detail", placement_id=placement.id))


@bp.get("/placements/")
@permission_required("placement.list")
def index():
    current = {"current": True, "ended": False}.get(request.args.get("show", "current"))
    page = queries.team_placements(current_user.team_id, current, page=arg_page(),
                                   per_page=current_app.config["PAGE_SIZE"])
    end_on = today()
    start_on = end_on - relativedelta(months=12) + relativedelta(days=1)
    figures = queries.job_start_figures(current_user.team_id, start_on, end_on)
    return render_template("placements/list.html", page=page, show=request.args.get("show", "current"),
                           figures=figures, start_on=start_on, end_on=end_on,
                           tenure=queries.tenure_figures(current_user.team_id, end_on))


def _values(form: PlacementForm) -> dict:
    return {"title": form.title.data, "occupation_code": form.occupation_code.data,
            "started_on": form.started_on.data, "hours_per_week": float(form.hours_per_week.data),
            "monthly_wage": form.monthly_wage.data, "employment_form": EmploymentForm(form.employment_form.data),
            "competitive": form.competitive.data}

