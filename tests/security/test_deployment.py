"""SEC-34, SEC-29: what the application server trusts, and oversized bodies.

gunicorn.conf.py trusts forwarded headers only when the same environment
variables that Django reads say there is a proxy; a request that announces a
body larger than Leerroute ever accepts gets 413 before the body is read.
"""

import http.client
import os
import runpy
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client, override_settings
from gunicorn.config import Config

from tests.security.helpers import ROOT, csp_problems, page_problems, production_env

GUNICORN_CONF = ROOT / "gunicorn.conf.py"
PROXY_VARIABLES = (
    "BEHIND_TLS_PROXY",
    "TRUSTED_PROXY_COUNT",
    "AXES_IPWARE_PROXY_COUNT",
    "FORWARDED_ALLOW_IPS",
)


# --- gunicorn.conf.py ----------------------------------------------------------


def gunicorn_config(monkeypatch, **env) -> Config:
    """Load gunicorn.conf.py under ``env`` the way gunicorn does, into its Config."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONF)).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_without_a_proxy_nothing_is_trusted(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert config.forwarded_allow_ips == []
    assert config.secure_scheme_headers == {}
    assert config.forwarder_headers == []
    assert config.proxy_allow_ips == []
    assert config.accesslog is None


def test_one_worker_per_cpu_core_unless_web_concurrency_says_otherwise(monkeypatch):
    """Gunicorn's own default is a single worker, which leaves cores idle."""
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert gunicorn_config(monkeypatch).workers == (os.cpu_count() or 1)
    assert gunicorn_config(monkeypatch, WEB_CONCURRENCY="3").workers == 3


def test_forwarded_allow_ips_alone_does_not_declare_a_proxy(monkeypatch):
    """Gunicorn itself would read FORWARDED_ALLOW_IPS; without a proxy it is ignored."""
    config = gunicorn_config(monkeypatch, FORWARDED_ALLOW_IPS="10.0.0.5")
    assert config.forwarded_allow_ips == []
    assert config.secure_scheme_headers == {}


def test_behind_a_tls_proxy_on_the_same_machine(monkeypatch):
    config = gunicorn_config(monkeypatch, BEHIND_TLS_PROXY="true")
    assert config.forwarded_allow_ips == ["127.0.0.1", "::1"]
    # Only the header Django's SECURE_PROXY_SSL_HEADER reads, with the same value.
    assert config.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}
    assert config.forwarder_headers == []


def test_behind_a_tls_proxy_elsewhere(monkeypatch):
    config = gunicorn_config(
        monkeypatch, BEHIND_TLS_PROXY="yes", FORWARDED_ALLOW_IPS="10.0.0.5, 10.0.1.0/24"
    )
    assert config.forwarded_allow_ips == ["10.0.0.5", "10.0.1.0/24"]
    assert config.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}


@pytest.mark.parametrize("variable", ["TRUSTED_PROXY_COUNT", "AXES_IPWARE_PROXY_COUNT"])
def test_a_proxy_without_tls_is_trusted_for_no_scheme_header(monkeypatch, variable):
    config = gunicorn_config(monkeypatch, **{variable: "1", "FORWARDED_ALLOW_IPS": "10.0.0.5"})
    assert config.forwarded_allow_ips == ["10.0.0.5"]
    assert config.secure_scheme_headers == {}
    assert config.forwarder_headers == []


@pytest.mark.parametrize("value", ["false", "0", "", "off"])
def test_behind_tls_proxy_switched_off(monkeypatch, value):
    config = gunicorn_config(monkeypatch, BEHIND_TLS_PROXY=value, TRUSTED_PROXY_COUNT="0")
    assert config.forwarded_allow_ips == []
    assert config.secure_scheme_headers == {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    """The real server with the shipped config, production settings, no proxy declared."""
    port = free_port()
    database = tmp_path_factory.mktemp("gunicorn") / "db.sqlite3"
    env = production_env(DATABASE_URL=f"sqlite:///{database}", STATIC_MANIFEST="false")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)]
        + ["-b", f"127.0.0.1:{port}", "-w", "1", "leerroute.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(process.stderr.read().decode()[-3000:])
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=30)


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True)
    for name, value in {"Host": "leerroute.example.nl", **(headers or {})}.items():
        connection.putheader(name, value)
    connection.endheaders(body)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_gunicorn_ignores_a_forwarded_proto_from_localhost(gunicorn_server):
    """Without the config gunicorn trusts X-Forwarded-Proto from 127.0.0.1, and
    Django would see HTTPS: no redirect, and secure cookies over plain HTTP."""
    for header in ("X-Forwarded-Proto", "X-Forwarded-Ssl", "X-Forwarded-Protocol"):
        value = {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on"}.get(header, "ssl")
        response = request(gunicorn_server, "GET", "/accounts/login/", {header: value})
        assert response.status == 301, header
        assert response.getheader("Location") == "https://leerroute.example.nl/accounts/login/"


def test_gunicorn_answers_413_to_an_oversized_upload_at_the_headers(gunicorn_server):
    """The request announces 200 MB and sends none of it: the answer comes anyway.
    (/health/ is exempt from the HTTPS redirect, which would answer first.)"""
    started = time.monotonic()
    response = request(
        gunicorn_server,
        "POST",
        "/health/",
        {
            "Content-Type": "multipart/form-data; boundary=x",
            "Content-Length": str(200 * 1024 * 1024),
        },
    )
    assert response.status == 413
    assert time.monotonic() - started < 20
    assert "Dit is te groot om te versturen" in response.body.decode()


# --- 413 before the body is read -------------------------------------------------


class UnreadBody:
    """A request body that records whether anyone read it."""

    def __init__(self):
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        return b""

    def readline(self, *args):
        return self.read()


def post_announcing(client, length, path="/training/", **extra):
    body = UnreadBody()
    response = client.generic(
        "POST",
        path,
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
        **extra,
    )
    return response, body


def test_the_limit_leaves_room_above_the_largest_upload():
    assert settings.REQUEST_BODY_MAX_BYTES > settings.TRAINING_UPLOAD_MAX_BYTES


def test_an_oversized_body_gets_413_in_dutch_without_being_read(client_for):
    response, body = post_announcing(
        client_for("praktijkopleider1"), settings.REQUEST_BODY_MAX_BYTES + 1
    )
    assert response.status_code == 413
    assert body.reads == 0
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "Dit is te groot om te versturen" in html
    assert "groter is dan 51 MB" in html
    assert "Er is niets opgeslagen." in html
    assert csp_problems(response["Content-Security-Policy"], require_nonce=False) == []
    assert page_problems(html, nonce=None) == []
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_413_page_follows_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response, body = post_announcing(client, 10**12, path="/accounts/login/")
    assert response.status_code == 413
    assert body.reads == 0
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "This is too large to send" in html


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_a_body_at_the_limit_is_read_as_usual(db):
    response, body = post_announcing(Client(), 1000, path="/accounts/login/")
    assert response.status_code == 200
    assert body.reads > 0
    assert post_announcing(Client(), 1001, path="/accounts/login/")[0].status_code == 413


@pytest.mark.parametrize("length", ["", "geen-getal", "-5"])
def test_missing_or_invalid_lengths_pass_through(client, length):
    response = client.generic("GET", "/accounts/login/", CONTENT_LENGTH=length)
    assert response.status_code == 200
