"""The caseload list: a search by name and sortable columns."""
from .. import factories


def test_search_by_name_and_sort_by_column(login, specialist, team):
    factories.make_participant(team, specialist, first_name="Cyrus", last_name="Berg")
    factories.make_participant(team, specialist, first_name="Alma", last_name="Dahl")
    client = login(specialist)
    page = client.get("/participants/?q=cyrus b").get_data(as_text=True)
    assert "Cyrus Berg" in page and "Alma Dahl" not in page
    page = client.get("/participants/?sort=name").get_data(as_text=True)
    assert page.index("Cyrus Berg") < page.index("Alma Dahl")  # by last name
    assert 'aria-sort="ascending"><a href="/participants/?sort=name"' in page
