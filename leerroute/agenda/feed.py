"""A person's events, from every app's ``calendar.py`` (``events(user)``)."""

from __future__ import annotations

from leerroute.core.calendar import CalendarEvent
from leerroute.core.panels import app_modules


def events_for(user) -> list[CalendarEvent]:
    found: list[CalendarEvent] = []
    for module in app_modules("calendar"):
        events = getattr(module, "events", None)  # core.calendar holds only the shape
        if events is not None:
            found.extend(events(user))
    return sorted(found, key=lambda event: (event.start, event.uid))
