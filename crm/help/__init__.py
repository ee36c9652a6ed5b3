"""Help for users: the glossary of the method's terms, one term per concept in each language."""
import csv
import re
from dataclasses import dataclass
from functools import cache

from flask import Blueprint

from ..reference import DATA

bp = Blueprint("help", __name__, url_prefix="/help")


@dataclass(frozen=True)
class Term:
    key: str
    sv: str
    en: str
    sv_definition: str
    en_definition: str
    avoid_sv: re.Pattern | None  # Swedish variants the glossary rules out (a test checks the catalogue)

    def name(self, language: str) -> str:
        return self.sv if language == "sv" else self.en

    def definition(self, language: str) -> str:
        return self.sv_definition if language == "sv" else self.en_definition


@cache
def glossary() -> tuple[Term, ...]:
    with open(DATA / "glossary.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            Term(row["key"], row["sv"], row["en"], row["sv_definition"], row["en_definition"],
                 re.compile(row["avoid_sv"], re.IGNORECASE) if row["avoid_sv"] else None)
            for row in csv.DictReader(handle)
        )
