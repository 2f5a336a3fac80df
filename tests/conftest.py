import io
import string

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.crypto import get_random_string

from leerroute.people.models import User
from tests.dates import AMSTERDAM, TEST_DATE_VARIABLE, parse_test_date, travel_destination  # noqa: F401

DEMO_PASSWORD = "leerroute-demo"
DEMO_ACCOUNTS = [
    "student1",
    "student2",
    "werkbegeleider1",
    "werkbegeleider2",
    "studentbegeleider1",
    "studentbegeleider2",
    "praktijkopleider1",
    "praktijkopleider2",
    "docent1",
    "docent2",
    "trainer",
    "beheerder",
]


# --- The whole session "as if" on another date -------------------------------

_travel: time_machine.travel | None = None


def pytest_configure(config):
    """Travel to LEERROUTE_TEST_DATE (if set) for the whole session, clock ticking.

    pytest_configure runs in every process, so also in each pytest-xdist worker,
    before any fixture: the test database and the demo data are made "on" that
    date, and the live server of the browser tests (a thread of this process)
    answers on it too. The destination is a timestamp, so time-machine leaves
    the process time zone (TZ) alone. Tests may still travel further with the
    time_machine fixture; they return to this date afterwards."""
    global _travel
    moment = travel_destination()
    if moment is not None:
        _travel = time_machine.travel(moment.timestamp(), tick=True)
        _travel.start()


def pytest_unconfigure(config):
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None


def pytest_report_header(config):
    moment = travel_destination()
    if moment is None:
        return f"{TEST_DATE_VARIABLE}: not set, tests run at the real date and time"
    return f"{TEST_DATE_VARIABLE}: tests run as if it were {moment.isoformat()}"


# --- Database and clients ----------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo data is loaded once; every test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("seed_demo", force=True, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test cached (results of
    core/versions.py, rate-limit counters, kept pages) cannot change another's
    query counts."""
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch; a request in English must not leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo(db):
    """Demo users by username."""
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def client_for(db):
    """A client signed in as the given demo account (or anonymous for None)."""

    def make(username: str | None) -> Client:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
            # As a browser after the sign-in form: it has the CSRF cookie.
            client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(
                32, string.ascii_letters + string.digits
            )
        return client

    return make
