"""Working days in Sweden: weekends, the Swedish public holidays (from the maintained `holidays`
package) and the eves Swedish working life treats as holidays (midsummer, Christmas and New Year's Eve)
are not working days. Dates the app proposes for a contact or a meeting are moved onto a working day here."""
from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _public_holidays(year: int) -> frozenset[date]:
    public = holidays.country_holidays("SE", years=year, language="en_US")
    midsummer = next(day for day, name in public.items() if name == "Midsummer Day")
    return frozenset({*public, midsummer - timedelta(days=1), date(year, 12, 24), date(year, 12, 31)})


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
