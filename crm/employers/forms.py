import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..core.forms import BaseForm, choices
from ..reference import sni_divisions
from . import orgnr
from .labels import SECTOR_LABELS, SIZE_LABELS, STAGE_LABELS

ORGNR_ERRORS = {
    "shape": _l("Write ten digits, as NNNNNN-NNNN."),
    "personal": _l("This looks like a personal identity number (a sole trader). Leave the field empty: "
                   "the register holds no personal identity numbers."),
    "checksum": _l("The check digit does not match. Check the number for a typo."),
}


# The field rules as plain functions (value in, clean value out, ValidationError with the message),
# so that the spreadsheet import checks a cell exactly as the form checks the same field.
def clean_organisation_number(value: str) -> str:
    try:
        return orgnr.normalise(value)
    except orgnr.InvalidOrganisationNumber as error:
        raise ValidationError(ORGNR_ERRORS[str(error)]) from error


def clean_sni_code(value: str) -> str:
    code = value.split(" ")[0]
    if not re.fullmatch(r"\d{2}(\d{3})?", code) or code[:2] not in sni_divisions():
        raise ValidationError(_l("Choose an industry from the list, or write a five-digit SNI code."))
    return code


def clean_postal_code(value: str) -> str:
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{5}", digits):
        raise ValidationError(_l("A postal code has five digits, as 123 45."))
    return f"{digits[:3]} {digits[3:]}"


def clean_website(value: str) -> str:
    url = value if re.match(r"^https?://", value, re.I) else "https://" + value
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*\.[^\s]+", url, re.I):
        raise ValidationError(_l("Write a web address, as www.example.se."))
    return url


def clean_phone(value: str) -> str:
    if not re.fullmatch(r"[+\d][\d\s\-()]{4,}", value.strip()):
        raise ValidationError(_l("Write a phone number with digits, as 070-123 45 67."))
    return value


class EmployerForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    organisation_number = StringField(
        _l("Organisation number"), validators=[Optional(), Length(max=20)],
        description=_l("NNNNNN-NNNN. Leave empty for a sole trader."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    sni_code = StringField(
        _l("Industry (SNI code)"), validators=[Optional(), Length(max=5)],
        description=_l("The two-digit division or the full five-digit code."),
        render_kw={"list": "sni-divisions", "inputmode": "numeric"},
    )
    size_band = SelectField(_l("Size"), choices=choices(SIZE_LABELS.items(), ("", "—")), validators=[Optional()])
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS.items()), default="private")
    street_address = StringField(_l("Street address"), validators=[Optional(), Length(max=200)])
    postal_code = StringField(_l("Postal code"), validators=[Optional(), Length(max=6)],
                              render_kw={"inputmode": "numeric", "autocomplete": "postal-code"})
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)],
                               render_kw={"list": "municipalities"})
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)], render_kw={"inputmode": "url"})
    stage = SelectField(_l("Relationship stage"), choices=choices(STAGE_LABELS.items()), default="prospect")
    responsible_specialist_id = SelectField(_l("Responsible specialist"), coerce=int, validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)],
                          description=_l("About the business. Never write anything about a participant's health here."))
    version = HiddenField()
    # Shown only when the name looks like an employer already in the register (crm.imports.duplicates).
    not_a_duplicate = BooleanField(_l("Save anyway: it is a different employer"))

    def validate_organisation_number(self, field):
        field.data = clean_organisation_number(field.data)

    def validate_sni_code(self, field):
        field.data = clean_sni_code(field.data)

    def validate_postal_code(self, field):
        field.data = clean_postal_code(field.data)

    def validate_website(self, field):
        field.data = clean_website(field.data)


class ContactPersonForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = StringField(_l("Role at the employer"), validators=[Optional(), Length(max=120)])
    is_decision_maker = BooleanField(_l("Decides on hiring"))
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)],
                        render_kw={"inputmode": "tel", "autocomplete": "off"})
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])

    def validate_phone(self, field):
        field.data = clean_phone(field.data)


class EmployerFilterForm(BaseForm):
    """The employer list's search and filters, read from the query string."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)],
                    render_kw={"placeholder": _l("Name, organisation number or municipality"), "type": "search"})
    stage = SelectField(_l("Stage"), choices=choices(STAGE_LABELS.items(), ("", _l("All stages"))),
                        validators=[Optional()])
    specialist = SelectField(_l("Responsible"), coerce=int, validators=[Optional()])
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS.items(), ("", _l("All sectors"))),
                         validators=[Optional()])
    industry = SelectField(_l("Industry"), validators=[Optional()])
    next_step = SelectField(_l("Next step"), choices=choices([
        ("attention", _l("Needs a next step")), ("overdue", _l("Overdue")), ("week", _l("Due within a week")),
        ("none", _l("None planned")),
    ], ("", _l("All"))), validators=[Optional()])
    tag = SelectField(_l("Tag"), coerce=int, validators=[Optional()])
    archived = BooleanField(_l("Show archived"))
    sort = SelectField(_l("Sort by"), choices=choices([
        ("name", _l("Name")), ("-updated", _l("Recently changed")), ("municipality", _l("Municipality")),
        ("stage", _l("Stage")), ("next_step", _l("Next step due")),
    ]), default="name", validators=[Optional()])
    page = IntegerField(default=1, validators=[Optional()])
