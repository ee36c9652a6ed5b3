"""A live server on its own database and a real headless Chromium (Debian's, driven by Playwright).

The server's data is committed, so it lives apart from the other tests: its own SQLite file,
or its own schema when the suite runs on PostgreSQL. Screenshots land in test-artifacts/.
"""
import os
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from crm import create_app
from crm.extensions import db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}  # an iPhone 12–15
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if not url:
        return "sqlite:///" + str(tmp_path_factory.mktemp("browser") / "browser.sqlite3")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS browser CASCADE"))
        connection.execute(text("CREATE SCHEMA browser"))
    engine.dispose()
    return url + ("&" if "?" in url else "?") + "options=-csearch_path%3Dbrowser"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
                      "WTF_CSRF_ENABLED": True})
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}", app=app)
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_data(live_server):
    """Run factories against the live server's database and commit: `with live_data(): ...`."""

    class _Data:
        def __enter__(self):
            self.context = live_server.app.app_context()
            self.context.push()
            return db.session

        def __exit__(self, *exc):
            if exc[0] is None:
                db.session.commit()
            db.session.remove()
            self.context.pop()

    return _Data


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        message = "Debian's chromium is not installed (make browser-deps installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(request, browser, live_server):
    """A page in a phone-sized window."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url,
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


def assert_fits_phone(page):
    """Nothing on the page is wider than the phone's screen.

    Measured once the page has loaded: a click that submits a form returns when the next page starts
    loading, and before its stylesheet arrives the unstyled page is wider.
    """
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(f"[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap')"
                         f" && e.getBoundingClientRect().right > {PHONE['width'] + 1})"
                         f".map(e => e.tagName + (e.className ? '.' + e.className : '')).slice(0, 5)")
    assert width <= PHONE["width"], wide
