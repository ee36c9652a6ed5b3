"""Leads: the team's open job ads, the saved searches that find them, and one-step conversions."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.clock import today
from ..core.errors import keeps_input_on_csrf_failure
from ..core.permissions import permission_required, require
from ..core.web import form_page
from ..employers.services import DuplicateEmployer
from ..extensions import db
from ..reference import municipality_codes
from . import queries, services
from .forms import LeadSearchForm
from .models import Lead, LeadSearch

bp = Blueprint("leads", __name__, url_prefix="/leads")


def load_lead(lead_id: int, action: str = "lead.view") -> Lead:
    lead = db.session.get(Lead, lead_id) or abort(404)
    require(action, lead)
    return lead


def load_search(search_id: int) -> LeadSearch:
    search = db.session.get(LeadSearch, search_id) or abort(404)
    require("lead_search.manage", search)
    return search


@bp.app_context_processor
def lead_words():
    language = get_locale().language
    return {"lead_occupation": lambda lead: services.occupation_of(lead, language)}


@bp.get("/")
@permission_required("lead.list")
def index():
    show = request.args.get("show", "all")
    known = {"known": True, "unknown": False}.get(show)
    return render_template("leads/list.html", rows=queries.open_leads(current_user.team_id, today(), known),
                           show=show)


@bp.get("/<int:lead_id>")
def lead(lead_id: int):
    lead = load_lead(lead_id)
    return render_template("leads/detail.html", lead=lead, employer=queries.employer_of(lead))


@bp.post("/<int:lead_id>/opening")
def make_opening(lead_id: int):
    lead = load_lead(lead_id, "lead.convert")
    employer = queries.employer_of(lead) or abort(409)
    require("opening.create", employer)
    if lead.opening_id is not None:
        abort(409)
    opening = services.make_opening(lead, employer, current_user)
    flash(_("The ad is now an opening at %(employer)s.", employer=employer.name), "success")
    return redirect(url_for("openings.opening", opening_id=opening.id))


@bp.post("/<int:lead_id>/employer")
def make_employer(lead_id: int):
    lead = load_lead(lead_id, "lead.convert")
    require("employer.create")
    try:
        employer = services.make_employer(lead, current_user.team, current_user)
    except DuplicateEmployer as duplicate:
        flash(_("%(employer)s is already in the register.", employer=duplicate.existing.name), "info")
        return redirect(url_for("employers.detail", employer_id=duplicate.existing.id))
    flash(_("%(employer)s is in the register, with a first next step.", employer=employer.name), "success")
    return redirect(url_for("employers.detail", employer_id=employer.id))


def _show_codes(form: LeadSearchForm, occupations, municipalities) -> None:
    """The form shows occupation codes as typed and municipalities by name (a code unknown to the
    reference list as itself)."""
    form.occupations.data = ", ".join(occupations)
    form.municipalities.data = ", ".join(municipality_codes().get(code, code) for code in municipalities)


@bp.get("/searches")
@permission_required("lead_search.manage")
def searches():
    found = db.session.scalars(select(LeadSearch).where(LeadSearch.team_id == current_user.team_id)
                               .order_by(LeadSearch.name)).all()
    return render_template("leads/searches.html", searches=found, municipality_names=municipality_codes())


@bp.route("/searches/new", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
@permission_required("lead_search.manage")
def new_search():
    form = LeadSearchForm()
    if request.method == "GET":
        form.name.data = _("What our participants want")
        _show_codes(form, *services.wanted_by_participants(current_user.team_id))
    if form.validate_on_submit():
        services.save_search(current_user.team, current_user, form.values())
        flash(_("The search is saved; the next fetch runs it."), "success")
        return redirect(url_for("leads.searches"))
    return form_page("simple_form.html", form, heading=_("New saved search"), cancel_url=url_for("leads.searches"))


@bp.route("/searches/<int:search_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def edit_search(search_id: int):
    search = load_search(search_id)
    form = LeadSearchForm(obj=search)
    if request.method == "GET":
        _show_codes(form, search.occupations, search.municipalities)
    if form.validate_on_submit():
        services.save_search(current_user.team, current_user, form.values(), search)
        flash(_("The search is saved; the next fetch runs it."), "success")
        return redirect(url_for("leads.searches"))
    return form_page("simple_form.html", form, heading=search.name, cancel_url=url_for("leads.searches"))
