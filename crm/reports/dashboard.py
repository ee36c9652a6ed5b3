"""The team dashboard's figures: each chart's labels and series, in a bounded number of queries."""
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask import url_for
from sqlalchemy import func, select

from ..auth.models import Role, User
from ..contacts.queries import face_to_face_counts
from ..core.clock import iso_week
from ..core.formats import month, week
from ..employers.labels import STAGE_LABELS
from ..employers.models import Employer, Stage
from ..extensions import db
from ..placements.models import Placement
from ..reference import industry_name
from .outcomes import IS_JOB_START, TARGET_PERCENT, WorkOrStudies, work_or_studies

WEEKS = 12
MONTHS = 12
PERIODS = (3, 6, 12)  # months the dashboard's period selector offers


@dataclass(frozen=True)
class Chart:
    """What charts.js draws and the accessible table shows: row labels, and one series per name."""

    labels: list[str]
    series: dict[str, list[float]]
    # Per series, the address of the records behind each value (a filtered list), or None where there is none.
    links: dict[str, list[str | None]] = field(default_factory=dict)
    target: float | None = None  # drawn as a line across the chart

    def as_json(self) -> dict:
        return {"labels": self.labels, "target": self.target,
                "series": [{"name": name, "values": values, "links": self.links.get(name)}
                           for name, values in self.series.items()]}


def weekly_contacts(team_id: int, today: date, weeks: int = WEEKS, specialist_id: int | None = None,
                    week_link: Callable[[int, str], str | None] | None = None, target: float | None = None) -> Chart:
    """Face-to-face employer contacts per job specialist in each of the last `weeks` ISO weeks (this one
    included): one query per week on the (team, time) index. `week_link(user_id, "2026-W48")` gives the
    address of that specialist's week, where the viewer may see it."""
    monday, _ = iso_week(today)
    mondays = [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    query = select(User.id, User.name).where(User.team_id == team_id, User.active.is_(True),
                                             User.role == Role.JOB_SPECIALIST).order_by(User.name)
    if specialist_id:
        query = query.where(User.id == specialist_id)
    specialists = db.session.execute(query).all()
    counts = [face_to_face_counts(team_id, day, day + timedelta(days=6)) for day in mondays]
    iso_weeks = [f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}" for day in mondays]
    links = ({name: [week_link(user_id, iso) for iso in iso_weeks] for user_id, name in specialists}
             if week_link else {})
    return Chart([week(day) for day in mondays],
                 {name: [week.get(user_id, 0) for week in counts] for user_id, name in specialists}, links, target)


def job_starts_per_month(team_id: int, today: date, months: int = MONTHS) -> Chart:
    first = today.replace(day=1) - relativedelta(months=months - 1)
    firsts = [first + relativedelta(months=n) for n in range(months)]
    starts = Counter(day.replace(day=1) for day in db.session.scalars(select(Placement.started_on).where(
        Placement.team_id == team_id, Placement.started_on.between(first, today), *IS_JOB_START)))
    return Chart([month(day) for day in firsts], {"starts": [starts.get(day, 0) for day in firsts]})


def employers_by_stage(team_id: int) -> Chart:
    counts = dict(db.session.execute(select(Employer.stage, func.count(Employer.id)).where(
        Employer.team_id == team_id, Employer.archived_at.is_(None)).group_by(Employer.stage)).all())
    return Chart([str(STAGE_LABELS[stage]) for stage in Stage],
                 {"employers": [counts.get(stage, 0) for stage in Stage]},
                 {"employers": [url_for("employers.index", stage=stage.value) for stage in Stage]})


def industries_of_job_starts(team_id: int, today: date, language: str, months: int = MONTHS) -> Chart:
    """Job starts of the last `months` months by the employer's industry (SNI division), largest first."""
    first = today.replace(day=1) - relativedelta(months=months - 1)
    codes = db.session.scalars(select(Employer.sni_code).join(Placement, Placement.employer_id == Employer.id).where(
        Placement.team_id == team_id, Placement.started_on.between(first, today), *IS_JOB_START)).all()
    counts = Counter((code or "")[:2] for code in codes)
    ranked = counts.most_common()
    return Chart([industry_name(division, language) or "—" for division, _ in ranked],
                 {"starts": [n for _, n in ranked]},
                 {"starts": [url_for("employers.index", industry=division) if division else None
                             for division, _ in ranked]})


@dataclass(frozen=True)
class Dashboard:
    contacts: Chart
    starts: Chart
    share: WorkOrStudies
    stages: Chart
    industries: Chart
    target: int


def team_dashboard(team, today: date, language: str, months: int = 3, specialist_id: int | None = None,
                   week_link: Callable[[int, str], str | None] | None = None) -> Dashboard:
    """The charts over the last `months` months (the contacts chart in whole ISO weeks), the contacts of one
    specialist or of all; the weekly target drawn as a line."""
    weeks = round(months * 52 / 12)
    return Dashboard(weekly_contacts(team.id, today, weeks, specialist_id, week_link, team.weekly_contact_target),
                     job_starts_per_month(team.id, today, months), work_or_studies(team.id, today),
                     employers_by_stage(team.id), industries_of_job_starts(team.id, today, language, months),
                     TARGET_PERCENT)
