"""The IPS fidelity scale (IPS-25): its 25 items, and those the data can measure, scored 1–5 by the
published anchors.

Every item of the scale is in `ITEMS`, in the scale's order. An item the records can show is measured
by one function decorated with `@measures(key, …)`: it returns the item's numerator and denominator,
and the decorator turns them into the value, the score and the anchor table. Adding a measured item is
adding one such function; the others need a human rating in a fidelity review.

The score-5 anchors are those of the domain brief's IPS-25 table; the lower anchors those of the
published scale. Items marked * (`working`) are working definitions: the 2019 manual as recalled by a
researcher, to be checked against the manual, and so is how this module measures them from the records
(said in each explanation). Each measured item is worked out for one team and a period (both days
included) in a bounded number of queries, and links to the records behind it.
"""
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..auth.models import Role, User
from ..contacts.models import ContactPurpose, EmployerContact, employer_contact_participants
from ..contacts.queries import face_to_face_counts
from ..core import clock
from ..core.clock import local_midnight
from ..employers.models import Employer
from ..extensions import db
from ..followup.models import Audience, FollowUpContact, FollowUpForm, FollowUpPlan
from ..network.queries import af_collaboration
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
from ..participants.queries import first_employer_contacts, specialist_loads
from ..placements.models import JOB_START_MIN_HOURS, EmploymentForm, Placement

MAX_SCORE = 5


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

    def anchors(self) -> list[tuple[int, str, float]]:
        """The anchor table: (score, comparison, bound), best first; 1 is anything worse than a 2."""
        at_least, below = ("≥", "<") if self.higher else ("≤", ">")
        rows = [(score, at_least, bound) for score, bound in zip((5, 4, 3, 2), self.bounds, strict=True)]
        return [*rows, (1, below, self.bounds[-1])]


@dataclass(frozen=True)
class Item:
    """One item of the IPS-25 scale, with what scores 5."""

    key: str
    title: object
    anchor: object
    working: bool = False  # marked * in the table: a working definition


ITEMS = {item.key: item for item in (
    # Staffing
    Item("caseload", _l("Caseload size"), _l("≤ 20 active participants per full-time specialist "
                                            "(4: 21–25, 3: 26–30, 2: 31–40, 1: 41+)")),
    Item("vocational_staff", _l("Vocational services staff"),
         _l("job specialists provide only employment services"), True),
    Item("vocational_generalist", _l("Vocational generalist"),
         _l("the same specialist carries a person through every phase"), True),
    # Organisation
    Item("team_assignment", _l("Integration through team assignment"),
         _l("each specialist is part of one or two treatment teams"), True),
    Item("team_contact", _l("Integration through frequent team member contact"),
         _l("weekly treatment team meetings and frequent contact with the treatment team"), True),
    Item("employment_service", _l("Collaboration with the employment service"),
         _l("monthly meetings and weekly client-related contact with the AF case officer"), True),
    Item("vocational_unit", _l("Vocational unit"),
         _l("at least two specialists and a team lead with weekly case-based group supervision"), True),
    Item("supervisor_role", _l("Role of the employment supervisor"),
         _l("a team lead for at most ten specialists who supervises weekly and reviews outcomes"), True),
    Item("zero_exclusion", _l("Zero exclusion criteria"),
         _l("everyone who wants to work may join; readiness is not assessed"), True),
    Item("competitive_focus", _l("Agency focus on competitive employment"),
         _l("the organisation promotes competitive work in many ways"), True),
    Item("executive_support", _l("Executive team support"),
         _l("the leadership actively supports the method"), True),
    # Services
    Item("benefits_counselling", _l("Benefits counselling"),
         _l("offered to everyone before a new job (here: every job start had a session before it; "
            "4: 75 %, 3: 50 %, 2: 25 %)")),
    Item("disclosure", _l("Disclosure"), _l("never required; employer contacts not limited to those who disclose; "
                                            "pros and cons discussed before; what to share discussed; offered "
                                            "more than once"), True),
    Item("work_based_assessment", _l("Ongoing work-based assessment"),
         _l("career profile updated after every job experience"), True),
    Item("rapid_job_search", _l("Rapid job search"),
         _l("first employer contact within 30 days of entry on average (4: 31–60, 3: 61–150, 2: 151–270, 1: more)"),
         True),
    Item("individualised_search", _l("Individualised job search"),
         _l("90–100 per cent of employer contacts reflect participants' preferences (4: 75–89, 3: 50–74, 2: 25–49)"),
         True),
    Item("contact_frequency", _l("Job development: frequency of employer contact"),
         _l("≥ 6 face-to-face employer contacts per specialist per week (4: 5, 3: 4, 2: 2–3, 1: fewer)")),
    Item("development_quality", _l("Job development: quality"),
         _l("several planned in-person visits per employer to learn its needs and present matching strengths"), True),
    Item("job_type_diversity", _l("Diversity of job types"),
         _l("85–100 per cent of job starts are of an occupation (SSYK, 4 digits) no other start in the period "
            "shares (4: 70–84, 3: 60–69, 2: 50–59)"), True),
    Item("employer_diversity", _l("Diversity of employers"),
         _l("85–100 per cent of job starts are at an employer no other start in the period shares "
            "(4: 70–84, 3: 60–69, 2: 50–59)")),
    Item("competitive_jobs", _l("Competitive jobs"),
         _l("≥ 95 per cent of jobs are competitive (4: 85–94, 3: 75–84, 2: 65–74)"), True),
    Item("individualised_follow_along", _l("Individualised follow-along supports"),
         _l("support to the employee and the employer, shaped by what each needs"), True),
    Item("follow_along", _l("Time-unlimited follow-along supports"),
         _l("face-to-face contact within a week before a start, within 3 days after, weekly in the first month, "
            "then at least monthly; within 3 days of a job loss (score by the share of these parts met: "
            "4: 75 %, 3: 50 %, 2: 25 %)"), True),
    Item("community_based", _l("Community-based services"), _l("≥ 65 per cent of scheduled time spent out in the "
                                                              "community")),
    Item("assertive_engagement", _l("Assertive engagement"),
         _l("no discharge for missed appointments; outreach attempts documented"), True),
)}
MAX_TOTAL = MAX_SCORE * len(ITEMS)  # 125

