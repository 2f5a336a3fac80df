"""Unsaved drafts of the feedback and review forms never pass from one user to the next.

Drafts live in the tab's sessionStorage (feedback/draft.js). A ward computer is
shared: whoever signs in after someone else in the same tab must not get that
person's unsaved text about a client, and nothing may stay behind after signing
out or after the session timed out.
"""

import re

import pytest
from playwright.sync_api import expect

from leerroute.people.models import User
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

SECRET = "Mevrouw de Wit op kamer 14 wilde vanochtend niet gewassen worden."
DRAFT_KEYS = (
    "() => Object.keys(window.sessionStorage).filter(k => k.startsWith('leerroute-concept:'))"
)
LOGIN = re.compile(r".*/accounts/login/.*")


def _drafts(page) -> list[str]:
    return page.evaluate(DRAFT_KEYS)


def _field_values(page) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('main input, main textarea'))"
        ".map(el => el.value)"
    )


def _assert_no_secret(page):
    expect(page.locator("main form[data-draft-key]")).to_have_count(1)
    assert not [value for value in _field_values(page) if SECRET in value]
    assert SECRET not in page.locator("main").inner_text()
    assert _drafts(page) == []


def _type_unsaved_feedback(page, student):
    page.goto(f"/feedback/nieuw/?student={student.pk}")
    page.wait_for_load_state("load")  # draft.js is set up
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback geven")
    page.get_by_label("Observeren", exact=False).first.fill(SECRET)
    assert len(_drafts(page)) == 1


STUB = "<!DOCTYPE html><title>stub</title>"


def _stub_login_page(page):
    """The sign-in page without its scripts, so only the page that was left can clear."""
    page.route(LOGIN, lambda route: route.fulfill(status=200, content_type="text/html", body=STUB))


def _sign_out_to_stub(route):
    """Sign out on the server, but answer with a page without scripts (not the redirect)."""
    response = route.fetch(max_redirects=0)
    assert response.status == 302
    route.fulfill(status=200, content_type="text/html", body=STUB)


def test_the_next_user_in_the_same_tab_never_gets_the_unsaved_text(
    page_as, assert_no_console_errors
):
    student = User.objects.get(username="student1")
    page = page_as("werkbegeleider1")
    _type_unsaved_feedback(page, student)
    key = _drafts(page)[0]
    assert "werkbegeleider1" not in key and "Ingrid" not in key  # the id, never the name

    # The feature still works for the same person: away and back, the text returns.
    page.goto("/")
    page.goto(f"/feedback/nieuw/?student={student.pk}")
    expect(page.get_by_label("Observeren", exact=False).first).to_have_value(SECRET)
    expect(page.locator("#draft-status")).to_contain_text("staat weer in het formulier")
    assert _drafts(page) == [key]

    # Sign out and let the next person sign in, in this very tab.
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    assert "/accounts/login/" in page.url
    assert _drafts(page) == []
    sign_in(page, "studentbegeleider1")

    page.goto(f"/feedback/nieuw/?student={student.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback geven")
    page.wait_for_load_state("load")
    _assert_no_secret(page)
    page.goto(f"/feedback/studenten/{student.pk}/beoordelingen/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe voortgangsbeoordeling")
    page.wait_for_load_state("load")
    _assert_no_secret(page)
    assert_no_console_errors(page)


def test_a_draft_of_someone_else_is_neither_offered_nor_kept(page_as, assert_no_console_errors):
    """A draft left under another user's key (e.g. from an older version) is not offered."""
    student = User.objects.get(username="student1")
    mentor = User.objects.get(username="werkbegeleider1")
    page = page_as("studentbegeleider1")
    page.goto("/")
    keys = [
        f"leerroute-concept:u{mentor.pk}:feedback-nieuw-{student.pk}",
        f"leerroute-concept:feedback-nieuw-{student.pk}",  # without a user
    ]
    page.evaluate(
        """([keys, text]) => keys.forEach(
            key => sessionStorage.setItem(key, JSON.stringify({observe: text})))""",
        [keys, SECRET],
    )
    page.goto(f"/feedback/nieuw/?student={student.pk}")
    page.wait_for_load_state("load")
    _assert_no_secret(page)
    assert_no_console_errors(page)


def test_signing_out_clears_every_draft_before_leaving_the_page(page_as):
    student = User.objects.get(username="student1")
    page = page_as("werkbegeleider1")
    _type_unsaved_feedback(page, student)
    page.evaluate("() => sessionStorage.setItem('leerroute-concept:u0:review-1', '{}')")
    page.route(re.compile(r".*/accounts/logout/$"), _sign_out_to_stub)
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    assert page.title() == "stub"
    assert _drafts(page) == []


def test_the_sign_in_page_starts_a_stale_tab_clean(page_as, assert_no_console_errors):
    page = page_as(None)
    page.goto("/accounts/login/")
    page.evaluate(
        "() => { sessionStorage.setItem('leerroute-concept:u1:feedback-nieuw-1', '{}');"
        " sessionStorage.setItem('leerroute-concept:review-2', '{}');"
        " sessionStorage.setItem('iets-anders', 'blijft'); }"
    )
    page.reload()
    page.wait_for_load_state("load")
    assert _drafts(page) == []
    assert page.evaluate("() => sessionStorage.getItem('iets-anders')") == "blijft"
    assert_no_console_errors(page)


def test_the_session_timeout_clears_the_draft(page_as):
    student = User.objects.get(username="student1")
    page = page_as("werkbegeleider1")
    page.clock.install()
    _type_unsaved_feedback(page, student)
    _stub_login_page(page)
    # Let the live privacy hint (htmx, delayed by the paused clock) answer first:
    # every htmx answer counts as activity and restarts the countdown.
    page.clock.run_for(1000)
    expect(page.locator("#id_observe_privacy")).to_contain_text("kamer 14")
    # An hour without activity: session.js warns, then ends the session and goes
    # to the sign-in page (stubbed, so only session.js can have cleared the draft).
    with page.expect_navigation():
        page.clock.run_for("01:01:00")
    assert "/accounts/login/" in page.url and page.title() == "stub"
    assert _drafts(page) == []
