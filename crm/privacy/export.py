"""A copy of everything held about one participant: JSON for machines (every column of every
record) and a readable page for the person (the columns that say something to them, in words)."""
import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from sqlalchemy import inspect as sa_inspect

from ..contacts import labels as contact_labels
from ..extensions import db
from ..followup import labels as followup_labels
from ..matching import labels as matching_labels
from ..participants import labels as participant_labels
from ..partners import labels as partner_labels
from ..placements import labels as placement_labels
from ..subsidies import labels as subsidy_labels
from .inventory import HOLDINGS

_LABEL_MODULES = (contact_labels, followup_labels, matching_labels, participant_labels, partner_labels,
                  placement_labels, subsidy_labels)


def _enum_labels() -> dict[type, dict]:
    """The words each room shows for its fixed choices, found by enum class (its `*_LABELS` dicts)."""
    found: dict[type, dict] = {}
    for module in _LABEL_MODULES:
        for name, value in vars(module).items():
            if name.endswith("LABELS") and isinstance(value, dict) and value:
                first = next(iter(value))
                if isinstance(first, enum.Enum):
                    found.setdefault(type(first), value)
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _rows(holding, participant_id: int) -> list:
    return db.session.scalars(holding.rows(participant_id)).all()


def as_json(participant, now: datetime) -> dict:
    sections = {}
    for holding in HOLDINGS:
        columns = [attr.key for attr in sa_inspect(holding.model).column_attrs]
        sections[holding.key] = [{key: _plain(getattr(row, key)) for key in columns}
                                 for row in _rows(holding, participant.id)]
    return {"participant_id": participant.id, "exported_at": now.isoformat(), "records": sections}


@dataclass(frozen=True)
class Section:
    title: str
    headers: list[str]
    rows: list[list[str]]


def readable(participant) -> list[Section]:
    labels = _enum_labels()
    sections = []
    for holding in HOLDINGS:
        if not holding.shown:
            continue
        rows = [[_words(_attribute(row, path), labels) for path in holding.shown]
                for row in _rows(holding, participant.id)]
        sections.append(Section(str(holding.title), [str(label) for label in holding.shown.values()], rows))
    return sections


def _attribute(row, path: str) -> Any:
    for name in path.split("."):
        row = getattr(row, name) if row is not None else None
    return row


def _words(value: Any, labels: dict[type, dict]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, enum.Enum):
        return str(labels.get(type(value), {}).get(value, value.value))
    if isinstance(value, datetime):
        return format_datetime(value, "short")
    if isinstance(value, date):
        return format_date(value)
    return str(value)
