"""A panel on "Mijn overzicht" pointing to the glossary (see leerroute.core.panels)."""

from leerroute.core.panels import Panel
from leerroute.people import queries as people

# Depends on the person, the data and the date only (core/panels.py: kept).
KEPT = True


def panels(user) -> list[Panel]:
    if not (people.roles(user) or people.is_admin(user)):
        return []
    return [Panel("glossary/panels/glossary.html", {}, order=90)]
