"""Preference-led matching of people and jobs (IPS principle 4: preferences rule).

One set of rules, evaluated column-wise with numpy so that a person can be ranked against
thousands of jobs, or a job against a team's people, in milliseconds:
- hard constraints exclude (hours, days and times, municipality, environments or tasks to avoid,
  disclosure against jobs that need the employer to know);
- soft preferences score (occupation and industry, tasks liked, environment, wage, hours);
- skills and experience only break ties.
Results carry their reasons as codes (`Reason`), which `labels.describe` turns into plain words.
"""
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

# Score weights: occupation leads, as the participant's own choice of work.
OCCUPATION, OCCUPATION_NEAR, INDUSTRY, TASK_LIKED, ENVIRONMENT, WAGE, HOURS = 40, 20, 15, 10, 5, 10, 5
MAX_TASKS_LIKED = 2
HARD_CONSTRAINTS = ("disclosure", "hours_too_many", "hours_too_few", "evenings", "weekends", "weekdays",
                    "municipality", "setting", "lively", "people_high", "physical_high", "task_avoided")
# What each wanted environment fits best in a job's terms; opposites are hard constraints.
ENVIRONMENT_FITS = {
    "setting": {"indoor": "indoor", "outdoor": "outdoor"},
    "sound": {"quiet": "quiet", "lively": "lively"},
    "people": {"much": "high", "some": "medium", "little": "low"},
    "physical": {"wanted": "high", "light": "low", "avoid": "low"},
}

# What a `Job` is: an employer's opening or a social enterprise's listing. Ids are unique per kind,
# so a job is known by (kind, id) and both kinds are ranked together in one table.
OPENING, LISTING, LEAD = "opening", "listing", "lead"  # a lead: a job ad from Platsbanken (crm/leads)

_WORD = re.compile(r"\w{4,}")
_SPLIT = re.compile(r"[,;\n]+")


def phrases(text: str | None) -> tuple[str, ...]:
    """Free-text lists ("disk, kassa; städning") as lower-case phrases."""
    return tuple(p.strip().lower() for p in _SPLIT.split(text or "") if len(p.strip()) >= 3)


def words(text: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall((text or "").lower()))


@dataclass(frozen=True, slots=True)
class Job:
    """An opening or a partner listing as matching sees it."""

    id: int
    employer_id: int | None
    text: str  # title and tasks, lower case
    occupation: str | None = None  # SSYK 2012, four digits
    industry: str | None = None  # SNI division, two digits
    hours_min: int | None = None
    hours_max: int | None = None
    weekdays: bool = True
    evenings: bool = False
    weekends: bool = False
    municipality: str | None = None
    setting: str | None = None  # indoor, outdoor, both
    sound: str | None = None  # quiet, mixed, lively
    people: str | None = None  # low, medium, high
    physical: str | None = None  # low, medium, high
    wage: int | None = None
    requires_disclosure: bool = False
    kind: str = OPENING


@dataclass(frozen=True, slots=True)
class Seeker:
    """A participant's preferences as matching sees them."""

    id: int
    hours_min: int | None = None
    hours_max: int | None = None
    weekdays: bool = True
    evenings: bool = False
    weekends: bool = False
    municipalities: frozenset[str] = frozenset()
    setting: str = "either"  # indoor, outdoor, either
    sound: str = "either"  # quiet, lively, either
    people: str = "either"  # much, some, little, either
    physical: str = "either"  # wanted, light, avoid, either
    wage_floor: int | None = None
    occupations: frozenset[str] = frozenset()
    industries: frozenset[str] = frozenset()
    liked: tuple[str, ...] = ()
    avoided: tuple[str, ...] = ()  # tasks avoided and other must-avoids
    experience: frozenset[str] = frozenset()  # words from skills and past roles: tie-breaks only
    # Disclosure "none": by default toward every employer, or as an override toward some; an
    # override that allows disclosure lifts the default for that employer.
    no_disclosure_by_default: bool = False
    no_disclosure_employers: frozenset[int] = frozenset()
    disclosure_employers: frozenset[int] = frozenset()
    minor_groups: frozenset[str] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "minor_groups", frozenset(code[:3] for code in self.occupations))


Reason = tuple[str, str | None]  # (code, detail shown with it, such as the task named)


@dataclass(frozen=True, slots=True)
class Match:
    job_id: int
    seeker_id: int
    score: int
    tiebreak: int
    met: tuple[Reason, ...]
    missed: tuple[Reason, ...]
    job_kind: str = OPENING


