import pytest

from crm.employers.orgnr import InvalidOrganisationNumber, normalise


@pytest.mark.parametrize(("raw", "expected"), [
    ("556016-0680", "556016-0680"),
    ("5560160680", "556016-0680"),
    (" 556016 0680 ", "556016-0680"),
    ("16556016-0680", "556016-0680"),
    ("212000-0142", "212000-0142"),  # a public body (the first digit 2)
])
def test_valid_numbers_are_normalised(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("556016-0681", "checksum"),
    ("55601606", "shape"),
    ("abc", "shape"),
    ("811218-9876", "personal"),  # digits 3–4 below 20: a personal identity number
])
def test_invalid_numbers_say_why(raw, reason):
    with pytest.raises(InvalidOrganisationNumber, match=reason):
        normalise(raw)
