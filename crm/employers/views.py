"""Employer register: list, create, view and edit, contact persons, archive."""
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts import queries as contact_queries
from ..core.clock import today
from ..core.errors import keeps_input_on_csrf_failure
from ..core.forms import choices
from ..core.history import history_of
from ..core.locking import EditConflict, seen_version
from ..core.permissions import can, permission_required, require
from ..core.urls import arg_page
from ..core.web import form_page
from ..extensions import db
from ..imports.duplicates import similar_employers
from ..imports.forms import bulk_edit_form
from ..leads import queries as lead_queries
from ..openings import queries as opening_queries
from ..reference import industry_name, municipalities, sni_divisions
from . import queries, services
from .forms import ContactPersonForm, EmployerFilterForm, EmployerForm
from .labels import SECTOR_LABELS, SIZE_LABELS, STAGE_LABELS
from .models import ContactPerson

bp = Blueprint("employers", __name__, url_prefix="/employers")
CONTACTS_PER_PAGE = 10  # the contact timeline on the employer page


def load_employer(employer_id: int, action: str = "employer.view"):
    """The one way views get an employer: 404 when it does not exist, 403 when not theirs."""
    employer = queries.employer_detail(employer_id) or abort(404)
    require(action, employer)
    return employer


@bp.context_processor
def reference_lists():
    language = get_locale().language
    return {
        "sni_options": [(code, names[language]) for code, names in sni_divisions().items()],
        "all_municipalities": municipalities(),
        "industry_name": lambda code: industry_name(code, language),
        "stage_labels": STAGE_LABELS,
        "sector_labels": SECTOR_LABELS,
        "size_labels": SIZE_LABELS,
    }


@bp.get("/")
@permission_required("employer.list")
def index():
    form, filters = list_filters(request.args)
    page = queries.employer_page(current_user.team_id, filters, page=arg_page(),
                                 per_page=current_app.config["PAGE_SIZE"])
    return render_template("employers/list.html", form=form, page=page,
                           hiring_by_employer=lead_queries.hiring_now(page.items, today()),
                           bulk_form=bulk_edit_form(current_user.team_id, request.query_string.decode()))


@bp.get("/suggestions")
@permission_required("employer.list")
def suggestions():
    """Employers of the team's register named like `q`, as JSON for an employer field's suggestions
    (crm.employers.fields); each label is what the field accepts for that employer."""
    found = queries.employer_suggestions(current_user.team_id, request.args.get("q", "")[:100])
    return jsonify(employers=[{"id": employer_id, "label": label} for employer_id, label in found])


def list_filters(args) -> tuple[EmployerFilterForm, queries.EmployerFilter]:
    """The employer list's filter form and the filter it means, from a query string: the list, its
    export and its bulk edit ("all matching the filter") read the same filter the same way."""
    form = EmployerFilterForm(args)
    specialists = queries.team_specialists(current_user.team_id)
    form.specialist.choices = choices(((u.id, u.name) for u in specialists), (0, _("Everyone")))
    form.industry.choices = choices(
        ((code, f"{code} {names[get_locale().language]}") for code, names in sni_divisions().items()),
        ("", _("All industries")),
    )
    form.tag.choices = choices(((t.id, t.name) for t in queries.team_tags(current_user.team_id)), (0, _("All tags")))
    if not form.validate():
        # Unknown filter values (an old bookmark, a hand-edited URL) fall back to "all".
        for field in form:
            if field.errors:
                field.data = field.default
    filters = queries.EmployerFilter(
        q=form.q.data, stage=form.stage.data or None, specialist=form.specialist.data or None,
        sector=form.sector.data or None, industry=form.industry.data or None,
        archived=form.archived.data, sort=form.sort.data or "name", next_step=form.next_step.data or None,
        tag=form.tag.data or None,
    )
    return form, filters


@bp.route("/new", methods=["GET", "POST"])
@permission_required("employer.create")
@keeps_input_on_csrf_failure
def new():
    form = _employer_form(EmployerForm(responsible_specialist_id=current_user.id))
    duplicate, possible_duplicates = None, []
    if form.validate_on_submit() and not (possible_duplicates := _possible_duplicates(form)):
        try:
            employer = services.create_employer(current_user.team, current_user, _values(form))
        except services.DuplicateEmployer as error:
            duplicate = error.existing
            form.organisation_number.errors.append(_("This organisation number is already in the register."))
        else:
            flash(_("%(name)s is added to the register.", name=employer.name), "success")
            return redirect(url_for("employers.detail", employer_id=employer.id))
    return form_page("employers/form.html", form, employer=None, duplicate=duplicate,
                     possible_duplicates=possible_duplicates)


