"""Figures and dates read the same way on every page: Swedish decimal commas and spaced thousands,
English points and commas, one date style in text and one in tables."""
from datetime import date

import pytest
from flask_babel import force_locale

from crm.core import formats

DAY = date(2026, 12, 5)


@pytest.mark.parametrize("locale, expected", [
    ("sv", ("15,5", "22\xa0500", "71,4\xa0%", "22\xa0500\xa0kr", "5 dec. 2026", "2026-12-05", "v. 49", "30,5")),
    ("en", ("15.5", "22,500", "71.4%", "22,500\xa0SEK", "Dec 5, 2026", "2026-12-05", "week 49", "30.5")),
])
def test_each_figure_and_date_in_the_readers_language(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        got = (formats.number(15.5), formats.number(22500), formats.percent(71.42), formats.money(22500),
               formats.text_date(DAY), formats.table_date(DAY), formats.week(DAY), formats.csv_number(30.5))
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
