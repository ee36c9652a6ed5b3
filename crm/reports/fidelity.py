"""The IPS fidelity items (IPS-25) that the data can measure, scored 1–5 by the published anchors.

The anchors are data (`ITEMS`), in one place. The score-5 anchors are those of the domain brief's
IPS-25 table; the lower anchors are those of the published IPS-25 scale. Items marked * (`working`)
are working definitions: the 2019 manual as recalled by a researcher, to be checked against the
manual, and so is how this module measures them from the records (said in each explanation).
Items the records cannot show (`HUMAN_ITEMS`) need a human rating by the fidelity reviewers.

Each measured item is worked out for one team and a period (both days included) in a bounded
number of queries, and links to the records behind it.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..auth.models import Role, User
from ..contacts.models import ContactPurpose, EmployerContact, employer_contact_participants
from ..contacts.queries import face_to_face_counts
from ..core.clock import local_midnight
from ..employers.models import Employer
from ..extensions import db
from ..followup.models import Audience, FollowUpContact, FollowUpForm, FollowUpPlan
from ..openings.models import Opening
from ..participants.models import (
    BenefitsCounselling,
    DisclosureChoice,
    JobPreferenceCode,
    JobPreferences,
    Participant,
    ParticipantStatus,
    PreferenceCodeKind,
)
from ..participants.queries import employer_contact_spans
from ..placements.models import JOB_START_MIN_HOURS, EmploymentForm, Placement
from ..placements.queries import job_start_figures


@dataclass(frozen=True)
class Scale:
    """The value needed for a 5, 4, 3 and 2 (anything worse scores 1); `higher`: more is better."""

    bounds: tuple[float, float, float, float]
    higher: bool = True

    def score(self, value: float | None) -> int | None:
        if value is None:
            return None
        for score, bound in zip((5, 4, 3, 2), self.bounds, strict=True):
            if (value >= bound) if self.higher else (value <= bound):
                return score
        return 1


@dataclass(frozen=True)
class Item:
    key: str
    title: object
    anchor: object  # what scores 5
    scale: Scale
    unit: object
    working: bool = False  # marked * in the table: a working definition


PERCENT = Scale((85, 70, 60, 50))
ITEMS = {item.key: item for item in (
    Item("caseload", _l("Caseload size"), _l("≤ 20 active participants per full-time specialist "
                                            "(4: 21–25, 3: 26–30, 2: 31–40, 1: 41+)"),
         Scale((20, 25, 30, 40), higher=False), _l("participants per specialist")),
    Item("contact_frequency", _l("Job development: frequency of employer contact"),
         _l("≥ 6 face-to-face employer contacts per specialist per week (4: 5, 3: 4, 2: 2–3, 1: fewer)"),
         Scale((6, 5, 4, 2)), _l("contacts per specialist per week")),
    Item("rapid_job_search", _l("Rapid job search"),
         _l("first employer contact within 30 days of entry on average (4: 31–60, 3: 61–150, 2: 151–270, 1: more)"),
         Scale((30, 60, 150, 270), higher=False), _l("days on average"), working=True),
    Item("individualised_search", _l("Individualised job search"),
         _l("90–100 per cent of employer contacts reflect participants' preferences (4: 75–89, 3: 50–74, 2: 25–49)"),
         Scale((90, 75, 50, 25)), "%", working=True),
    Item("job_type_diversity", _l("Diversity of job types"),
         _l("85–100 per cent of jobs are of different types (4: 70–84, 3: 60–69, 2: 50–59)"), PERCENT, "%",
         working=True),
    Item("employer_diversity", _l("Diversity of employers"),
         _l("85–100 per cent of jobs are with different employers (4: 70–84, 3: 60–69, 2: 50–59)"), PERCENT, "%"),
    Item("competitive_jobs", _l("Competitive jobs"),
         _l("≥ 95 per cent of jobs are competitive (4: 85–94, 3: 75–84, 2: 65–74)"), Scale((95, 85, 75, 65)), "%",
         working=True),
    Item("benefits_counselling", _l("Benefits counselling"),
         _l("offered to everyone before a new job (here: every job start had a session before it; "
            "4: 75 %, 3: 50 %, 2: 25 %)"), Scale((100, 75, 50, 25)), "%"),
    Item("follow_along", _l("Time-unlimited follow-along supports"),
         _l("face-to-face contact within a week before a start, within 3 days after, weekly in the first month, "
            "then at least monthly; within 3 days of a job loss (score by the share of these parts met: "
            "4: 75 %, 3: 50 %, 2: 25 %)"), Scale((100, 75, 50, 25)), _l("per cent of the pattern's parts met"),
         working=True),
)}

# Items the records cannot show: the reviewers rate them (score-5 anchors from the domain brief).
HUMAN_ITEMS = (
    (_l("Disclosure"), _l("never required; employer contacts not limited to those who disclose; pros and cons "
                          "discussed before; what to share discussed; offered more than once"), True),
    (_l("Vocational generalist"), _l("the same specialist carries a person through every phase"), True),
    (_l("Collaboration with the employment service"),
     _l("monthly meetings and weekly client-related contact with the AF case officer"), True),
    (_l("Ongoing work-based assessment"), _l("career profile updated after every job experience"), True),
    (_l("Job development: quality"), _l("several planned in-person visits per employer to learn its needs and "
                                        "present matching strengths"), True),
    (_l("Community-based services"), _l("≥ 65 per cent of scheduled time spent out in the community"), False),
    (_l("Assertive engagement"), _l("no discharge for missed appointments; outreach attempts documented"), True),
)


@dataclass
class Result:
    item: Item
    value: float | None  # None: nothing in the period to measure
    explanation: str
    link: tuple[str, dict] = ("reports.fidelity", {})  # endpoint and arguments of the records behind it
    basis: int = 0

    @property
    def score(self) -> int | None:
        return self.item.scale.score(self.value)


@dataclass
class Evidence:
    """What the records say about an item that needs a human rating."""

    title: object
    anchor: object
    working: bool
    note: str | None = None


@dataclass
class FidelityReport:
    start: date
    end: date
    results: list[Result]
    human: list[Evidence] = field(default_factory=list)

    @property
    def scored(self) -> list[Result]:
        return [r for r in self.results if r.score is not None]

    @property
    def total(self) -> int:
        return sum(r.score for r in self.scored)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _placements_export(start: date, end: date):
    return ("reports.export", {"kind": "placements", "start": start.isoformat(), "end": end.isoformat()})


def _contacts_export(start: date, end: date):
    return ("reports.export", {"kind": "contacts", "start": start.isoformat(), "end": end.isoformat()})


def caseload(team, start: date, end: date) -> Result:
    """Active participants now, over the specialists who carry them (each counted as full-time)."""
    loads = dict(db.session.execute(
        select(Participant.specialist_id, func.count(Participant.id))
        .where(Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)
        .group_by(Participant.specialist_id)).all())
    active = sum(loads.values())
    carriers = [n for specialist_id, n in loads.items() if specialist_id is not None]
    value = round(active / len(carriers), 1) if carriers else None
    explanation = _l("%(active)s active participants now, carried by %(carriers)s specialists (largest caseload "
                     "%(largest)s). Each specialist counts as full-time.", active=active, carriers=len(carriers),
                     largest=max(carriers, default=0))
    return Result(ITEMS["caseload"], value, explanation, ("participants.index", {"status": "active"}), active)


def contact_frequency(team, start: date, end: date) -> Result:
    """Face-to-face employer contacts logged by the team's job specialists, per specialist per week."""
    specialists = db.session.scalars(select(User.id).where(
        User.team_id == team.id, User.active.is_(True), User.role == Role.JOB_SPECIALIST)).all()
    counts = face_to_face_counts(team.id, start, end)
    total = sum(counts.get(user_id, 0) for user_id in specialists)
    weeks = ((end - start).days + 1) / 7
    value = round(total / (len(specialists) * weeks), 1) if specialists else None
    explanation = _l("%(total)s face-to-face contacts by %(people)s job specialists over %(weeks)s weeks.",
                     total=total, people=len(specialists), weeks=round(weeks, 1))
    return Result(ITEMS["contact_frequency"], value, explanation, _contacts_export(start, end), total)