@dataclass(frozen=True, slots=True)
class Exclusion:
    job_id: int
    seeker_id: int
    reason: Reason
    job_kind: str = OPENING


def _numbers(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _strings(values) -> np.ndarray:
    """Fixed-width text columns: compared element-wise in C, unlike Python objects."""
    return np.array([v or "" for v in values], dtype=str)


class JobTable:
    """Jobs as columns; build once per request (or per recomputation) and rank against it."""

    def __init__(self, jobs: Sequence[Job]):
        self.items = list(jobs)
        self.id = np.array([j.id for j in jobs], dtype=np.int64)
        self.kind = _strings(j.kind for j in jobs)
        self.employer_id = _numbers(j.employer_id for j in jobs)
        self.text = [j.text for j in jobs]
        self.occupation = _strings(j.occupation for j in jobs)
        self.minor = _strings((j.occupation or "")[:3] for j in jobs)
        self.industry = _strings(j.industry for j in jobs)
        self.hours_min = _numbers(j.hours_min for j in jobs)
        self.hours_max = _numbers(j.hours_max for j in jobs)
        self.weekdays = np.array([j.weekdays for j in jobs], dtype=bool)
        self.evenings = np.array([j.evenings for j in jobs], dtype=bool)
        self.weekends = np.array([j.weekends for j in jobs], dtype=bool)
        self.municipality = _strings(j.municipality for j in jobs)
        self.setting = _strings(j.setting for j in jobs)
        self.sound = _strings(j.sound for j in jobs)
        self.people = _strings(j.people for j in jobs)
        self.physical = _strings(j.physical for j in jobs)
        self.wage = _numbers(j.wage for j in jobs)
        self.requires_disclosure = np.array([j.requires_disclosure for j in jobs], dtype=bool)
        self._phrase_masks: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.items)

    @cached_property
    def words(self) -> list[frozenset[str]]:
        return [words(text) for text in self.text]

    @cached_property
    def word_index(self) -> dict[str, np.ndarray]:
        """Which jobs mention each word: experience tie-breaks add up a few of these."""
        index: dict[str, list[int]] = {}
        for row, found in enumerate(self.words):
            for word in found:
                index.setdefault(word, []).append(row)
        return {word: np.array(rows, dtype=np.int64) for word, rows in index.items()}

    def shared_words(self, experience: frozenset[str]) -> np.ndarray:
        counts = np.zeros(len(self), dtype=np.int64)
        for word in experience:
            rows = self.word_index.get(word)
            if rows is not None:
                counts[rows] += 1
        return counts

    def phrase_count(self, phrase_lists: list[tuple[str, ...]], cap: int | None = None) -> np.ndarray:
        """How many of the phrases each job's text contains (cached per phrase across people)."""
        (found,) = phrase_lists  # one person's phrases against every job
        total = np.zeros(len(self), dtype=np.int64)
        for phrase in found:
            mask = self._phrase_masks.get(phrase)
            if mask is None:
                mask = self._phrase_masks[phrase] = np.fromiter((phrase in t for t in self.text), bool, len(self))
            total += mask
        return np.minimum(total, cap) if cap else total


class SeekerTable:
    """People as columns."""

    def __init__(self, seekers: Sequence[Seeker]):
        self.items = list(seekers)
        self.id = np.array([s.id for s in seekers], dtype=np.int64)
        self.hours_min = _numbers(s.hours_min for s in seekers)
        self.hours_max = _numbers(s.hours_max for s in seekers)
        self.weekdays = np.array([s.weekdays for s in seekers], dtype=bool)
        self.evenings = np.array([s.evenings for s in seekers], dtype=bool)
        self.weekends = np.array([s.weekends for s in seekers], dtype=bool)
        self.municipalities = [s.municipalities for s in seekers]
        self.setting = _strings(s.setting for s in seekers)
        self.sound = _strings(s.sound for s in seekers)
        self.people = _strings(s.people for s in seekers)
        self.physical = _strings(s.physical for s in seekers)
        self.wage_floor = _numbers(s.wage_floor for s in seekers)
        self.occupations = [s.occupations for s in seekers]
        self.minor_groups = [s.minor_groups for s in seekers]
        self.industries = [s.industries for s in seekers]
        self.liked = [s.liked for s in seekers]
        self.avoided = [s.avoided for s in seekers]
        self.experience = [s.experience for s in seekers]
        self.no_disclosure_employers = [s.no_disclosure_employers for s in seekers]
        self.no_disclosure_by_default = np.array([s.no_disclosure_by_default for s in seekers], dtype=bool)
        self.disclosure_employers = [s.disclosure_employers for s in seekers]

    def __len__(self) -> int:
        return len(self.items)


