"""CSV exports for the steering group and the team's own spreadsheets (written by crm.core.csvio).

Each function returns (header, rows, participants): the participants whose data the file holds,
so the view can log the export in their audit trails.
"""
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..contacts.labels import FORM_LABELS, PURPOSE_LABELS
from ..contacts.models import EmployerContact
from ..core.clock import local_date, local_midnight
from ..core.formats import csv_number
from ..employers.labels import SECTOR_LABELS, STAGE_LABELS
from ..employers.models import Employer, Sector, Stage
from ..employers.queries import EmployerFilter, filtered_employers
from ..extensions import db
from ..participants.labels import OUTCOME_LABELS, STATUS_LABELS
from ..placements.labels import EMPLOYMENT_FORM_LABELS, END_REASON_LABELS
from ..placements.models import Placement
from .fidelity import FidelityReport
from .outcomes import OutcomeReport


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def employer_filter(args) -> EmployerFilter:
    """The employer list's filters from a query string; unknown values mean "all"."""
    stage = args.get("stage") if args.get("stage") in set(Stage) else None
    sector = args.get("sector") if args.get("sector") in set(Sector) else None
    return EmployerFilter(q=(args.get("q") or "")[:100] or None, stage=stage, sector=sector,
                          specialist=args.get("specialist", type=int) or None,
                          industry=(args.get("industry") or "")[:5] or None, archived=args.get("archived") == "y",
                          tag=args.get("tag", type=int) or None,
                          next_step=args.get("next_step") if args.get("next_step") in (
                              "attention", "overdue", "week", "none") else None)


def employers(team_id: int, filters: EmployerFilter):
    rows = db.session.scalars(filtered_employers(team_id, filters).options(
        joinedload(Employer.responsible_specialist), selectinload(Employer.tags))).all()
    header = [_("Name"), _("Organisation number"), _("Industry (SNI)"), _("Sector"), _("Municipality"), _("Stage"),
              _("Responsible"), _("Earliest open next step"), _("Tags"), _("Registered")]
    return header, [[e.name, e.organisation_number, e.sni_code, SECTOR_LABELS[e.sector], e.municipality,
                     STAGE_LABELS[e.stage], e.responsible_specialist.name if e.responsible_specialist else "",
                     e.next_step_due_on, ", ".join(t.name for t in e.tags), local_date(e.created_at)]
                    for e in rows], []


def contacts(team_id: int, start: date, end: date):
    """The period's employer contacts. Participants are counted, never named: the file holds no
    participant data."""
    rows = db.session.scalars(
        select(EmployerContact).where(EmployerContact.team_id == team_id,
                                      EmployerContact.contacted_at >= local_midnight(start),
                                      EmployerContact.contacted_at < local_midnight(end + timedelta(days=1)))
        .options(joinedload(EmployerContact.employer), joinedload(EmployerContact.author),
                 selectinload(EmployerContact.participants))
        .order_by(EmployerContact.contacted_at, EmployerContact.id)).all()
    header = [_("Date"), _("Employer"), _("Form"), _("Purpose"), _("Logged by"), _("Participants concerned"),
              _("Summary"), _("Outcome")]
    return header, [[local_date(c.contacted_at), c.employer.name, FORM_LABELS[c.form], PURPOSE_LABELS[c.purpose],
                     c.author.name, len(c.participants), c.summary, c.outcome] for c in rows], []


def placements(team_id: int, start: date, end: date, today: date):
    """Job starts and work placements begun in the period; named participants, so the export is audited."""
    rows = db.session.scalars(
        select(Placement).where(Placement.team_id == team_id, Placement.started_on.between(start, end))
        .options(joinedload(Placement.participant), joinedload(Placement.employer),
                 joinedload(Placement.partner_organisation))
        .order_by(Placement.started_on, Placement.id)).all()
    header = [_("Participant"), _("Workplace"), _("Job"), _("Occupation (SSYK)"), _("Started"), _("Ended"),
              _("Hours a week"), _("Monthly wage (SEK)"), _("Form of employment"), _("Competitive"),
              _("Reason for ending"), _("Days in the job")]
    return header, [[p.participant.name, p.workplace_name, p.title, p.occupation_code, p.started_on, p.ended_on,
                     csv_number(p.hours_per_week), p.monthly_wage,
                     EMPLOYMENT_FORM_LABELS[p.employment_form], _yes(p.competitive),
                     END_REASON_LABELS[p.end_reason] if p.end_reason else "", p.tenure_days(min(end, today))]
                    for p in rows], sorted({p.participant for p in rows}, key=lambda p: p.id)


def fidelity(report: FidelityReport):
    header = [_("Item"), _("Working definition"), _("Value"), _("Unit"), _("Score (1–5)"), _("Score 5 when"),
              _("Explanation")]
    rows = [[r.item.title, _yes(r.item.working), csv_number(r.value), r.item.unit,
             r.score if r.score is not None else _("no data in the period"), r.item.anchor, r.explanation]
            for r in report.results]
    rows += [[e.title, _yes(e.working), "", "", _("needs a human rating"), e.anchor, e.note or ""]
             for e in report.human]
    return header, rows, []


def outcomes(report: OutcomeReport):
    header = [_("Figure"), _("Value")]
    rows = [[_("Period"), f"{report.start.isoformat()} – {report.end.isoformat()}"]]
    rows += [[_("Participants: %(status)s", status=STATUS_LABELS[s]), n] for s, n in report.by_status.items()]
    rows += [[_("Outcome: %(outcome)s", outcome=OUTCOME_LABELS[o] if o else _("not known")), n]
             for o, n in report.by_outcome.items()]
    share = report.share
    rows += [
        [_("Active participants"), share.active],
        [_("… in competitive work"), share.in_work],
        [_("… in studies"), share.in_studies],
        [_("Share in competitive work or studies (%)"), csv_number(share.percent)],
        [_("Job starts"), report.starts],
        [_("First job starts"), report.first_starts],
        [_("Competitive job starts"), report.competitive],
        [_("Still in the job at the end of the period"), report.still_working],
        [_("Median days in the job"), csv_number(report.median_tenure_days)],
        [_("Retained 90 days (%)"), csv_number(report.retention_percent)],
        [_("Mean hours a week"), csv_number(report.mean_hours)],
        [_("Job starts of at least 30 hours a week"), report.thirty_hours],
        [_("Median monthly wage (SEK)"), csv_number(report.median_wage)],
        [_("Job starts with an employment support"), report.supports.with_support],
    ]
    return header, rows, []