# The bands of the total (IPS-25): the lowest total of each, best first.
BANDS = ((115, _l("exemplary fidelity")), (100, _l("good fidelity")), (74, _l("fair fidelity")),
         (0, _l("not IPS")))


def band(total: int) -> object:
    """The band of a full 125-point total: 115–125 exemplary, 100–114 good, 74–99 fair, ≤ 73 not IPS."""
    return next(label for lowest, label in BANDS if total >= lowest)


@dataclass
class Count:
    """What a measuring function found: value = numerator / denominator (× 100 for a percentage)."""

    numerator: float
    denominator: float
    explanation: str
    link: tuple[str, dict] = ("reports.fidelity", {})  # endpoint and arguments of the records behind it
    details: list = field(default_factory=list)  # rows an item shows under its figure (caseload: per specialist)


@dataclass(frozen=True)
class Measure:
    item: Item
    scale: Scale
    unit: object
    numerator: object  # what the numerator counts
    denominator: object  # … and the denominator
    percent: bool
    snapshot: bool  # measured on the period's last day (the caseload), not over the period
    count: Callable


MEASURES: dict[str, Measure] = {}


@dataclass
class Result:
    measure: Measure
    count: Count
    start: date
    end: date

    @property
    def item(self) -> Item:
        return self.measure.item

    @property
    def value(self) -> float | None:
        """None: nothing in the period to measure."""
        if not self.count.denominator:
            return None
        return round(self.count.numerator / self.count.denominator * (100 if self.measure.percent else 1), 1)

    @property
    def score(self) -> int | None:
        return self.measure.scale.score(self.value)

    @property
    def explanation(self) -> str:
        return self.count.explanation

    @property
    def link(self) -> tuple[str, dict]:
        return self.count.link


def measures(key: str, scale: Scale, unit, numerator, denominator, *, percent: bool = False,
             snapshot: bool = False):
    """Register the function that measures item `key` from the records: it takes (team, start, end) and
    returns a Count; called, it returns the item's Result."""
    def register(fn: Callable[..., Count]) -> Callable[..., Result]:
        def result(team, start: date, end: date) -> Result:
            return measure_result(MEASURES[key], team, start, end)

        if key in MEASURES:
            raise RuntimeError(f"two measures for {key}")
        MEASURES[key] = Measure(ITEMS[key], scale, unit, numerator, denominator, percent, snapshot, fn)
        result.__doc__, result.__name__ = fn.__doc__, fn.__name__
        return result

    return register


PERCENT = Scale((85, 70, 60, 50))


@dataclass
class Evidence:
    """An item that needs a human rating, and what the records say about it."""

    item: Item
    note: str | None = None

    @property
    def title(self):
        return self.item.title

    @property
    def anchor(self):
        return self.item.anchor

    @property
    def working(self) -> bool:
        return self.item.working


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

    @property
    def unscored(self) -> int:
        """Items of the 25 without a score: human ratings, and measured items with no data."""
        return len(ITEMS) - len(self.scored)

    @property
    def band(self):
        """The band, once all 25 items have a score; None until then."""
        return band(self.total) if not self.unscored else None


def _placements_export(start: date, end: date):
    return ("reports.export", {"kind": "placements", "start": start.isoformat(), "end": end.isoformat()})


