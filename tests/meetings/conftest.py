import pytest

from .. import factories


@pytest.fixture
def series(team):
    """Fortnightly from Thursday 12 November 2026."""
    return factories.make_meeting_series(team)
