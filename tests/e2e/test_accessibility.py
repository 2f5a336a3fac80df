"""Accessibility crawl: axe-core (WCAG 2.x A/AA) on every page a role reaches, at 1280 and 360 px.

Each role signs in, opens "Mijn overzicht" and every same-origin link in its menu and
content (one level deep; at most PER_ROUTE pages of one URL name), plus a qualification
when the home page links to none. Every page is checked wide and phone-narrow, and must
not scroll sideways. Once, signed in and anonymous: the footer and account pages, the
forms in their error states, the session-timeout dialog open, and the English interface.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.e2e

WIDE, NARROW = 1280, 360
ROLES = [
    "student1",
    "werkbegeleider1",
    "studentbegeleider1",
    "praktijkopleider1",
    "docent1",
    "trainer",
    "beheerder",
    "student2",
]
PER_ROUTE = 2  # pages checked per URL name and role: the same template with other data
# /api/: the JSON API and its Swagger UI documentation page (a third-party tool page).
# /beheer/: Django admin, crawled on its own below (test_the_beheer).
SKIP_PREFIXES = ("/beheer/", "/accounts/logout/", "/i18n/", "/static/", "/media/", "/api/")


def same_origin_links(page) -> list[str]:
    """Paths of the same-origin links in the menu and the content, without repeats.

    The footer's pages (privacy, accessibility) and the account links (password
    change) are the same for everyone: the tests below check them once.
    """
    origin = urlsplit(page.url)
    found = []
    links = "main a[href], header nav a[href]"
    for href in page.eval_on_selector_all(links, "els => els.map(e => e.href)"):
        url = urlsplit(href)
        if (url.scheme, url.netloc) != (origin.scheme, origin.netloc):
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if path.startswith(SKIP_PREFIXES) or url.path.endswith(".ics") or path in found:
            continue
        found.append(path)
    return found


def settle(page) -> None:
    """Wait two animation frames: resize handlers have run and the layout is new."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def check_both_widths(page, assert_accessible, context: str) -> None:
    """One <h1>, a page title, then axe at 1280 px and at 360 px (no sideways scrolling)."""
    assert page.locator("h1").count() == 1, f"{context}: niet precies één <h1>"
    assert page.title().endswith("– Leerroute"), f"{context}: titel {page.title()!r}"
    page.set_viewport_size({"width": WIDE, "height": 900})
    settle(page)
    assert_accessible(page, f"{context} ({WIDE} px)")
    page.set_viewport_size({"width": NARROW, "height": 800})
    settle(page)
    assert_accessible(page, f"{context} ({NARROW} px)")
    page.set_viewport_size({"width": WIDE, "height": 900})


def crawl_list(paths: list[str], per_route: int = PER_ROUTE) -> list[str]:
    """The paths to check: at most ``per_route`` of each URL name (one template, other data)."""
    seen: dict[str, int] = {}
    chosen = []
    for path in paths:
        try:
            name = resolve(urlsplit(path).path).view_name
        except Resolver404:
            name = path
        seen[name] = seen.get(name, 0) + 1
        if seen[name] <= per_route:
            chosen.append(path)
    return chosen


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches(username, page_as, assert_accessible, assert_no_console_errors):
    problems = []

    def check(path_or_url: str) -> None:
        try:
            check_both_widths(page, assert_accessible, f"{username} {path_or_url}")
        except AssertionError as error:
            problems.append(str(error).split("\nassert ")[0])

    page = page_as(username)
    check("/")
    paths = crawl_list([p for p in same_origin_links(page) if p != "/"])
    assert "/kwalificaties/" in paths
    for path in paths:
        response = page.goto(path)
        if response.status != 200:
            problems.append(f"{username}: de link naar {path} geeft {response.status}")
            continue
        check(path)
    if not any(re.fullmatch(r"/kwalificaties/\d+/", p) for p in paths):
        page.goto("/kwalificaties/")
        page.locator("main a[href^='/kwalificaties/']").first.click()
        page.wait_for_url(re.compile(r"/kwalificaties/\d+/$"))
        check(urlsplit(page.url).path)
    assert not problems, f"{len(problems)} probleem/problemen:\n\n" + "\n\n".join(problems)
    assert_no_console_errors(page)