def _contacts_export(start: date, end: date):
    return ("reports.export", {"kind": "contacts", "start": start.isoformat(), "end": end.isoformat()})


@dataclass(frozen=True)
class SpecialistCaseload:
    name: str
    active: int
    fraction: float
    per_fte: float


@measures("caseload", Scale((20, 25, 30, 40), higher=False), _l("participants per full-time post"),
          _l("active participants of the specialist with the largest caseload per full-time post"),
          _l("that specialist's employment rate (full time = 1)"), snapshot=True)
def caseload(team, start: date, end: date) -> Count:
    """The largest caseload per full-time post among the team's specialists today: the item is about the
    largest caseload, so one overloaded specialist is not hidden by an average."""
    loads = [load for load in specialist_loads(team) if load.active]
    rows = [SpecialistCaseload(load.specialist.name, load.active, load.fraction, load.per_fte)
            for load in sorted(loads, key=lambda load: (-load.per_fte, load.specialist.name))]
    active = sum(row.active for row in rows)
    posts = sum(row.fraction for row in rows)
    largest = rows[0] if rows else None
    explanation = _l("%(active)s active participants now, carried by %(people)s specialists in %(posts)s full-time "
                     "posts: %(average)s per full-time post on average. The largest, %(largest)s per full-time "
                     "post, is scored.", active=active, people=len(rows), posts=round(posts, 2),
                     average=round(active / posts, 1) if posts else 0, largest=largest.per_fte if largest else 0)
    return Count(largest.active if largest else 0, largest.fraction if largest else 0, explanation,
                 ("participants.index", {"status": "active"}), rows)


@measures("contact_frequency", Scale((6, 5, 4, 2)), _l("contacts per specialist per week"),
          _l("face-to-face employer contacts by the team's job specialists"),
          _l("job specialists × weeks in the period"))
def contact_frequency(team, start: date, end: date) -> Count:
    """Face-to-face employer contacts logged by the team's job specialists, per specialist per week."""
    specialists = db.session.scalars(select(User.id).where(
        User.team_id == team.id, User.active.is_(True), User.role == Role.JOB_SPECIALIST)).all()
    counts = face_to_face_counts(team.id, start, end)
    total = sum(counts.get(user_id, 0) for user_id in specialists)
    weeks = ((end - start).days + 1) / 7
    explanation = _l("%(total)s face-to-face contacts by %(people)s job specialists over %(weeks)s weeks.",
                     total=total, people=len(specialists), weeks=round(weeks, 1))
    return Count(total, round(len(specialists) * weeks, 2), explanation, _contacts_export(start, end))


@measures("rapid_job_search", Scale((30, 60, 150, 270), higher=False), _l("days on average"),
          _l("days from entry to the first employer contact on their behalf, added up"),
          _l("participants who entered in the period and have had one"))
def rapid_job_search(team, start: date, end: date) -> Count:
    """Days from programme entry to the first employer contact on the participant's behalf (the
    rapid-job-search clock of crm.participants.queries), for those who entered in the period."""
    entrants = db.session.execute(select(Participant.id, Participant.entered_on).where(
        Participant.team_id == team.id, Participant.entered_on.between(start, end))).all()
    firsts = first_employer_contacts([pid for pid, _ in entrants])
    days = [max(0, (firsts[pid] - entered).days) for pid, entered in entrants if pid in firsts]
    explanation = _l("%(with)s participants entered in the period and have had an employer contact on their "
                     "behalf; %(without)s have not yet.", **{"with": len(days), "without": len(entrants) - len(days)})
    return Count(sum(days), len(days), explanation, ("participants.index", {"status": "all"}))


@measures("individualised_search", Scale((90, 75, 50, 25)), "%",
          _l("job-development contacts with an employer in a wanted industry or occupation"),
          _l("job-development contacts for participants with coded wishes"), percent=True)
def individualised_search(team, start: date, end: date) -> Count:
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
    return Count(matched, judged, explanation, _contacts_export(start, end))


def _shared_by_none(keys: list) -> int:
    """How many of `keys` no other key in the list equals."""
    seen: dict = defaultdict(int)
    for key in keys:
        seen[key] += 1
    return sum(1 for key in keys if seen[key] == 1)


def _job_start_rows(team_id: int, start: date, end: date):
    """Job starts (≥ 4 hours a week, not work placements) begun in the period."""
    return db.session.execute(
        select(Placement.id, Placement.participant_id, Placement.started_on, Placement.ended_on,
               Placement.employer_id, Placement.partner_organisation_id, Placement.occupation_code,
               Placement.competitive, Participant.entered_on)
        .join(Participant, Participant.id == Placement.participant_id)
        .where(Placement.team_id == team_id, Placement.started_on.between(start, end),
               Placement.hours_per_week >= JOB_START_MIN_HOURS,
               Placement.employment_form != EmploymentForm.WORK_PLACEMENT)).all()


