"""'Mijn overzicht': open correction requests for the author or assessor who handles them."""

from django.db.models import Count, Window

from leerroute.core import access
from leerroute.core.panels import Panel

from .queries import open_for

SHOWN = 5


def panels(user) -> list[Panel]:
    # One query: the first requests, and the number of all of them as a window
    # over the same conditions (costly to build, so built once).
    requests = access.compiled_rows(
        user,
        "privacy.home.corrections",
        lambda: (
            open_for(user)
            .annotate(total=Window(Count("pk")))
            .select_related("student")
            .order_by("-created_at", "-pk")[:SHOWN]
        ),
    )
    if not requests:
        return []
    more = requests[0].total - len(requests)
    return [
        Panel(
            "privacy/home_corrections.html",
            {"requests": requests[:SHOWN], "more": more},
            order=5,
        )
    ]
