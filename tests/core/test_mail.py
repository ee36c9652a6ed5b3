"""Mail over STARTTLS: encrypted whenever the server offers it, and only to a server whose certificate
checks out (smtplib's own default would accept any certificate)."""
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.core import mail
from crm.extensions import db

from ..smtp import FakeSMTPServer

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
CERT = Path(__file__).parent.parent / "data" / "smtp-test.pem"  # self-signed for 127.0.0.1
KEY = CERT.with_suffix(".key")


@pytest.fixture
def tls_server(app, monkeypatch):
    server = FakeSMTPServer(tls=(str(CERT), str(KEY)))
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    yield server
    server.shutdown()
    server.server_close()


def _messages(*recipients):
    return [mail.compose(to, "Ämne", "Text", NOW) for to in recipients]


def _recorded(key):
    return set(db.session.scalars(select(mail.SentMail.recipient).where(mail.SentMail.key == key)))


def test_a_server_offering_starttls_with_a_trusted_certificate_gets_the_mail_encrypted(app, tls_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_TLS_CA_FILE", str(CERT))
    monkeypatch.setitem(app.config, "MAIL_REQUIRE_TLS", True)
    assert mail.send_once("test", "k1", _messages("a@example.se", "b@example.se"), NOW) == 2
    assert tls_server.recipients() == ["a@example.se", "b@example.se"]
    assert tls_server.encrypted == [True, True]
    assert _recorded("k1") == {"a@example.se", "b@example.se"}


def test_a_certificate_that_does_not_check_out_sends_nothing_and_says_why(app, tls_server):
    with pytest.raises(mail.MailError, match=r"2 of 2 not sent.*CERTIFICATE_VERIFY_FAILED"):
        mail.send_once("test", "k2", _messages("a@example.se", "b@example.se"), NOW)
    assert tls_server.received == []
    assert _recorded("k2") == set()


def test_without_starttls_on_offer_mail_goes_in_clear_unless_tls_is_required(app, smtp_server):
    assert mail.send_once("test", "k3", _messages("a@example.se"), NOW) == 1
    assert smtp_server.encrypted == [False]
