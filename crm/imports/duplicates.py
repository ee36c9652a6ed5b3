"""Possible duplicates. The same organisation number is the same employer (the register enforces it);
without one, a similar name in the same municipality may be the same employer.

Names are compared on a normalised form (lower case, punctuation and legal-form words such as AB,
HB, KB, ek. för. removed, å/ä/ö kept) with RapidFuzz: the better of the plain edit-distance ratio
(typos: "Kafé"/"Café") and the token sort ratio (word order: "Nyköpings Bygg"/"Bygg Nyköping"). Two employers with
different organisation numbers are different legal persons and never a possible duplicate.
"""
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy import func, select

from ..core.clock import utcnow
from ..employers.models import Employer, municipality_key
from ..extensions import db
from .models import DuplicateDismissal

SCORE_CUTOFF = 88  # 0–100; typos and word order pass, "ICA Maxi" against "ICA Kvantum" does not
_LEGAL_FORM = re.compile(r"\b(?:ek för|ekonomisk förening|aktiebolag|handelsbolag|kommanditbolag|ab|hb|kb|publ)\b")


def name_key(name: str) -> str:
    """The name as compared for duplicates; never empty for a non-empty name."""
    text = " ".join(re.sub(r"[\W_]+", " ", name.lower()).split())
    stripped = " ".join(_LEGAL_FORM.sub(" ", text).split())
    return stripped or text


def scores(names: list[str], others: list[str]) -> np.ndarray:
    """How alike each normalised name is to each other one, 0–100 (below SCORE_CUTOFF as 0)."""
    return np.maximum(*(process.cdist(names, others, scorer=scorer, score_cutoff=SCORE_CUTOFF, dtype=np.uint8)
                        for scorer in (fuzz.ratio, fuzz.token_sort_ratio)))


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    key: str
    has_organisation_number: bool


class NameIndex:
    """A team's active employers by municipality, loaded once, to check many names against them."""

    def __init__(self, rows: Iterable[tuple[int, str, str | None, str | None]]):
        self._by_place: dict[str, list[Candidate]] = defaultdict(list)
        for employer_id, name, municipality, number in rows:
            place = municipality_key(municipality)
            if place:
                self._by_place[place].append(Candidate(employer_id, name, name_key(name), number is not None))

    @classmethod
    def for_team(cls, team_id: int) -> "NameIndex":
        return cls(db.session.execute(
            select(Employer.id, Employer.name, Employer.municipality, Employer.organisation_number)
            .where(Employer.team_id == team_id, Employer.archived_at.is_(None), Employer.municipality.is_not(None))
        ))

    def similar(self, name: str, municipality: str | None, without_number_only: bool = False,
                limit: int = 5) -> list[tuple[Candidate, float]]:
        """Employers in the same municipality whose name is close, best first. With an organisation
        number at hand only employers without one can be the same (`without_number_only`)."""
        candidates = self._by_place.get(municipality_key(municipality), [])
        if without_number_only:
            candidates = [c for c in candidates if not c.has_organisation_number]
        if not candidates:
            return []
        row = scores([name_key(name)], [c.key for c in candidates])[0]
        best = sorted(np.nonzero(row)[0], key=lambda i: -int(row[i]))[:limit]
        return [(candidates[i], float(row[i])) for i in best]


def similar_employers(team_id: int, name: str, municipality: str | None) -> list[tuple[Employer, float]]:
    """For the new-employer form: the team's employers that a new one without an organisation
    number may duplicate."""
    place = municipality_key(municipality)
    if not place or not name:
        return []
    index = NameIndex(db.session.execute(
        select(Employer.id, Employer.name, Employer.municipality, Employer.organisation_number)
        .where(Employer.team_id == team_id, Employer.archived_at.is_(None),
               func.lower(Employer.municipality) == place)
    ))
    found = index.similar(name, municipality)
    employers = {e.id: e for e in db.session.scalars(select(Employer).where(Employer.id.in_([c.id for c, _ in found])))}
    return [(employers[c.id], value) for c, value in found]


@dataclass(frozen=True)
class Pair:
    first: Employer
    second: Employer
    score: float


def possible_duplicate_pairs(team_id: int, limit: int = 200) -> list[Pair]:
    """Pairs of the team's active employers that may be one employer, most alike first, without the
    pairs a team lead has ruled out. One query for the names, one matrix per municipality, one query
    for the employers shown."""
    groups: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    for employer_id, name, municipality, number in db.session.execute(
        select(Employer.id, Employer.name, Employer.municipality, Employer.organisation_number)
        .where(Employer.team_id == team_id, Employer.archived_at.is_(None), Employer.municipality.is_not(None))
    ):
        groups[municipality_key(municipality)].append((employer_id, name_key(name), number is not None))
    dismissed = set(db.session.execute(
        select(DuplicateDismissal.first_id, DuplicateDismissal.second_id).where(DuplicateDismissal.team_id == team_id)
    ))
    found: list[tuple[float, int, int]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        keys = [key for _, key, _ in members]
        matrix = scores(keys, keys)
        for i, j in zip(*np.nonzero(np.triu(matrix, k=1)), strict=True):
            (a, _, a_numbered), (b, _, b_numbered) = members[i], members[j]
            pair = (min(a, b), max(a, b))
            if not (a_numbered and b_numbered) and pair not in dismissed:
                found.append((float(matrix[i, j]), *pair))
    found.sort(key=lambda item: -item[0])
    found = found[:limit]
    employers = {e.id: e for e in db.session.scalars(
        select(Employer).where(Employer.id.in_({i for _, a, b in found for i in (a, b)})))}
    return [Pair(employers[a], employers[b], value) for value, a, b in found]


def dismiss_pair(team_id: int, user, a: Employer, b: Employer) -> None:
    """Record that two employers are not the same, so the pair is not offered again."""
    first, second = sorted((a.id, b.id))
    exists = db.session.scalar(select(DuplicateDismissal.id).where(DuplicateDismissal.first_id == first,
                                                                   DuplicateDismissal.second_id == second))
    if exists is None:
        db.session.add(DuplicateDismissal(team_id=team_id, first_id=first, second_id=second,
                                          dismissed_by_id=user.id, dismissed_at=utcnow()))
        db.session.flush()
