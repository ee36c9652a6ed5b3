"""Code lists shipped with the app: SNI 2007 industries, SSYK 2012 occupations, Sweden's municipalities."""
import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def sni_divisions() -> dict[str, dict[str, str]]:
    """{'56': {'sv': 'Restaurang-, catering- och barverksamhet', 'en': '…'}, …}"""
    with open(DATA / "sni_divisions.csv", encoding="utf-8", newline="") as handle:
        return {row["code"]: {"sv": row["sv"], "en": row["en"]} for row in csv.DictReader(handle)}


@cache
def ssyk_groups() -> dict[str, dict[str, str]]:
    """{'5120': {'sv': 'Kockar och kallskänkor', 'en': 'Cooks'}, …}: SSYK 2012 unit groups."""
    with open(DATA / "ssyk_groups.csv", encoding="utf-8", newline="") as handle:
        return {row["code"]: {"sv": row["sv"], "en": row["en"]} for row in csv.DictReader(handle)}


@cache
def municipalities() -> tuple[str, ...]:
    return tuple(line.strip() for line in (DATA / "municipalities.txt").read_text("utf-8").splitlines() if line.strip())


@cache
def municipality_codes() -> dict[str, str]:
    """{'0480': 'Nyköping', …}: SCB's four-digit codes, as Platsbanken's ads and searches use them."""
    with open(DATA / "municipality_codes.csv", encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def municipality_code(name: str | None) -> str | None:
    """The code of a municipality named as the app names them (case and spaces forgiven)."""
    key = " ".join((name or "").lower().split())
    return next((code for code, known in municipality_codes().items() if known.lower() == key), None)


def industry_name(sni_code: str | None, language: str) -> str | None:
    if not sni_code:
        return None
    division = sni_divisions().get(sni_code[:2])
    return division[language if language in division else "en"] if division else None


def occupation_name(code: str | None, language: str) -> str | None:
    if not code:
        return None
    group = ssyk_groups().get(code.strip())
    return group[language if language in group else "en"] if group else None
