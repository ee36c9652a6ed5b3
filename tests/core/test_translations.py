"""Every string the UI can show has a Swedish translation, with the same placeholders."""
import re
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_swedish_catalog_is_complete(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    pot = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
                                "--no-location", "-o", str(pot), "."])
    with open(pot, encoding="utf-8") as handle:
        template = read_po(handle)
    with open(ROOT / "crm/translations/sv/LC_MESSAGES/messages.po", encoding="utf-8") as handle:
        swedish = read_po(handle)

    missing, broken = [], []
    for message in template:
        if not message.id:
            continue
        translated = swedish.get(message.id)
        strings = translated.string if translated else None
        strings = strings if isinstance(strings, tuple) else (strings,)
        if not translated or not all(strings) or translated.fuzzy:
            missing.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if {p for s in strings for p in PLACEHOLDER.findall(s)} != {p for i in ids for p in PLACEHOLDER.findall(i)}:
            broken.append(message.id)
    assert not missing, f"untranslated (run `make catalog` and translate): {missing}"
    assert not broken, f"placeholders differ: {broken}"
