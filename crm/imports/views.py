"""Bring the spreadsheet: import employers from CSV, find and merge duplicates, bulk edit and export the list."""
import csv
from urllib.parse import parse_qs

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from ..core import clock
from ..core.csvio import UnreadableFile, write_csv
from ..core.errors import keeps_input_on_csrf_failure
from ..core.formats import number as format_number
from ..core.permissions import permission_required, require
from ..core.urls import arg_page
from ..core.web import download, form_page
from ..employers import queries as employer_queries
from ..employers.labels import SECTOR_LABELS, SIZE_LABELS, STAGE_LABELS
from ..employers.models import Employer, Stage
from ..employers.views import list_filters
from ..extensions import db
from . import bulk, duplicates, merge, services
from .columns import TARGETS
from .forms import ImportForm, MappingForm, MergeForm, UploadForm, bulk_edit_form
from .models import ImportJob, ImportStatus

bp = Blueprint("imports", __name__)
PREVIEW_PER_PAGE = 100


def load_job(job_id: int) -> ImportJob:
    job = db.session.get(ImportJob, job_id) or abort(404)
    require("import.view", job)
    return job


def load_pair(employer_id: int, other_id: int, action: str) -> tuple[Employer, Employer]:
    employer = db.session.get(Employer, employer_id) or abort(404)
    other = db.session.get(Employer, other_id) or abort(404)
    require(action, employer)
    require(action, other)
    if employer.id == other.id:
        abort(404)
    return employer, other


# --- Import ------------------------------------------------------------------------------------
def unreadable_message(error: UnreadableFile) -> str:
    """What the user can do about a file that cannot be read, naming the row where it could not."""
    if error.reason == "encoding":
        return _("Row %(line)s of the file has characters that are neither UTF-8 nor Windows-1252. Save the file "
                 "from the spreadsheet as CSV UTF-8 and upload it again.", line=error.line)
    if error.reason == "too_long":
        return _("Row %(line)s of the file has a cell longer than %(limit)s characters. Shorten it in the spreadsheet "
                 "and upload the file again.", line=error.line, limit=format_number(csv.field_size_limit()))
    if error.line is not None:
        return _("Row %(line)s of the file could not be read as CSV. Save it from the spreadsheet as CSV and upload "
                 "it again.", line=error.line)
    return _("The file could not be read as CSV. Save it from the spreadsheet as CSV.")


@bp.errorhandler(UnreadableFile)
def stored_file_unreadable(error: UnreadableFile):
    """An import stored before its file was checked whole: its pages say why instead of failing."""
    return render_template("errors/error.html", code=400, message=unreadable_message(error)), 400


@bp.route("/imports/employers", methods=["GET", "POST"])
@permission_required("import.employers")
@keeps_input_on_csrf_failure
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            job = services.store_upload(current_user.team_id, current_user, upload.filename or "import.csv",
                                        upload.read())
        except UnreadableFile as error:
            form.file.errors.append(unreadable_message(error))
        else:
            return redirect(url_for("imports.mapping", job_id=job.id))
    recent = db.session.scalars(select(ImportJob).where(ImportJob.created_by_id == current_user.id)
                                .order_by(ImportJob.created_at.desc()).limit(5)).all()
    return form_page("imports/upload.html", form, recent=recent)


