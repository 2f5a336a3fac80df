"""The role-aware home page ("Mijn overzicht") and "Mijn profiel" are built from panels.

Each app may have a ``home.py`` with ``panels(user) -> list[Panel]``; the
home page shows the panels of every installed app in order. A panel's
queries must not grow with the data shown (the home page has a query-count
test).
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps

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


def panels_for(user) -> list[Panel]:
    found: list[Panel] = []
    for module in app_modules("home"):
        found.extend(module.panels(user))
    return sorted(found, key=lambda panel: panel.order)


def profile_sections_for(request) -> list[Panel]:
    """The sections of "Mijn profiel": each app's ``profile.py`` has ``sections(request)``.

    A section is a template with its context; forms in it post to the app's own
    URLs, which redirect back to the profile page.
    """
    found: list[Panel] = []
    for module in app_modules("profile"):
        found.extend(module.sections(request))
    return sorted(found, key=lambda panel: panel.order)