def rapid_job_search(team, start: date, end: date) -> Result:
    """Days from programme entry to the first employer contact logged on the participant's behalf
    (any form), for those who entered in the period and have had one."""
    entrants = db.session.execute(select(Participant.id, Participant.entered_on).where(
        Participant.team_id == team.id, Participant.entered_on.between(start, end))).all()
    spans = employer_contact_spans([pid for pid, _ in entrants])
    days = [max(0, (spans[pid].first_on - entered).days) for pid, entered in entrants if pid in spans]
    value = round(mean(days), 1) if days else None
    explanation = _l("%(with)s participants entered in the period and have had an employer contact on their "
                     "behalf; %(without)s have not yet.", **{"with": len(days), "without": len(entrants) - len(days)})
    return Result(ITEMS["rapid_job_search"], value, explanation, ("participants.index", {"status": "all"}),
                  len(days))


def individualised_search(team, start: date, end: date) -> Result:
    """Job-development contacts for named participants where the employer's industry, or the occupation
    of one of its openings, is among the participant's wanted ones. Participants without coded wishes
    cannot be judged and are left out."""
    link = employer_contact_participants.c
    pairs = db.session.execute(
        select(link.participant_id, EmployerContact.employer_id, Employer.sni_code)
        .join(EmployerContact, EmployerContact.id == link.contact_id)
        .join(Employer, Employer.id == EmployerContact.employer_id)
        .where(EmployerContact.team_id == team.id, EmployerContact.purpose == ContactPurpose.JOB_DEVELOPMENT,
               EmployerContact.contacted_at >= local_midnight(start),
               EmployerContact.contacted_at < local_midnight(end + timedelta(days=1)))).all()
    wishes: dict[int, set[tuple[str, str]]] = defaultdict(set)
    participant_ids = sorted({p for p, _, _ in pairs})
    if participant_ids:
        for participant_id, kind, code in db.session.execute(
                select(JobPreferences.participant_id, JobPreferenceCode.kind, JobPreferenceCode.code)
                .join(JobPreferenceCode, JobPreferenceCode.preferences_id == JobPreferences.id)
                .where(JobPreferences.participant_id.in_(participant_ids))):
            if kind in (PreferenceCodeKind.OCCUPATION, PreferenceCodeKind.INDUSTRY):
                wishes[participant_id].add((kind, code))
    occupations: dict[int, set[str]] = defaultdict(set)
    employer_ids = sorted({e for _, e, _ in pairs})
    if employer_ids:
        for employer_id, code in db.session.execute(select(Opening.employer_id, Opening.occupation_code).where(
                Opening.employer_id.in_(employer_ids), Opening.occupation_code.is_not(None))):
            occupations[employer_id].add(code)
    judged = matched = 0
    for participant_id, employer_id, sni_code in pairs:
        wanted = wishes.get(participant_id)
        if not wanted:
            continue
        judged += 1
        offered = {(PreferenceCodeKind.INDUSTRY, (sni_code or "")[:2])} | {
            (PreferenceCodeKind.OCCUPATION, code) for code in occupations.get(employer_id, ())}
        matched += bool(wanted & offered)
    explanation = _l("%(matched)s of %(judged)s job-development contacts for participants with recorded wishes "
                     "were with an employer in a wanted industry or with an opening in a wanted occupation "
                     "(%(skipped)s contacts for participants without coded wishes left out).",
                     matched=matched, judged=judged, skipped=len(pairs) - judged)
    return Result(ITEMS["individualised_search"], _pct(matched, judged), explanation,
                  _contacts_export(start, end), judged)


