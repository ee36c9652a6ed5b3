"""Proposed dates land on days people work: not a weekend, a public holiday (from the holidays package) or
an eve Swedish workplaces keep free."""
from datetime import date

import pytest

from crm.core import workdays
from crm.core.workdays import next_working_day, previous_working_day


@pytest.mark.parametrize("day, working", [
    (date(2026, 12, 4), True),  # a Friday
    (date(2026, 12, 5), False),  # a Saturday
    (date(2026, 12, 25), False),  # Christmas Day
    (date(2027, 3, 26), False),  # Good Friday
    (date(2027, 5, 6), False),  # Ascension Day
    (date(2027, 6, 7), True),  # the Monday after National Day (a Sunday in 2027)
])
def test_working_days(day, working):
    assert workdays.is_working_day(day) is working


@pytest.mark.parametrize("day, expected", [
    (date(2026, 6, 19), date(2026, 6, 22)),  # midsummer eve (Friday) → Monday
    (date(2026, 12, 24), date(2026, 12, 28)),  # Christmas Eve, Christmas Day, a weekend
    (date(2026, 12, 31), date(2027, 1, 4)),  # New Year's Eve, New Year's Day, a weekend
    (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday … Easter Monday
    (date(2026, 12, 8), date(2026, 12, 8)),  # an ordinary Tuesday stays
])
def test_next_working_day(day, expected):
    assert next_working_day(day) == expected


def test_previous_working_day_skips_back_over_the_eves():
    assert previous_working_day(date(2026, 12, 27)) == date(2026, 12, 23)
