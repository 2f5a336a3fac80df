"""SEC-11, SEC-15, SEC-22 (hasher), SEC-39, REL-17: the production settings,
loaded in a separate process with a production-like environment."""

import json

import pytest

import leerroute.settings as production
from tests.security.helpers import ROOT, production_env, run_manage, run_python

COOKIES = """
import json
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from leerroute.people.models import User

call_command("migrate", verbosity=0)
User.objects.create_user("proef", password="een lange proefwachtzin voor het inloggen")
client = Client()
page = client.get("/accounts/login/", secure=True, HTTP_HOST="leerroute.example.nl")
login = client.post(
    "/accounts/login/",
    {"username": "proef", "password": "een lange proefwachtzin voor het inloggen"},
    secure=True,
    HTTP_HOST="leerroute.example.nl",
    HTTP_REFERER="https://leerroute.example.nl/accounts/login/",
)

def describe(morsel):
    return {
        "name": morsel.key,
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
        "path": morsel["path"],
        "domain": morsel["domain"],
    }

print(json.dumps({
    "login_status": login.status_code,
    "session": describe(login.cookies[settings.SESSION_COOKIE_NAME]),
    "csrf": describe(page.cookies[settings.CSRF_COOKIE_NAME]),
    "debug": settings.DEBUG,
    "hasher": settings.PASSWORD_HASHERS[0],
    "session_engine": settings.SESSION_ENGINE,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
    "trusted_proxies": settings.TRUSTED_PROXY_COUNT,
}))
"""