@bp.route("/imports/<int:job_id>/mapping", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def mapping(job_id: int):
    job = load_job(job_id)
    if job.status == ImportStatus.IMPORTED:
        return redirect(url_for("imports.result", job_id=job.id))
    form = MappingForm()
    if request.method == "GET":  # a column left out of a submitted form is left out, not re-suggested
        form.process(data={name: str(index) for name, index in services.suggested_mapping(job, current_user).items()})
    form.set_columns(job.headers)
    if form.validate_on_submit():
        services.save_mapping(job, current_user, form.mapping())
        return redirect(url_for("imports.preview", job_id=job.id))
    return form_page("imports/mapping.html", form, job=job, samples=services.sample_rows(job),
                     targets=TARGETS)


@bp.get("/imports/<int:job_id>/preview")
def preview(job_id: int):
    job = load_job(job_id)
    if job.status != ImportStatus.MAPPED:
        return redirect(url_for("imports.mapping" if job.status == ImportStatus.UPLOADED else "imports.result",
                                job_id=job.id))
    show = request.args.get("show") if request.args.get("show") in {a.value for a in services.Action} else None
    include = request.args.get("include_possible_duplicates") == "y"
    page = arg_page()
    result = services.preview(job, clock.today(), show, page, PREVIEW_PER_PAGE, include)
    form = ImportForm(include_possible_duplicates=include)
    return render_template("imports/preview.html", job=job, result=result, show=show, page=page, form=form,
                           pages=max(1, -(-result.shown // PREVIEW_PER_PAGE)), actions=services.Action,
                           field_labels=_field_labels())


@bp.post("/imports/<int:job_id>/run")
def run(job_id: int):
    job = load_job(job_id)
    form = ImportForm()
    if job.status != ImportStatus.MAPPED or not form.validate_on_submit():
        abort(400)
    counts = services.run_import(job, current_user, clock.today(), form.include_possible_duplicates.data)
    flash(_("The import is done: %(created)s employers added, %(updated)s updated.",
            created=counts[services.Action.CREATE], updated=job.updated_count), "success")
    return redirect(url_for("imports.result", job_id=job.id))


@bp.get("/imports/<int:job_id>")
def result(job_id: int):
    job = load_job(job_id)
    if job.status != ImportStatus.IMPORTED:
        return redirect(url_for("imports.mapping", job_id=job.id))
    return render_template("imports/result.html", job=job)


@bp.get("/imports/<int:job_id>/invalid.csv")
def invalid_rows(job_id: int):
    job = load_job(job_id)
    data = db.session.scalar(select(ImportJob.invalid_rows).where(ImportJob.id == job.id)) or abort(404)
    name = _("%(name)s-errors.csv", name=job.filename.rsplit(".", 1)[0])
    return download(data, "text/csv", name)


# --- Duplicates and merge -----------------------------------------------------------------------
@bp.get("/employers/duplicates")
@permission_required("employer.duplicates")
def duplicates_page():
    pairs = duplicates.possible_duplicate_pairs(current_user.team_id)
    return render_template("imports/duplicates.html", pairs=pairs)


@bp.post("/employers/<int:employer_id>/not-duplicate/<int:other_id>")
def dismiss(employer_id: int, other_id: int):
    employer, other = load_pair(employer_id, other_id, "employer.merge")
    duplicates.dismiss_pair(current_user.team_id, current_user, employer, other)
    flash(_("%(a)s and %(b)s are not offered as duplicates again.", a=employer.name, b=other.name), "success")
    return redirect(url_for("imports.duplicates_page"))


@bp.route("/employers/<int:employer_id>/merge/<int:other_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def merge_pair(employer_id: int, other_id: int):
    """Keep `employer_id`; move everything of `other_id` to it and archive `other_id`."""
    kept, other = load_pair(employer_id, other_id, "employer.merge")
    form = MergeForm()
    refused = False
    if form.validate_on_submit():
        try:
            moved = merge.merge_employers(kept, other, current_user)
        except merge.CannotMerge:
            refused = True  # two organisation numbers: the page explains
        else:
            flash(_("%(other)s is merged into %(kept)s (%(count)s records moved).",
                    other=other.name, kept=kept.name, count=sum(moved.values())), "success")
            return redirect(url_for("employers.detail", employer_id=employer_id))
    response = form_page("imports/merge.html", form, kept=kept, other=other,
                         blocked=bool(kept.organisation_number and other.organisation_number),
                         field_labels=_field_labels(), sector_labels=SECTOR_LABELS, size_labels=SIZE_LABELS,
                         stage_labels=STAGE_LABELS)
    return (response[0], 409) if refused else response


def _field_labels() -> dict:
    return {t.name: t.label for t in TARGETS if t.group == "employer"}


# --- Bulk edit and export of the employer list --------------------------------------------------
@bp.post("/employers/bulk")
@permission_required("employer.bulk_edit")
@keeps_input_on_csrf_failure
def bulk_edit():
    form = bulk_edit_form(current_user.team_id)
    chosen = changing = 0
    if form.validate_on_submit():
        ids, change = _bulk_target(form), _bulk_change(form)
        if form.confirmed.data == "1":
            count = bulk.apply_bulk(current_user.team_id, current_user, ids, change)
            flash(_("%(count)s employers changed.", count=count), "success")
            return redirect(url_for("employers.index") + ("?" + form.filters.data if form.filters.data else ""))
        chosen, changing = bulk.count_changes(current_user.team_id, ids, change)
        form.confirmed.data = "1"  # the next submit applies what the page shows
    return form_page("imports/bulk.html", form, chosen=chosen, changing=changing,
                     list_url=url_for("employers.index") + ("?" + form.filters.data if form.filters.data else ""))


def _bulk_target(form):
    """The chosen employers as a query of ids: the ticked ones, or the list's filter run again here.
    Either way only the user's team is searched (the service restricts to the team once more)."""
    if form.all_matching.data:
        _form, filters = list_filters(MultiDict(parse_qs(form.filters.data or "")))
        return employer_queries.filtered_employers(current_user.team_id, filters).with_only_columns(Employer.id) \
            .order_by(None)
    return select(Employer.id).where(Employer.team_id == current_user.team_id, Employer.id.in_(form.employer_ids.data))


def _bulk_change(form) -> bulk.BulkChange:
    return bulk.BulkChange(stage=Stage(form.stage.data) if form.stage.data else None,
                           specialist_id=form.specialist.data or None, add_tag=form.add_tag.data or None,
                           remove_tag_id=form.remove_tag.data or None)


@bp.get("/employers/export.csv")
@permission_required("employer.export")
def export_employers():
    """The employer list with its current filters, as a spreadsheet file."""
    _form, filters = list_filters(request.args)
    employers = db.session.scalars(employer_queries.filtered_employers(current_user.team_id, filters).options(
        db.joinedload(Employer.responsible_specialist), db.selectinload(Employer.tags))).all()
    header = [_("Name"), _("Organisation number"), _("Industry (SNI code)"), _("Sector"), _("Size"),
              _("Street address"), _("Postal code"), _("Municipality"), _("Website"), _("Relationship stage"),
              _("Responsible specialist"), _("Tags"), _("Next step")]
    rows = ([e.name, e.organisation_number, e.sni_code, SECTOR_LABELS[e.sector],
             SIZE_LABELS[e.size_band] if e.size_band else "", e.street_address, e.postal_code, e.municipality,
             e.website, STAGE_LABELS[e.stage], e.responsible_specialist.name if e.responsible_specialist else "",
             ", ".join(t.name for t in e.tags), e.next_step_due_on.isoformat() if e.next_step_due_on else ""]
            for e in employers)
    return download(write_csv(rows, header), "text/csv", _("employers-%(date)s.csv", date=clock.today().isoformat()))
