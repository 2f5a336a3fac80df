"""SEC-37, REL-18, REL-19: Dutch error pages without internals; a database
outage answers 503 with Retry-After; liveness and readiness probes."""

import json
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.test import Client

from tests.security.urls import SECRET_DETAIL

pytestmark = pytest.mark.urls("tests.security.urls")

INTERNALS = [
    "Traceback",
    "SELECT",
    "OperationalError",
    "RuntimeError",
    "db.intern",
    SECRET_DETAIL,
    settings.SECRET_KEY,
    "DEBUG",
    "settings",
]


def assert_plain_dutch_page(response, *texts):
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="nl">' in html
    for text in texts:
        assert text in html
    for internal in INTERNALS:
        assert internal not in html, internal


@pytest.fixture
def quiet(client_for):
    """A client that returns the error handler's response instead of raising."""

    def make(account=None):
        client = client_for(account)
        client.raise_request_exception = False
        return client

    return make


def test_debug_is_off_in_the_tests():
    assert settings.DEBUG is False


@pytest.mark.parametrize("account", [None, "student1", "beheerder"])
def test_404_page(account, client_for):
    response = client_for(account).get("/bestaat-niet/")
    assert response.status_code == 404
    assert_plain_dutch_page(response, "Deze pagina bestaat niet")


@pytest.mark.parametrize("account", [None, "student1", "beheerder"])
def test_403_page(account, client_for):
    response = client_for(account).get("/test-fout/403/")
    assert response.status_code == 403
    assert_plain_dutch_page(response, "Dit mag je niet doen")


def test_403_page_from_the_admin(client_for):
    response = client_for("beheerder").get("/beheer/people/accesslog/add/")
    assert response.status_code == 403
    assert_plain_dutch_page(response, "Dit mag je niet doen")


def test_400_page(quiet):
    response = quiet("student1").get("/test-fout/400/")
    assert response.status_code == 400
    assert_plain_dutch_page(response, "Dit verzoek kunnen we niet verwerken")


def test_400_for_an_unknown_host(client):
    response = client.get("/accounts/login/", HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    assert_plain_dutch_page(response, "Dit verzoek kunnen we niet verwerken")


@pytest.mark.parametrize("account", [None, "student1"])
def test_500_page(account, quiet):
    response = quiet(account).get("/test-fout/500/")
    assert response.status_code == 500
    assert_plain_dutch_page(response, "Er ging iets mis")
    assert "Retry-After" not in response


def test_a_database_error_raised_by_a_view_answers_503(quiet):
    response = quiet("student1").get("/test-fout/503/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert_plain_dutch_page(response, "Leerroute is even niet beschikbaar")


def test_a_lost_connection_answers_503(quiet):
    response = quiet("student1").get("/test-fout/interface/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert_plain_dutch_page(response, "Leerroute is even niet beschikbaar")


@pytest.mark.parametrize("kind", ["integrity", "data", "programming"])
def test_errors_in_what_was_asked_of_the_database_are_no_outage(kind, quiet):
    """Only a database that cannot be reached answers 503 "try again later"; a
    bug or bad input (IntegrityError, DataError, ProgrammingError) is a 500."""
    response = quiet("student1").get(f"/test-fout/{kind}/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert_plain_dutch_page(response, "Er ging iets mis")


def test_a_nul_byte_refused_by_the_database_is_no_outage(quiet):
    response = quiet("student1").get("/test-fout/nul/")
    assert response.status_code != 503
    assert "Retry-After" not in response
    if connection.vendor == "postgresql":
        # psycopg refuses NUL in text parameters with a DataError.
        assert response.status_code == 500
        assert_plain_dutch_page(response, "Er ging iets mis")
    else:
        assert response.status_code == 200


def assert_problem_json(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body == {
        "type": "about:blank",
        "title": "Leerroute is even niet beschikbaar",
        "status": 503,
        "detail": "We kunnen de gegevens nu niet bereiken. "
        "Probeer het over een halve minuut opnieuw.",
    }
    for internal in INTERNALS:
        assert internal not in response.content.decode(), internal


def test_an_api_path_gets_503_as_json(quiet):
    assert_problem_json(quiet("student1").get("/api/v1/test-fout/503/"))


def test_an_api_path_gets_json_whatever_it_accepts(quiet):
    response = quiet("student1").get("/api/v1/test-fout/503/", HTTP_ACCEPT="text/html")
    assert_problem_json(response)


@pytest.mark.parametrize(
    "accept", ["application/json", "application/json; charset=utf-8", "application/problem+json"]
)
def test_a_client_that_accepts_only_json_gets_503_as_json(accept, quiet):
    assert_problem_json(quiet("student1").get("/test-fout/503/", HTTP_ACCEPT=accept))


@pytest.mark.parametrize(
    "accept", ["", "*/*", "text/html", "application/json, text/html;q=0.9", "text/*"]
)
def test_browsers_and_other_clients_get_503_as_html(accept, quiet):
    response = quiet("student1").get("/test-fout/503/", HTTP_ACCEPT=accept)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert_plain_dutch_page(response, "Leerroute is even niet beschikbaar")


def test_the_json_503_is_in_english_for_an_english_client(quiet):
    client = quiet("student1")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/api/v1/test-fout/503/")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["title"] == "Leerroute is briefly unavailable"
    assert (
        body["detail"] == "We cannot reach the data right now. Please try again in half a minute."
    )


def _database_unavailable(execute, sql, params, many, context):
    raise OperationalError("could not connect to server db.intern")


@pytest.mark.parametrize(
    "path", ["/", "/studenten/", "/kwalificaties/", "/accounts/password_change/"]
)
def test_signed_in_pages_answer_503_when_the_database_is_down(path, quiet):
    client = quiet("praktijkopleider1")
    with connection.execute_wrapper(_database_unavailable):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert_plain_dutch_page(response, "Leerroute is even niet beschikbaar")


def test_anonymous_sign_in_answers_503_when_the_database_is_down(quiet):
    with connection.execute_wrapper(_database_unavailable):
        response = quiet().post("/accounts/login/", {"username": "student1", "password": "x"})
    assert response.status_code == 503
    assert_plain_dutch_page(response, "Leerroute is even niet beschikbaar")


def test_csrf_failure_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "student1", "password": "x"})
    assert response.status_code == 403
    assert_plain_dutch_page(response, "Dit formulier is verlopen")


# --- Health probes -----------------------------------------------------------


def test_readiness_is_ok(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readiness_fails_when_queries_fail(client, db):
    with connection.execute_wrapper(_database_unavailable):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {"status": "unavailable"}


def test_readiness_fails_when_the_database_cannot_be_reached(client, db):
    with mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("could not connect")
    ):
        response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}


def test_liveness_works_where_database_access_is_blocked(client):
    """pytest-django refuses every database access in a test without the db fixture."""
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_liveness_makes_no_queries(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_liveness_answers_while_the_database_is_down(client, db):
    with connection.execute_wrapper(_database_unavailable):
        response = client.get("/health/live/")
    assert response.status_code == 200


def test_a_database_error_answers_503_under_asgi_too(db):
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    client = AsyncClient(raise_request_exception=False)
    response = async_to_sync(client.get)("/test-fout/503/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
