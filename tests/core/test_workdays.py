"""Proposed dates land on days people work: not a weekend, a public holiday or an eve treated as one."""
from datetime import date

import pytest

from crm.core.workdays import next_working_day, previous_working_day


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
