"""Settings for the test suite: production settings with test-only values."""

import os

# The suite never reads a developer's local .env (make run writes one with DEBUG=true).
os.environ["LEERROUTE_ENV_FILE"] = ""

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
# Production settings demand a backend that delivers; the tests use locmem below.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

from leerroute.settings import *  # noqa: E402,F403
from leerroute.settings import BASE_DIR, DATABASES  # noqa: E402

# Cheap hashing keeps the demo data fast to load; production uses Argon2
# with its default parameters (tested in test_security.py).
PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True
# Rate limits that no other test reaches (tests/core/test_ratelimit.py sets its own).
RATE_LIMIT_API_WRITES = RATE_LIMIT_EXPORTS = RATE_LIMIT_IMPORTS = 100_000
WHITENOISE_USE_FINDERS = True

# SQLite: a test database in a file (not in memory), so the live server of the
# browser tests answers parallel requests on connections of its own; writers
# wait for each other instead of failing with "database table is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-artifacts" / "test-db.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
    (BASE_DIR / "test-artifacts").mkdir(exist_ok=True)
    # A run that was stopped leaves the write-ahead log of its test database
    # behind; the next run recreates the database file, and SQLite would read
    # that stale log against it ("disk I/O error"). This worker's leftovers go.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    for _leftover in ("-wal", "-shm"):
        _name = f"test-db.sqlite3{'_' + _worker if _worker else ''}{_leftover}"
        (BASE_DIR / "test-artifacts" / _name).unlink(missing_ok=True)

# Every kept scope and compiled query is checked against a fresh build when it
# is reused (leerroute.core.access): one that depends on more than the person,
# their roles and the date fails the test that reuses it.
LEERROUTE_VERIFY_REUSE = True

# The suite closes its connections after each request, as before the production
# default became 600 s on PostgreSQL: with kept connections the browser journey
# that publishes a review sometimes missed its success message (1 run in 3 here,
# not yet explained; tests/security/test_production_settings.py checks the default).
DATABASES["default"]["CONN_MAX_AGE"] = 0
