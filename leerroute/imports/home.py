"""A home-page panel with the import pages for who may use them."""

from leerroute.core import access
from leerroute.core.panels import Panel


def panels(user) -> list[Panel]:
    people = access.can(user, "imports.import_people")
    if not people:
        return []
    return [
        Panel(
            "imports/panels/imports.html",
            {"qualifications": access.can(user, "imports.import_qualifications")},
            order=95,
        )
    ]
