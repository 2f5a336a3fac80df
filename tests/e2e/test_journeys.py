"""The main journey of each demo role, in a real browser on the live server."""

import re

import pytest

from leerroute.people.models import User

pytestmark = pytest.mark.e2e

DSV_ONLY = ["DSV|verzorgd leven", "Team Tulp", "Wonen met zorg De Rijnhof"]
TOPAZ_ONLY = ["Topaz", "Team Overrijn", "Team Hospice", "Revalidatie en herstel"]

# username -> (texts "Mijn overzicht" shows, texts it must not show)
HOME = {
    "student1": (
        ["Welkom, Sanne", "Mijn BPV-plaats", "Team Tulp", "DSV|verzorgd leven", "Ingrid Bakelaar"]
        + ["Marloes Pieterse", "VIG-3A", "Verzorgende IG", "Petra Zonneveld"],
        ["Milan Koster", "Lotte Bloemendaal", *TOPAZ_ONLY],
    ),
    "student2": (
        ["Welkom, Milan", "Mijn BPV-plaats", "Team Overrijn", "Topaz", "Joost Hendrikse"]
        + ["Ruben Achterberg", "VP-4A", "Hans Wildschut"],
        ["Sanne Verhoef", *DSV_ONLY],
    ),
    "werkbegeleider1": (
        ["Welkom, Ingrid", "Mijn studenten (werkbegeleider)", "Sanne Verhoef", "Team Tulp"],
        # Yasmina Ouali is in Team Iris, a team Ingrid does not guide.
        ["Milan Koster", "Yasmina Ouali", *TOPAZ_ONLY],
    ),
    "werkbegeleider2": (
        ["Welkom, Joost", "Mijn studenten (werkbegeleider)", "Milan Koster", "Team Overrijn"],
        ["Sanne Verhoef", "Roos Vlielander", *DSV_ONLY],
    ),
    "studentbegeleider1": (
        ["Welkom, Marloes", "Studenten van mijn afdeling", "Sanne Verhoef", "Yasmina Ouali"],
        # Eva Groenewegen is placed in another DSV department.
        ["Milan Koster", "Eva Groenewegen", *TOPAZ_ONLY],
    ),
    "studentbegeleider2": (
        ["Welkom, Ruben", "Studenten van mijn afdeling", "Milan Koster", "Julia Kramer"],
        ["Sanne Verhoef", "Roos Vlielander", *DSV_ONLY],
    ),
    "praktijkopleider1": (
        ["Welkom, Esther", "Mijn organisatie (praktijkopleider)", "DSV|verzorgd leven"]
        + ["Wonen met zorg De Rijnhof", "Revalidatie Leythenrode", "Thuiszorg Leiden"]
        + ["Team Tulp", "Team Iris", "Wijkteam Leiden-Noord"],
        [*TOPAZ_ONLY, "ActiVite", "Milan Koster"],
    ),
    "praktijkopleider2": (
        ["Welkom, Karim", "Mijn organisatie (praktijkopleider)", "Topaz", "Team Overrijn"]
        + ["Revalidatie en herstel", "Hospice Agnes", "Team Hospice"],
        [*DSV_ONLY, "ActiVite", "Sanne Verhoef"],
    ),
    "docent1": (
        ["Welkom, Petra", "Mijn klassen (docent)", "VIG-3A", "VIG-3B", "Sanne Verhoef"]
        + ["Team Tulp, DSV|verzorgd leven", "Jesse Kaptein", "Team Zonnehof, ActiVite"],
        ["VP-4A", "HZW-2A", "Milan Koster", "Topaz"],
    ),
    "docent2": (
        ["Welkom, Hans", "Mijn klassen (docent)", "VP-4A", "HZW-2A", "Milan Koster"]
        + ["Team Overrijn, Topaz", "Samir Boukhari"],
        ["VIG-3A", "VIG-3B", "Sanne Verhoef"],
    ),
    "trainer": (
        ["Welkom, Yvonne", "Trainingsprogramma's (trainer)"],
        ["Sanne Verhoef", "Milan Koster"],
    ),
    "beheerder": (
        ["Welkom, Bram", "Beheer (functioneel beheerder)", "Naar de beheeromgeving"],
        ["Sanne Verhoef", "Milan Koster"],
    ),
}


def main_text(page) -> str:
    return page.locator("main").inner_text()


def test_home_shows_the_right_people(page_as, assert_no_console_errors, shot):
    """Every demo account, one after the other (one test: the demo data loads once).

    Screenshots of each home page, wide and phone-narrow, are left in
    test-artifacts/screenshots/ for a person to look at.
    """
    problems = []
    for username, (shown, hidden) in HOME.items():
        page = page_as(username, width=360)
        shot(page, f"home-{username}-360")
        page.set_viewport_size({"width": 1280, "height": 900})
        shot(page, f"home-{username}-1280")
        assert page.title() == "Mijn overzicht – Leerroute", username
        text = main_text(page)
        missing = [t for t in shown if t not in text]
        leaked = [t for t in hidden if t in text]
        if missing:
            problems.append(f"{username} mist op Mijn overzicht: {missing}")
        if leaked:
            problems.append(f"{username} ziet op Mijn overzicht: {leaked}")
        assert_no_console_errors(page)
        page.context.close()
    assert not problems, "\n".join(problems)


