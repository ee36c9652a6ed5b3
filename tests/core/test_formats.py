"""Figures and dates read the same way on every page: Swedish decimal commas and spaced thousands,
English points and commas, one date style in text and one in tables."""
import re
from datetime import date
from pathlib import Path

import pytest
from flask_babel import force_locale

from crm.core import formats

DAY = date(2026, 12, 5)
TEMPLATES = Path(formats.__file__).parents[1] / "templates"


@pytest.mark.parametrize("locale, expected", [
    ("sv", ("15,5", "22\xa0500", "71,4\xa0%", "22\xa0500\xa0kr", "5 dec. 2026", "2026-12-05", "v. 49", "30,5")),
    ("en", ("15.5", "22,500", "71.4%", "22,500\xa0SEK", "Dec 5, 2026", "2026-12-05", "week 49", "30.5")),
])
def test_each_figure_and_date_in_the_readers_language(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        got = (formats.number(15.5), formats.number(22500), formats.percent(71.42), formats.money(22500),
               formats.text_date(DAY), formats.table_date(DAY), formats.week(DAY), formats.csv_number(30.5))
    assert got == expected


@pytest.mark.parametrize("locale, expected", [
    ("sv", ("5 dec.", "lör 5 dec.", "lördag 5 december 2026", "lördag 5 december")),
    ("en", ("Dec 5", "Sat, Dec 5", "Saturday, December 5, 2026", "Saturday, December 5")),
])
def test_short_and_long_dates_follow_the_locale(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        got = (formats.day_date(DAY), formats.day_date(DAY, weekday=True), formats.long_date(DAY),
               formats.long_date(DAY, year=False))
    assert got == expected


def test_whole_numbers_show_no_decimals_and_missing_values_a_dash(app):
    with app.test_request_context(), force_locale("sv"):
        assert (formats.number(30.0), formats.percent(40), formats.number(None), formats.percent(None)) == \
            ("30", "40\xa0%", "—", "—")


def test_pages_show_hours_and_wages_in_swedish_formats(login, specialist, team):
    from tests import factories
    participant = factories.make_participant(team, specialist)
    placement = factories.make_placement(participant, factories.make_employer(team), hours=30.5,
                                         monthly_wage=22500)
    text = login(specialist).get(f"/placements/{placement.id}").get_data(as_text=True)
    assert "30,5" in text and "22\xa0500\xa0kr" in text and "30.5" not in text


def test_no_template_formats_a_figure_or_a_date_by_hand():
    """One home for formats: a template that rounds, groups or picks a date pattern itself drifts apart."""
    hand_made = re.compile(r'\|round(?!\|int)|\|dateformat|\|datetimeformat|strftime|"\{:,\}"|%\)s %%')
    offenders = [f"{path.relative_to(TEMPLATES)}:{number}"
                 for path in sorted(TEMPLATES.rglob("*.*"))
                 for number, line in enumerate(path.read_text().splitlines(), 1) if hand_made.search(line)]
    assert offenders == []
