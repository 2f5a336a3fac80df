"""'Mijn overzicht': open correction requests for the author or assessor who handles them."""

from leerroute.core.panels import Panel

from .queries import open_for

SHOWN = 5


def panels(user) -> list[Panel]:
    pending = open_for(user)  # built once: its conditions are costly to build
    total = pending.count()
    if not total:
        return []
    requests = list(pending.select_related("student").order_by("-created_at", "-pk")[:SHOWN])
    more = total - len(requests)
    return [
        Panel(
            "privacy/home_corrections.html",
            {"requests": requests[:SHOWN], "more": more},
            order=5,
        )
    ]