def test_anonymous_pages_and_failed_login(page_as, assert_accessible, assert_no_console_errors):
    page = page_as(None)
    for path in ("/privacy/", "/toegankelijkheid/", "/accounts/password_reset/"):
        page.goto(path)
        check_both_widths(page, assert_accessible, f"anoniem {path}")
    page.goto("/accounts/login/")
    check_both_widths(page, assert_accessible, "inlogpagina")
    page.fill("input[name=username]", "student1")
    page.fill("input[name=password]", "niet-het-goede-wachtwoord")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" in page.url
    assert page.locator(".error-summary").is_visible()
    check_both_widths(page, assert_accessible, "inlogpagina met fout")
    assert_no_console_errors(page)


def test_forms_with_errors_dialog_and_english(page_as, assert_accessible, assert_no_console_errors):
    page = page_as("student1")
    for path in ("/privacy/", "/toegankelijkheid/"):
        page.goto(path)
        check_both_widths(page, assert_accessible, f"student1 {path}")
    page.goto("/accounts/password_change/")
    # Leerroute's own form (not the Django admin's template of the same name).
    assert page.locator(".site-header").count() == 1
    check_both_widths(page, assert_accessible, "wachtwoord wijzigen")
    page.fill("input[name=old_password]", "fout-wachtwoord")
    page.fill("input[name=new_password1]", "kort")
    page.fill("input[name=new_password2]", "anders")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("input[aria-invalid=true]").count() >= 1
    check_both_widths(page, assert_accessible, "wachtwoord wijzigen met fouten")

    # The session-timeout warning, opened as the timer would open it.
    page.goto("/")
    page.evaluate("document.getElementById('session-warning').showModal()")
    assert page.locator("#session-warning").is_visible()
    check_both_widths(page, assert_accessible, "sessiewaarschuwing")

    page.reload()
    page.select_option("#taal", "en")
    with page.expect_navigation():
        page.locator(".language-form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    check_both_widths(page, assert_accessible, "Engels /")
    assert_no_console_errors(page)


def test_the_beheer(page_as, assert_accessible):
    """The beheer (Django admin with Leerroute's stylesheet and script,
    ``core/static/core/admin.*``): its index, every list it links to, and each
    list's first change form and its add form, wide and phone-narrow."""
    page = page_as("beheerder")
    page.goto("/beheer/")
    links = page.eval_on_selector_all(
        "#content-main a[href^='/beheer/']", "els => els.map(e => e.getAttribute('href'))"
    )
    lists = sorted({path for path in links if not path.endswith("/add/")})
    adds = sorted({path for path in links if path.endswith("/add/")})
    assert "/beheer/people/team/" in lists and "/beheer/people/team/add/" in adds
    problems = []

    def check(path: str) -> None:
        # Loaded without a console error (the policy, CSP, allows all it does);
        # axe itself then sets inline styles on the admin's forms, which the policy
        # reports: so before axe runs.
        errors = page.console_errors
        if errors:
            problems.append(f"{path}: fouten in de browserconsole: {errors[:3]}")
            errors.clear()
        try:
            assert page.locator("h1").count() == 1, f"{path}: niet precies één <h1>"
            assert page.title().endswith("| Leerroute beheer"), f"{path}: titel {page.title()!r}"
            for width, height in ((WIDE, 900), (NARROW, 800)):
                page.set_viewport_size({"width": width, "height": height})
                settle(page)
                assert_accessible(page, f"beheer {path} ({width} px)")
            page.set_viewport_size({"width": WIDE, "height": 900})
        except AssertionError as error:
            problems.append(str(error).split("\nassert ")[0])
        errors.clear()

    forms = []
    for path in ["/beheer/", *lists]:
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        check(path)
        first = page.locator("#result_list tbody a[href]").first
        if first.count():
            forms.append(first.get_attribute("href"))
    assert len(forms) >= 10, forms
    for path in [*forms, *adds]:
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        page.wait_for_load_state("load")  # the two-list choosers are built on load
        check(path)
    # A form sent empty: the errors it shows.
    page.goto("/beheer/people/team/add/")
    with page.expect_navigation():
        page.locator("input[name='_save']").click()
    assert page.locator(".errornote").count() == 1
    check("/beheer/people/team/add/ (fouten)")
    assert not problems, f"{len(problems)} probleem/problemen:\n\n" + "\n\n".join(problems)
