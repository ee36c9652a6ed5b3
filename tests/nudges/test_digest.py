"""The daily digest: one e-mail per staff member with something in the inbox, in their language;
never to anyone else; an outbox of .eml files when no SMTP server is configured."""
from datetime import UTC, date, datetime

from crm.core import mail
from crm.extensions import db
from crm.nudges import digest
from crm.nudges.models import NudgeStatus

from .. import factories

NOW = datetime(2026, 11, 26, 5, 30, tzinfo=UTC)  # 06:30 in Sweden


def _nudge(user, **fields):
    return factories.make_nudge(user, params={"employer": "Digestföretaget AB", "employer_id": 7, "what": "Ring"},
                                due_on=date(2026, 11, 25), **fields)


def test_one_mail_per_staff_member_with_open_nudges(team, specialist, team_lead, outbox):
    _nudge(specialist)
    _nudge(specialist, cause_key="second")
    _nudge(team_lead, status=NudgeStatus.DONE)  # nothing open: no mail
    assert digest.send_digests(NOW) == 1
    mail = outbox()[specialist.email]
    assert set(outbox()) == {specialist.email}
    body = mail.get_content()
    assert mail["Subject"] == "Ditt arbetsgivararbete i dag: 2 påminnelser"
    assert "Hej Sara Specialist" in body
    assert "Nästa steg hos Digestföretaget AB: Ring" in body
    assert "https://crm.example.se/employers/7#next-steps" in body
    assert "https://crm.example.se/nudges/" in body


def test_the_digest_speaks_the_users_language(specialist, outbox):
    specialist.locale = "en"
    _nudge(specialist)
    digest.send_digests(NOW)
    mail = outbox()[specialist.email]
    assert mail["Subject"] == "Your employer work today: 1 reminder"
    assert "Next step at Digestföretaget AB: Ring" in mail.get_content()


def test_opted_out_inactive_and_snoozed_get_nothing(team, specialist, outbox):
    _nudge(specialist)
    specialist.digest_opt_out = True
    gone = factories.make_user(team=team)
    _nudge(gone)
    gone.active = False
    resting = factories.make_user(team=team)
    _nudge(resting, status=NudgeStatus.SNOOZED, snoozed_until=date(2026, 11, 27))
    db.session.flush()
    assert digest.send_digests(NOW) == 0
    assert outbox() == {}


def test_only_staff_ever_get_it(team, specialist, outbox):
    """Even a nudge row addressed to a partner or an admin (never made by a rule) sends them nothing."""
    _nudge(factories.make_user(role="partner"))
    _nudge(factories.make_user(role="admin"))
    _nudge(specialist)
    digest.send_digests(NOW)
    assert set(outbox()) == {specialist.email}


def test_smtp_is_used_when_configured(app, specialist, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("send", message["To"]))

    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.se")
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "crm")
    _nudge(specialist)
    digest.send_digests(NOW)
    assert sent == [("connect", "smtp.example.se", 587), ("starttls",), ("login", "crm"), ("send", specialist.email)]


def test_staff_can_opt_out_on_the_account_page(sign_in, specialist):
    client = sign_in(specialist)
    assert "Sluta skicka den dagliga sammanfattningen" in client.get("/account").get_data(as_text=True)
    assert client.post("/account/digest", data={"wanted": "0"}).status_code == 302
    db.session.expire_all()
    assert specialist.digest_opt_out is True
    client.post("/account/digest", data={"wanted": "1"})
    db.session.expire_all()
    assert specialist.digest_opt_out is False
