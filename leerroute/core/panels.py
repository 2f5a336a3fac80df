"""The role-aware home page ("Mijn overzicht") is built from panels.

Each app may have a ``home.py`` with ``panels(user) -> list[Panel]``; the
home page shows the panels of every installed app in order. A panel's
queries must not grow with the data shown (the home page has a query-count
test).
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def panels_for(user) -> list[Panel]:
    found: list[Panel] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("leerroute."):
            continue
        try:
            module = import_module(f"{config.name}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.home":
                raise
            continue
        found.extend(module.panels(user))
    return sorted(found, key=lambda panel: panel.order)
