"""Employer-engagement CRM for IPS job specialists."""
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import CONFIGS, instance_secret_key
from .core.urls import RecordIdConverter
from .extensions import babel, csrf, db, limiter, login_manager, migrate

# Every room with views, in the order their navigation appears.
BLUEPRINTS = (
    "crm.core.views:bp",
    "crm.auth.views:bp",
    "crm.sessions.views:bp",
    "crm.twofactor.views:bp",
    "crm.admin.views:bp",
    "crm.employers.views:bp",
    "crm.contacts.views:bp",
    "crm.nudges.views:bp",
    "crm.openings.views:bp",
    "crm.matching.views:bp",
    "crm.leads.views:bp",
    "crm.placements.views:bp",
    "crm.participants.views:bp",
    "crm.partners.views:bp",
    "crm.subsidies.views:bp",
    "crm.followup.views:bp",
    "crm.calendar.views:bp",
    "crm.imports.views:bp",
    "crm.meetings.views:bp",
    "crm.reports.views:bp",
    "crm.network.views:bp",
    "crm.privacy.views:bp",
    "crm.search.views:bp",
    "crm.help.views:bp",
)

CLI_GROUPS = (
    "crm.core.cli:backup_cli",
    "crm.auth.cli:users_cli",
    "crm.demo.cli:demo_cli",
    "crm.core.scheduler:scheduler_cli",
)


def _load(dotted: str):
    module_name, attr = dotted.split(":")
    module = __import__(module_name, fromlist=[attr])
    return getattr(module, attr)


def create_app(config: str | dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    _configure(app, config)
    if proxies := app.config["TRUSTED_PROXY_COUNT"]:
        # The client's address (rate limits, sign-in throttle) and https (feed URLs) as the proxy saw them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    from .core import database, errors, formats, i18n, security, web

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    login_manager.init_app(app)
    limiter.init_app(app)

    from . import models  # noqa: F401  (every model registered before the first query)

    web.init_app(app)
    formats.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.url_map.converters["int"] = RecordIdConverter
    for dotted in BLUEPRINTS:
        app.register_blueprint(_load(dotted))
    for dotted in CLI_GROUPS:
        app.cli.add_command(_load(dotted))
    return app


def _configure(app: Flask, config: str | dict | None) -> None:
    overrides = config if isinstance(config, dict) else {}
    name = config if isinstance(config, str) else overrides.get("ENV_NAME")
    name = name or os.environ.get("CRM_ENV", "development")
    app.config.from_object(CONFIGS[name])
    app.config.from_pyfile("settings.py", silent=True)
    app.config.update(overrides)

    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "crm.sqlite3")
    if name == "development" and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    if name == "production" and not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "CRM_SECRET_KEY is not set. Production signs sessions and CSRF tokens with it; "
            "set it to a long random value, e.g. python -c 'import secrets; print(secrets.token_hex(32))'."
        )
    if name == "production" and not app.config.get("SQLALCHEMY_DATABASE_URI", "").startswith("postgresql"):
        app.logger.warning("Production is running on %s, not PostgreSQL", app.config["SQLALCHEMY_DATABASE_URI"])
