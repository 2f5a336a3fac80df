"""REL-18, REL-19: a real database outage, end to end.

The requests go through Django's WSGI handler as a WSGI server calls it, so
the request signals open and close database connections as in production
(the test client keeps one connection on purpose). The outage is real: the
database connection is lost (PostgreSQL: the server ends the session, SQLite:
the file handle is closed) and every new connection fails (nothing listens
on the port, or the file cannot be opened). Pages answer 503 with
Retry-After, JSON clients get problem details, the readiness probe fails and
the liveness probe keeps answering; once the database is back the very next
request succeeds, without restarting anything.

These tests run outside a test transaction (an outage ends the connection and
so any transaction on it); the only row they write, a session, is removed.
"""

import json
import socket
from contextlib import contextmanager
from importlib import import_module
from io import BytesIO
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections

from leerroute.people.models import User

LEAKS = ["Traceback", "OperationalError", "could not connect", "refused", "unable to open"]


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    """Database access without the usual rolled-back test transaction.

    This replaces pytest-django's ``db`` in this module only: pytest-django
    creates the test database when a test asks for a fixture of that name.
    """
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def session_cookie(db):
    """A signed-in session for a demo account, made without signing in (which writes)."""
    user = User.objects.get(username="praktijkopleider1")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    yield f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    store.delete()


@pytest.fixture(params=[0, 600], ids=["new-connection-per-request", "persistent-connection"])
def conn_max_age(request, db):
    """Both ways to run: CONN_MAX_AGE=0 (the default) and persistent connections."""
    settings_dict = connection.settings_dict
    saved = settings_dict["CONN_MAX_AGE"]
    connection.close()
    settings_dict["CONN_MAX_AGE"] = request.param
    yield request.param
    connection.close()
    settings_dict["CONN_MAX_AGE"] = saved


class Response:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status_code = status
        self.headers = headers
        self.text = body.decode()


def get(handler, path: str, cookie: str = "", accept: str = "text/html") -> Response:
    """One GET request through the WSGI handler, as a WSGI server makes it."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT": accept,
        "wsgi.input": BytesIO(),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(headers)

    result = handler(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()  # request_finished: Django closes or keeps the connection
    return Response(started["status"], started["headers"], body)


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_down():
    """The database goes away: open connections break and new ones fail."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    if connection.vendor == "postgresql":
        # The server ends every session on this test database (a persistent
        # connection of this thread included) ...
        admin = connections.create_connection("default")
        try:
            with admin.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        finally:
            admin.close()
        # ... and refuses new ones.
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        # SQLite has no server: the open file handle goes, the file cannot be opened.
        connection.close()
        settings_dict["NAME"] = "/nonexistent-directory/leerroute.sqlite3"
    try:
        yield
    finally:
        settings_dict.clear()
        settings_dict.update(saved)


def assert_503_page(response: Response):
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Leerroute is even niet beschikbaar" in response.text
    for leak in LEAKS:
        assert leak not in response.text, leak


def assert_503_json(response: Response):
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.headers["Content-Type"] == "application/problem+json"
    assert json.loads(response.text)["status"] == 503
    for leak in LEAKS:
        assert leak not in response.text, leak


def test_pages_answer_503_while_the_database_is_down_and_recover(conn_max_age, session_cookie):
    handler = WSGIHandler()
    assert get(handler, "/", session_cookie).status_code == 200
    assert get(handler, "/studenten/", session_cookie).status_code == 200

    with database_down():
        for path in ["/", "/studenten/", "/kwalificaties/", "/accounts/password_change/"]:
            assert_503_page(get(handler, path, session_cookie))
        # Still down: the next request tries again and fails the same way.
        assert_503_page(get(handler, "/", session_cookie))

    # The database is back: the next request works, nothing was restarted.
    response = get(handler, "/", session_cookie)
    assert response.status_code == 200
    assert "Retry-After" not in response.headers
    assert get(handler, "/studenten/", session_cookie).status_code == 200


def test_json_clients_get_503_as_json_while_the_database_is_down(conn_max_age, session_cookie):
    handler = WSGIHandler()
    assert get(handler, "/", session_cookie).status_code == 200
    with database_down():
        assert_503_json(get(handler, "/api/v1/leervragen/", session_cookie))
        assert_503_json(get(handler, "/", session_cookie, accept="application/json"))
        assert_503_page(get(handler, "/", session_cookie, accept="text/html,*/*;q=0.8"))
    assert get(handler, "/", session_cookie, accept="application/json").status_code == 200


def test_readiness_fails_while_the_database_is_down_and_recovers(conn_max_age):
    handler = WSGIHandler()
    assert get(handler, "/health/").status_code == 200
    with database_down():
        response = get(handler, "/health/")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        assert json.loads(response.text) == {"status": "unavailable"}
        # Liveness never touches the database.
        live = get(handler, "/health/live/")
        assert live.status_code == 200
        assert json.loads(live.text) == {"status": "ok"}
    response = get(handler, "/health/")
    assert response.status_code == 200
    assert json.loads(response.text) == {"status": "ok"}
