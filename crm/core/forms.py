"""The base every form in the app builds on."""
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.fields.choices import SelectChoice


def without_nul(value):
    """NUL characters have no place in text, and PostgreSQL refuses them outright (a 500 otherwise)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def _strip(value):
    value = without_nul(value)
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            """Trim text input (never passwords), so that "  " counts as empty and values are stored clean."""
            if unbound_field.field_class is PasswordField:
                return unbound_field.bind(form=form, filters=[without_nul], **options)
            filters = [*unbound_field.kwargs.get("filters", ()), _strip]
            return unbound_field.bind(form=form, filters=filters, **options)


def choices(pairs, first: tuple | None = None) -> list[SelectChoice]:
    """SelectField options from (value, label) pairs, with an optional first "all" or "none" option."""
    items = [first, *pairs] if first else list(pairs)
    return [SelectChoice(value=value, label=label) for value, label in items]
