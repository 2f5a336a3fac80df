"""SEC-12, SEC-32, SEC-34: response headers, no-store for signed-in pages,
and headers a client sends to pretend it is secure or elsewhere."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

# Every page of the matrix, as every account, is checked for these headers
# and for no-store in test_csp.py::test_every_page_meets_the_baseline (one
# request per page). Here: the cases that walk does not reach.


def test_the_session_extension_is_never_stored(client_for):
    response = client_for("student1").post(reverse("core:extend_session"))
    assert "no-store" in response["Cache-Control"]


def test_security_headers_on_error_and_json_responses(client_for):
    client = client_for("student1")
    for path in ("/bestaat-niet/", "/health/"):
        response = client.get(path)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "no-store" in response["Cache-Control"]


def test_hsts_for_a_year_with_subdomains_over_https(client):
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_spoofed_forwarded_proto_does_not_make_a_request_secure():
    """Without BEHIND_TLS_PROXY, X-Forwarded-Proto from a client is ignored."""
    client = Client()
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


@override_settings(SECURE_SSL_REDIRECT=True)
@pytest.mark.parametrize("path", ["/health/", "/health/live/"])
def test_health_probes_are_not_redirected_to_https(path, db):
    assert Client().get(path).status_code == 200


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/health/"])
def test_no_cors_headers_for_an_evil_origin(path, client_for):
    client = client_for("student1")
    for method in ("get", "options"):
        response = getattr(client, method)(path, HTTP_ORIGIN="https://evil.example")
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]
