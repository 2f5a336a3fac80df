"""OEPS feedback on a phone, the student's reaction, a progress review, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from leerroute.feedback.models import Feedback, ProgressReview
from leerroute.people.models import User

pytestmark = pytest.mark.e2e

OEPS = {
    "Observeren": "Je hielp bij het opstaan en liet de bewoner zelf het tempo bepalen.",
    "Effect": "Je zei dat de bewoner daardoor zelf durfde te lopen.",
    "Pauzeren": "Tempo laten bepalen geeft de bewoner vertrouwen.",
    "Suggesties": "Doe dit morgen ook bij de ochtendzorg.",
}


def _fill_oeps(page):
    for label, text in OEPS.items():
        page.get_by_label(label, exact=False).first.fill(text)


def test_mentor_records_feedback_on_a_phone_even_when_the_connection_drops(
    page_as, assert_accessible, assert_no_console_errors
):
    student = User.objects.get(username="student1")
    page = page_as("werkbegeleider1", width=360, height=780)
    page.goto(f"/studenten/{student.pk}/")
    page.get_by_role("link", name="Feedback geven (OEPS)").click()
    page.wait_for_load_state("load")  # htmx and draft.js are set up
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback geven")
    expect(page.get_by_label("Student")).to_have_value(str(student.pk))
    # Another student: the work processes of that student's qualification load.
    other = User.objects.get(username="s.boukhari")  # Helpende Zorg en Welzijn
    page.get_by_label("Student").select_option(str(other.pk))
    options = page.locator("#id_work_process option")
    expect(options.filter(has_text="Maakt ruimtes gebruiksklaar")).to_have_count(1)
    page.get_by_label("Student").select_option(str(student.pk))
    expect(options.filter(has_text="Stelt het zorgplan op")).to_have_count(1)
    expect(options.filter(has_text="Maakt ruimtes gebruiksklaar")).to_have_count(0)
    _fill_oeps(page)
    page.get_by_label("Het welzijn van de cliënt was in het geding").check()
    assert_accessible(page, "feedbackformulier op 360 px")

    # The connection drops while saving: the text stays and the form says so.
    def drop_posts(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(re.compile(r".*/feedback/nieuw/.*"), drop_posts)
    page.get_by_role("button", name="Feedback opslaan").click()
    status = page.locator("#draft-status")
    expect(status).to_contain_text("geen verbinding")
    expect(page.get_by_label("Observeren", exact=False).first).to_have_value(OEPS["Observeren"])
    assert not Feedback.objects.filter(observe=OEPS["Observeren"]).exists()

    # Even a reload (or reopening the form in this tab) brings the text back.
    page.reload()
    expect(page.get_by_label("Suggesties", exact=False).first).to_have_value(OEPS["Suggesties"])
    expect(status).to_contain_text("staat weer in het formulier")

    # Connection back: saving works and the kept draft is forgotten.
    page.unroute(re.compile(r".*/feedback/nieuw/.*"))
    page.get_by_role("button", name="Feedback opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feedback van")
    expect(page.locator(".messages")).to_contain_text("Je feedback is opgeslagen")
    item = Feedback.objects.get(observe=OEPS["Observeren"])
    assert item.client_wellbeing and item.author.username == "werkbegeleider1"
    kept = page.evaluate(
        "() => Object.keys(window.sessionStorage).filter(k => k.startsWith('leerroute-concept:'))"
    )
    assert kept == []
    assert_accessible(page, "feedback na opslaan op 360 px")
    # The dropped request itself is reported by the browser; nothing else may be.
    page.console_errors[:] = [e for e in page.console_errors if "INTERNET_DISCONNECTED" not in e]
    assert_no_console_errors(page)


def _feedback_for_student1():
    from leerroute.feedback import services

    return services.give_feedback(
        author=User.objects.get(username="werkbegeleider1"),
        student=User.objects.get(username="student1"),
        observe=OEPS["Observeren"],
        effect=OEPS["Effect"],
        pause=OEPS["Pauzeren"],
        suggestions=OEPS["Suggesties"],
    )


def test_student_reacts_to_feedback(page_as, assert_accessible, assert_no_console_errors):
    item = _feedback_for_student1()
    page = page_as("student1", width=360, height=780)
    page.get_by_role("link", name=re.compile("Van Ingrid Bakelaar")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feedback van")
    page.goto(f"/feedback/{item.pk}/")
    assert_accessible(page, "feedback voor de student")
    page.get_by_label("Jouw reactie").fill("Ik ga het morgen zo doen.")
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.locator(".messages")).to_contain_text("Je reactie is opgeslagen")
    expect(page.locator(".response")).to_contain_text("Ik ga het morgen zo doen.")
    item.refresh_from_db()
    assert item.student_response == "Ik ga het morgen zo doen." and item.is_read
    assert_no_console_errors(page)


def test_a_reaction_naming_a_client_gets_a_live_hint_and_is_still_saved(
    page_as, assert_accessible, assert_no_console_errors
):
    item = _feedback_for_student1()
    page = page_as("student1", width=360, height=780)
    page.goto(f"/feedback/{item.pk}/")
    page.wait_for_load_state("load")  # htmx is set up
    field, hint = page.get_by_label("Jouw reactie"), page.locator("#id_response_privacy")
    field.fill("Bij mevrouw Jansen op kamer 12 ga ik het morgen zo doen.")
    expect(hint).to_contain_text("Je noemt mogelijk een cliënt (‘mevrouw Jansen’)")
    expect(hint).to_contain_text("kamernummer (‘kamer 12’)")
    assert_accessible(page, "reactie met privacyhint op 360 px")
    field.fill("Bij een bewoner ga ik het morgen zo doen.")
    expect(hint).to_have_text("")
    field.fill("Bij mevrouw Jansen ga ik het morgen zo doen.")
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.locator(".messages")).to_contain_text("Je reactie is opgeslagen")
    expect(page.locator(".messages")).to_contain_text("noemt mogelijk een cliënt")
    item.refresh_from_db()
    assert item.student_response == "Bij mevrouw Jansen ga ik het morgen zo doen."
    assert_no_console_errors(page)


def test_assessor_publishes_a_review_citing_feedback(
    page_as, assert_accessible, assert_no_console_errors
):
    item = _feedback_for_student1()
    student = item.student
    page = page_as("studentbegeleider1")
    page.goto(f"/feedback/studenten/{student.pk}/voortgang/")
    assert_accessible(page, "voortgangsoverzicht")
    page.get_by_role("link", name="Nieuwe voortgangsbeoordeling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe voortgangsbeoordeling")
    page.get_by_role("group", name=re.compile("B1-K1-W3")).get_by_label("op niveau").check()
    page.get_by_label("Onderbouwing").fill("Zelfstandige ochtendzorg, zie de feedback.")
    page.get_by_label(re.compile("Je hielp bij het opstaan")).check()
    assert_accessible(page, "beoordelingsformulier")
    page.get_by_role("button", name="Publiceren voor de student").click()
    expect(page.locator(".messages")).to_contain_text("gepubliceerd voor de student")
    review = ProgressReview.objects.get(summary__startswith="Zelfstandige ochtendzorg")
    assert review.is_published and list(review.cited_feedback.all()) == [item]
    expect(page.get_by_role("row", name=re.compile("B1-K1-W3"))).to_contain_text("op niveau")
    assert_accessible(page, "gepubliceerde beoordeling")
    assert_no_console_errors(page)


def test_mentor_is_refused_a_review(page_as, assert_accessible):
    student = User.objects.get(username="student1")
    page = page_as("werkbegeleider1", width=360, height=780)
    page.goto(f"/feedback/studenten/{student.pk}/voortgang/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voortgang van")
    expect(page.get_by_role("link", name="Nieuwe voortgangsbeoordeling")).to_have_count(0)
    assert_accessible(page, "voortgang voor de werkbegeleider")
    response = page.goto(f"/feedback/studenten/{student.pk}/beoordelingen/nieuw/")
    assert response.status == 403
