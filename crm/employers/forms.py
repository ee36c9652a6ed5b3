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

    def validate_organisation_number(self, field):
        try:
            field.data = orgnr.normalise(field.data)
        except orgnr.InvalidOrganisationNumber as error:
            raise ValidationError(ORGNR_ERRORS[str(error)]) from error

    def validate_sni_code(self, field):
        code = field.data.split(" ")[0]
        if not re.fullmatch(r"\d{2}(\d{3})?", code) or code[:2] not in sni_divisions():
            raise ValidationError(_l("Choose an industry from the list, or write a five-digit SNI code."))
        field.data = code

    def validate_postal_code(self, field):
        digits = re.sub(r"\s", "", field.data)
        if not re.fullmatch(r"\d{5}", digits):
            raise ValidationError(_l("A postal code has five digits, as 123 45."))
        field.data = f"{digits[:3]} {digits[3:]}"

    def validate_website(self, field):
        url = field.data if re.match(r"^https?://", field.data, re.I) else "https://" + field.data
        if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*\.[^\s]+", url, re.I):
            raise ValidationError(_l("Write a web address, as www.example.se."))
        field.data = url


class ContactPersonForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = StringField(_l("Role at the employer"), validators=[Optional(), Length(max=120)])
    is_decision_maker = BooleanField(_l("Decides on hiring"))
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)],
                        render_kw={"inputmode": "tel", "autocomplete": "off"})
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])

    def validate_phone(self, field):
        if not re.fullmatch(r"[+\d][\d\s\-()]{4,}", field.data.strip()):
            raise ValidationError(_l("Write a phone number with digits, as 070-123 45 67."))


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
    archived = BooleanField(_l("Show archived"))
    sort = SelectField(_l("Sort by"), choices=choices([
        ("name", _l("Name")), ("-updated", _l("Recently changed")), ("municipality", _l("Municipality")),
        ("stage", _l("Stage")), ("next_step", _l("Next step due")),
    ]), default="name", validators=[Optional()])
    page = IntegerField(default=1, validators=[Optional()])
