"""SEC-20, SEC-21, SEC-34: django-axes locks a username at one address after
five failures; never a whole address, never through a spoofable header."""

from datetime import timedelta

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory, override_settings

from leerroute.core.security import client_ip
from tests.security.helpers import DEMO_PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/beheer/login/"
HOSPITAL = "10.20.30.40"


def attempt(username, password, ip=HOSPITAL, path=LOGIN, client=None, **headers):
    client = client or Client()
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def fail(times, username="werkbegeleider1", ip=HOSPITAL, path=LOGIN, **headers):
    return [attempt(username, "verkeerd-wachtwoord", ip, path, **headers) for _ in range(times)]


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def test_settings_follow_the_decision():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_four_failures_do_not_lock(db):
    assert [r.status_code for r in fail(4)] == [200] * 4
    assert signed_in(attempt("werkbegeleider1", DEMO_PASSWORD))


def test_the_fifth_failure_locks_with_429_retry_after_and_a_dutch_page(db):
    responses = fail(5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    locked = responses[-1]
    assert locked["Retry-After"] == "900"
    html = locked.content.decode()
    assert 'lang="nl"' in html
    assert "Te vaak een verkeerd wachtwoord" in html
    assert "Probeer het over 15 minuten opnieuw" in html
    # Now even the right password is refused.
    right = attempt("werkbegeleider1", DEMO_PASSWORD)
    assert right.status_code == 429
    assert right["Retry-After"] == "900"


def test_the_lock_ends_after_the_cool_off(db, time_machine):
    time_machine.move_to("2026-03-02 09:00 +01:00", tick=False)
    fail(5)
    time_machine.shift(timedelta(minutes=14))
    assert attempt("werkbegeleider1", DEMO_PASSWORD).status_code == 429
    time_machine.shift(timedelta(minutes=16))
    assert signed_in(attempt("werkbegeleider1", DEMO_PASSWORD))


def test_the_same_username_from_another_address_can_sign_in(db):
    fail(5)
    assert signed_in(attempt("werkbegeleider1", DEMO_PASSWORD, ip="10.99.0.1"))


def test_another_username_from_the_same_address_can_sign_in(db):
    """A school or hospital shares one address: the address alone is never locked."""
    fail(5)
    assert signed_in(attempt("werkbegeleider2", DEMO_PASSWORD))


def test_a_spoofed_forwarded_for_header_does_not_escape_the_lock(db):
    for n in range(4):
        fail(1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    locked = attempt("werkbegeleider1", "verkeerd", HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert locked.status_code == 429
    again = attempt("werkbegeleider1", DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert again.status_code == 429


def test_a_spoofed_forwarded_for_header_cannot_lock_someone_else(db):
    """Failures sent with someone else's address in the header count for the sender."""
    fail(5, ip="10.66.0.1", HTTP_X_FORWARDED_FOR=HOSPITAL)
    assert signed_in(attempt("werkbegeleider1", DEMO_PASSWORD))


def test_success_resets_the_count(db):
    client = Client()
    fail(4)
    assert signed_in(attempt("werkbegeleider1", DEMO_PASSWORD, client=client))
    client.post("/accounts/logout/")
    # Without the reset, the fifth of these would lock.
    assert [r.status_code for r in fail(4)] == [200] * 4
    assert signed_in(attempt("werkbegeleider1", DEMO_PASSWORD))


def test_admin_sign_in_is_counted_too(db):
    responses = fail(5, path=ADMIN_LOGIN)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert responses[-1]["Retry-After"] == "900"


def test_both_sign_in_forms_share_one_count(db):
    fail(3)
    assert fail(2, path=ADMIN_LOGIN)[-1].status_code == 429
    assert attempt("werkbegeleider1", DEMO_PASSWORD).status_code == 429


def test_authenticate_without_the_request_is_refused(db):
    """A login path that forgot to pass the request would not be counted: it fails loudly."""
    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="werkbegeleider1", password=DEMO_PASSWORD)


# --- Behind a reverse proxy (TRUSTED_PROXY_COUNT) -----------------------------

PROXY = "10.0.0.254"


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, "", "10.0.0.254"),
        (0, "192.0.2.10", "10.0.0.254"),
        (1, "192.0.2.10", "192.0.2.10"),
        (1, "6.6.6.6, 192.0.2.10", "192.0.2.10"),
        (2, "6.6.6.6, 192.0.2.10, 10.0.0.9", "192.0.2.10"),
        (2, "192.0.2.10", "10.0.0.254"),
        (1, "geen-adres", "10.0.0.254"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(count, forwarded_for, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request) == expected


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_each_client_is_locked_separately(db):
    # The proxy appends the real client address; what the client wrote is ignored.
    for n in range(5):
        last = fail(1, ip=PROXY, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 192.0.2.10")[0]
    assert last.status_code == 429
    colleague = attempt(
        "werkbegeleider1", DEMO_PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.11"
    )
    assert signed_in(colleague)