def _member(sets: list[frozenset], values: np.ndarray) -> np.ndarray:
    """Element-wise `value in set`: one set against many values, or one value against many sets."""
    if len(sets) == 1:
        (members,) = sets
        return np.isin(values, list(members)) if members else np.zeros(len(values), dtype=bool)
    value = values[0].item()
    return np.fromiter((value in members for members in sets), bool, len(sets))


def _phrases_in(table: JobTable, seekers: SeekerTable, lists: list, cap: int | None = None) -> np.ndarray:
    if len(seekers) == 1:
        return table.phrase_count(lists, cap)
    (text,) = table.text
    counts = np.fromiter((sum(p in text for p in found) for found in lists), np.int64, len(lists))
    return np.minimum(counts, cap) if cap else counts


@dataclass
class Evaluation:
    """Every criterion for every pair of one side against the other (one side has a single item)."""

    score: np.ndarray
    tiebreak: np.ndarray
    excluded: np.ndarray
    first_hard: np.ndarray  # index into HARD_CONSTRAINTS of the first one broken
    soft: dict[str, tuple[np.ndarray, np.ndarray]]  # code -> (met, missed)


def evaluate(s: SeekerTable, j: JobTable) -> Evaluation:
    """Apply the rules column-wise; one of the two tables has exactly one row (it broadcasts)."""
    with np.errstate(invalid="ignore"):
        no_disclosure = (s.no_disclosure_by_default & ~_member(s.disclosure_employers, j.employer_id)) | _member(
            s.no_disclosure_employers, j.employer_id)
        offered_municipality = j.municipality != ""
        in_municipalities = _member(s.municipalities, j.municipality)
        wants_municipalities = np.array([bool(m) for m in s.municipalities], dtype=bool)
        hard = np.stack(np.broadcast_arrays(
            j.requires_disclosure & no_disclosure,
            j.hours_min > s.hours_max,
            j.hours_max < s.hours_min,
            j.evenings & ~s.evenings,
            j.weekends & ~s.weekends,
            j.weekdays & ~s.weekdays & ~(j.evenings | j.weekends),
            wants_municipalities & offered_municipality & ~in_municipalities,
            ((s.setting == "indoor") & (j.setting == "outdoor")) | ((s.setting == "outdoor") & (j.setting == "indoor")),
            (s.sound == "quiet") & (j.sound == "lively"),
            (s.people == "little") & (j.people == "high"),
            ((s.physical == "avoid") | (s.physical == "light")) & (j.physical == "high"),
            _phrases_in(j, s, s.avoided) > 0,
        ))
        excluded = hard.any(axis=0)
        first_hard = hard.argmax(axis=0)

        soft: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        has_occupations = np.array([bool(o) for o in s.occupations], dtype=bool)
        occupation = has_occupations & _member(s.occupations, j.occupation)
        near = has_occupations & ~occupation & _member(s.minor_groups, j.minor) & (j.minor != "")
        soft["occupation"] = (occupation, has_occupations & ~occupation & ~near)
        soft["occupation_near"] = (near, np.zeros_like(near))
        has_industries = np.array([bool(i) for i in s.industries], dtype=bool)
        industry = has_industries & _member(s.industries, j.industry)
        soft["industry"] = (industry, has_industries & ~industry)
        liked = _phrases_in(j, s, s.liked, cap=MAX_TASKS_LIKED)
        score = OCCUPATION * occupation + OCCUPATION_NEAR * near + INDUSTRY * industry + TASK_LIKED * liked
        for code, fits in ENVIRONMENT_FITS.items():
            wanted, offered = getattr(s, code), getattr(j, code)
            target = np.array([fits.get(w, "") for w in wanted.tolist()], dtype=str)
            active = (wanted != "either") & (offered != "")
            fit = active & (target == offered)
            soft[code] = (fit, active & ~fit)
            score = score + ENVIRONMENT * fit
        wage_known = (s.wage_floor > 0) & ~np.isnan(j.wage)
        wage = wage_known & (j.wage >= s.wage_floor)
        soft["wage"] = (wage, wage_known & ~wage)
        hours_known = (~np.isnan(s.hours_min) | ~np.isnan(s.hours_max)) & ~np.isnan(j.hours_min) & ~np.isnan(
            j.hours_max)
        low, high = np.nan_to_num(s.hours_min, nan=0), np.nan_to_num(s.hours_max, nan=168)
        hours = hours_known & (low <= j.hours_min) & (j.hours_max <= high)
        soft["hours"] = (hours, np.zeros_like(hours))
        score = score + WAGE * wage + HOURS * hours

    if len(s) == 1:
        tiebreak = j.shared_words(s.experience[0])
    else:
        (job_words,) = j.words
        tiebreak = np.fromiter((len(e & job_words) for e in s.experience), np.int64, len(s))
    n = max(len(s), len(j))
    return Evaluation(np.broadcast_to(score, n), np.broadcast_to(tiebreak, n), np.broadcast_to(excluded, n),
                      np.broadcast_to(first_hard, n),
                      {code: tuple(np.broadcast_to(a, n) for a in pair) for code, pair in soft.items()})


