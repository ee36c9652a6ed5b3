"""Extension instances, created unbound and initialised in `create_app`."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

# Named constraints so that Alembic can alter them on every backend (SQLite batch mode included).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _render_item(type_, obj, autogen_context):
    """Keep migrations free of app imports: a custom column type is written as the type it wraps."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True, render_item=_render_item)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# No default limits: only views decorated with `limiter.limit` (sign-in, calendar feeds) are limited.
# The address is the peer's, or the one a trusted proxy forwarded (TRUSTED_PROXY_COUNT).
limiter = Limiter(key_func=get_remote_address)
