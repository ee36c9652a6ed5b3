"""Swedish organisation numbers (organisationsnummer): NNNNNN-NNNN with a Luhn check digit."""
import re

_SHAPE = re.compile(r"^(\d{6})-?(\d{4})$")

LEGAL_FORMS = {
    "2": "public body",
    "5": "limited company",
    "7": "economic association",
    "8": "non-profit or foundation",
    "9": "partnership",
}


class InvalidOrganisationNumber(ValueError):
    pass


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(digits):
        n = int(char) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalise(raw: str) -> str:
    """Return the number as NNNNNN-NNNN or raise `InvalidOrganisationNumber` saying why.

    Spaces are forgiven and the 16-prefixed twelve-digit form that some registers print is
    accepted. Digits three and four below 20 mean a personal identity number (a sole trader),
    which is personal data that an employer register must not hold.
    """
    text = re.sub(r"\s", "", raw or "")
    if len(text) in (12, 13) and text.startswith("16"):
        text = text[2:]
    match = _SHAPE.match(text)
    if not match:
        raise InvalidOrganisationNumber("shape")
    digits = match.group(1) + match.group(2)
    if int(digits[2:4]) < 20:
        raise InvalidOrganisationNumber("personal")
    if not luhn_valid(digits):
        raise InvalidOrganisationNumber("checksum")
    return f"{digits[:6]}-{digits[6:]}"
