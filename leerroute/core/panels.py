"""The role-aware home page ("Mijn overzicht") and "Mijn profiel" are built from panels.

Each app may have a ``home.py`` with ``panels(user) -> list[Panel]``; the
home page shows the panels of every installed app in order. A panel's
queries must not grow with the data shown (the home page has a query-count
test).

Kept panels: a panel depends on nothing but the person, the data, the date
and the language (no request parameter). The panels' HTML is rendered once and
kept in Django's cache per person, browser (the CSRF secret: forms in a panel
carry a token for it), day and language until any table of the ``home`` data
topic changes (``core/versions.py``: every Leerroute table but those in
``UNWATCHED``), so a repeated visit to "Mijn overzicht" costs one version query
instead of every panel's queries and templates. Panels that change with the
clock as well (a conversation that ends, a meeting that starts) have
``kept_until(user, panels)`` in their ``home.py``: the first moment at which
they would show something else; the kept HTML is not used from then on. The
tests check each reuse against a fresh rendering (``LEERROUTE_VERIFY_REUSE``)
and that no panel reads an unwatched table.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from . import versions

DATA_TOPIC = "home"
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
# Tables no kept panel reads that ordinary page views or background tasks write
# (the access log, the bell's notifications, API token use, sent reminders), and
# the versions themselves.
UNWATCHED = frozenset(
    {
        "core.DataVersion",
        "people.AccessLog",
        "notifications.Notification",
        "notifications.NotificationPreference",
        "api.ApiToken",
        "training.ReminderSent",
        "school.DigestSent",
    }
)

# Panel order on "Mijn overzicht", the same for every role: first what waits for me
# now (WAITING, newest first, all of it or an honest "en nog N" link), then my people
# (PEOPLE), then the rest (REST). Apps pick an order within these bands.
WAITING = 1
PEOPLE = 20
REST = 50


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    # A kept panel's HTML (the template is then not rendered again).
    html: str = ""


def watched_models() -> list:
    """The models of the ``home`` topic: every Leerroute table (many-to-many
    tables too) but the unwatched ones, and the groups and permissions (the
    beheer's person list filters on groups: ``core/kept_pages.py``)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if (model._meta.app_config.name.startswith("leerroute.") or model._meta.app_label == "auth")
        and model._meta.label not in UNWATCHED
    ]


def register_data_topic() -> None:
    """At app ready: the home topic, renewed at commit (it watches the tables
    most writes touch; see ``versions.register``). A change of a model's
    ``untracked_fields`` alone (a person's ``last_login`` at every sign-in,
    which no panel or kept page shows) does not renew it."""
    versions.register(DATA_TOPIC, [_watched(model) for model in watched_models()], deferred=True)


def _watched(model) -> versions.Watched:
    untracked = getattr(model, "untracked_fields", frozenset())
    if not untracked:
        return versions.Watched(model._meta.label)
    columns = tuple(f.name for f in model._meta.concrete_fields if f.name not in untracked)
    return versions.Watched(model._meta.label, columns=columns)


def app_modules(name: str) -> list:
    """The ``name`` module (e.g. ``home``) of every Leerroute app that has one.

    Looked up once per process and set of apps: looking for a module an app
    does not have searches the file system each time."""
    return list(_app_modules(name, tuple(c.name for c in apps.get_app_configs())))


@cache
def _app_modules(name: str, app_names: tuple[str, ...]) -> tuple:
    found = []
    for app_name in app_names:
        if not app_name.startswith("leerroute."):
            continue
        try:
            found.append(import_module(f"{app_name}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_name}.{name}":
                raise
    return tuple(found)


def panels_for(request) -> list[Panel]:
    """The home page's panels for the signed-in person, in order, as HTML kept
    until their data, the date or their clock changes (the module's docstring).

    Panels rendered in this request keep their template and context too."""
    user = request.user
    built: list[Panel] = []

    def render() -> tuple[list[tuple[int, str, str]], datetime.datetime | None]:
        built.clear()
        until = None
        for module in app_modules("home"):
            panels = module.panels(user)
            built.extend(panels)
            moment = module.kept_until(user, panels) if hasattr(module, "kept_until") else None
            if moment is not None and (until is None or moment < until):
                until = moment
        for panel in built:
            panel.html = render_to_string(panel.template, {"panel": panel.context}, request)
        built.sort(key=lambda panel: panel.order)
        return [(panel.order, panel.template, panel.html) for panel in built], until

    # The browser's CSRF secret: a panel's form carries a token valid for it
    # only. A request without the CSRF cookie gets a new secret (get_token):
    # nothing kept under it could be used again, so nothing is kept.
    known = "CSRF_COOKIE" in request.META
    get_token(request)
    if known:
        browser = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:16]
        key = f"home:{user.pk}:{browser}:{timezone.localdate().isoformat()}:{get_language()}"
        rendered, _until = versions.cached(DATA_TOPIC, key, render, valid_until=lambda r: r[1])
    else:
        rendered, _until = render()
    if built:
        return list(built)
    if getattr(settings, "LEERROUTE_VERIFY_REUSE", False):
        _verify(rendered, render)
    return [Panel(template, order=order, html=html) for order, template, html in rendered]


def _without_tokens(rendered: list) -> list:
    """The panels with their CSRF tokens left out (masked anew on every rendering)."""
    return [(order, template, _TOKEN.sub("", html)) for order, template, html in rendered]


def _verify(rendered: list, render) -> None:
    """Tests (LEERROUTE_VERIFY_REUSE): kept panels must equal a fresh rendering.
    Its queries are left out of the connection's log, so a test that counts a
    page's queries counts what the page makes."""
    log = connection.queries_log
    logged = len(log)
    fresh, _until = render()
    while len(log) > logged:
        log.pop()
    if _without_tokens(fresh) != _without_tokens(rendered):
        raise AssertionError(
            "a kept home panel differs from a fresh rendering: it depends on more than "
            "the person, the data, the date and the language"
        )


def profile_sections_for(request) -> list[Panel]:
    """The sections of "Mijn profiel": each app's ``profile.py`` has ``sections(request)``.

    A section is a template with its context; forms in it post to the app's own
    URLs, which redirect back to the profile page.
    """
    found: list[Panel] = []
    for module in app_modules("profile"):
        found.extend(module.sections(request))
    return sorted(found, key=lambda panel: panel.order)