@pytest.fixture(scope="module")
def production_values(tmp_path_factory):
    database = tmp_path_factory.mktemp("production") / "db.sqlite3"
    env = production_env(DATABASE_URL=f"sqlite:///{database}", STATIC_MANIFEST="false")
    result = run_python(COOKIES, env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_host_prefixed_secure_and_lax(production_values):
    assert production_values["login_status"] == 302
    session, csrf = production_values["session"], production_values["csrf"]
    assert session == {
        "name": "__Host-sessionid",
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
        "path": "/",
        "domain": "",
    }
    assert csrf["name"] == "__Host-csrftoken"
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    assert (csrf["path"], csrf["domain"]) == ("/", "")  # required by the __Host- prefix


def test_production_defaults(production_values):
    assert production_values["debug"] is False
    assert production_values["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # Django's database sessions, saved as a merge (core/sessions.py).
    assert production_values["session_engine"] == "leerroute.core.sessions"
    # X-Forwarded-Proto is trusted only when BEHIND_TLS_PROXY is set.
    assert production_values["proxy_ssl_header"] is None
    assert production_values["trusted_proxies"] == 0


def test_argon2_is_the_first_hasher_in_the_project_settings():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_check_deploy_passes_with_production_settings():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_a_protection_is_switched_off():
    """The check above can fail: without HSTS it does."""
    env = production_env(SECURE_HSTS_SECONDS="0")
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr


SETUP = "import django; django.setup(); print('gestart')"


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "leerroute-development-only-key-never-use-in-production"],
    ids=["missing", "empty", "development-key"],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    result = run_python(SETUP, production_env(SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_development_starts_without_a_secret_key():
    result = run_python(SETUP, production_env(SECRET_KEY=None, DEBUG="true"))
    assert result.returncode == 0, result.stderr
    assert "gestart" in result.stdout


def test_database_connections_are_checked_and_time_out():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; "
        "print(json.dumps([db['CONN_HEALTH_CHECKS'], db['OPTIONS'].get('connect_timeout')]))"
    )
    env = production_env(DATABASE_URL="postgres://leerroute:geheim@db.invalid:5432/leerroute")
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, 5]


def test_postgresql_queries_are_prepared_unless_switched_off():
    """Server-side binding lets psycopg prepare repeated queries (README,
    "Performance"); a pooler that cannot keep prepared statements switches it off."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "o = settings.DATABASES['default']['OPTIONS']; "
        "print(json.dumps([o.get('server_side_binding'), o.get('prepare_threshold')]))"
    )
    url = "postgres://leerroute:geheim@db.invalid:5432/leerroute"
    result = run_python(code, production_env(DATABASE_URL=url))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, 5]
    env = production_env(
        DATABASE_URL=url, DATABASE_SERVER_SIDE_BINDING="false", DATABASE_PREPARE_THRESHOLD="20"
    )
    result = run_python(code, env)
    assert json.loads(result.stdout) == [False, 20]
    result = run_python(code, production_env(DATABASE_URL="sqlite:///:memory:"))
    assert json.loads(result.stdout) == [None, None]


@pytest.mark.parametrize(
    ("url", "setting", "expected"),
    [
        ("postgres://leerroute:geheim@db.invalid:5432/leerroute", None, 600),
        ("postgres://leerroute:geheim@db.invalid:5432/leerroute", "0", 0),
        ("postgres://leerroute:geheim@db.invalid:5432/leerroute", "60", 60),
        ("sqlite:///:memory:", None, 0),
    ],
)
def test_postgresql_connections_are_kept_between_requests_by_default(url, setting, expected):
    """A new connection per request made every page about twice as slow and lost
    the prepared queries (README, "Performance"); 0 still closes each one."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    result = run_python(code, production_env(DATABASE_URL=url, DATABASE_CONN_MAX_AGE=setting))
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == expected


@pytest.mark.parametrize(("setting", "expected"), [(None, 3000), ("500", 500)])
def test_the_default_cache_holds_every_persons_kept_home_panels(setting, expected):
    """Django's default of 300 entries is too few once each person's home panels
    are kept (core/panels.py); CACHE_MAX_ENTRIES sets it."""
    code = (
        "import django; django.setup(); from django.core.cache import cache; "
        "print(cache._max_entries)"
    )
    result = run_python(code, production_env(CACHE_MAX_ENTRIES=setting))
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == expected


def test_makemigrations_reads_the_code_without_a_secret_key():
    """A checkout can check its migrations; nothing that serves or signs can start."""
    env = production_env(SECRET_KEY=None, EMAIL_BACKEND=None, DATABASE_URL="sqlite:///:memory:")
    result = run_manage(["makemigrations", "--check", "--dry-run"], env)
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    for command in (["check"], ["migrate", "--plan"]):
        refused = run_manage(command, env)
        assert refused.returncode != 0, command
        assert "SECRET_KEY must be set" in refused.stderr, command


# --- Email: a backend that delivers (never the console) ------------------------------

NON_DELIVERING = [
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
]


@pytest.mark.parametrize(
    "backend",
    [None, "", *NON_DELIVERING],
    ids=["missing", "empty", *[b.split(".")[-2] for b in NON_DELIVERING]],
)
def test_production_refuses_to_start_with_a_mail_backend_that_does_not_deliver(backend):
    """The console backend would print password-reset links (token and address) to the log."""
    result = run_python(SETUP, production_env(EMAIL_BACKEND=backend))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "EMAIL_BACKEND must be set to a backend that delivers mail" in result.stderr


def test_production_starts_with_smtp():
    env = production_env(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    code = SETUP + "; from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert "django.core.mail.backends.smtp.EmailBackend" in result.stdout


def test_development_uses_the_console_backend_by_default():
    code = SETUP + "; from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = run_python(code, production_env(EMAIL_BACKEND=None, DEBUG="true"))
    assert result.returncode == 0, result.stderr
    assert "django.core.mail.backends.console.EmailBackend" in result.stdout


CONSOLE_LATER = """
from leerroute.settings import *  # noqa

EMAIL_BACKEND = {backend!r}
"""


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "deploy_settings.QuietConsole",
    ],
    ids=["console", "locmem", "console-subclass"],
)
def test_check_deploy_fails_for_a_mail_backend_set_after_the_environment(tmp_path, backend):
    """A settings module that imports Leerroute's and then switches to the console
    passes the start-up refusal; `check --deploy` still catches it."""
    module = tmp_path / "deploy_settings.py"
    module.write_text(
        CONSOLE_LATER.format(backend=backend)
        + "\nfrom django.core.mail.backends.console import EmailBackend\n\n\n"
        "class QuietConsole(EmailBackend):\n    pass\n"
    )
    env = production_env(DJANGO_SETTINGS_MODULE="deploy_settings", PYTHONPATH=f"{ROOT}:{tmp_path}")
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "leerroute.E001" in result.stderr
    assert "does not deliver mail" in result.stderr


def test_check_deploy_accepts_another_delivering_backend(tmp_path):
    module = tmp_path / "deploy_settings.py"
    module.write_text(
        CONSOLE_LATER.format(backend="deploy_settings.Relay")
        + "\nfrom django.core.mail.backends.smtp import EmailBackend\n\n\n"
        "class Relay(EmailBackend):\n    pass\n"
    )
    env = production_env(DJANGO_SETTINGS_MODULE="deploy_settings", PYTHONPATH=f"{ROOT}:{tmp_path}")
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
