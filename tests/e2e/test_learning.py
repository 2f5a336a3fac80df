"""Browser journey: a learning question from writing to completion.

student1 writes a question on a phone-sized screen, sees the live check,
links the suggested work process with one click and submits; werkbegeleider1
asks a clarifying question; student1 revises and resubmits; werkbegeleider1
approves with the checklist; student1 completes with a reflection and the
mentor sees it. axe-core checks every page on the way.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

QUESTION = (
    "Ik wil leren hoe ik bij een bewoner een katheter verzorg, zodat ik dit binnen "
    "drie weken zelfstandig volgens protocol doe."
)
WP_LABEL = "B1-K1-W4 Voert verpleegtechnische handelingen uit"


@pytest.mark.e2e
def test_learning_question_journey(
    page_as, assert_accessible, assert_no_console_errors, shot, settle
):
    student = page_as("student1", width=360, height=800)
    student.goto("/leervragen/nieuw/")
    assert_accessible(student, "leeg formulier")

    student.get_by_role("textbox", name="Je leervraag").fill(QUESTION)
    results = student.locator("#check-results")
    expect(results).to_contain_text("B1-K1-W4", timeout=5000)
    expect(results).to_contain_text("Schrijf op welke stappen")
    assert results.get_attribute("aria-live") == "polite"
    assert_accessible(student, "formulier met controle")

    checkbox = student.get_by_label(WP_LABEL)
    expect(checkbox).not_to_be_checked()
    student.get_by_role("button", name="Koppel B1-K1-W4").click()
    expect(checkbox).to_be_checked()
    expect(results).to_contain_text("Werkproces B1-K1-W4 is gekoppeld.")
    shot(student, "leervraag-formulier-360")

    student.get_by_label("Stappen die je zet").fill(
        "1. Ik lees het protocol. 2. Ik kijk twee keer mee. 3. Ik doe het onder toezicht."
    )
    student.get_by_label("Wat vraag je van je werkbegeleider?").fill("Voordoen en meekijken.")
    target = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
    student.get_by_label("Streefdatum").fill(target)
    expect(results).not_to_contain_text("Schrijf op welke stappen")
    settle(student)
    student.get_by_role("button", name="Opslaan en indienen").click()
    expect(student.locator(".messages")).to_contain_text("ingediend")
    expect(student.locator(".facts")).to_contain_text(WP_LABEL)
    question_url = student.url
    assert_accessible(student, "leervraag ingediend")

    mentor = page_as("werkbegeleider1")
    mentor.goto("/leervragen/wacht-op-mij/")
    assert_accessible(mentor, "wachtlijst")
    mentor.get_by_role("link", name=re.compile("katheter verzorg")).first.click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Leervraag beoordelen")
    assert_accessible(mentor, "beoordelen")
    shot(mentor, "leervraag-beoordelen")
    mentor.get_by_label("Je vraag aan de student").fill("Bij welke bewoner, en wie kijkt mee?")
    mentor.get_by_role("button", name="Vraag stellen aan de student").click()
    expect(mentor.locator(".messages")).to_contain_text("naar de student gestuurd")

    student.goto(question_url)
    expect(student.locator(".status")).to_have_text("verduidelijking gevraagd")
    student.get_by_role("link", name="Aanpassen en antwoorden").click()
    expect(student.locator(".thread")).to_contain_text("Bij welke bewoner")
    assert_accessible(student, "aanpassen na vraag")
    student.get_by_label("Je antwoord aan je werkbegeleider").fill(
        "Bij meneer op de Tulp-afdeling; jij kijkt mee."
    )
    settle(student)
    student.get_by_role("button", name="Opslaan en opnieuw indienen").click()
    expect(student.locator(".messages")).to_contain_text("opnieuw ingediend")

    mentor.goto(question_url + "beoordelen/")
    expect(mentor.locator(".thread")).to_contain_text("jij kijkt mee")
    for label in [
        "De leervraag past bij het niveau van de kwalificatie",
        "De leervraag is gekoppeld aan het juiste werkproces",
        "De leervraag is duidelijk en concreet",
        "De stappen leiden naar de competentie",
        "Mijn eigen ondersteuning staat hieronder beschreven",
    ]:
        mentor.get_by_label(re.compile(re.escape(label))).check()
    mentor.get_by_label("Zo ondersteun ik de student").fill("Ik doe het de eerste keer voor.")
    mentor.get_by_role("button", name="Goedkeuren").click()
    expect(mentor.locator(".messages")).to_contain_text("goedgekeurd")

    student.goto(question_url)
    expect(student.locator(".facts")).to_contain_text("Ik doe het de eerste keer voor.")
    student.get_by_role("link", name="Reflectie schrijven en afronden").click()
    assert_accessible(student, "afronden")
    student.get_by_label("Je reflectie").fill("Na twee keer oefenen lukte het zelfstandig.")
    settle(student)
    student.get_by_role("button", name="Afronden").click()
    expect(student.locator(".status")).to_have_text("afgerond")
    assert_accessible(student, "afgerond")

    mentor.goto(question_url)
    expect(mentor.get_by_role("heading", name="Reflectie van de student")).to_be_visible()
    expect(mentor.locator("main")).to_contain_text("Na twee keer oefenen")
    assert_no_console_errors(student)
    assert_no_console_errors(mentor)
