"""Job analyses per employer, and the openings that come of them."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..core.errors import keeps_input_on_csrf_failure
from ..core.history import history_of
from ..core.locking import EditConflict, seen_version
from ..core.permissions import permission_required, require
from ..core.urls import arg_int, arg_page
from ..core.web import form_page
from ..employers.views import load_employer
from ..reference import municipalities, occupation_name, ssyk_groups
from . import labels, queries, services
from .forms import JobAnalysisForm, OpeningForm
from .models import OpeningStatus

bp = Blueprint("openings", __name__)


def load_analysis(analysis_id: int, action: str = "analysis.view"):
    analysis = queries.analysis_detail(analysis_id) or abort(404)
    require(action, analysis)
    return analysis


def load_opening(opening_id: int, action: str = "opening.view"):
    opening = queries.opening_detail(opening_id) or abort(404)
    require(action, opening)
    return opening


@bp.app_context_processor
def opening_words():
    return {"opening_status_label": lambda opening: labels.OPENING_STATUS_LABELS[opening.status]}


@bp.context_processor
def reference_lists():
    language = get_locale().language
    return {
        "labels": labels,
        "all_municipalities": municipalities(),
        "ssyk_options": [(code, names[language]) for code, names in ssyk_groups().items()],
        "occupation_name": lambda code: occupation_name(code, language),
    }


@bp.route("/employers/<int:employer_id>/analyses/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new_analysis(employer_id: int):
    employer = load_employer(employer_id, "analysis.create")
    revises = None
    if revise_id := arg_int("revise"):
        revises = load_analysis(revise_id)
        if revises.employer_id != employer.id:
            abort(404)
    form = JobAnalysisForm(obj=revises)
    if request.method == "GET":
        form.analysed_on.data = None  # a revision is dated anew
    conflict = None
    if form.validate_on_submit():
        try:
            analysis = services.record_analysis(employer, current_user, form.data, revises=revises,
                                                seen_revision=seen_version(form, required=False))
        except EditConflict as error:
            conflict = error
        else:
            flash(_("The job analysis is saved."), "success")
            return redirect(url_for("openings.analysis", analysis_id=analysis.id))
    return form_page("openings/analysis_form.html", form, employer=employer, revises=revises, conflict=conflict)


@bp.get("/analyses/<int:analysis_id>")
def analysis(analysis_id: int):
    analysis = load_analysis(analysis_id)
    history = queries.analyses_of(analysis.employer_id)
    return render_template("openings/analysis.html", analysis=analysis, history=history)


@bp.get("/openings/")
@permission_required("opening.list")
def index():
    status = request.args.get("status", "open")
    status = status if status in {s.value for s in OpeningStatus} else None
    page = queries.team_openings(current_user.team_id, status, page=arg_page(),
                                 per_page=current_app.config["PAGE_SIZE"])
    return render_template("openings/list.html", page=page, status=status)


@bp.route("/employers/<int:employer_id>/openings/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def new_opening(employer_id: int):
    employer = load_employer(employer_id, "opening.create")
    analysis = None
    if analysis_id := arg_int("analysis"):
        analysis = load_analysis(analysis_id)
        if analysis.employer_id != employer.id:
            abort(404)
    form = OpeningForm(data=services.prefill_from_analysis(analysis) if analysis else None)
    if form.validate_on_submit():
        opening = services.create_opening(employer, current_user, form.data, analysis=analysis)
        flash(_("The opening %(title)s is saved.", title=opening.title), "success")
        return redirect(url_for("openings.opening", opening_id=opening.id))
    return form_page("openings/opening_form.html", form, employer=employer, opening=None)


@bp.get("/openings/<int:opening_id>")
def opening(opening_id: int):
    opening = load_opening(opening_id)
    return render_template("openings/opening.html", opening=opening, history=history_of(opening, limit=20))


@bp.route("/openings/<int:opening_id>/edit", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def edit_opening(opening_id: int):
    opening = load_opening(opening_id, "opening.edit")
    form = OpeningForm(obj=opening)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_opening(opening, current_user, form.data, seen_version(form))
        except EditConflict as error:
            conflict = error
        else:
            flash(_("The opening %(title)s is saved.", title=opening.title), "success")
            return redirect(url_for("openings.opening", opening_id=opening.id))
    return form_page("openings/opening_form.html", form, employer=opening.employer, opening=opening,
                     conflict=conflict)
