"""Events for a person's calendar, contributed by the apps.

An app that has events for a person (conversations, training sessions,
intervision meetings) provides ``calendar.py`` with ``events(user) ->
Iterable[CalendarEvent]``; the calendar feed and single-event downloads turn
these into iCalendar.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable over edits, e.g. "gesprek-12@leerroute"
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    summary: str
    location: str = ""
    description: str = ""  # no personal data beyond what the owner may see
    url: str = ""  # path within Leerroute, e.g. "/gesprekken/12/"
    cancelled: bool = False
    sequence: int = 0  # raise on every change the attendee should notice
    last_modified: datetime.datetime | None = None