@measures("job_type_diversity", PERCENT, "%",
          _l("job starts in an occupation no other start in the period shares"),
          _l("job starts with an occupation code"), percent=True)
def job_type_diversity(team, start: date, end: date) -> Count:
    """Occupations compared by their SSYK unit group (the first four digits)."""
    codes = [s.occupation_code[:4] for s in _job_start_rows(team.id, start, end) if s.occupation_code]
    unique = _shared_by_none(codes)
    return Count(unique, len(codes), _l(
        "%(unique)s of %(starts)s job starts with an occupation code (SSYK, 4 digits) are in an occupation no "
        "other start shares (%(types)s different occupations).", unique=unique, starts=len(codes),
        types=len(set(codes))), _placements_export(start, end))


@measures("employer_diversity", PERCENT, "%", _l("job starts at an employer no other start in the period shares"),
          _l("job starts in the period"), percent=True)
def employer_diversity(team, start: date, end: date) -> Count:
    """The workplace is the employer, or the social enterprise for a job there."""
    workplaces = [(s.employer_id, s.partner_organisation_id) for s in _job_start_rows(team.id, start, end)]
    unique = _shared_by_none(workplaces)
    return Count(unique, len(workplaces), _l(
        "%(unique)s of %(starts)s job starts are at an employer no other start shares (%(employers)s different "
        "workplaces).", unique=unique, starts=len(workplaces), employers=len(set(workplaces))),
        _placements_export(start, end))


@measures("competitive_jobs", Scale((95, 85, 75, 65)), "%", _l("competitive job starts"),
          _l("job starts in the period"), percent=True)
def competitive_jobs(team, start: date, end: date) -> Count:
    """Competitive: open to anyone, at an ordinary wage (a wage subsidy does not change that)."""
    starts = _job_start_rows(team.id, start, end)
    competitive = sum(1 for s in starts if s.competitive)
    return Count(competitive, len(starts), _l(
        "%(competitive)s of %(starts)s job starts were competitive (open to anyone, ordinary wage).",
        competitive=competitive, starts=len(starts)), _placements_export(start, end))


@measures("benefits_counselling", Scale((100, 75, 50, 25)), "%",
          _l("job starts with a benefits-counselling session before the first day"), _l("job starts in the period"),
          percent=True)
def benefits_counselling(team, start: date, end: date) -> Count:
    """Job starts in the period whose participant had a benefits-counselling session between entering the
    programme and the first day of the job."""
    starts = _job_start_rows(team.id, start, end)
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
    return Count(counselled, len(starts), explanation, _placements_export(start, end))


FOLLOW_ALONG_MEET = 75  # a part of the pattern is met when it holds for at least this share of job starts


@measures("follow_along", Scale((100, 75, 50, 25)), "%", _l("parts of the pattern met"),
          _l("parts of the pattern that apply to the period's job starts and ends"), percent=True)
def follow_along(team, start: date, end: date) -> Count:
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
    return Count(met, len(assessable), explanation, _placements_export(start, end))


@measures("employment_service", Scale((90, 75, 50, 25)), "%",
          _l("share of the pattern met: monthly meetings and weekly contact with the AF case officer"),
          _l("the whole pattern for every participant with an AF case officer"), percent=True)
def employment_service(team, start: date, end: date) -> Count:
    """Collaboration with Arbetsförmedlingen, from the contacts logged in the participants' networks: months
    with a meeting and weeks with any contact, weighed equally (the network room holds the rule)."""
    found = af_collaboration(team.id, start, end)
    explanation = _l("%(people)s participants with an AF case officer: %(met)s of %(months)s months with a "
                     "meeting and %(weeks_met)s of %(weeks)s weeks with a contact, summed over them.",
                     people=found.participants, met=found.months_met, months=found.months * found.participants,
                     weeks_met=found.weeks_contacted, weeks=found.weeks * found.participants)
    if found.percent is None:
        return Count(0, 0, explanation)
    return Count(found.percent, 100, explanation)


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
    """Every measured item for the team and period, and the items that need a human rating."""
    results = [measure_result(MEASURES[key], team, start, end) for key in ITEMS if key in MEASURES]
    human = [Evidence(item) for key, item in ITEMS.items() if key not in MEASURES]
    for evidence in human:
        if evidence.item.key == "disclosure":
            evidence.note = disclosure_evidence(team)
    return FidelityReport(start, end, results, human)


def measure_result(measure: Measure, team, start: date, end: date) -> Result:
    """A snapshot item (the caseload) is measured today, whatever the period."""
    if measure.snapshot:
        start = end = clock.today()
    return Result(measure, measure.count(team, start, end), start, end)
