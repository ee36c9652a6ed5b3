"""Figures and dates in the reader's language, one style per context: the template filters every page,
chart, e-mail and print view uses, so nobody formats a number or a date by hand.

Swedish: 15,5 · 71,4 % · 22 500 kr · 5 dec. 2026 in text · 2026-12-05 in tables · v. 49.
English: 15.5 · 71.4% · 22,500 SEK · Dec 5, 2026 in text · 2026-12-05 in tables · week 49.
"""
from datetime import date, datetime

from flask import Flask
from flask_babel import format_currency, format_date, format_decimal, format_percent, get_locale, gettext


def number(value, digits: int = 1) -> str:
    """A count or a measure: grouped thousands, at most `digits` decimals (none shown when zero)."""
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0" + ("." + "#" * digits if digits else ""))


def percent(value, digits: int = 1) -> str:
    """`value` is already a percentage (71.4 → "71,4 %")."""
    if value is None:
        return "—"
    pattern = get_locale().percent_formats[None].pattern  # "#,##0 %" in Swedish, "#,##0%" in English
    return format_percent(value / 100, format=pattern.replace("0", "0." + "#" * digits, 1) if digits else pattern)


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


def week(value: date) -> str:
    """An ISO week: v. 49 / week 49."""
    return gettext("week %(num)s", num=value.isocalendar().week)


def csv_number(value, digits: int = 1) -> str:
    """A figure for a spreadsheet in the reader's language: a decimal comma in Swedish, no grouping."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return format_decimal(round(value, digits), format="0." + "#" * digits)


FILTERS = {"number": number, "percent": percent, "money": money, "text_date": text_date,
           "table_date": table_date, "week": week}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
