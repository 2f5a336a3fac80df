"""Intervision and "Bij wie kan ik terecht?" in a real browser, on a phone and wide."""

import pytest
from playwright.sync_api import expect

from leerroute.intervision.models import Meeting
from tests.e2e.test_accessibility import check_both_widths

pytestmark = pytest.mark.e2e

PHONE = 360


def _meeting_with_notes():
    return Meeting.objects.filter(
        group__name="Intervisie De Rijnhof", notes__isnull=False
    ).order_by("starts_at")[0]


def test_mentor_on_a_phone_finds_the_next_meeting_and_contacts(
    page_as, nav_link, assert_accessible, assert_no_console_errors, shot
):
    page = page_as("werkbegeleider1", width=PHONE, height=780)
    panel = page.locator("section.panel", has=page.get_by_role("heading", name="Mijn intervisie"))
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name="Intervisie De Rijnhof")).to_be_visible()
    expect(panel).to_contain_text("Volgende bijeenkomst")
    expect(panel.get_by_role("link", name="Zet in je agenda (.ics)")).to_be_visible()
    expect(panel.locator("ol.steps li").first).to_be_visible()
    assert_accessible(page, "home werkbegeleider1 (telefoon)")

    panel.get_by_role("link", name="Intervisie De Rijnhof").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intervisie De Rijnhof")
    expect(page.get_by_role("heading", name="Volgende bijeenkomst", exact=False)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Zet in je agenda (.ics)").first.click()
    assert download.value.suggested_filename.endswith(".ics")
    assert_accessible(page, "groep (telefoon)")

    nav_link(page, "Bij wie kan ik terecht?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bij wie kan ik terecht?")
    educator = page.locator('[data-contact="praktijkopleider1"]').first
    expect(educator).to_contain_text("Esther Valkenier")
    expect(educator.get_by_role("link", name="esther.valkenier@dsv.example")).to_have_attribute(
        "href", "mailto:esther.valkenier@dsv.example"
    )
    expect(educator.get_by_role("link", name="06 0000 0121")).to_have_attribute(
        "href", "tel:0600000121"
    )
    expect(page.locator('[data-contact="studentbegeleider1"]').first).to_be_visible()
    assert_accessible(page, "bij wie (telefoon)")
    shot(page, "bij-wie-werkbegeleider1-360")
    assert_no_console_errors(page)


def test_student_finds_their_mentor_and_mails_them(
    page_as, nav_link, assert_accessible, assert_no_console_errors
):
    page = page_as("student1")
    nav_link(page, "Bij wie kan ik terecht?").click()
    mentor = page.locator('[data-contact="werkbegeleider1"]')
    expect(mentor).to_contain_text("Ingrid Bakelaar")
    expect(mentor).to_contain_text("Werkbegeleider")
    expect(mentor.get_by_role("link", name="ingrid.bakelaar@dsv.example")).to_have_attribute(
        "href", "mailto:ingrid.bakelaar@dsv.example"
    )
    expect(page.locator('[data-contact="student2"]')).to_have_count(0)
    check_both_widths(page, assert_accessible, "bij wie student1")
    assert_no_console_errors(page)


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("praktijkopleider1", 404),  # formed the group, is not its facilitator
        ("werkbegeleider2", 404),
        ("beheerder", 404),
        ("werkbegeleider1", 200),
    ],
)
def test_notes_outside_the_group_are_not_found(username, status, page_as):
    meeting = _meeting_with_notes()
    page = page_as(username)
    response = page.goto(f"/intervisie/bijeenkomsten/{meeting.pk}/notities/")
    assert response.status == status
    if status == 404:
        expect(page.locator("main")).not_to_contain_text("halverwege de dienst")
    else:
        expect(page.get_by_label("Notities van de groep")).to_contain_text("halverwege de dienst")


def test_new_pages_are_accessible(page_as, assert_accessible, assert_no_console_errors):
    meeting = _meeting_with_notes()
    group = meeting.group
    upcoming = Meeting.objects.upcoming().filter(group=group).first()
    page = page_as("praktijkopleider1")
    for path in (
        "/intervisie/",
        f"/intervisie/groepen/{group.pk}/",
        f"/intervisie/bijeenkomsten/{upcoming.pk}/",
        "/intervisie/groepen/nieuw/",
        f"/intervisie/groepen/{group.pk}/bewerken/",
        f"/intervisie/groepen/{group.pk}/bijeenkomsten/nieuw/",
        f"/intervisie/bijeenkomsten/{upcoming.pk}/annuleren/",
        f"/intervisie/groepen/{group.pk}/beeindigen/",
        "/bij-wie/",
    ):
        page.goto(path)
        check_both_widths(page, assert_accessible, f"praktijkopleider1 {path}")
    # A form with errors.
    page.goto("/intervisie/groepen/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".error-summary")).to_contain_text("Geef de groep een naam.")
    check_both_widths(page, assert_accessible, "nieuwe groep met fouten")

    page = page_as("studentbegeleider1")
    for path in (
        f"/intervisie/bijeenkomsten/{meeting.pk}/",
        f"/intervisie/bijeenkomsten/{meeting.pk}/notities/",
        f"/intervisie/bijeenkomsten/{meeting.pk}/aanwezigheid/",
    ):
        page.goto(path)
        check_both_widths(page, assert_accessible, f"studentbegeleider1 {path}")
    # The profile's contact form, refused input.
    page.goto("/profiel/")
    page.get_by_label("E-mailadres voor het werk").fill("geen-adres")
    page.get_by_role("button", name="Contactgegevens opslaan").click()
    expect(page.locator(".error-summary")).to_contain_text("Vul een geldig e-mailadres in")
    check_both_widths(page, assert_accessible, "profiel met fout in contactgegevens")
    assert_no_console_errors(page)
