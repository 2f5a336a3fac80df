import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from leerroute.people.models import User

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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo data is loaded once; every test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("seed_demo", force=True, stdout=io.StringIO())


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
        return client

    return make
