"""Request-level machinery: sign-in, the unit of work, and what every template may use."""
import time
from urllib.parse import quote

from flask import Flask, Response, g, render_template
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..auth.labels import role_label
from ..extensions import db, login_manager
from . import clock
from .access import require_login
from .navigation import main_navigation, tab_bar
from .permissions import can
from .undo import pop_undo


def form_page(template: str, form, **context):
    """Render a form page; 422 when the submitted form failed validation, 409 when the save was
    refused because someone else saved first (`conflict`, an EditConflict shown by the template)."""
    conflict = context.get("conflict")
    if conflict is not None:
        form.version.data = conflict.version  # the user now sees the changes: saving again goes through
        return render_template(template, form=form, **context), 409
    return render_template(template, form=form, **context), (422 if form.errors else 200)


def download(body: str | bytes, mimetype: str, filename: str) -> Response:
    """A file to save (never cached, as core.security says). The name may hold å, ä, ö (RFC 6266)."""
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}"})


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see that page.")
    login_manager.login_message_category = "info"
    # "basic" rather than "strong": a phone moving between Wi-Fi and mobile data keeps its session.
    login_manager.session_protection = "basic"

    @app.before_request
    def start_timing():
        g.started = time.perf_counter()

    app.before_request(require_login)

    @app.after_request
    def finish_unit_of_work(response):
        """One request, one transaction: commit what a successful request did, drop the rest. The time
        the server took, commit included, goes out as Server-Timing (the load test reports it)."""
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        if "started" in g:
            response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - g.started) * 1000:.1f}"
        return response

    app.jinja_env.globals.update(
        can=lambda action, obj=None: can(current_user, action, obj),
        main_navigation=main_navigation,
        tab_bar=tab_bar,
        pop_undo=pop_undo,
        get_locale=get_locale,
        today=clock.today,
        role_label=role_label,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
