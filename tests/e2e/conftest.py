"""Browser-test fixtures: Playwright (sync API) driving Debian's Chromium on the live server.

Fixtures for e2e tests (mark them ``@pytest.mark.e2e``):

- ``browser``: one headless Chromium for the whole session.
- ``seeded``: the demo data, loaded again for every test (the live server needs a
  transactional database, which is flushed after each test).
- ``page_as(username, width=1280, height=900)``: a new page in a fresh context
  (locale nl-NL, base URL = the live server, so ``page.goto("/studenten/")`` works),
  signed in through the real login form; ``page_as(None)`` gives an anonymous page.
- ``assert_accessible(page, context="")``: axe-core (WCAG 2.x A/AA) finds no
  violations and the page does not scroll horizontally.
- ``assert_no_console_errors(page)``: no browser console errors (CSP violations
  are reported there) and no uncaught script errors since the page was opened.
- ``shot(page, name)``: saves a PNG under test-artifacts/screenshots/.
- ``settle(page)``: waits until the live checks started by typing (htmx, at most
  700 ms after the last key) have answered, so a submit does not cut one off.
- ``nav_link(page, name)``: the main menu's link; below 40rem the menu is folded
  behind a "Menu" button, which this opens first.

The plain functions of the same names can also be imported from this module.
"""

import functools
import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse to be called from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "leerroute-demo"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# --- browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail("Chromium ontbreekt: installeer het met 'apt-get install chromium'")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


# --- data ----------------------------------------------------------------------


@pytest.fixture
def seeded(transactional_db):
    """Load the demo data for this test (the flush after the previous test removed it)."""
    call_command("seed_demo", force=True, stdout=io.StringIO())


# --- pages ---------------------------------------------------------------------


def _watch_console(page):
    """Collect console errors and uncaught exceptions on ``page.console_errors``."""
    page.console_errors = []

    def on_console(message):
        if message.type == "error":
            source = message.location.get("url") or page.url
            page.console_errors.append(f"{message.text} ({source})")

    def on_page_error(error):
        page.console_errors.append(f"uncaught: {error} ({page.url})")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)


def new_page(browser, base_url: str, width: int = 1280, height: int = 900):
    """A fresh context and page (nl-NL, the given viewport) on the live server."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": height},
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    _watch_console(page)
    return page


def sign_in(
    page, username: str, password: str = DEMO_PASSWORD, *, read_privacy_notice: bool = True
) -> None:
    """Sign in through the real login form and wait for the home page.

    At a first sign-in every page shows the privacy notice until it is marked
    read; by default the person marks it read, as people do.
    """
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/accounts/login/" in page.url:
        pytest.fail(f"Inloggen als {username} mislukte: {page.locator('main').inner_text()}")
    notice = page.locator(".privacy-banner")
    if read_privacy_notice and notice.count():
        with page.expect_navigation():
            notice.get_by_role("button", name="Gelezen").click()


@pytest.fixture
def page_as(browser, live_server, seeded):
    """Factory: ``page_as(username, width=1280, height=900)`` -> a signed-in page."""
    contexts = []

    def make(username: str | None, width: int = 1280, height: int = 900):
        page = new_page(browser, live_server.url, width, height)
        contexts.append(page.context)
        if username:
            sign_in(page, username)
        return page

    yield make
    for context in contexts:
        context.close()


# --- checks --------------------------------------------------------------------


@functools.cache
def _axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def _format_violations(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + summary.replace("\n", "\n      "))
        lines.append(f"    see {violation['helpUrl']}")
    return "\n".join(lines)


def assert_accessible(page, context: str = "") -> None:
    """axe-core finds no WCAG 2.x A/AA violations, and nothing scrolls sideways."""
    where = f"{context} {page.url}".strip()
    # axe-core as shipped by axe-playwright-python, injected once per document
    # (its Axe.run injects the 500 kB script again on every call).
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_script())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    assert not violations, (
        f"axe vond {len(violations)} toegankelijkheidsfout(en) op {where}:\n"
        + _format_violations(violations)
    )
    overflow = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert overflow["scroll"] <= overflow["inner"], (
        f"{where} scrollt horizontaal: {overflow['scroll']} px breed bij een "
        f"venster van {overflow['inner']} px"
    )


def assert_no_console_errors(page) -> None:
    """No console errors (e.g. CSP violations) and no uncaught exceptions on ``page``."""
    errors = getattr(page, "console_errors", [])
    shown = "\n".join(f"- {e}" for e in errors[:10])
    more = f"\n(en nog {len(errors) - 10})" if len(errors) > 10 else ""
    assert not errors, f"{len(errors)} fout(en) in de browserconsole:\n{shown}{more}"


LIVE_CHECK_DELAY_MS = 700  # the longest hx-trigger delay of a live check (core/forms.py)


def settle(page) -> None:
    """Wait for the live checks typing started: past their delay, and none in flight."""
    page.wait_for_timeout(LIVE_CHECK_DELAY_MS + 200)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def nav_link(page, name: str):
    """The main menu's link ``name``; on a phone the folded menu is opened first."""
    toggle = page.locator(".site-header .menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    return menu.get_by_role("link", name=name, exact=True)


def shot(page, name: str) -> Path:
    """Save a full-page PNG screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible


@pytest.fixture(name="assert_no_console_errors")
def assert_no_console_errors_fixture():
    return assert_no_console_errors


@pytest.fixture(name="settle")
def settle_fixture():
    return settle


@pytest.fixture(name="nav_link")
def nav_link_fixture():
    return nav_link


@pytest.fixture(name="shot")
def shot_fixture():
    return shot
