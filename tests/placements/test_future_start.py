"""A job start recorded before its first day: "Starts on …", not "In the job", and no negative time in the job."""
from datetime import timedelta

from crm.core import clock

from .. import factories


def test_a_start_in_the_future_shows_its_first_day(login, team, specialist):
    person = factories.make_participant(team, specialist)
    first_day = clock.today() + timedelta(days=10)
    job = factories.make_placement(person, factories.make_employer(team), started_on=first_day)
    client = login(specialist)
    page = client.get(f"/placements/{job.id}").get_data(as_text=True)
    assert "Startar " in page and "I arbete</span>" not in page
    assert "<dd>0 dagar</dd>" in page
    assert job.tenure_days(clock.today()) == 0
    assert job.tenure_days(first_day + timedelta(days=5)) == 5
    overview = client.get(f"/participants/{person.id}").get_data(as_text=True)
    assert "· Startar " in overview
