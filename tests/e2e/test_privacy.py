"""The student's privacy in the browser: the notice at first sign-in, Mijn gegevens with
both downloads, and who viewed the record, at 1280 and 360 px."""

import json
from pathlib import Path

import jsonschema
import pytest

from tests.e2e.conftest import new_page, sign_in
from tests.e2e.test_accessibility import check_both_widths

pytestmark = pytest.mark.e2e

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "mijn-gegevens.schema.json"


def test_the_notice_shows_at_first_sign_in_until_read(
    browser, live_server, seeded, assert_accessible, assert_no_console_errors
):
    page = new_page(browser, live_server.url)
    sign_in(page, "werkbegeleider1", read_privacy_notice=False)
    banner = page.locator(".privacy-banner")
    assert banner.is_visible()
    check_both_widths(page, assert_accessible, "home met privacymelding")
    with page.expect_navigation():
        banner.get_by_role("link", name="Lees de privacyverklaring voor jouw rol").click()
    assert page.get_by_role("heading", name="Voor werkbegeleiders").is_visible()
    check_both_widths(page, assert_accessible, "/privacy/ als werkbegeleider")
    with page.expect_navigation():
        page.locator(".privacy-banner").get_by_role("button", name="Gelezen").click()
    assert page.locator(".privacy-banner").count() == 0
    page.goto("/")
    assert page.locator(".privacy-banner").count() == 0
    assert_no_console_errors(page)
    page.context.close()


def test_student_downloads_all_data_and_sees_who_looked(
    page_as, assert_accessible, assert_no_console_errors, shot
):
    educator = page_as("praktijkopleider1")
    educator.goto("/studenten/")
    educator.get_by_role("link", name="Sanne Verhoef").first.click()
    educator.wait_for_url("**/studenten/*/")
    other = page_as("praktijkopleider2")
    other.goto("/studenten/")
    other.get_by_role("link", name="Milan Koster").first.click()
    other.wait_for_url("**/studenten/*/")

    page = page_as("student1")
    page.goto("/profiel/")
    page.get_by_role("link", name="Mijn gegevens").first.click()
    page.wait_for_url("**/mijn-gegevens/")
    assert page.get_by_role("heading", name="Leervragen").is_visible()
    check_both_widths(page, assert_accessible, "/mijn-gegevens/")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download als gegevensbestand (JSON)").click()
    data = json.loads(Path(info.value.path()).read_text())
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["onderdelen"]["profiel"][0]["gebruikersnaam"] == "student1"
    with page.expect_download() as info:
        page.get_by_role("link", name="Download als leesbaar bestand (HTML)").click()
    html = Path(info.value.path()).read_text()
    assert "Mijn gegevens in Leerroute" in html and "Milan Koster" not in html

    page.get_by_role("link", name="Wie heeft mijn gegevens bekeken?").first.click()
    page.wait_for_url("**/mijn-gegevens/inzage/")
    main = page.locator("main").inner_text()
    assert "Esther Valkenier" in main  # praktijkopleider1
    assert "Karim Benali-Smit" not in main  # praktijkopleider2 looked at student2 only
    check_both_widths(page, assert_accessible, "/mijn-gegevens/inzage/")
    page.set_viewport_size({"width": 360, "height": 800})
    shot(page, "wie-bekeek-360")
    assert_no_console_errors(page)
