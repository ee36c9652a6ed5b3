"""The schema's history is one line: `flask db upgrade` (to "head") works on every install."""
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from crm.extensions import db

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def test_migrations_have_a_single_head():
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several heads: {heads}; set one migration's down_revision to the other"


def test_models_match_the_migrations(app):
    """What the migrations built is what the models declare: no change awaits a migration."""
    context = MigrationContext.configure(db.session.connection(), opts={"compare_type": True})
    assert compare_metadata(context, db.metadata) == []
