"""What a spreadsheet row can hold, how its columns are recognised, and how one row is read and checked.

Each cell is checked by the same rule as the matching form field (crm.employers.forms), so that
an import accepts and refuses exactly what the forms do, with the same messages.
"""
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from ..contacts.labels import FORM_LABELS
from ..contacts.models import ContactForm
from ..core.clock import LOCAL_TZ
from ..core.csvio import FORMULA_TRIGGERS
from ..employers import forms as employer_forms
from ..employers.models import ContactPerson, Employer


@dataclass(frozen=True)
class Target:
    """A field a column can be mapped to: where it goes, and header texts that name it."""

    name: str
    label: object
    group: str  # employer, person, contact
    headers: tuple[str, ...] = ()
    max_length: int | None = None


def _length(model, column: str) -> int | None:
    return getattr(model.__table__.c[column].type, "length", None)


TARGETS = (
    Target("name", _l("Name"), "employer",
           ("namn", "företag", "företagsnamn", "arbetsgivare", "arbetsgivarnamn", "name", "company", "employer"),
           _length(Employer, "name")),
    Target("organisation_number", _l("Organisation number"), "employer",
           ("organisationsnummer", "orgnr", "org nr", "organisation number", "organization number")),
    Target("sni_code", _l("Industry (SNI code)"), "employer", ("sni", "sni kod", "snikod", "bransch", "industry")),
    Target("street_address", _l("Street address"), "employer",
           ("adress", "gatuadress", "besöksadress", "address", "street address"), _length(Employer, "street_address")),
    Target("postal_code", _l("Postal code"), "employer", ("postnummer", "postnr", "postal code", "zip")),
    Target("municipality", _l("Municipality"), "employer",
           ("kommun", "ort", "stad", "postort", "municipality", "city", "town"), _length(Employer, "municipality")),
    Target("website", _l("Website"), "employer", ("webbplats", "webbsida", "hemsida", "webb", "website", "url"),
           _length(Employer, "website")),
    Target("notes", _l("Notes"), "employer", ("anteckningar", "anteckning", "kommentar", "övrigt", "notes"), 5000),
    Target("person_name", _l("Contact person"), "person",
           ("kontaktperson", "kontakt", "kontaktperson namn", "contact person", "contact"),
           _length(ContactPerson, "name")),
    Target("person_role", _l("Contact person's role"), "person", ("roll", "befattning", "titel", "role", "title"),
           _length(ContactPerson, "role")),
    Target("person_phone", _l("Phone"), "person", ("telefon", "tel", "telefonnummer", "mobil", "phone"),
           _length(ContactPerson, "phone")),
    Target("person_email", _l("E-mail"), "person", ("e post", "epost", "mejl", "mail", "email", "e mail"),
           _length(ContactPerson, "email")),
    Target("contact_date", _l("Date of a past contact"), "contact",
           ("kontaktdatum", "datum", "senaste kontakt", "contact date", "date")),
    Target("contact_form", _l("Form of the contact"), "contact",
           ("kontaktform", "kontaktsätt", "form", "contact form")),
    Target("contact_summary", _l("What the contact was about"), "contact",
           ("sammanfattning", "anteckning kontakt", "kontaktanteckning", "summary")),
)
TARGET_NAMES = tuple(t.name for t in TARGETS)
EMPLOYER_FIELDS = tuple(t.name for t in TARGETS if t.group == "employer")
PERSON_FIELDS = {"person_name": "name", "person_role": "role", "person_phone": "phone", "person_email": "email"}

_CLEANERS = {
    "organisation_number": employer_forms.clean_organisation_number,
    "sni_code": employer_forms.clean_sni_code,
    "postal_code": employer_forms.clean_postal_code,
    "website": employer_forms.clean_website,
    "person_phone": employer_forms.clean_phone,
}
# Words for the contact forms in spreadsheets, beside the app's own labels (added at run time).
_CONTACT_FORM_WORDS = {
    "besök": ContactForm.FACE_TO_FACE, "möte": ContactForm.FACE_TO_FACE, "fysiskt möte": ContactForm.FACE_TO_FACE,
    "face to face": ContactForm.FACE_TO_FACE, "visit": ContactForm.FACE_TO_FACE,
    "telefon": ContactForm.PHONE, "samtal": ContactForm.PHONE, "phone": ContactForm.PHONE,
    "video": ContactForm.VIDEO, "teams": ContactForm.VIDEO, "videomöte": ContactForm.VIDEO,
    "e post": ContactForm.EMAIL, "epost": ContactForm.EMAIL, "mejl": ContactForm.EMAIL, "mail": ContactForm.EMAIL,
    "email": ContactForm.EMAIL, "e mail": ContactForm.EMAIL,
    "evenemang": ContactForm.EVENT, "event": ContactForm.EVENT, "mässa": ContactForm.EVENT,
}


