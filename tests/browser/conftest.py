"""A live server on its own database and a real headless Chromium (Debian's, driven by Playwright).

The server's data is committed, so it lives apart from the other tests: its own SQLite file,
or its own schema when the suite runs on PostgreSQL. Screenshots land in test-artifacts/.
"""
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from crm import create_app
from crm.extensions import db

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # from package.json (make assets)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}  # an iPhone 12–15
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def _database_url(tmp_path_factory, name: str) -> str:
    """A SQLite file, or a schema of the PostgreSQL test database, of the server's own."""
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if not url:
        return "sqlite:///" + str(tmp_path_factory.mktemp(name) / f"{name}.sqlite3")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {name}"))
    engine.dispose()
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{name}"


@contextmanager
def serving(tmp_path_factory, name: str):
    """The app on a free port of 127.0.0.1, on a migrated database called `name`."""
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory, name),
                      "WTF_CSRF_ENABLED": True})
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    with serving(tmp_path_factory, "browser") as server:
        yield server


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


def check_phone_page(page):
    """The page as a phone shows it: nothing wider than the screen, and nothing that axe-core finds
    against WCAG 2.1 A and AA.

    Checked once the page has loaded: a click that submits a form returns when the next page starts
    loading, and before its stylesheet arrives the unstyled page is wider.
    """
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(f"[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap')"
                         f" && e.getBoundingClientRect().right > {PHONE['width'] + 1})"
                         f".map(e => e.tagName + (e.className ? '.' + e.className : '')).slice(0, 5)")
    assert width <= PHONE["width"], (page.url, wide)
    # Evaluated through the DevTools protocol, so the app's Content-Security-Policy does not block it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    problems = [(v["id"], v["help"], [node["target"] for node in v["nodes"]][:3]) for v in result["violations"]]
    assert not problems, (page.url, problems)
