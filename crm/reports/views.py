"""The team dashboard, the fidelity and outcome reports, and the CSV exports."""
from datetime import date

from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from ..core import clock
from ..core.audit import AuditAction, audit_each
from ..core.csvio import write_csv
from ..core.permissions import permission_required
from ..core.urls import EARLIEST_DATE, arg_date
from ..core.web import download
from ..participants.labels import OUTCOME_LABELS, STATUS_LABELS
from . import exports
from .dashboard import team_dashboard
from .fidelity import fidelity_report
from .outcomes import TARGET_PERCENT, outcome_report

bp = Blueprint("reports", __name__, url_prefix="/reports")
LONGEST_PERIOD_DAYS = 5 * 366


def period() -> tuple[date, date]:
    """`?start=…&end=…` (ISO dates, both included); by default the last three months up to today."""
    end = arg_date("end") or clock.today()
    start = arg_date("start") or max(EARLIEST_DATE, end - relativedelta(months=3) + relativedelta(days=1))
    if start > end:
        start, end = end, start
    if (end - start).days > LONGEST_PERIOD_DAYS:
        start = end - relativedelta(days=LONGEST_PERIOD_DAYS)
    return start, end


@bp.context_processor
def report_helpers():
    return {"status_labels": STATUS_LABELS, "outcome_labels": OUTCOME_LABELS, "target": TARGET_PERCENT}


@bp.get("/")
@permission_required("report.dashboard")
def dashboard():
    data = team_dashboard(current_user.team, clock.today(), get_locale().language)
    return render_template("reports/dashboard.html", data=data)


@bp.get("/fidelity")
@permission_required("report.view")
def fidelity():
    start, end = period()
    return render_template("reports/fidelity.html", report=fidelity_report(current_user.team, start, end))


@bp.get("/outcomes")
@permission_required("report.view")
def outcomes():
    start, end = period()
    return render_template("reports/outcomes.html", report=outcome_report(current_user.team_id, start, end))


@bp.get("/export/<kind>.csv")
@permission_required("report.export")
def export(kind: str):
    """UTF-8 CSV with a header row; files naming participants are logged in their audit trails."""
    team, today = current_user.team, clock.today()
    start, end = period()
    if kind == "employers":
        header, rows, participants = exports.employers(team.id, exports.employer_filter(request.args))
    elif kind == "contacts":
        header, rows, participants = exports.contacts(team.id, start, end)
    elif kind == "placements":
        header, rows, participants = exports.placements(team.id, start, end, today)
    elif kind == "fidelity":
        header, rows, participants = exports.fidelity(fidelity_report(team, start, end))
    elif kind == "outcomes":
        header, rows, participants = exports.outcomes(outcome_report(team.id, start, end))
    else:
        abort(404)
    audit_each(current_user, participants, AuditAction.VIEW, f"{kind} export (CSV)")
    name = f"{kind}-{start.isoformat()}-{end.isoformat()}.csv" if kind != "employers" else f"employers-{today}.csv"
    return download(write_csv(rows, header), "text/csv", name)
