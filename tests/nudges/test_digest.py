"""The daily digest: one e-mail per staff member with something in the inbox, in their language;
never to anyone else; an outbox of .eml files when no SMTP server is configured."""
import smtplib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from crm.core import mail
from crm.core.scheduler import run_job
from crm.extensions import db
from crm.nudges import digest, engine
from crm.nudges.models import Nudge, NudgeStatus

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


def test_smtp_is_used_when_configured(specialist, smtp_server):
    _nudge(specialist)
    assert digest.send_digests(NOW) == 1
    assert smtp_server.received == [[specialist.email]]


def _three_staff(team):
    users = [factories.make_user(role="job_specialist", team=team, name=f"Specialist {n}") for n in range(3)]
    for user in users:
        _nudge(user)
    return users


def test_a_rerun_after_the_server_refused_sends_only_what_did_not_go(team, smtp_server, caplog):
    users = _three_staff(team)
    smtp_server.accept = 1
    with pytest.raises(mail.MailError, match="2 of 3 not sent"):
        digest.send_digests(NOW)
    assert "digest mail: 1 of 3 sent, 2 not sent" in caplog.text
    smtp_server.accept = None
    assert digest.send_digests(NOW) == 2
    assert digest.send_digests(NOW + timedelta(hours=1)) == 0
    assert sorted(smtp_server.recipients()) == sorted(user.email for user in users)


def test_a_rerun_after_the_job_was_killed_mid_batch_sends_no_one_twice(team, smtp_server, monkeypatch):
    users = _three_staff(team)
    send = smtplib.SMTP.send_message
    kill = [True]

    def killed_after_two(smtp, message):
        if kill[0] and len(smtp_server.received) == 2:
            raise SystemExit("killed")
        return send(smtp, message)

    monkeypatch.setattr(smtplib.SMTP, "send_message", killed_after_two)
    with pytest.raises(SystemExit):
        digest.send_digests(NOW)
    kill[0] = False
    assert digest.send_digests(NOW) == 1
    assert sorted(smtp_server.recipients()) == sorted(user.email for user in users)


def test_the_next_day_brings_a_new_digest(specialist, smtp_server):
    _nudge(specialist)
    digest.send_digests(NOW)
    digest.send_digests(NOW + timedelta(days=1))
    assert smtp_server.recipients() == [specialist.email] * 2


def test_a_server_without_tls_when_tls_is_required_gets_nothing(app, specialist, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_REQUIRE_TLS", True)
    _nudge(specialist)
    with pytest.raises(mail.MailError, match="does not offer STARTTLS and MAIL_REQUIRE_TLS is set"):
        digest.send_digests(NOW)
    assert smtp_server.received == []


def test_a_failed_digest_keeps_the_evaluation_and_is_retried_later_that_morning(
        app, team, smtp_server, caplog, monkeypatch):
    """The 06:30 run meets a refusing server: the nudges it evaluated stay, the run does not count, 06:45
    sends the rest; before 06:30 and after DIGEST_RETRY_UNTIL_HOUR it is not tried."""
    staff = [factories.make_user(role="job_specialist", team=team, name=f"Specialist {n}") for n in range(3)]
    evaluations = []
    monkeypatch.setattr(engine, "evaluate_all", lambda now: evaluations.append(now) or (
        [_nudge(user) for user in staff] if len(evaluations) == 1 else None))
    smtp_server.accept = 2
    assert run_job(app, "nudges.digest", NOW) is False
    assert "job nudges.digest incomplete" in caplog.text and "Traceback" not in caplog.text
    assert db.session.scalar(select(func.count()).select_from(Nudge)) == 3
    smtp_server.accept = None
    assert run_job(app, "nudges.digest", NOW + timedelta(minutes=15)) is True
    assert run_job(app, "nudges.digest", NOW + timedelta(minutes=30)) is False
    assert sorted(smtp_server.recipients()) == sorted(user.email for user in staff)
    assert run_job(app, "nudges.digest", NOW - timedelta(minutes=15)) is False  # 06:15: not yet
    assert run_job(app, "nudges.digest", datetime(2026, 11, 27, 11, 0, tzinfo=UTC)) is False  # 12:00
    assert len(smtp_server.received) == 3



def test_staff_can_opt_out_on_the_account_page(sign_in, specialist):
    client = sign_in(specialist)
    assert "Sluta skicka den dagliga sammanfattningen" in client.get("/account").get_data(as_text=True)
    assert client.post("/account/digest", data={"wanted": "0"}).status_code == 302
    db.session.expire_all()
    assert specialist.digest_opt_out is True
    client.post("/account/digest", data={"wanted": "1"})
    db.session.expire_all()
    assert specialist.digest_opt_out is False
