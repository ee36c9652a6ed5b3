"""The contact log on the employer pages: the list's next-step flag, filter and sort; the detail sections."""
from datetime import timedelta

from crm.core import clock

from .. import factories


def _rows(page: str) -> list[str]:
    return page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]


def test_list_flags_active_relationships_without_a_current_next_step(login, team, specialist):
    today = clock.today()
    factories.make_employer(team, name="Aktiv utan steg AB", stage="relationship")
    overdue = factories.make_employer(team, name="Aktiv försenad AB", stage="hiring_partner")
    factories.make_next_step(overdue, specialist, today - timedelta(days=2))
    planned = factories.make_employer(team, name="Aktiv planerad AB", stage="relationship")
    factories.make_next_step(planned, specialist, today + timedelta(days=3))
    factories.make_next_step(planned, specialist, today - timedelta(days=9), done_on=today)  # done: ignored
    factories.make_employer(team, name="Prospekt utan steg AB", stage="prospect")

    rows = {row.split("</a>")[0].split(">")[-1]: row for row in _rows(login(specialist).get("/employers/").get_data(
        as_text=True))}
    assert "needs-next-step" in rows["Aktiv utan steg AB"] and "Inget nästa steg" in rows["Aktiv utan steg AB"]
    assert "needs-next-step" in rows["Aktiv försenad AB"] and "Försenat" in rows["Aktiv försenad AB"]
    assert "needs-next-step" not in rows["Aktiv planerad AB"]
    assert (today + timedelta(days=3)).isoformat() in rows["Aktiv planerad AB"]
    assert "needs-next-step" not in rows["Prospekt utan steg AB"]


def test_list_filters_and_sorts_by_the_next_step(login, team, specialist):
    today = clock.today()
    names = {}
    for name, stage, due in [("A utan", "relationship", None), ("B sen", "relationship", 20),
                             ("C försenad", "prospect", -3), ("D snart", "contacted", 2)]:
        employer = factories.make_employer(team, name=name, stage=stage)
        if due is not None:
            factories.make_next_step(employer, specialist, today + timedelta(days=due))
        names[name] = employer

    def listed(query):
        page = login(specialist).get("/employers/?" + query).get_data(as_text=True)
        return [row.split("</a>")[0].split(">")[-1] for row in _rows(page) if "</a>" in row]

    assert listed("next_step=attention") == ["A utan"]
    assert listed("next_step=overdue") == ["C försenad"]
    assert listed("next_step=week") == ["C försenad", "D snart"]
    assert listed("next_step=none") == ["A utan"]
    assert listed("sort=next_step") == ["C försenad", "D snart", "B sen", "A utan"]


def test_list_query_count_does_not_grow_with_the_page(app, login, team, specialist):
    from sqlalchemy import event

    from crm.extensions import db

    for n in range(12):
        employer = factories.make_employer(team, stage="relationship")
        factories.make_next_step(employer, specialist, clock.today() + timedelta(days=n))
    client = login(specialist)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        client.get("/employers/")
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    employer_selects = [s for s in statements if "FROM employers" in s and "next_steps" in s]
    assert len(employer_selects) <= 2  # the page and its count, each with the one joined aggregate


def test_detail_shows_timeline_steps_last_visit_and_who_decides(login, team, specialist, employer):
    from datetime import UTC, datetime

    factories.make_contact_person(employer, name="Dora Beslut", role="VD", is_decision_maker=True)
    factories.make_contact_person(employer, name="Olle Ej", is_decision_maker=False)
    for day in range(1, 13):
        factories.make_contact(employer, specialist, datetime(2026, 10, day, 9, 0, tzinfo=UTC),
                               form="face_to_face" if day < 12 else "phone", summary=f"Kontakt nummer {day}.")
    factories.make_next_step(employer, specialist, clock.today() + timedelta(days=1), what="Öppet steg")
    factories.make_next_step(employer, specialist, clock.today(), what="Klart steg", done_on=clock.today())
    client = login(specialist)
    page = client.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert "Öppet steg" in page and "Klart steg" in page
    assert "11 okt. 2026" in page  # the last face-to-face (the 12th was by phone)
    assert "Dora Beslut" in page.split('id="hiring-heading"')[1] and "Olle Ej" not in page.split(
        'id="hiring-heading"')[1].split("</section>")[0]
    assert "Kontakt nummer 12." in page and "Kontakt nummer 2." not in page  # ten a page, newest first
    assert "Logga kontakt" in page
    second = client.get(f"/employers/{employer.id}?page=2").get_data(as_text=True)
    assert "Kontakt nummer 2." in second and "Kontakt nummer 12." not in second


def test_active_relationship_without_steps_is_flagged_on_the_page(login, specialist, employer):
    assert "Inget nästa steg är planerat" in login(specialist).get(f"/employers/{employer.id}").get_data(as_text=True)
