"""Working days in Sweden: weekends and public holidays (from the holidays package) move proposed dates."""
from datetime import date

import pytest

from crm.core import workdays


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


def test_moves_to_the_next_and_the_previous_working_day():
    assert workdays.next_working_day(date(2026, 12, 24)) == date(2026, 12, 24)  # Christmas Eve is a working day
    assert workdays.next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)  # Fri, Sat, Sun → Monday
    assert workdays.previous_working_day(date(2027, 3, 29)) == date(2027, 3, 25)  # Easter Monday → Maundy Thursday