class Ranking:
    """The result of ranking one side against the other: matches best first, and exclusions."""

    def __init__(self, seekers: SeekerTable, jobs: JobTable):
        self.seekers, self.jobs = seekers, jobs
        self.by_job = len(seekers) == 1
        self.result = evaluate(seekers, jobs)
        r = self.result
        ids = jobs.id if self.by_job else seekers.id
        kinds = jobs.kind if self.by_job else np.zeros(len(ids))
        candidates = np.flatnonzero(~r.excluded)
        order = np.lexsort((ids[candidates], kinds[candidates], -r.tiebreak[candidates], -r.score[candidates]))
        self.order = candidates[order]
        self.excluded_index = np.flatnonzero(r.excluded)

    def __len__(self) -> int:
        return len(self.order)

    def matches(self, limit: int | None = None) -> list[Match]:
        return [self._match(i) for i in self.order[:limit]]

    def exclusions(self) -> list[Exclusion]:
        return [self._exclusion(i) for i in self.excluded_index]

    def excluded_counts(self) -> dict[str, int]:
        codes = np.array(HARD_CONSTRAINTS)[self.result.first_hard[self.excluded_index]].tolist()
        return {code: codes.count(code) for code in HARD_CONSTRAINTS if code in codes}

    def _exclusion(self, i: int) -> Exclusion:
        seeker, job = self._items(i)
        return Exclusion(job.id, seeker.id, self._hard_reason(i), job.kind)

    def _items(self, i: int) -> tuple[Seeker, Job]:
        return self.seekers.items[0 if self.by_job else i], self.jobs.items[i if self.by_job else 0]

    def _hard_reason(self, i: int) -> Reason:
        seeker, job = self._items(i)
        code = HARD_CONSTRAINTS[self.result.first_hard[i]]
        detail = {"municipality": job.municipality,
                  "task_avoided": next((p for p in seeker.avoided if p in job.text), None)}.get(code)
        return code, detail

    def _match(self, i: int) -> Match:
        seeker, job = self._items(i)
        details = {"occupation": job.occupation, "occupation_near": job.occupation, "industry": job.industry,
                   "setting": seeker.setting, "sound": seeker.sound, "people": seeker.people,
                   "physical": seeker.physical}
        met: list[Reason] = []
        missed: list[Reason] = []
        for code, (yes, no) in self.result.soft.items():
            if yes[i]:
                met.append((code, details.get(code)))
            elif no[i]:
                missed.append((code, details.get(code)))
            if code == "industry":  # liked tasks read best right after occupation and industry
                met.extend(("task_liked", p) for p in [p for p in seeker.liked if p in job.text][:MAX_TASKS_LIKED])
        return Match(job.id, seeker.id, int(self.result.score[i]), int(self.result.tiebreak[i]),
                     tuple(met), tuple(missed), job.kind)


def rank_jobs(seeker: Seeker, jobs: JobTable | Sequence[Job]) -> Ranking:
    """Jobs for one person: best first; ties broken by experience, then by kind and id (deterministic)."""
    return Ranking(SeekerTable([seeker]), jobs if isinstance(jobs, JobTable) else JobTable(jobs))


def rank_seekers(job: Job, seekers: SeekerTable | Sequence[Seeker]) -> Ranking:
    """People for one job, best first."""
    return Ranking(seekers if isinstance(seekers, SeekerTable) else SeekerTable(seekers), JobTable([job]))


def assess(seeker: Seeker, job: Job) -> Match | Exclusion:
    """Judge one pairing, with its reasons."""
    ranking = rank_jobs(seeker, [job])
    return ranking.matches()[0] if len(ranking) else ranking.exclusions()[0]