def _possible_duplicates(form: EmployerForm) -> list:
    """Without an organisation number, a similar name in the same municipality may be the same
    employer: shown before saving, unless the user has ticked that it is another one."""
    if form.organisation_number.data or form.not_a_duplicate.data:
        return []
    return similar_employers(current_user.team_id, form.name.data, form.municipality.data)


@bp.get("/<int:employer_id>")
def detail(employer_id: int):
    employer = load_employer(employer_id)
    labels = {f.name: f.label.text for form in (EmployerForm(formdata=None), ContactPersonForm(formdata=None))
              for f in form}
    labels.update(tags=_("Tags"), merged_from=_("Merged employer"), merged_into=_("Kept employer"))
    contacts = None
    if can(current_user, "contact.view", employer):
        contacts = contact_queries.employer_overview(employer, page=arg_page(),
                                                     per_page=CONTACTS_PER_PAGE)
    return render_template("employers/detail.html", employer=employer, history=history_of(employer, limit=20),
                           field_labels=labels, contacts=contacts, analyses=opening_queries.analyses_of(employer.id),
                           openings=opening_queries.openings_of(employer.id),
                           hiring=lead_queries.hiring_now([employer], today()).get(employer.id, []))


@bp.route("/<int:employer_id>/edit", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def edit(employer_id: int):
    employer = load_employer(employer_id, "employer.edit")
    form = _employer_form(EmployerForm(obj=employer))
    duplicate = conflict = None
    if form.validate_on_submit():
        try:
            services.update_employer(employer, current_user, _values(form), seen_version(form))
        except services.DuplicateEmployer as error:
            duplicate = error.existing
            form.organisation_number.errors.append(_("This organisation number is already in the register."))
        except EditConflict as error:
            conflict = error
        else:
            flash(_("Changes to %(name)s are saved.", name=employer.name), "success")
            return redirect(url_for("employers.detail", employer_id=employer.id))
    return form_page("employers/form.html", form, employer=employer, duplicate=duplicate, conflict=conflict)


@bp.post("/<int:employer_id>/archive")
def archive(employer_id: int):
    employer = load_employer(employer_id, "employer.archive")
    archived = request.form.get("archived") == "1"
    services.set_archived(employer, current_user, archived)
    flash(_("%(name)s is archived.", name=employer.name) if archived
          else _("%(name)s is back in the register.", name=employer.name), "success")
    return redirect(url_for("employers.detail", employer_id=employer.id))


@bp.route("/<int:employer_id>/people/new", methods=["GET", "POST"])
@bp.route("/<int:employer_id>/people/<int:person_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def contact_person(employer_id: int, person_id: int | None = None):
    employer = load_employer(employer_id, "employer.edit")
    person = _person_of(employer, person_id) if person_id else None
    form = ContactPersonForm(obj=person)
    if form.validate_on_submit():
        services.save_contact_person(employer, current_user, form.data, person)
        flash(_("%(name)s is saved.", name=form.name.data), "success")
        return redirect(url_for("employers.detail", employer_id=employer.id) + "#people")
    return form_page("simple_form.html", form, heading=person.name if person else _("New contact person"),
                     cancel_url=url_for("employers.detail", employer_id=employer.id))


@bp.post("/<int:employer_id>/people/<int:person_id>/remove")
def remove_contact_person(employer_id: int, person_id: int):
    employer = load_employer(employer_id, "employer.edit")
    person = _person_of(employer, person_id)
    services.remove_contact_person(employer, current_user, person)
    flash(_("%(name)s is removed.", name=person.name), "success")
    return redirect(url_for("employers.detail", employer_id=employer.id) + "#people")


def _person_of(employer, person_id: int) -> ContactPerson:
    person = db.session.get(ContactPerson, person_id)
    if person is None or person.employer_id != employer.id:
        abort(404)
    return person


def _employer_form(form: EmployerForm) -> EmployerForm:
    form.responsible_specialist_id.choices = choices(
        ((u.id, u.name) for u in queries.team_specialists(current_user.team_id)), (0, "—")
    )
    return form


def _values(form: EmployerForm) -> dict:
    values = {name: form[name].data for name in services.EDITABLE_FIELDS}
    values["responsible_specialist_id"] = values["responsible_specialist_id"] or None
    return values
