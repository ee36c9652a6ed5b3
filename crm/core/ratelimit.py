"""Request rate limits for the views anyone can reach: sign-in and calendar feeds.

Each limit is a config value (read on every request), so deployments and tests set their own; the
counts live where RATELIMIT_STORAGE_URI says. A refusal is answered in core/errors.py.
"""
import math
import time
from collections.abc import Callable

from flask import current_app

from ..extensions import limiter


def configured(name: str) -> Callable[[], str]:
    """The limit in config[name], e.g. "20 per minute"."""
    return lambda: current_app.config[name]


def retry_after() -> int:
    """Whole seconds until the breached limit's window ends: the Retry-After of a refusal."""
    return max(1, math.ceil(limiter.current_limit.reset_at - time.time()))
