"""The team dashboard, the fidelity and outcome reports, and the CSV exports."""
from datetime import date

from dateutil.relativedelta import relativedelta
from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from ..core import clock
from ..core.audit import AuditAction, audit_each
from ..core.csvio import write_csv
from ..core.permissions import can, permission_required
from ..core.web import download
from ..participants.labels import OUTCOME_LABELS, STATUS_LABELS
from ..participants.queries import team_specialists
from . import exports
from .dashboard import PERIODS, team_dashboard
from .fidelity import fidelity_report
from .outcome_charts import referral_funnel, share_by_month
from .outcomes import TARGET_PERCENT, outcome_report

bp = Blueprint("reports", __name__, url_prefix="/reports")
LONGEST_PERIOD_DAYS = 5 * 366


def period() -> tuple[date, date]:
    """`?start=…&end=…` (ISO dates, both included); by default the last three months up to today."""
    today = clock.today()

    def read(name):
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return None

    end = read("end") or today
    start = read("start") or end - relativedelta(months=3) + relativedelta(days=1)
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
    """`?months=3|6|12` picks the period; `?specialist=<id>` narrows the contacts chart to one specialist (the
    team lead's selector). Each point of the contacts chart leads to that specialist's week, where the viewer
    may see it; the stage and industry bars lead to the employer list filtered the same way."""
    months = request.args.get("months", type=int)
    months = months if months in PERIODS else PERIODS[0]
    specialists = {user.id: user for user in team_specialists(current_user.team_id)}
    specialist_id = request.args.get("specialist", type=int)
    if specialist_id not in specialists or not can(current_user, "week.view", specialists[specialist_id]):
        specialist_id = None

    def week_link(user_id: int, week: str) -> str | None:
        user = specialists.get(user_id)
        return url_for("contacts.week", user_id=user_id, week=week) if user and can(current_user, "week.view", user) \
            else None

    data = team_dashboard(current_user.team, clock.today(), get_locale().language, months, specialist_id, week_link)
    return render_template("reports/dashboard.html", data=data, months=months, periods=PERIODS,
                           specialists=specialists.values() if can(current_user, "report.view") else [],
                           specialist_id=specialist_id)


@bp.get("/fidelity")
@permission_required("report.view")
def fidelity():
    start, end = period()
    return render_template("reports/fidelity.html", report=fidelity_report(current_user.team, start, end))


@bp.get("/outcomes")
@permission_required("report.view")
def outcomes():
    start, end = period()
    team_id = current_user.team_id
    return render_template("reports/outcomes.html", report=outcome_report(team_id, start, end),
                           funnel=referral_funnel(team_id, start, end), shares=share_by_month(team_id, start, end))


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
