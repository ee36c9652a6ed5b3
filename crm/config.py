"""Configuration classes; `create_app` picks one by name or takes a mapping in tests."""
import os
import secrets
from datetime import timedelta


class Config:
    SECRET_KEY = os.environ.get("CRM_SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("CRM_DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Sessions: HttpOnly and SameSite always; Secure wherever TLS is in front (production).
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)
    # Server-side sessions (crm/sessions) end after this long without a request, and this long after
    # sign-in whatever happens: a copied cookie is worthless after that, or after signing out.
    SESSION_IDLE_MINUTES = int(os.environ.get("CRM_SESSION_IDLE_MINUTES", 30))
    SESSION_ABSOLUTE_HOURS = int(os.environ.get("CRM_SESSION_ABSOLUTE_HOURS", 10))

    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a specialist's working day on one page
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024

    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")

    # Login throttling without lock-out: past SOFT failures of one account from one address (or
    # ADDRESS_SOFT failures of any accounts from one address) each attempt waits twice as long as the
    # last, up to MAX_DELAY seconds. No account is ever locked, so strangers cannot shut its owner out;
    # the owner is e-mailed once after TELL_OWNER_AFTER failures. Counts reset after WINDOW quiet minutes.
    LOGIN_SOFT_LIMIT = 3
    LOGIN_ADDRESS_SOFT_LIMIT = 10
    LOGIN_MAX_DELAY_SECONDS = 60
    LOGIN_TELL_OWNER_AFTER = 10
    LOGIN_FAILURE_WINDOW_MINUTES = 15
    # Password links: a reset works for an hour, an invitation for a week; each once. A reset is
    # mailed at most once per account in MAIL_INTERVAL, and asked for at most RATE_LIMIT per address.
    PASSWORD_RESET_MINUTES = 60
    INVITATION_DAYS = int(os.environ.get("CRM_INVITATION_DAYS", 7))
    PASSWORD_RESET_MAIL_INTERVAL_MINUTES = 5
    PASSWORD_RESET_RATE_LIMIT = os.environ.get("CRM_PASSWORD_RESET_RATE_LIMIT", "10 per hour")

    # Request rate limits (Flask-Limiter) per client address, on top of the failure throttle above.
    # The counts live in RATELIMIT_STORAGE_URI. "memory://" counts inside each process: with several
    # gunicorn workers every worker keeps its own count, so an address gets up to workers × the limit.
    # For one shared count point it at redis://host:6379 or memcached://host:11211 (pip install '.[redis]').
    RATELIMIT_STORAGE_URI = os.environ.get("CRM_RATELIMIT_STORAGE_URI", "memory://")
    # While a shared store is down, count per worker rather than refuse every sign-in.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Sign-in POSTs per address (a GET of the page is free). The throttle guards each account; this
    # bounds how fast one address may try at all, across accounts. A whole office behind one address
    # signs in far below it.
    LOGIN_RATE_LIMIT = os.environ.get("CRM_LOGIN_RATE_LIMIT", "20 per minute")
    # Per address and feed: calendar apps poll every 15-60 minutes (5 at the shortest), so a few
    # devices behind one address stay far below it while a client stuck in a loop is stopped.
    CALENDAR_FEED_RATE_LIMIT = os.environ.get("CRM_CALENDAR_FEED_RATE_LIMIT", "60 per hour")
    # Per address across all feeds, counting only unknown addresses (404): guessing tokens is stopped
    # while a calendar service fetching many people's real feeds from one address is not.
    CALENDAR_FEED_MISS_RATE_LIMIT = os.environ.get("CRM_CALENDAR_FEED_MISS_RATE_LIMIT", "20 per hour")
    # Reverse proxies in front whose X-Forwarded-For and -Proto are believed. 0: the client address
    # is the connection's peer. Behind a proxy it must be set, or every client shares the proxy's
    # address (and its limits); without one it must stay 0, or clients choose their own address.
    TRUSTED_PROXY_COUNT = int(os.environ.get("CRM_TRUSTED_PROXY_COUNT", 0))

    # Second factor (TOTP): required at sign-in for these roles (enrolment at the first sign-in), and
    # for the specialists of teams that ask for it. CRM_TWO_FACTOR_ROLES="" turns the role rule off.
    TWO_FACTOR_REQUIRED_ROLES = tuple(
        role for role in os.environ.get("CRM_TWO_FACTOR_ROLES", "admin,team_lead").split(",") if role.strip())
    TOTP_ISSUER = os.environ.get("CRM_TOTP_ISSUER", "IPS CRM")

    # argon2id as OWASP's password storage cheat sheet recommends (19 MiB, 2 passes, 1 lane):
    # about 25 ms a sign-in here; existing hashes are upgraded on the next sign-in.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19 * 1024
    ARGON2_PARALLELISM = 1
    PAGE_SIZE = 25

    # Nudges: from this weekday (0 = Monday) and hour, Swedish time, specialists below the weekly
    # face-to-face target pro rata are nudged.
    WEEKLY_TARGET_CHECK_WEEKDAY = int(os.environ.get("CRM_WEEKLY_TARGET_CHECK_WEEKDAY", 3))
    WEEKLY_TARGET_CHECK_HOUR = int(os.environ.get("CRM_WEEKLY_TARGET_CHECK_HOUR", 12))

    # The daily digest goes over SMTP when CRM_MAIL_SERVER is set; otherwise it is written as .eml
    # files to MAIL_OUTBOX (default instance/outbox/) so that it can be read.
    MAIL_SERVER = os.environ.get("CRM_MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("CRM_MAIL_PORT", 587))
    # STARTTLS whenever the server offers it; with MAIL_REQUIRE_TLS, nothing is sent to a server that does not.
    MAIL_REQUIRE_TLS = os.environ.get("CRM_MAIL_REQUIRE_TLS", "0") not in ("0", "false", "no")
    # The server's certificate is verified against the system's authorities, or this file (an internal CA).
    MAIL_TLS_CA_FILE = os.environ.get("CRM_MAIL_TLS_CA_FILE")
    # A digest that failed or was missed at 06:30 is tried again every quarter of an hour until this hour.
    DIGEST_RETRY_UNTIL_HOUR = int(os.environ.get("CRM_DIGEST_RETRY_UNTIL_HOUR", 12))
    MAIL_USERNAME = os.environ.get("CRM_MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("CRM_MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("CRM_MAIL_FROM", "CRM <no-reply@localhost>")
    MAIL_OUTBOX = os.environ.get("CRM_MAIL_OUTBOX")
    # Links in e-mails need the address people reach the app at.
    BASE_URL = os.environ.get("CRM_BASE_URL", "http://127.0.0.1:5000")

    # Leads: Arbetsförmedlingen's open JobSearch API (Platsbanken's ads, no key needed), fetched by the
    # scheduler a few times a day. Offline or on errors the job logs it and tries again next time.
    JOBSEARCH_URL = os.environ.get("CRM_JOBSEARCH_URL", "https://jobsearch.api.jobtechdev.se")
    JOBSEARCH_USER_AGENT = os.environ.get("CRM_JOBSEARCH_USER_AGENT", "ips-crm/0.1 (leads for job specialists)")
    JOBSEARCH_TIMEOUT = float(os.environ.get("CRM_JOBSEARCH_TIMEOUT", 10))
    JOBSEARCH_RETRIES = 3
    JOBSEARCH_BACKOFF_SECONDS = 2.0


class DevelopmentConfig(Config):
    # Without CRM_SECRET_KEY a random key is generated into instance/ on the first run (see
    # instance_secret_key): a key written in the repository would let anyone sign a session.
    DEBUG = True
    # The demo's printed sign-ins work at once; set CRM_TWO_FACTOR_ROLES to try the second factor.
    TWO_FACTOR_REQUIRED_ROLES = tuple(
        role for role in os.environ.get("CRM_TWO_FACTOR_ROLES", "").split(",") if role.strip())


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test"
    SQLALCHEMY_DATABASE_URI = os.environ.get("CRM_TEST_DATABASE_URL", "sqlite://")
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 64
    ARGON2_PARALLELISM = 1
    WTF_CSRF_ENABLED = False  # tests that check CSRF switch it on
    TWO_FACTOR_REQUIRED_ROLES = ()  # tests of the second factor switch the requirement on
    # Rate limits stay on; tests/conftest.py clears the counts before every test.
    RATELIMIT_STORAGE_URI = "memory://"
    JOBSEARCH_URL = "http://127.0.0.1:9"  # never the internet: tests serve recorded answers themselves
    JOBSEARCH_RETRIES = 1


class ProductionConfig(Config):
    # Secure cookies need TLS in front. CRM_COOKIE_SECURE=0 is only for a loopback load test.
    SESSION_COOKIE_SECURE = REMEMBER_COOKIE_SECURE = os.environ.get("CRM_COOKIE_SECURE", "1") != "0"
    PREFERRED_URL_SCHEME = "https"
    # The documented deployment: gunicorn on loopback behind one TLS-terminating proxy.
    TRUSTED_PROXY_COUNT = int(os.environ.get("CRM_TRUSTED_PROXY_COUNT", 1))


def instance_secret_key(instance_path: str) -> str:
    """The development secret key kept in instance/secret_key, generated there on the first run;
    readable by its owner only."""
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        os.makedirs(instance_path, exist_ok=True)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
    with open(path, encoding="ascii") as handle:
        return handle.read().strip()


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
