"""SEC-13, SEC-14, PRIV-25: a nonce-based Content-Security-Policy on every page,
and no markup that the policy would block (or that needs 'unsafe-inline').
The same page walk checks the security headers (SEC-12) and no-store (SEC-32)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.security.helpers import (
    csp_nonce,
    csp_problems,
    is_html,
    matrix_pages,
    page_problems,
    parse_csp,
)


@pytest.mark.parametrize(("name", "case", "account"), matrix_pages())
def test_every_page_meets_the_baseline(name, case, account, demo, client_for):
    """One request per page and account (the matrix is large): policy, markup,
    security headers (SEC-12) and, for signed-in pages, no-store (SEC-32)."""
    response = client_for(account).get(reverse(name, kwargs=case.kwargs(demo)))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if account is not None:
        directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
        assert "no-store" in directives, response.get("Cache-Control")
    if not is_html(response):
        return  # JSON, file downloads: no markup to scan
    header = response.get("Content-Security-Policy")
    assert csp_problems(header) == []
    nonce = csp_nonce(parse_csp(header))
    assert page_problems(response.content.decode(), nonce) == []


def test_the_nonce_is_fresh_for_every_request(client):
    first = csp_nonce(parse_csp(client.get("/accounts/login/")["Content-Security-Policy"]))
    second = csp_nonce(parse_csp(client.get("/accounts/login/")["Content-Security-Policy"]))
    assert first and second and first != second


def test_scripts_carry_the_nonce_of_their_request(client_for):
    response = client_for("student1").get("/")
    nonce = csp_nonce(parse_csp(response["Content-Security-Policy"]))
    html = response.content.decode()
    assert f'src="/static/core/session.js" nonce="{nonce}"' in html
    assert f'nonce="{nonce}"' in html.split("htmx-2.min.js", 1)[1][:40]


def test_htmx_is_configured_for_the_policy(client_for):
    html = client_for("student1").get("/").content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


# --- The scanner itself: each kind of problem is found ----------------------


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script nonce="een-ander">alert(1)</script>',
        '<button onclick="go()">x</button>',
        '<body onload="go()">',
        '<p style="color: red">x</p>',
        '<div hx-on:click="go()">x</div>',
        '<div data-hx-on-click="go()">x</div>',
        '<a href="javascript:go()">x</a>',
        "<style>p { color: red }</style>",
        '<script src="https://cdn.example.com/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.example.com/x.css">',
    ],
)
def test_the_page_scan_finds(snippet):
    assert page_problems(f"<!DOCTYPE html><html><body>{snippet}</body></html>", "goed") != []


def test_the_page_scan_accepts_clean_markup():
    html = (
        '<script nonce="goed">1</script><script src="/static/x.js"></script>'
        '<link rel="stylesheet" href="/static/x.css"><p class="x" data-one="1">x</p>'
    )
    assert page_problems(html, "goed") == []


@pytest.mark.parametrize(
    "header",
    [
        None,
        "default-src 'self'; script-src 'self' 'nonce-abc'; base-uri 'none'; "
        "frame-ancestors 'none'",
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'",
        "default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'",
        "default-src 'self'; script-src 'self' 'nonce-abc' https://cdn.example.com; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self' 'unsafe-inline'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ],
)
def test_the_policy_check_finds(header):
    assert csp_problems(header) != []


# --- The Django admin under the same policy ----------------------------------


def _admin_urls(demo):
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[first.pk]))
    # Django names this URL after its own user model, whatever AUTH_USER_MODEL is.
    urls.append(reverse("admin:auth_user_password_change", args=[demo["student1"].pk]))
    return urls


def test_admin_pages_work_under_the_policy(client_for, demo):
    client = client_for("beheerder")
    scanned = 0
    for url in _admin_urls(demo):
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        if response.status_code != 200:
            continue
        header = response.get("Content-Security-Policy")
        assert csp_problems(header, require_nonce=False) == [], url
        problems = page_problems(response.content.decode(), csp_nonce(parse_csp(header)))
        assert problems == [], (url, problems)
        scanned += 1
    assert scanned >= 20


def test_admin_login_page_works_under_the_policy(client):
    response = client.get(reverse("admin:login"))
    header = response["Content-Security-Policy"]
    assert csp_problems(header, require_nonce=False) == []
    assert page_problems(response.content.decode(), csp_nonce(parse_csp(header))) == []
