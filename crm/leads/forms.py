from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from ..core.forms import BaseForm
from ..reference import municipality_code, ssyk_groups


def _items(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").replace(";", ",").replace("\n", ",").split(",") if item.strip()]


class LeadSearchForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    occupations = StringField(_l("Occupations (SSYK codes, separated by commas)"),
                              validators=[Optional(), Length(max=400)])
    municipalities = StringField(_l("Municipalities (names, separated by commas)"),
                                 validators=[Optional(), Length(max=1000)])
    free_text = StringField(_l("Free text"), validators=[Optional(), Length(max=200)])
    active = BooleanField(_l("Fetched by the scheduler"), default=True)

    def validate_occupations(self, field):
        unknown = [code for code in _items(field.data) if code not in ssyk_groups()]
        if unknown:
            # gettext, not the lazy one: a lazy string counts as safe HTML, and the codes are the user's input.
            raise ValidationError(_("Not an SSYK occupation code: %(codes)s", codes=", ".join(unknown)))

    def validate_municipalities(self, field):
        unknown = [name for name in _items(field.data) if municipality_code(name) is None]
        if unknown:
            raise ValidationError(_("Not a Swedish municipality: %(names)s", names=", ".join(unknown)))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not (_items(self.occupations.data) or _items(self.municipalities.data) or self.free_text.data):
            self.occupations.errors.append(_l("Name at least one occupation, municipality or free text."))
            return False
        return valid

    def values(self) -> dict:
        return {"name": self.name.data, "occupations": _items(self.occupations.data),
                "municipalities": [municipality_code(name) for name in _items(self.municipalities.data)],
                "free_text": self.free_text.data, "active": self.active.data}
