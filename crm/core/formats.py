"""Figures and dates in the reader's language, one style per context: the template filters every page,
chart, e-mail and print view uses, so nobody formats a number or a date by hand.

Swedish: 15,5 · 71,4 % · 22 500 kr · 5 dec. 2026 in text · 2026-12-05 in tables · 5 dec. in short
lists · lördag 5 december 2026 in headings · 5 dec. 2026 14:30 for a moment · nov. 2026 · v. 49.
English: 15.5 · 71.4% · 22,500 SEK · Dec 5, 2026 · 2026-12-05 · Dec 5 · Saturday, December 5, 2026 ·
Dec 5, 2026 2:30 PM · Nov 2026 · week 49.
"""
from datetime import date, datetime

from babel.dates import format_skeleton
from flask import Flask
from flask_babel import (
    format_currency,
    format_date,
    format_decimal,
    format_percent,
    format_time,
    get_locale,
    gettext,
    to_user_timezone,
)


def number(value, digits: int = 1) -> str:
    """A count or a measure: grouped thousands, at most `digits` decimals (none shown when zero)."""
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0" + _decimals(digits))


def percent(value, digits: int = 1) -> str:
    """`value` is already a percentage (71.4 → "71,4 %")."""
    if value is None:
        return "—"
    pattern = get_locale().percent_formats[None].pattern  # "#,##0 %" in Swedish, "#,##0%" in English
    return format_percent(value / 100, format=pattern.replace("0", "0" + _decimals(digits), 1))


def money(value) -> str:
    """Swedish kronor, whole crowns."""
    if value is None:
        return "—"
    return format_currency(value, "SEK", format="#,##0\xa0¤", currency_digits=False)


def text_date(value: date | datetime | None) -> str:
    """A date in running text: 5 dec. 2026."""
    return format_date(value, "medium") if value else "—"


def table_date(value: date | datetime | None) -> str:
    """A date in a table column, sortable by eye: 2026-12-05 (as Swedes write it, in both languages)."""
    return format_date(value, "yyyy-MM-dd") if value else "—"


def day_date(value: date | datetime | None, weekday: bool = False) -> str:
    """A date in a short list where the year goes without saying: 5 dec. / lör 5 dec."""
    return _skeleton("MMMEd" if weekday else "MMMd", value) if value else "—"


def long_date(value: date | datetime | None, year: bool = True) -> str:
    """A date as a heading: lördag 5 december 2026."""
    if not value:
        return "—"
    if year:
        return format_date(value, "full")
    return gettext("%(weekday)s, %(date)s", weekday=format_date(value, "EEEE"), date=_skeleton("MMMMd", value))


def text_datetime(value: datetime | None) -> str:
    """A moment in the reader's time zone: 5 dec. 2026 14:30."""
    return f"{format_date(value, 'medium')} {format_time(value, 'short')}" if value else "—"


def month(value: date) -> str:
    """A month as a chart label: nov. 2026 / Nov 2026."""
    return _skeleton("yMMM", value)


def week(value: date) -> str:
    """An ISO week: v. 49 / week 49."""
    return gettext("week %(num)s", num=value.isocalendar().week)


def csv_number(value, digits: int = 1) -> str:
    """A figure for a spreadsheet in the reader's language: Swedish spreadsheets read a decimal comma, and
    grouped thousands would turn a number into text."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return format_decimal(round(value, digits), format="0" + _decimals(digits))


def _decimals(digits: int) -> str:
    """The pattern's optional decimals: ".#" for one, "" for none."""
    return "." + "#" * digits if digits else ""


def _skeleton(skeleton: str, value: date | datetime) -> str:
    """Babel's skeletons pick the locale's own order ("5 dec." / "Dec 5"); Flask-Babel has no wrapper, so
    the reader's time zone and locale are applied here."""
    return format_skeleton(skeleton, to_user_timezone(value) if isinstance(value, datetime) else value,
                           locale=get_locale())


FILTERS = {"number": number, "percent": percent, "money": money, "text_date": text_date,
           "table_date": table_date, "day_date": day_date, "long_date": long_date, "text_datetime": text_datetime,
           "month": month, "week": week}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