def job_mix(team, start: date, end: date) -> list[Result]:
    """Diversity of job types and employers, and competitive jobs, over the job starts in the period."""
    figures = job_start_figures(team.id, start, end)
    link = _placements_export(start, end)
    return [
        Result(ITEMS["job_type_diversity"], figures.job_type_diversity,
               _l("%(types)s different occupations (SSYK) among %(starts)s job starts.", types=figures.job_types,
                  starts=figures.starts), link, figures.starts),
        Result(ITEMS["employer_diversity"], figures.employer_diversity,
               _l("%(employers)s different workplaces among %(starts)s job starts.", employers=figures.employers,
                  starts=figures.starts), link, figures.starts),
        Result(ITEMS["competitive_jobs"], figures.competitive_share,
               _l("%(competitive)s of %(starts)s job starts were competitive (open to anyone, ordinary wage).",
                  competitive=figures.competitive, starts=figures.starts), link, figures.starts),
    ]


def _job_starts(team_id: int, start: date, end: date):
    """Job starts (≥ 4 hours a week, not work placements) begun in the period, with the entry date."""
    return db.session.execute(
        select(Placement.id, Placement.participant_id, Placement.started_on, Placement.ended_on,
               Participant.entered_on)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(Placement.team_id == team_id, Placement.started_on.between(start, end),
               Placement.hours_per_week >= JOB_START_MIN_HOURS,
               Placement.employment_form != EmploymentForm.WORK_PLACEMENT)).all()


def benefits_counselling(team, start: date, end: date) -> Result:
    """Job starts in the period whose participant had a benefits-counselling session between entering the
    programme and the first day of the job."""
    starts = _job_starts(team.id, start, end)
    sessions: dict[int, list[date]] = defaultdict(list)
    if starts:
        for participant_id, held_on in db.session.execute(
                select(BenefitsCounselling.participant_id, BenefitsCounselling.held_on)
                .where(BenefitsCounselling.participant_id.in_(sorted({s.participant_id for s in starts})))):
            sessions[participant_id].append(held_on)
    counselled = sum(1 for s in starts if any(s.entered_on <= held <= s.started_on
                                              for held in sessions[s.participant_id]))
    explanation = _l("%(counselled)s of %(starts)s job starts had benefits counselling before the first day.",
                     counselled=counselled, starts=len(starts))
    return Result(ITEMS["benefits_counselling"], _pct(counselled, len(starts)), explanation,
                  _placements_export(start, end), len(starts))


FOLLOW_ALONG_MEET = 75  # a part of the pattern is met when it holds for at least this share of job starts


