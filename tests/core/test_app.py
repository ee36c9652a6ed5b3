import pytest

from crm import create_app
from crm.config import instance_secret_key

from .. import factories


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_security_headers(client):
    headers = client.get("/login").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("CRM_SECRET_KEY", raising=False)
    monkeypatch.setattr("crm.config.ProductionConfig.SECRET_KEY", None)
    with pytest.raises(RuntimeError, match="CRM_SECRET_KEY"):
        create_app("production")


def test_production_cookies_are_secure(monkeypatch):
    monkeypatch.setattr("crm.config.ProductionConfig.SECRET_KEY", "x" * 32)
    app = create_app({"ENV_NAME": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert not app.debug


def test_error_pages_are_in_the_layout(login, specialist):
    client = login(specialist)
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.get_data(as_text=True)
    assert 'href="/employers/"' in response.get_data(as_text=True)  # the menu is there


def test_swedish_by_default_english_on_request_and_remembered(app, login, specialist):
    client = login(specialist)
    assert "Arbetsgivare" in client.get("/employers/").get_data(as_text=True)
    response = client.post("/language", data={"language": "en", "next": "/employers/"})
    assert response.headers["Location"] == "/employers/"
    assert "<h1>Employers</h1>" in client.get("/employers/").get_data(as_text=True)
    # Remembered for the user: a new session in another browser is in English too.
    other = app.test_client()
    other.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
    assert "<h1>Employers</h1>" in other.get("/employers/").get_data(as_text=True)


def test_language_switch_ignores_unknown_languages_and_foreign_redirects(client):
    response = client.post("/language", data={"language": "xx", "next": "//evil.example/"})
    assert response.status_code == 302
    assert "evil" not in response.headers["Location"]


class TestCsrf:
    @pytest.fixture(autouse=True)
    def csrf_on(self, app, monkeypatch):
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)

    def test_form_without_token_keeps_input_and_explains(self, client, specialist):
        response = client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD})
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert specialist.email in page
        assert "formuläret hade gått ut" in page.lower()

    def test_button_without_token_is_refused(self, client, specialist, team):
        employer = factories.make_employer(team)
        # Sign in with a token taken from the form, as a browser would.
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        client.post("/login", data={"email": specialist.email, "password": factories.PASSWORD, "csrf_token": token})
        response = client.post(f"/employers/{employer.id}/archive", data={"archived": "1"})
        assert response.status_code == 400
        assert client.post(f"/employers/{employer.id}/archive",
                           data={"archived": "1", "csrf_token": token}).status_code == 302


def test_development_generates_its_own_secret_key_once(tmp_path):
    key = instance_secret_key(str(tmp_path / "instance"))
    assert len(key) == 64 and key == instance_secret_key(str(tmp_path / "instance"))
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert instance_secret_key(str(tmp_path / "elsewhere")) != key


def test_development_without_crm_secret_key_uses_the_instance_key(app, monkeypatch):
    monkeypatch.delenv("CRM_SECRET_KEY", raising=False)
    monkeypatch.setattr("crm.config.DevelopmentConfig.SECRET_KEY", None)
    development = create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert development.config["SECRET_KEY"] == instance_secret_key(development.instance_path)
