"""Made-up values that pass the app's checks, for demo and benchmark data."""
import random

from ..employers import orgnr


def organisation_number(rng: random.Random, legal_form: str) -> str:
    """A made-up but valid organisation number of the given legal form (first digit)."""
    while True:
        body = legal_form + str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        for check in "0123456789":
            if orgnr.luhn_valid(body + check):
                return f"{body[:6]}-{body[6:]}{check}"