def test_practice_educator_sees_pilot_departments_and_counts(page_as):
    page = page_as("praktijkopleider1")
    table = page.locator("main table").first
    pilots = table.locator("tbody th", has=page.locator(".badge"))
    assert sorted(pilots.locator("a").all_inner_texts()) == [
        "Revalidatie Leythenrode",
        "Wonen met zorg De Rijnhof",
    ]
    tulp_link = page.get_by_role("link", name="Team Tulp", exact=True)
    students, mentors = table.locator("tr", has=tulp_link).locator("td.num").all_inner_texts()
    # Team Tulp: Sanne Verhoef, Lotte Bloemendaal, Samir Boukhari and Mees Hoogeveen.
    assert students == "4"
    # The count matches the mentors that the team's own page lists.
    tulp_link.click()
    assert page.locator("h1").inner_text() == "Team Tulp"
    staff = page.locator("section[aria-labelledby=h-staff] li").all_inner_texts()
    assert int(mentors) == len([line for line in staff if "werkbegeleider" in line.lower()])
    assert int(mentors) >= 2


def test_mentor_opens_a_student_and_not_one_elsewhere(page_as, assert_no_console_errors):
    page = page_as("werkbegeleider1")
    # The home names her in more than one panel (her placement, this week at school).
    page.get_by_role("link", name="Sanne Verhoef", exact=True).first.click()
    page.wait_for_url(re.compile(r"/studenten/\d+/$"))
    assert page.locator("h1").inner_text() == "Sanne Verhoef"
    assert "Team Tulp" in main_text(page)

    other = User.objects.get(username="student2")
    response = page.goto(f"/studenten/{other.pk}/")
    assert response.status == 404
    assert "Milan Koster" not in page.content()
    page.console_errors.clear()  # the browser reports the expected 404 there
    page.goto("/studenten/?q=Koster")
    assert "Milan Koster" not in main_text(page)
    assert_no_console_errors(page)


def test_student_sees_own_page_and_qualification_then_signs_out(page_as, assert_no_console_errors):
    page = page_as("student1")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Studenten").count() == 0
    page.get_by_role("link", name="Mijn gegevens bekijken").click()
    assert page.locator("h1").inner_text() == "Sanne Verhoef"
    page.get_by_role("link", name="Verzorgende IG").first.click()
    assert page.locator("h1").inner_text() == "Verzorgende IG"
    assert "B1-K1-W1" in main_text(page)
    assert_no_console_errors(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_administrator_works_in_the_django_admin(page_as, assert_no_console_errors):
    page = page_as("beheerder")
    page.get_by_role("link", name="Naar de beheeromgeving").click()
    page.wait_for_url("**/beheer/")
    assert page.locator("#site-name").inner_text() == "Leerroute – beheer"

    page.goto("/beheer/people/user/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 12
    page.goto("/beheer/people/user/?q=student1")
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_url(re.compile(r"/beheer/people/user/\d+/change/"))
    assert page.locator("input[name=username]").input_value() == "student1"

    # Saving the unchanged form works under the CSP and returns to the list.
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/beheer/people/user/(\?.*)?$"))
    assert page.locator(".messagelist .success").count() == 1

    page.goto("/beheer/people/department/")
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_url(re.compile(r"/beheer/people/department/\d+/change/$"))
    assert_no_console_errors(page)


def test_no_django_admin_for_others(page_as):
    for username in ("werkbegeleider1", "docent1"):
        page = page_as(username)
        assert page.get_by_role("link", name="Beheer", exact=True).count() == 0
        page.goto("/beheer/")
        assert "/beheer/login/" in page.url
        assert page.locator("#result_list, .app-people").count() == 0


def test_language_switch_to_english_and_back(page_as, assert_no_console_errors):
    page = page_as("docent1")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.select_option("#taal", "en")
    with page.expect_navigation():
        page.locator(".language-form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#taal").input_value() == "en"
    # The choice sticks while browsing.
    page.goto("/kwalificaties/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.select_option("#taal", "nl")
    with page.expect_navigation():
        page.locator(".language-form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.url.endswith("/kwalificaties/")
    page.goto("/")
    assert page.locator("h1").inner_text() == "Mijn overzicht"
    assert_no_console_errors(page)


def test_session_warning_keeps_the_user_signed_in(page_as, assert_no_console_errors):
    page = page_as("werkbegeleider1")
    dialog = page.locator("#session-warning")
    assert not dialog.is_visible()
    page.evaluate("document.getElementById('session-warning').showModal()")
    assert dialog.is_visible()
    with page.expect_response("**/sessie/verlengen/") as response:
        dialog.get_by_role("button", name="Ingelogd blijven").click()
    assert response.value.status == 204
    dialog.wait_for(state="hidden")
    page.reload()
    assert page.locator("h1").inner_text() == "Mijn overzicht"
    assert_no_console_errors(page)


def test_phone_menu_opens_and_closes(page_as, assert_accessible, assert_no_console_errors):
    page = page_as("docent1", width=360, height=740)
    menu = page.get_by_role("button", name="Menu")
    link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Studenten")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not link.is_visible()
    assert not page.get_by_role("button", name="Uitloggen").is_visible()

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert link.is_visible()
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert_accessible(page, "menu open (360 px)")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not link.is_visible()
    assert page.evaluate("document.activeElement.className") == "menu-toggle"

    menu.click()
    link.click()
    page.wait_for_url("**/studenten/")
    assert page.locator("h1").inner_text() == "Studenten"
    # Wide, the menu is simply there and the button is not.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert link.is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert_no_console_errors(page)
