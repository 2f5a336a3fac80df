"""SEC-26, SEC-27: state changes only by POST with a CSRF token."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.matrix import ACCOUNTS, MATRIX

# A URL may be csrf-exempt only with a reason here (e.g. a token-authenticated API).
CSRF_EXEMPT = {}


def _every_url():
    for name, cases in MATRIX.items():
        case = cases[0]
        if case.token:
            # The API (token or session): tests/api/test_api.py checks that a session
            # write without the CSRF token is refused (a token needs none).
            continue
        yield pytest.param(name, case, id=name)


def _post_cases():
    for name, cases in MATRIX.items():
        for case in cases:
            if case.method == "post":
                yield pytest.param(name, case, id=f"{name}[{case.label}]")


@pytest.mark.parametrize(("name", "case"), list(_every_url()))
@pytest.mark.parametrize("account", [None, "beheerder"])
def test_a_post_without_csrf_token_is_refused(name, case, account, demo):
    if name in CSRF_EXEMPT:
        pytest.fail(f"{name} is csrf-exempt: {CSRF_EXEMPT[name]}; test it separately")
    client = Client(enforce_csrf_checks=True)
    if account:
        client.force_login(demo[account])
    response = client.post(reverse(name, kwargs=case.kwargs(demo)), case.data or {})
    assert response.status_code == 403, response.status_code
    assert "Dit formulier is verlopen" in response.content.decode()


# Writes a GET may make: the session's expiry moves with every request, and
# reading a student's record is logged (PRIV-22).
GET_MAY_WRITE = {"django_session", "people_accesslog"}
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.mark.parametrize(("name", "case"), list(_post_cases()))
@pytest.mark.parametrize("account", ACCOUNTS)
def test_a_get_changes_nothing(name, case, account, demo, client_for):
    client = client_for(account)
    url = reverse(name, kwargs=case.kwargs(demo))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, case.data or {})
    writes = [m.group(2) for q in queries if (m := WRITE.match(q["sql"]))]
    assert set(writes) <= GET_MAY_WRITE, (response.status_code, writes)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_write_detector_sees_writes(client_for):
    """The check above can fail: a signed-in GET saves the session, and it is seen."""
    client = client_for("student1")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert {m.group(2) for q in queries if (m := WRITE.match(q["sql"]))} == {"django_session"}


@pytest.mark.parametrize("name", ["core:extend_session", "logout"])
def test_action_urls_are_post_only(name, client_for):
    client = client_for("student1")
    assert client.get(reverse(name)).status_code == 405
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/beheer/login/", "/beheer/logout/", "/beheer/people/user/"])
def test_admin_posts_need_the_token_too(path, demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo["beheerder"])
    response = client.post(path, {"action": "end_sessions", "_selected_action": [1]})
    assert response.status_code == 403


def test_a_post_with_the_token_works(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo["student1"])
    page = client.get("/")
    token = page.context["csrf_token"]
    response = client.post(reverse("core:extend_session"), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 204
