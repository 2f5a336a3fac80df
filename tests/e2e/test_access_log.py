"""The administrator's access log in the browser: a praktijkopleider opens a
student's record, the beheerder finds that read, at 1280 and 360 px."""

import pytest
from django.utils import timezone

from tests.e2e.test_accessibility import check_both_widths

pytestmark = pytest.mark.e2e


def test_beheerder_finds_what_a_staff_account_viewed(
    page_as, assert_accessible, assert_no_console_errors, shot
):
    educator = page_as("praktijkopleider1")
    educator.goto("/studenten/")
    educator.get_by_role("link", name="Sanne Verhoef").first.click()
    educator.wait_for_url("**/studenten/*/")

    page = page_as("beheerder")
    page.get_by_role("link", name="Inzagelog: wat heeft een medewerker bekeken?").click()
    today = timezone.localdate().isoformat()
    page.get_by_label("Medewerker").fill("praktijkopleider1")
    page.get_by_label("Van").fill(today)
    page.get_by_label("Tot en met").fill(today)
    page.get_by_role("button", name="Toon inzage").click()
    table = page.locator("main table")
    assert "1 inzage door" in table.locator("caption").inner_text()
    row = table.locator("tbody tr").first
    assert "Sanne Verhoef" in row.inner_text() and "ingezien" in row.inner_text()
    assert "praktijkopleider" in row.inner_text()
    check_both_widths(page, assert_accessible, "beheerder /inzagelog/ met resultaat")
    page.set_viewport_size({"width": 360, "height": 800})
    shot(page, "inzagelog-360")
    assert_no_console_errors(page)
