from datetime import date

import pytest

from .. import factories


@pytest.fixture
def placement(team, specialist):
    """Anna Lindqvist has started at Bageriet, with the employer knowing (limited disclosure by default)."""
    employer = factories.make_employer(team, name="Bageriet AB")
    anna = factories.make_participant(team, specialist, first_name="Anna", last_name="Lindqvist")
    return factories.make_placement(anna, employer, started_on=date(2026, 3, 2), title="Bagarbiträde")