def follow_along(team, start: date, end: date) -> Result:
    """The follow-along pattern, from face-to-face follow-up contacts with the employee in any of their
    plans (support after a job loss goes on in the ended job's plan), over job starts and job ends in
    the period: (1) within 7 days before the start, (2) within 3 days after, (3) in each of the first
    four weeks, (4) in each 30 days after that while the job lasts (up to a year), (5) within 3 days of a
    job end. A part is met when it holds for at least 75 % of the job starts it applies to."""
    jobs = db.session.execute(
        select(Placement.participant_id, Placement.started_on, Placement.ended_on)
        .where(Placement.team_id == team.id, Placement.hours_per_week >= JOB_START_MIN_HOURS,
               Placement.employment_form != EmploymentForm.WORK_PLACEMENT, Placement.started_on <= end,
               (Placement.started_on >= start) | Placement.ended_on.between(start, end))).all()
    seen: dict[int, set[date]] = defaultdict(set)
    if jobs:
        # The earliest day any part looks at: a week before a start in the period, or a job end.
        earliest = min(j.started_on if j.started_on >= start else j.ended_on for j in jobs) - timedelta(days=7)
        for participant_id, held_on in db.session.execute(
                select(Placement.participant_id, FollowUpContact.held_on)
                .join(FollowUpPlan, FollowUpPlan.placement_id == Placement.id)
                .join(FollowUpContact, FollowUpContact.plan_id == FollowUpPlan.id)
                .where(Placement.participant_id.in_(sorted({j.participant_id for j in jobs})),
                       FollowUpContact.audience == Audience.EMPLOYEE,
                       FollowUpContact.form == FollowUpForm.FACE_TO_FACE,
                       FollowUpContact.held_on.between(earliest, end))):
            seen[participant_id].add(held_on)

    def contact(participant_id, first: date, last: date) -> bool:
        return any(first <= day <= last for day in seen[participant_id])

    parts: list[list[bool]] = [[], [], [], [], []]
    for job in jobs:
        began = job.started_on
        last_day = min(end, job.ended_on or end)
        if began >= start:
            parts[0].append(contact(job.participant_id, began - timedelta(days=7), began - timedelta(days=1)))
            if began + timedelta(days=3) <= end:
                parts[1].append(contact(job.participant_id, began, began + timedelta(days=3)))
            if began + timedelta(days=27) <= last_day:
                parts[2].append(all(contact(job.participant_id, began + timedelta(days=7 * k),
                                            began + timedelta(days=7 * k + 6)) for k in range(4)))
            months = [began + timedelta(days=28 + 30 * m) for m in range(11)]
            blocks = [(first, first + timedelta(days=29)) for first in months
                      if first + timedelta(days=29) <= last_day]
            if blocks:
                parts[3].append(all(contact(job.participant_id, a, b) for a, b in blocks))
        if job.ended_on and start <= job.ended_on and job.ended_on + timedelta(days=3) <= end:
            parts[4].append(contact(job.participant_id, job.ended_on, job.ended_on + timedelta(days=3)))
    assessable = [p for p in parts if p]
    met = sum(1 for p in assessable if 100 * sum(p) / len(p) >= FOLLOW_ALONG_MEET)
    explanation = _l("%(met)s of %(parts)s parts of the pattern held for at least 75 %% of the job starts they apply "
                     "to (%(jobs)s job starts and ends in the period). From face-to-face follow-up contacts with "
                     "the employee.", met=met, parts=len(assessable), jobs=len(jobs))
    return Result(ITEMS["follow_along"], _pct(met, len(assessable)), explanation, _placements_export(start, end),
                  len(jobs))


def disclosure_evidence(team) -> str:
    """The share of active participants with a recorded disclosure choice: evidence, not a score."""
    active = db.session.scalar(select(func.count(Participant.id)).where(
        Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)) or 0
    recorded = db.session.scalar(
        select(func.count(func.distinct(DisclosureChoice.participant_id)))
        .join(Participant, Participant.id == DisclosureChoice.participant_id)
        .where(Participant.team_id == team.id, Participant.status == ParticipantStatus.ACTIVE)) or 0
    return _l("Evidence: %(recorded)s of %(active)s active participants have a recorded disclosure choice.",
              recorded=recorded, active=active)


def fidelity_report(team, start: date, end: date) -> FidelityReport:
    results = [caseload(team, start, end), contact_frequency(team, start, end), rapid_job_search(team, start, end),
               individualised_search(team, start, end), *job_mix(team, start, end),
               benefits_counselling(team, start, end), follow_along(team, start, end)]
    human = [Evidence(title, anchor, working) for title, anchor, working in HUMAN_ITEMS]
    human[0].note = disclosure_evidence(team)
    return FidelityReport(start, end, results, human)
