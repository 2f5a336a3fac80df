"""Every page each role can reach, at 360 px: nothing scrolls sideways, axe (WCAG 2.2 AA) is clean.

Pages are found generically: every GET case of the permission matrix
(``tests/matrix.py``) that the account may open (200), plus the same-origin links
on the account's home page. A page or URL added by any app is covered as soon as it
is in the matrix. axe runs once per distinct page (URL name, not per account), to keep the run
short; the sideways check runs for every role on at most two pages of each URL name.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import assert_accessible
from tests.matrix import MATRIX, OK

pytestmark = pytest.mark.e2e

PHONE = 360
ROLES = [
    "student1",
    "werkbegeleider1",
    "studentbegeleider1",
    "praktijkopleider1",
    "docent1",
    "trainer",
    "beheerder",
]
# Not pages of the app's own interface: the Django admin, and /api/ (JSON, and the
# Swagger UI documentation for developers, a third-party page built for a desktop).
SKIP_PREFIXES = ("/beheer/", "/api/", "/accounts/logout/", "/i18n/", "/static/", "/media/")
PER_NAME = 2  # pages per URL name and role (the same template with other data)
_AXED: set[str] = set()  # URL names axe has checked in this process: once per page

# Elements wider than the screen, or sticking out of it, that are not inside a region
# meant to scroll (overflow auto/scroll); off-screen skip links and visually hidden
# text are fine. A region that itself scrolls sideways counts as a problem too.
# What sticks out of the screen or scrolls sideways (a function for page.evaluate).
SIDEWAYS = (Path(__file__).parent / "sideways.js").read_text()


def view_name(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return path


def matrix_paths(username: str) -> list[str]:
    """GET URLs of the permission matrix that ``username`` may open, one per case."""
    demo = {u.username: u for u in get_user_model().objects.all()}
    paths = []
    for name, cases in MATRIX.items():
        for case in cases:
            if case.method != "get" or case.expect.get(username) != OK or case.data:
                continue
            try:
                path = reverse(name, kwargs=case.kwargs(demo))
            except (NoReverseMatch, Exception):  # data missing in this state: skip
                continue
            if not path.startswith(SKIP_PREFIXES) and path not in paths:
                paths.append(path)
    return paths


def home_links(page) -> list[str]:
    origin = urlsplit(page.url)
    found = []
    for href in page.eval_on_selector_all(
        "main a[href], header a[href]", "els => els.map(e => e.href)"
    ):
        url = urlsplit(href)
        if (url.scheme, url.netloc) != (origin.scheme, origin.netloc):
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if not path.startswith(SKIP_PREFIXES):
            found.append(path)
    return found


@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_a_role_fits_a_phone(username, page_as, shot):
    page = page_as(username, width=PHONE, height=800)
    paths = ["/"] + home_links(page) + matrix_paths(username)
    seen, problems = set(), []
    per_name: dict[str, int] = {}
    for path in paths:
        if path in seen:
            continue
        seen.add(path)
        name = view_name(path)
        per_name[name] = per_name.get(name, 0) + 1
        if per_name[name] > PER_NAME:
            continue  # the same template with other data: checked enough for this role
        try:
            response = page.goto(path)
        except PlaywrightError:  # a download (a material's file), not a page
            continue
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if path == "/":
            shot(page, f"phone-home-{username}")
        sideways = page.evaluate(SIDEWAYS)
        if sideways:
            problems.append(f"{username} {path}: " + "; ".join(sideways))
        key = view_name(urlsplit(page.url).path)
        if key not in _AXED:
            _AXED.add(key)
            try:
                assert_accessible(page, f"{username} ({PHONE} px)")
            except AssertionError as error:
                problems.append(str(error).split("\nassert ")[0])
    assert len(seen) > 3, seen
    assert not problems, f"{len(problems)} probleem/problemen:\n\n" + "\n\n".join(problems)


def test_phone_journeys_of_the_mentor(page_as, assert_no_console_errors):
    """At 360 px: "Feedback geven" is a visible button on each card of /feedback/; the
    review of a learning question has 44 px checkbox targets and, after a failed
    approval, opens at the focused error summary."""
    page = page_as("werkbegeleider1", width=PHONE, height=800)
    page.goto("/feedback/")
    give = page.locator("main a.row-action").first
    assert give.is_visible()
    box = give.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= PHONE

    page.goto("/leervragen/wacht-op-mij/")
    page.locator("main a.button", has_text="Beoordelen").first.click()
    page.wait_for_url("**/beoordelen/")
    for label in page.locator(".checklist label").all():
        target = label.bounding_box()
        assert target["height"] >= 44, target
    with page.expect_navigation():
        page.locator("button[value=approve]").click()
    assert page.evaluate("document.activeElement.id") == "foutmeldingen"
    summary = page.locator("#foutmeldingen").bounding_box()
    assert 0 <= summary["y"] < 800  # in view, not 1,700 px lower
    assert_no_console_errors(page)


def test_phone_journeys_of_the_student(page_as, assert_no_console_errors):
    """At 360 px: the level of each work process is visible on the progress page, and
    typing in the learning-question check logs no CSP errors."""
    page = page_as("student1", width=PHONE, height=800)
    page.goto("/")
    page.locator("main a", has_text="Mijn voortgang per werkproces").click()
    level = page.locator("main .level").first
    if level.count():
        box = level.bounding_box()
        assert level.is_visible() and box["x"] + box["width"] <= PHONE
    page.goto("/leervragen/nieuw/")
    if page.locator("#id_question").count():
        page.locator("#id_question").type("Ik wil beter worden", delay=15)
        page.wait_for_timeout(1200)
        assert "te vaag" in page.locator("#check-results").inner_text()
        page.locator("#id_question").fill("Ik wil leren de zorg te coördineren op de afdeling.")
        page.locator("#id_question").type(" Nu.", delay=15)
        page.wait_for_timeout(1200)
        assert "coördineren" in page.locator("#check-results").inner_text()
        page.locator("#id_question").fill("")
        page.locator("#id_question").type("Ik wil leren een wond te verzorgen.", delay=15)
        page.wait_for_timeout(1200)
        link = page.locator("#check-results button", has_text="Koppel").first
        if link.count():
            link.click()
            page.wait_for_timeout(1000)
    assert_no_console_errors(page)
