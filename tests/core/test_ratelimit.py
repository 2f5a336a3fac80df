"""Rate limits of API writes, exports and import uploads: one middleware
(core/ratelimit.py), 429 with Retry-After and a Dutch message, per window."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from leerroute.api import services
from leerroute.people.models import User

pytestmark = pytest.mark.django_db

WINDOW = 60


@pytest.fixture
def limits(settings):
    cache.clear()
    settings.RATE_LIMIT_WINDOW_SECONDS = WINDOW
    settings.RATE_LIMIT_API_WRITES = 3
    settings.RATE_LIMIT_EXPORTS = 2
    settings.RATE_LIMIT_IMPORTS = 2
    yield settings
    cache.clear()


@pytest.fixture
def at_window_start(time_machine):
    """The start of a window, clock stopped: the counts cannot straddle two."""
    start = (datetime.datetime.now(datetime.UTC).timestamp() // WINDOW + 1) * WINDOW
    time_machine.move_to(datetime.datetime.fromtimestamp(start, datetime.UTC), tick=False)
    return time_machine


def _token_client(username="student1"):
    _row, token = services.create_token(User.objects.get(username=username), "t", by=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _write(client):
    # Invalid on purpose: the limit counts the request, whatever the answer.
    return client.post("/api/v1/feedback/", json.dumps({}), content_type="application/json")


def test_api_writes_are_limited_with_a_dutch_problem_and_retry_after(limits, at_window_start):
    client = _token_client()
    answers = [_write(client).status_code for _ in range(3)]
    assert 429 not in answers
    over = _write(client)
    assert over.status_code == 429
    assert over["Content-Type"].startswith("application/problem+json")
    body = over.json()
    assert body["status"] == 429 and body["title"] == "Te veel verzoeken"
    assert "Probeer het over 60 seconden opnieuw" in body["detail"]
    assert over["Retry-After"] == "60"
    # Reads are not limited.
    assert client.get("/api/v1/me/").status_code == 200
    # Another token has its own count.
    assert _write(_token_client("werkbegeleider1")).status_code != 429


def test_the_limit_resets_after_the_window(limits, at_window_start):
    client = _token_client()
    for _ in range(3):
        _write(client)
    at_window_start.shift(25)
    over = _write(client)
    assert over.status_code == 429 and over["Retry-After"] == "35"
    at_window_start.shift(35)
    assert _write(client).status_code != 429


def test_exports_are_limited_with_a_dutch_page(limits, at_window_start, client_for):
    client = client_for("docent1")
    assert [client.get("/export/studenten.csv").status_code for _ in range(2)] == [200, 200]
    over = client.get("/export/studenten.csv")
    assert over.status_code == 429
    page = over.content.decode()
    assert "Te veel verzoeken" in page and "Probeer het over 60 seconden opnieuw" in page
    assert over["Retry-After"] == "60"
    # Someone else still may.
    assert client_for("praktijkopleider1").get("/export/studenten.csv").status_code == 200


def test_import_uploads_are_limited_but_the_page_is_not(limits, at_window_start, client_for):
    client = client_for("beheerder")

    def upload():
        return client.post(
            "/import/personen/", {"file": SimpleUploadedFile("a.csv", b"personeelsnummer\n1\n")}
        )

    assert [upload().status_code for _ in range(2)] == [400, 400]  # missing columns
    over = upload()
    assert over.status_code == 429 and over["Retry-After"] == "60"
    assert "Probeer het over" in over.content.decode()
    assert client.get("/import/personen/").status_code == 200


def test_a_limit_of_zero_turns_it_off(limits, at_window_start):
    limits.RATE_LIMIT_API_WRITES = 0
    client = _token_client()
    assert all(_write(client).status_code != 429 for _ in range(5))
