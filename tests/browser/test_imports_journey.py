"""A team lead on a phone imports the team's spreadsheet, tags employers in bulk and merges a duplicate."""
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.employers.models import Employer
from crm.extensions import db

from .. import factories
from .conftest import ARTIFACTS, check_phone_page
from .test_employers_journey import sign_in

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[1] / "imports" / "data"


def test_team_lead_imports_tags_and_merges_on_a_phone(phone, live_data, live_server):
    with live_data():
        team = factories.make_team(name="Importteamet")
        lead = factories.make_user(role="team_lead", team=team, email="import@example.se", name="Ivar Import")
        factories.make_employer(team, name="Gröna Gårdens Kafé", municipality="Trosa")
        email = lead.email

    sign_in(phone, email)
    phone.goto("/employers/")
    phone.get_by_role("link", name="Importera från kalkylark").click()
    phone.get_by_label("Kalkylarksfil (CSV)").set_input_files(DATA / "employers_utf8_bom_semicolon.csv")
    phone.get_by_role("button", name="Ladda upp och fortsätt").click()
    phone.get_by_role("heading", name="Välj kolumner").wait_for()
    assert phone.get_by_label("Kontaktperson", exact=True).input_value() == "4"
    phone.screenshot(path=ARTIFACTS / "imports_mapping.png", full_page=True)
    phone.get_by_role("button", name="Visa vad som kommer att hända").click()
    phone.get_by_role("heading", name="Kontrollera före importen").wait_for()
    assert phone.get_by_text("4 nya arbetsgivare").is_visible()
    check_phone_page(phone)
    phone.screenshot(path=ARTIFACTS / "imports_preview.png", full_page=True)
    phone.get_by_role("button", name="Importera", exact=True).click()
    phone.get_by_role("heading", name="Importen är klar").wait_for()
    phone.screenshot(path=ARTIFACTS / "imports_result.png", full_page=True)

    # Tag every employer in Nyköping at once.
    phone.goto("/employers/?q=nyk%C3%B6ping")
    phone.locator("summary", has_text="Ändra flera arbetsgivare på en gång").click()
    phone.get_by_text("Alla 3 arbetsgivare som matchar filtret").click()
    phone.get_by_label("Lägg till etikett").fill("Mässa 2026")
    phone.get_by_role("button", name="Fortsätt").click()
    phone.get_by_text("Detta ändrar 3 arbetsgivare.").wait_for()
    check_phone_page(phone)
    phone.get_by_role("button", name="Ändra 3 arbetsgivare").click()
    phone.get_by_text("3 arbetsgivare ändrade.").wait_for()
    check_phone_page(phone)
    phone.screenshot(path=ARTIFACTS / "imports_tagged_list.png", full_page=True)

    # The cp1252 file brings a near-duplicate in Trosa, imported anyway; the team lead merges it.
    phone.goto("/imports/employers")
    phone.get_by_label("Kalkylarksfil (CSV)").set_input_files(DATA / "employers_cp1252_comma.csv")
    phone.get_by_role("button", name="Ladda upp och fortsätt").click()
    phone.get_by_role("button", name="Visa vad som kommer att hända").click()
    phone.get_by_label("Importera även möjliga dubbletter, som nya arbetsgivare").check()
    phone.get_by_role("button", name="Importera", exact=True).click()
    phone.goto("/employers/duplicates")
    phone.get_by_role("link", name="Slå ihop…").first.click()
    phone.get_by_role("heading", name="Slå ihop två poster").wait_for()
    check_phone_page(phone)
    phone.screenshot(path=ARTIFACTS / "imports_merge.png", full_page=True)
    phone.get_by_label("Ja, slå ihop de här två posterna till en").check()
    phone.get_by_role("button", name="Slå ihop", exact=True).click()
    phone.get_by_text("poster flyttade").wait_for()

    with live_data():
        trosa = db.session.scalars(select(Employer).where(Employer.municipality == "Trosa",
                                                          Employer.archived_at.is_(None))).all()
        assert len(trosa) == 1 and [p.name for p in trosa[0].contact_persons] == ["Göran Ek"]
