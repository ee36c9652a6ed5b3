"""Redirect targets taken from the request are only ever local paths."""
from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    if not target:
        return None
    target = target.strip().replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