def header_key(text: str) -> str:
    """A header or word as compared: lower case, punctuation as spaces."""
    return " ".join(re.sub(r"[\W_]+", " ", (text or "").lower()).split())


def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> dict[str, int]:
    """Target field -> column index: the user's last mapping where those headers are in this file,
    then headers that name a field (in Swedish or English, or as the field's label)."""
    keys = [header_key(h) for h in headers]
    mapping: dict[str, int] = {}
    for name, header in (remembered or {}).items():
        if name in TARGET_NAMES and header_key(header) in keys:
            mapping[name] = keys.index(header_key(header))
    for target in TARGETS:
        if target.name in mapping:
            continue
        words = {*target.headers, header_key(str(target.label))}
        for index, key in enumerate(keys):
            if key in words and index not in mapping.values():
                mapping[target.name] = index
                break
    return mapping


class RowError(ValueError):
    """Why a row cannot be imported, in the user's language."""


@dataclass
class ParsedRow:
    employer: dict[str, str] = field(default_factory=dict)  # only the non-empty mapped cells
    person: dict[str, str] | None = None  # ContactPerson fields
    contact: dict | None = None  # contacted_at, form, summary

    @property
    def number(self) -> str | None:
        return self.employer.get("organisation_number")


def cell_text(value: str) -> str:
    """A cell as imported: trimmed, and without the apostrophe that this app's exports put before a
    formula-like cell, so that a file downloaded, fixed and imported again keeps its text."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        value = value[1:]
    return value


class RowReader:
    """Reads the mapped cells of rows and checks each as its form would. Built once per file, so
    that the words and messages in the user's language are looked up once, not per row."""

    def __init__(self, mapping: dict[str, int], today: date):
        self.mapping, self.today = mapping, today
        self.contact_forms = {header_key(str(label)): form for form, label in FORM_LABELS.items()} | _CONTACT_FORM_WORDS
        self.default_summary = str(_l("Imported from a spreadsheet."))

    def read(self, cells: list[str]) -> ParsedRow:
        """The row's values; RowError lists every problem."""
        values = {name: cell_text(cells[index]) for name, index in self.mapping.items() if index < len(cells)}
        values = {name: value for name, value in values.items() if value}
        errors = []
        if not values.get("name"):
            errors.append(str(_l("The employer's name is missing.")))
        for target in TARGETS:
            if target.name in values:
                try:
                    values[target.name] = _clean(target, values[target.name])
                except RowError as error:
                    errors.append(f"{target.label}: {error}")
        row = ParsedRow(employer={name: values[name] for name in EMPLOYER_FIELDS if name in values})
        if any(name in values for name in PERSON_FIELDS):
            if "person_name" not in values:
                errors.append(str(_l("A phone number, e-mail or role belongs to a contact person: add the person's "
                                     "name, or leave that column out.")))
            row.person = {column: values[name] for name, column in PERSON_FIELDS.items() if name in values}
        if any(name.startswith("contact_") for name in values):
            try:
                row.contact = self._past_contact(values)
            except RowError as error:
                errors.append(str(error))
        if errors:
            raise RowError("; ".join(errors))
        return row

    def _past_contact(self, values: dict[str, str]) -> dict:
        if "contact_date" not in values:
            raise RowError(_l("A past contact needs its date."))
        try:
            day = date.fromisoformat(values["contact_date"][:10].replace("/", "-"))
        except ValueError as error:
            raise RowError(_l("Write the contact's date as 2026-03-31.")) from error
        if day > self.today:
            raise RowError(_l("The contact's date is in the future."))
        form = self.contact_forms.get(header_key(values.get("contact_form", "")))
        if form is None:
            raise RowError(_l("Write the contact's form as besök, telefon, video, e-post or evenemang."))
        # Noon local time: a date-only entry lands on that day whatever the time zone.
        return {"contacted_at": datetime.combine(day, time(12), LOCAL_TZ), "form": form,
                "summary": values.get("contact_summary") or self.default_summary}


def _clean(target: Target, value: str) -> str:
    try:
        if target.name in _CLEANERS:
            value = _CLEANERS[target.name](value)
        elif target.name == "person_email":
            value = validate_email(value, check_deliverability=False).normalized
    except ValidationError as error:
        raise RowError(str(error)) from error
    except EmailNotValidError as error:
        raise RowError(_l("Write an e-mail address, as namn@example.se.")) from error
    if target.max_length and len(value) > target.max_length:
        raise RowError(_l("At most %(count)s characters.", count=target.max_length))
    return value
