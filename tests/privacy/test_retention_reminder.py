"""Once a month the admins hear how many closed participants are past retention: a number, no name."""
from datetime import UTC, date, datetime, timedelta

from crm.privacy.jobs import remind_of_retention

from .. import factories

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # 07:00 in Sweden on the first of the month


def test_admins_get_the_number_due_and_a_link_never_a_name(team, specialist, admin, outbox):
    team.retention_months = 12
    factories.make_user(role="admin", name="Inaktiv Admin").active = False
    for first_name in ("Gunnel", "Sixten"):
        factories.make_participant(team, specialist, first_name=first_name, last_name="Gallrad", status="closed",
                                   closed_on=date(2025, 6, 1))
    factories.make_participant(team, specialist, first_name="Nyss", status="closed",
                               closed_on=date(2026, 11, 1) - timedelta(days=30))

    assert remind_of_retention(NOW) == 1

    mails = outbox()
    assert set(mails) == {admin.email}
    mail = mails[admin.email]
    body = mail.get_content()
    assert mail["Subject"] == "2 avslutade deltagare har passerat gallringsfristen"
    assert "https://crm.example.se/privacy/" in body
    assert "Gunnel" not in body and "Gallrad" not in body and "Gunnel" not in mail["Subject"]


def test_nothing_is_sent_when_no_one_is_due(team, specialist, admin, outbox):
    factories.make_participant(team, specialist, status="closed", closed_on=date(2026, 10, 1))
    assert remind_of_retention(NOW) == 0
    assert outbox() == {}
