"""The twice-yearly conversation in a real browser: docent1 plans it from the proposed
agenda, records the notes and an agreement; werkbegeleider1 ticks the agreement off
on the home page; the calendar link on "Mijn profiel". axe-core at 1280 and 360 px
on every new page."""

import urllib.request

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leerroute.conversations.models import Agreement, Conversation
from leerroute.people.models import User

pytestmark = pytest.mark.e2e

AGREEMENT = "Plant een dienst samen waarin Sanne de overdracht geeft"


def _both_widths(page, assert_accessible, context):
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        assert page.locator("h1").count() == 1
        assert_accessible(page, f"{context} op {width} px")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_conversation_planned_recorded_and_an_agreement_ticked_off(
    page_as, assert_accessible, assert_no_console_errors
):
    student = User.objects.get(username="student1")
    page = page_as("docent1")
    page.goto("/gesprekken/")
    _both_widths(page, assert_accessible, "gesprekken")
    page.get_by_role("link", name="Gesprek plannen voor Sanne Verhoef").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek plannen")
    proposed = page.get_by_label("Agenda").input_value()
    assert "Leervraag: " in proposed and "Afspraak van vorige keer" in proposed
    _both_widths(page, assert_accessible, "gesprek plannen")

    # Bad input first: an end before the start changes nothing.
    today = timezone.localdate().isoformat()
    page.get_by_label("Datum").fill(today)
    page.get_by_label("Begintijd").fill("09:00")
    page.get_by_label("Eindtijd").fill("08:00")
    page.get_by_label("Plaats").fill("Kantoor Team Tulp")
    before = Conversation.objects.count()
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.locator(".error-summary")).to_contain_text("De eindtijd moet na de begintijd")
    assert Conversation.objects.count() == before
    _both_widths(page, assert_accessible, "plannen met een fout")

    page.get_by_label("Eindtijd").fill("10:00")
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.locator(".messages")).to_contain_text("Het gesprek is gepland.")
    conversation = Conversation.objects.filter(student=student).latest("pk")
    assert conversation.agenda == [line for line in proposed.splitlines() if line.strip()]
    expect(page.get_by_role("heading", level=1)).to_have_text("Viergesprek met Sanne Verhoef")
    _both_widths(page, assert_accessible, "gesprek")

    page.get_by_role("link", name="Verslag en afspraken vastleggen").click()
    page.get_by_role("textbox", name="Verslag").fill("We bespraken de overdracht en de leervragen.")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Het verslag is opgeslagen.")

    # An agreement without an owner is refused with a Dutch message.
    page.locator("#id_text").fill(AGREEMENT)
    page.locator("#id_due_date").fill(today)
    page.get_by_role("button", name="Afspraak vastleggen").click()
    expect(page.locator(".error-summary")).to_contain_text("iedere afspraak heeft een eigenaar")
    assert not Agreement.objects.filter(text=AGREEMENT).exists()
    _both_widths(page, assert_accessible, "verslag met een fout")
    page.locator("#id_owner").select_option(label="Ingrid Bakelaar")
    page.get_by_role("button", name="Afspraak vastleggen").click()
    expect(page.locator(".messages")).to_contain_text("De afspraak is vastgelegd.")
    _both_widths(page, assert_accessible, "verslag en afspraken")
    assert_no_console_errors(page)

    # The owner ticks it off on the home page.
    mentor = page_as("werkbegeleider1")
    panel = mentor.locator("section", has=mentor.get_by_role("heading", name="Mijn afspraken"))
    expect(panel).to_contain_text(AGREEMENT)
    _both_widths(mentor, assert_accessible, "home met afspraken")
    panel.locator("li", has_text=AGREEMENT).get_by_role("button", name="Afvinken").click()
    expect(mentor.locator(".messages")).to_contain_text("De afspraak is afgevinkt.")
    expect(mentor.locator("main")).not_to_contain_text(AGREEMENT)
    assert Agreement.objects.get(text=AGREEMENT).done_by.username == "werkbegeleider1"
    mentor.goto(f"/gesprekken/{conversation.pk}/")
    expect(mentor.locator(".agreements")).to_contain_text("klaar")
    expect(mentor.locator(".notes")).to_contain_text("We bespraken de overdracht")
    assert_no_console_errors(mentor)


def test_the_calendar_link_on_the_profile(page_as, assert_accessible, live_server):
    page = page_as("student1")
    page.goto("/profiel/")
    _both_widths(page, assert_accessible, "profiel")
    page.get_by_role("button", name="Agenda-koppeling maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je agenda-link")
    _both_widths(page, assert_accessible, "agenda-link")
    url = page.get_by_label("Link naar je agenda in Leerroute").input_value()
    assert url.startswith(live_server.url + "/agenda/") and url.endswith(".ics")
    with urllib.request.urlopen(url) as response:  # noqa: S310 (the live server)
        body = response.read().decode()
    assert body.startswith("BEGIN:VCALENDAR") and "gesprek-" in body
    page.goto("/profiel/")
    page.get_by_role("button", name="Koppeling intrekken").click()
    expect(page.locator(".messages")).to_contain_text("ingetrokken")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(url)  # noqa: S310
    assert caught.value.code == 404
