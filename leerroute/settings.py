"""Leerroute settings.

Every setting that differs between machines comes from an environment
variable; see README.md ("Configuration") for the full list. The defaults
are safe: DEBUG is off, and without DEBUG the development secret key is
refused.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A local, git-ignored `.env` (written by `make run`: DEBUG=true and a generated
# SECRET_KEY) so every manage.py command works in a development checkout. Variables
# already in the environment win. Without the file nothing changes: the production
# defaults below apply. LEERROUTE_ENV_FILE names another file; empty switches it off.
ENV_FILE = os.environ.get("LEERROUTE_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    load_dotenv(ENV_FILE, override=False)


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean from the environment: 1/true/yes/on (any case) is true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# The development key only ever works with DEBUG on.
DEVELOPMENT_SECRET_KEY = "leerroute-development-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment when DEBUG is off "
        "(and must not be the development key)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin: Leerroute's registration/ templates (password change and
    # reset, logged out) must win over the admin's templates of the same names.
    "leerroute.core",
    "leerroute.core.apps.LeerrouteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "leerroute.people",
    "leerroute.qualifications",
    "leerroute.training",
    "leerroute.learning",
    "leerroute.feedback",
    "leerroute.privacy",
    "leerroute.conversations",
    "leerroute.agenda",
    "leerroute.notifications",
    "leerroute.school",
    "leerroute.intervision",
    "leerroute.support",
    "leerroute.glossary",
    "leerroute.search",
    "leerroute.imports",
    "leerroute.exports",
    # Before ninja: its templates/ninja/swagger.html (with the CSP nonce) wins.
    "leerroute.api",
    # django-ninja: in INSTALLED_APPS so its documentation page uses the Swagger UI
    # files shipped in the package (static files), never a CDN (CSP, PRIV-25).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that could read the request body.
    "leerroute.core.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that touches the database (the session too): a NUL byte is a 400.
    "leerroute.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages middleware: it tells the user why they were signed out.
    "leerroute.core.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "leerroute.core.middleware.NoStoreForSignedInMiddleware",
    # API writes, exports, import uploads (core/ratelimit.py): after the sign-in.
    "leerroute.core.ratelimit.RateLimitMiddleware",
    # django-axes must come last.
    "axes.middleware.AxesMiddleware",
]

# "default": results cached until their data changes (core/versions.py). It is
# in-process memory unless configured otherwise; every cached value checks its
# data version in the database, so a cache per process is correct.
# It also keeps each person's home-page panels (core/panels.py), so it holds
# more than Django's default 300 entries (CACHE_MAX_ENTRIES; a full cache drops
# the least recently used).
# "fragments": template pieces that depend only on the code and the language
# (the main menu): kept in the process, so a new release never serves old markup.
# "pages": whole key pages kept until their data changes (core/kept_pages.py),
# compressed (a page is 2-8 KB kept); KEPT_PAGES=false renders every page.
KEPT_PAGES = env_bool("KEPT_PAGES", True)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 3000)},
    },
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "leerroute-fragments",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "leerroute-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("KEPT_PAGES_MAX_ENTRIES", 2000)},
    },
}

ROOT_URLCONF = "leerroute.urls"
WSGI_APPLICATION = "leerroute.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "leerroute.core.context_processors.leerroute",
                "leerroute.privacy.context_processors.privacy",
                "leerroute.notifications.context_processors.bell",
            ],
            # {% url %} without matching the route again for every row's link
            # (leerroute/core/reversing.py): the same urls, a fraction of the cost.
            "builtins": ["leerroute.core.templatetags.urls"],
        },
    },
]

# Django's widget templates, with the common widgets written in Python
# (leerroute/core/form_renderer.py: the same markup, a fraction of the cost).
FORM_RENDERER = "leerroute.core.form_renderer.FastWidgetRenderer"

# The test settings compare every reused query, panel and url with a fresh one
# (core/access.py, core/panels.py, core/reversing.py); never on in production.
LEERROUTE_VERIFY_REUSE = False

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_health_checks=True,
    )
}
_on_postgresql = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# PostgreSQL: a worker keeps its connection (10 minutes at most, checked before
# reuse), so a request neither waits for a new server process nor loses the
# prepared queries below; without it every page took about twice as long and
# a small one three times (README, "Performance"). 0 closes it after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int(
    "DATABASE_CONN_MAX_AGE", 600 if _on_postgresql else 0
)
if _on_postgresql:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    # Parameters go to PostgreSQL apart from the SQL, so psycopg prepares a query
    # that a connection runs again (after DATABASE_PREPARE_THRESHOLD runs) and
    # PostgreSQL reuses its plan: planning the nested visibility conditions costs
    # more than running them (README, "Performance"). Needs persistent
    # connections (DATABASE_CONN_MAX_AGE) to last beyond one request.
    _options["server_side_binding"] = env_bool("DATABASE_SERVER_SIDE_BINDING", True)
    _options["prepare_threshold"] = env_int("DATABASE_PREPARE_THRESHOLD", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so every login path is counted.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's own, with a Dutch message (see the module docstring).
        "NAME": "leerroute.core.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of 20,000 common (breached) passwords, offline.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # zxcvbn's strength estimate: refuses easy guesses that are long enough
    # (digit runs, keyboard rows, repeats, "iloveyou1234").
    {"NAME": "leerroute.core.password_validation.StrengthValidator"},
    {"NAME": "leerroute.people.validators.MaximumLengthValidator"},
]
# Flash messages stay on the server (in the session): a message that repeats
# what someone typed (a privacy warning) never travels in a signed cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# --- Sessions (TRUST.md: 60 min inactivity, warning 2 min before, 12 h absolute)
# Django's database sessions, saved as a merge: a request writes only what it
# changed, so two requests of one browser never undo each other (core/sessions.py).
SESSION_ENGINE = "leerroute.core.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 2 * 60)
# The session row is written when its data changes, and otherwise at most once per
# SESSION_REFRESH_SECONDS of page loads (each POST and htmx request refreshes it):
# the idle time runs from the last refresh, and every page tells its sign-out dialog
# the time really left (leerroute.core.middleware.SessionLifetimeMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
if SECURE_COOKIES:
    # The __Host- prefix binds the cookie to this exact host over HTTPS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Brute-force protection (django-axes) ---------------------------------
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Schools and hospitals share one address: never lock on IP alone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "leerroute.core.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind N reverse proxies, set TRUSTED_PROXY_COUNT=N so the client address is
# read from X-Forwarded-For (N-th entry from the right); by default the header
# is ignored, because clients can send any value in it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("AXES_IPWARE_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "leerroute.core.security.client_ip"
# Axes log lines name the route only: no usernames or addresses in the logs.
AXES_CLIENT_STR_CALLABLE = "leerroute.core.security.axes_client_str"

# --- Security headers -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Paths a load balancer probes over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/live/$"]
# HSTS preload is the domain owner's decision (it binds every subdomain);
# switch it on with SECURE_HSTS_PRELOAD=true. Until then its warning is silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Training materials (leerroute.training): largest accepted upload, in bytes.
# Imports of people (CSV/XLSX) and qualification files (JSON): size and rows.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20000)
# An XLSX is a zip: refused before it is opened when its parts would unpack to
# more than this in total, or a part (over 1 MB) is packed more than this ratio.
IMPORT_XLSX_MAX_UNPACKED_BYTES = env_int("IMPORT_XLSX_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
IMPORT_XLSX_MAX_RATIO = env_int("IMPORT_XLSX_MAX_RATIO", 100)
# Rate limits (core/ratelimit.py): requests per person (or token, or address)
# per window; 0 turns one off.
RATE_LIMIT_WINDOW_SECONDS = env_int("RATE_LIMIT_WINDOW_SECONDS", 60)
RATE_LIMIT_API_WRITES = env_int("RATE_LIMIT_API_WRITES", 60)
RATE_LIMIT_EXPORTS = env_int("RATE_LIMIT_EXPORTS", 30)
RATE_LIMIT_IMPORTS = env_int("RATE_LIMIT_IMPORTS", 20)
RATE_LIMIT_CACHE = os.environ.get("RATE_LIMIT_CACHE", "default")
TRAINING_UPLOAD_MAX_BYTES = env_int("TRAINING_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
# Largest request body Leerroute reads at all: requests that announce more
# (Content-Length) get 413 before the body is read. The largest upload plus
# room for the multipart framing and the other form fields.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", TRAINING_UPLOAD_MAX_BYTES + 1024 * 1024)

# --- Email ----------------------------------------------------------------
# Backends that never deliver mail: they print it (password-reset links with
# their token, and the address) to the server log, keep it in memory or write
# it to files. Development only: without DEBUG a real backend is required.
NON_DELIVERING_EMAIL_BACKENDS = frozenset(
    f"django.core.mail.backends.{name}.EmailBackend"
    for name in ("console", "dummy", "locmem", "filebased")
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else ""
)
if not DEBUG and (not EMAIL_BACKEND or EMAIL_BACKEND in NON_DELIVERING_EMAIL_BACKENDS):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set to a backend that delivers mail when DEBUG is off, "
        "e.g. django.core.mail.backends.smtp.EmailBackend (the console, dummy, locmem "
        "and filebased backends would put password-reset links in logs or files)."
    )
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Leerroute <noreply@leerroute.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people use to reach Leerroute: links in emails sent by the worker.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60)

# --- Background tasks (django-tasks, database backend) --------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Logging: no personal data; access to student records goes to the audit
# log (leerroute.audit) with ids only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            # Replaces e-mail addresses (e.g. in an SMTP error's traceback).
            "class": "leerroute.core.log_redaction.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# The access log (who viewed which student's data) is kept this long, then
# removed by `manage.py purge_access_log` (nightly). NEN 7513 asks for a
# period agreed with the organisations; five years is the default.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 5 * 365)

# Retention per category, in days (leerroute/privacy/retention.py); `manage.py
# apply_retention` (nightly) archives what expired and purges it after the delay.
# learning, feedback and reviews count from the day the student left the route,
# training from the session, the access log from the row.
RETENTION_DAYS = {
    "learning": env_int("RETENTION_LEARNING_DAYS", 365),
    "feedback": env_int("RETENTION_FEEDBACK_DAYS", 365),
    "reviews": env_int("RETENTION_REVIEWS_DAYS", 548),  # 1.5 years: exam-relevant
    "training": env_int("RETENTION_TRAINING_DAYS", 2 * 365),
    "access_log": ACCESS_LOG_RETENTION_DAYS,
}
RETENTION_PURGE_DELAY_DAYS = env_int("RETENTION_PURGE_DELAY_DAYS", 30)

# Demo data refuses to load when DEBUG is off, unless forced.
DEMO_PASSWORD = "leerroute-demo"
