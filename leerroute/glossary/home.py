"""A panel on "Mijn overzicht" pointing to the glossary (see leerroute.core.panels)."""

from leerroute.core.panels import Panel
from leerroute.people import queries as people


def panels(user) -> list[Panel]:
    if not (people.roles(user) or people.is_admin(user)):
        return []
    return [Panel("glossary/panels/glossary.html", {}, order=90)]
