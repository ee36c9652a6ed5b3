"""Entry point for gunicorn: `gunicorn wsgi:app` (configuration from CRM_* environment variables)."""
import os

from crm import create_app
from crm.core.runtime import tune_garbage_collector

app = create_app(os.environ.get("CRM_ENV", "production"))
tune_garbage_collector()
