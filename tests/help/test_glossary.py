"""One term per concept: the glossary page names each in both languages, and the Swedish catalogue
uses none of the variants the glossary rules out."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from crm.help import glossary
from crm.matching import labels as matching_labels

ROOT = Path(__file__).resolve().parents[2]


def _swedish_catalogue():
    with open(ROOT / "crm/translations/sv/LC_MESSAGES/messages.po", encoding="utf-8") as handle:
        return read_po(handle, locale="sv")


def _strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_the_swedish_catalogue_uses_no_ruled_out_variant():
    found = [
        f"{term.sv}: {string!r}"
        for message in _swedish_catalogue() if message.id
        for string in _strings(message)
        for term in glossary() if term.avoid_sv and string and term.avoid_sv.search(string)
    ]
    assert not found, "variants the glossary rules out (docs/glossary.md):\n" + "\n".join(found)


def test_the_check_catches_a_variant():
    """The rule list is live: the variants named in the issue are caught, the right terms are not."""
    rules = {term.key: term.avoid_sv for term in glossary()}
    assert rules["employment-support"].search("Lönestödsärende")
    assert rules["follow-up-support"].search("Stöd efter anställning")
    assert rules["face-to-face"].search("Personliga arbetsgivarkontakter")
    assert not rules["face-to-face"].search("Personliga möten med arbetsgivare")
    assert not rules["face-to-face"].search("Senaste personliga möte")
    assert rules["strategy-meeting"].search("Nästa strategimöte")
    assert not rules["strategy-meeting"].search("Nästa arbetsgivarstrategimöte")


def test_matching_reasons_speak_of_the_participant_in_the_third_person():
    catalogue = _swedish_catalogue()
    second_person = re.compile(r"\b(du|dig|din|ditt|dina)\b", re.IGNORECASE)
    tables = (matching_labels.MET, matching_labels.MISSED, matching_labels.EXCLUDED_IN_SUMMARY)
    for reason in (reason for table in tables for reason in table.values()):
        msgid = reason._args[0]
        assert not re.search(r"\byour?\b", msgid), msgid
        assert not second_person.search(catalogue.get(msgid).string), msgid


@pytest.mark.parametrize("role", ["specialist", "team_lead", "admin", "partner"])
def test_every_role_reads_the_glossary_in_both_languages(request, login, role):
    client = login(request.getfixturevalue(role))
    page = client.get("/help/glossary").get_data(as_text=True)
    for term in glossary():
        assert f'id="{term.key}"' in page and term.sv in page and term.en in page
    assert "Ordlista" in page
    client.post("/language", data={"language": "en"})
    page = client.get("/help/glossary").get_data(as_text=True)
    assert "Glossary" in page and glossary()[0].en_definition in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/help/glossary").status_code == 302


def test_the_glossary_document_lists_every_term():
    document = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in document.splitlines()
            if line.startswith("| ") and not line.startswith("| svenska")}
    assert rows == {term.sv: term.en for term in glossary()}
