"""Participants' data rights, for admins: find the person, give them a copy, erase them, and review
who is past the retention period. Every step is written to the participant's audit trail."""
import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..core import clock
from ..core.audit import AuditAction, audit
from ..core.errors import keeps_input_on_csrf_failure
from ..core.permissions import permission_required
from ..core.web import download
from ..participants.labels import STATUS_LABELS
from ..participants.models import Participant
from ..participants.views import load_participant
from . import export, inventory, queries, services
from .forms import EraseForm, FindForm

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.context_processor
def privacy_helpers():
    return {"status_labels": STATUS_LABELS, "language": get_locale().language}


@bp.get("/")
@permission_required("privacy.manage")
def index():
    form = FindForm(request.args)
    found = queries.find_participants(form.q.data or "") if form.validate() else []
    due, due_total = services.retention_due(clock.today())
    return render_template("privacy/index.html", form=form, found=found, searched=bool(form.q.data),
                           due=due, due_total=due_total)


@bp.get("/participants/<int:participant_id>")
@permission_required("privacy.manage")
def participant(participant_id: int):
    return _participant_page(load_participant(participant_id, "privacy.manage"), EraseForm(formdata=None))


def _participant_page(participant: Participant, form: EraseForm):
    audit(current_user, participant, AuditAction.VIEW, "privacy page")
    html = render_template("privacy/participant.html", participant=participant, form=form, holdings=inventory.HOLDINGS,
                           counts=inventory.counts(participant.id), not_closed=services.NOT_CLOSED)
    return html, 422 if form.errors else 200


@bp.get("/participants/<int:participant_id>/export.json")
@permission_required("privacy.manage")
def export_json(participant_id: int):
    participant = load_participant(participant_id, "privacy.manage")
    audit(current_user, participant, AuditAction.VIEW, "data export (JSON)")
    body = json.dumps(export.as_json(participant, clock.utcnow()), ensure_ascii=False, indent=2)
    return download(body, "application/json", f"participant-{participant.id}.json")


@bp.get("/participants/<int:participant_id>/export.html")
@permission_required("privacy.manage")
def export_readable(participant_id: int):
    participant = load_participant(participant_id, "privacy.manage")
    audit(current_user, participant, AuditAction.VIEW, "data export (readable)")
    body = render_template("privacy/export.html", participant=participant, sections=export.readable(participant),
                           exported_at=clock.utcnow())
    return download(body, "text/html", f"participant-{participant.id}.html")


@bp.post("/participants/<int:participant_id>/erase")
@permission_required("privacy.manage")
@keeps_input_on_csrf_failure
def erase(participant_id: int):
    participant = load_participant(participant_id, "privacy.manage")
    form = EraseForm()
    if form.validate_on_submit():
        if form.confirm_id.data != participant.id:
            form.confirm_id.errors.append(_("That is not this participant's number."))
        else:
            try:
                report = services.erase_participant(participant, current_user, clock.utcnow(),
                                                    reference=form.reference.data)
            except services.ErasureRefused as refusal:
                flash(str(refusal), "error")
                return redirect(url_for("privacy.participant", participant_id=participant.id))
            flash(_("Participant no. %(id)s is erased: %(records)s records anonymised or removed, the name cut "
                    "out of %(texts)s other texts and %(mails)s e-mails.", id=participant.id,
                    records=sum(report.records.values()), texts=report.texts_elsewhere,
                    mails=report.outbox_messages), "success")
            return redirect(url_for("privacy.participant", participant_id=participant.id))
    return _participant_page(participant, form)
