"""Reading one ad: organisation numbers normalised, personal numbers dropped, malformed ads refused."""
import pytest

from crm.leads.ads import MalformedAd, organisation_number, parse_ad


@pytest.mark.parametrize("raw, expected", [
    ("5566778899", "556677-8899"), ("556677-8899", "556677-8899"), (" 556677 8899 ", "556677-8899"),
    ("165566778899", "556677-8899"), (5566778899, "556677-8899"),
    ("5566778898", None),  # check digit wrong
    ("19800101-1234", None), ("8001011234", None),  # a sole trader's personal identity number
    ("", None), (None, None), ("abc", None), ({"x": 1}, None),
])
def test_organisation_numbers(raw, expected):
    assert organisation_number(raw) == expected


@pytest.mark.parametrize("hit, why", [
    ("not an object", "not an object"), ({"headline": "Kock"}, "no id"), ({"id": "1", "headline": " "}, "no headline"),
    ({"id": "1", "headline": "Kock", "employer": "Bageriet"}, "no employer"),
])
def test_malformed_ads_are_refused_saying_why(hit, why):
    with pytest.raises(MalformedAd, match=why):
        parse_ad(hit)


def test_odd_values_are_left_empty_rather_than_guessed():
    ad = parse_ad({"id": 7, "headline": "Kock", "employer": {"workplace": "Bageriet"},
                   "occupation_group": {"legacy_ams_taxonomy_id": "51200"}, "scope_of_work": {"min": True, "max": 250},
                   "application_deadline": "snart", "workplace_address": {"municipality_code": "0480"}})
    assert (ad.ad_id, ad.employer_name, ad.occupation_code) == ("7", "Bageriet", None)
    assert (ad.hours_min, ad.hours_max, ad.deadline_on) == (None, None, None)
    assert (ad.municipality_code, ad.municipality, ad.removed) == ("0480", "Nyköping", False)
