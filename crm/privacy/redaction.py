"""Cutting one person's names and contact details out of texts that also hold other things."""
import json
import re
from collections.abc import Iterable
from typing import Any

MARK = "[…]"


def _name_pattern(name: str) -> str:
    """Whole words in any case, any spacing, with or without the Swedish genitive s."""
    words = [re.escape(word) for word in name.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"s?(?!\w)"


def _short_name_pattern(short_name: str) -> str:
    """"Anna S." as nudges and calendar feeds write it."""
    return r"(?<!\w)" + r"\s+".join(re.escape(word) for word in short_name.split())


def _phone_pattern(phone: str) -> str | None:
    """The same digits however they are grouped, and a leading 0 written as +46."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None
    body = r"[\s\-]*".join(digits[1:] if digits.startswith("0") else digits)
    prefix = r"(?:\+46[\s\-]*|0)" if digits.startswith("0") else re.escape(phone.strip()[:1]) + "?"
    return r"(?<!\d)" + prefix + body + r"(?!\d)"


class Redactor:
    """Replaces each occurrence of the person's terms with a mark, in text and in JSON values."""

    def __init__(self, names: Iterable[str] = (), short_names: Iterable[str] = (), phones: Iterable[str] = (),
                 emails: Iterable[str] = ()):
        found = [(n, _name_pattern(n)) for n in names if n and n.strip()]
        found += [(n, _short_name_pattern(n)) for n in short_names if n and n.strip()]
        found += [(p, _phone_pattern(p)) for p in phones if p]
        found += [(e, re.escape(e.strip())) for e in emails if e and e.strip()]
        # Longest term first, so that "Anna Svensson" goes as one before "Anna" alone is looked for.
        patterns = [pattern for _term, pattern in sorted(found, key=lambda item: -len(item[0])) if pattern]
        self._regex = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
        self.search_terms = self._search_terms(names, emails, phones)

    def text(self, value: str) -> str:
        return self._regex.sub(MARK, value) if self._regex else value

    def value(self, value: Any) -> Any:
        """A text, or the strings anywhere inside a JSON structure; other values unchanged."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        return value

    @staticmethod
    def _search_terms(names, emails, phones) -> list[str]:
        """Fragments a database LIKE can look for first, in the cases and escapes texts and JSON hold
        them (SQLite folds only ASCII letters); the regular expression then decides."""
        terms = set()
        for term in [*names, *emails]:
            if not term or not term.strip():
                continue
            for variant in {term.strip(), term.strip().lower(), term.strip().upper(), term.strip().title()}:
                terms.update({variant, json.dumps(variant)[1:-1]})
        for phone in filter(None, phones):
            # Texts copy a number as it was written: its longest group of digits, or all of them.
            groups = re.findall(r"\d+", phone)
            terms.update(group for group in (max(groups, key=len, default=""), "".join(groups)) if len(group) >= 4)
        return sorted(terms)
