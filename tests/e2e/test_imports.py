"""The import page in the browser: a file with mistakes shows row, column and reason;
a correct file is imported, and importing it again changes nothing. axe at 1280/360 px."""

from pathlib import Path

import pytest

from tests.e2e.test_accessibility import check_both_widths
from tests.imports.helpers import HR_HEADER, csv_bytes, hr_rows

pytestmark = pytest.mark.e2e
SHIPPED = Path(__file__).resolve().parents[2] / "leerroute/qualifications/data"


def choose(page, name: str, data: bytes, mime="text/csv"):
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_role("button", name="Controleren (proefimport)").click()
    page.wait_for_selector("#verslag, .error-summary")


def test_import_with_mistakes_then_twice_correct(
    page_as, assert_accessible, assert_no_console_errors, shot
):
    page = page_as("beheerder")
    page.get_by_role(
        "link", name="Personen importeren (studenten, medewerkers, BPV-plaatsen)"
    ).click()
    page.wait_for_url("**/import/personen/")
    check_both_widths(page, assert_accessible, "beheerder /import/personen/ leeg")

    wrong = hr_rows(2)
    wrong[1][7] = "Team Onbekend"
    choose(page, "medewerkers.csv", csv_bytes(HR_HEADER, wrong))
    report = page.locator("#importverslag")
    assert "Rij 3, kolom 'team': Team 'Team Onbekend' bestaat niet" in report.inner_text()
    assert page.get_by_role("button", name="Importeren", exact=True).count() == 0
    check_both_widths(page, assert_accessible, "proefimport met fouten")
    shot(page, "import-fouten")

    good = csv_bytes(HR_HEADER, hr_rows(2))
    choose(page, "medewerkers.csv", good)
    assert "nieuw account hr.persoon1" in page.locator("#importverslag").inner_text()
    page.get_by_role("button", name="Importeren", exact=True).click()
    page.wait_for_selector("text=De import is opgeslagen.")
    assert "nieuw: 2" in page.locator("main .counts").inner_text()
    check_both_widths(page, assert_accessible, "import opgeslagen")

    page.get_by_role("link", name="Nog een bestand importeren").click()
    choose(page, "medewerkers.csv", good)
    counts = page.locator("main .counts").inner_text()
    assert "ongewijzigd: 2" in counts and "nieuw: 0" in counts
    page.get_by_role("button", name="Importeren", exact=True).click()
    page.wait_for_selector("text=De import is opgeslagen.")
    counts = page.locator("main .counts").inner_text()
    assert "ongewijzigd: 2" in counts and "nieuw: 0" in counts and "gewijzigd: 0" in counts
    assert_no_console_errors(page)


def test_qualification_upload_dry_run(page_as, assert_accessible, assert_no_console_errors):
    page = page_as("beheerder")
    page.goto("/import/kwalificatiedossiers/")
    check_both_widths(page, assert_accessible, "beheerder /import/kwalificatiedossiers/")
    data = (SHIPPED / "kwalificatiedossiers.json").read_bytes()
    page.get_by_label("Kwalificatiedossier (JSON)").set_input_files(
        {"name": "dossiers.json", "mimeType": "application/json", "buffer": data}
    )
    page.get_by_role("button", name="Controleren (proefimport)").click()
    page.wait_for_selector("#proef")
    text = page.locator("main").inner_text()
    assert "onbekend (niet in het bestand)" in text
    check_both_widths(page, assert_accessible, "proefimport kwalificatiedossier")
    assert_no_console_errors(page)
