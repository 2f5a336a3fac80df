"""The glossary and the header search in a real browser, wide and on a phone."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WIDE, NARROW = 1280, 360


def _both_widths(page, assert_accessible, context):
    for width, height in ((WIDE, 900), (NARROW, 800)):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        assert_accessible(page, f"{context} ({width} px)")
    page.set_viewport_size({"width": WIDE, "height": 900})


def _search(page, words):
    box = page.get_by_role("search", name="Zoeken in Leerroute")
    box.get_by_role("searchbox").fill(words)
    with page.expect_navigation():
        box.get_by_role("button", name="Zoek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekresultaten")


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_student1_never_finds_student2(page_as, assert_no_console_errors, width):
    page = page_as("student1", width=width)
    for words in ("Milan", "Koster", "Milan Koster"):
        _search(page, words)
        main = page.locator("main")
        expect(main).to_contain_text("0 resultaten")
        assert "Koster" not in main.inner_text()
        assert page.url.endswith("/zoeken/")
    assert_no_console_errors(page)


def test_praktijkopleider1_finds_student1_and_search_is_accessible(
    page_as, assert_accessible, assert_no_console_errors
):
    page = page_as("praktijkopleider1", width=NARROW, height=800)
    # On a phone the search box is visible without opening the menu.
    expect(
        page.get_by_role("search", name="Zoeken in Leerroute").get_by_role("searchbox")
    ).to_be_visible()
    _search(page, "Verhoef")
    results = page.get_by_role("region", name="Studenten (1)")
    link = results.get_by_role("link", name="Sanne Verhoef")
    expect(link).to_be_visible()
    assert "?" not in page.url  # the words never travel in the URL
    _both_widths(page, assert_accessible, "zoekresultaten")
    # Keyboard: the count per kind jumps to its results.
    page.get_by_role("link", name="Studenten (1)").click()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sanne Verhoef")
    # Bad input: a Dutch message, no error page.
    _search(page, "x" * 100)
    page.get_by_role("search", name="Zoeken op de pagina").get_by_role("searchbox").fill("")
    with page.expect_navigation():
        page.get_by_role("search", name="Zoeken op de pagina").get_by_role("button").click()
    expect(page.get_by_role("alert")).to_contain_text("Typ eerst een woord of naam")
    _both_widths(page, assert_accessible, "zoeken met foutmelding")
    assert_no_console_errors(page)


def test_a_glossary_link_in_a_help_text_opens_the_definition(
    page_as, assert_accessible, assert_no_console_errors
):
    page = page_as("student1")
    page.goto("/leervragen/")
    help_text = page.locator("main p", has_text="Een leervraag beschrijft")
    help_text.get_by_role("link", name="leervraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leervraag")
    expect(page.locator(".definition")).to_contain_text("student zelf opschrijft")
    expect(page.get_by_role("heading", name="Geschiedenis")).to_be_visible()
    _both_widths(page, assert_accessible, "begrip")
    # The letter index and the list.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begrippen")
    index = page.get_by_role("navigation", name="Beginletters")
    expect(index.get_by_role("link", name="Q")).to_have_count(0)
    index.get_by_role("link", name="O", exact=True).click()
    page.get_by_role("link", name="OEPS", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OEPS")
    page.go_back()
    _both_widths(page, assert_accessible, "begrippenlijst")
    page.get_by_label("Zoek een begrip").fill("stage")
    page.get_by_label("Zoek een begrip").press("Enter")
    expect(page.get_by_role("heading", name="begrippen gevonden")).to_be_visible()
    expect(page.get_by_role("link", name="BPV", exact=True)).to_be_visible()
    _both_widths(page, assert_accessible, "begrippen gezocht")
    assert_no_console_errors(page)


def test_a_teacher_edits_a_term(page_as, assert_accessible, assert_no_console_errors):
    page = page_as("docent1")
    page.goto("/begrippen/cascade/")
    page.get_by_role("link", name="Begrip bewerken").click()
    _both_widths(page, assert_accessible, "begrip bewerken")
    page.get_by_label("Voorbeeld uit de praktijk").fill("Team Tulp is als eerste getraind.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het begrip is opgeslagen.")
    expect(page.locator("main")).to_contain_text("Team Tulp is als eerste getraind.")
    expect(page.get_by_text("Versie 2")).to_contain_text("Petra Zonneveld")
    assert_no_console_errors(page)
