"""HTTP response headers that every page carries, and requests refused before any view runs."""
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from flask_babel import gettext as _

from .urls import CONTROL_CHARACTERS

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _own_origins() -> set[str]:
    """The app's own address as this request reached it, and as configured (BASE_URL)."""
    return {request.host_url.rstrip("/"), _origin(current_app.config["BASE_URL"])}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def refuse_hostile_requests():
    """NUL and line breaks in the query string are never meant (and break headers and PostgreSQL):
    a 400. A state-changing request that a browser says comes from another site is a 403, on top of
    the CSRF token."""
    if any(CONTROL_CHARACTERS.intersection(text) for item in request.args.items(multi=True) for text in item):
        abort(400, _("The address contains characters that are not allowed."))
    if request.method in STATE_CHANGING:
        origin = request.headers.get("Origin")
        source = origin if origin and origin != "null" else request.headers.get("Referer")
        if source and _origin(source) not in _own_origins():
            abort(403)


def init_app(app: Flask) -> None:
    app.before_request(refuse_hostile_requests)

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint != "static":
            # Pages, exports, feeds and suggestions carry personal data: out of shared caches and the
            # back-button cache. Only the static files may be cached.
            headers.setdefault("Cache-Control", "no-store")
        return response
