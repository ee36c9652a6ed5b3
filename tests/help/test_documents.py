"""The project's documents link only to files that a fresh clone has."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_relative_links_resolve_inside_the_repository(document):
    text = document.read_text(encoding="utf-8")
    assert "../shared" not in text
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        resolved = (document.parent / target).resolve()
        assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{document.name} links to {target}"
