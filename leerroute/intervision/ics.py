"""Calendar events (``leerroute.core.calendar.CalendarEvent``) as iCalendar (RFC 5545).

Built with the ``icalendar`` library: times in Europe/Amsterdam with the
matching VTIMEZONE, a stable UID per event, SEQUENCE and STATUS:CANCELLED for
a cancelled event (with METHOD:CANCEL for a single cancelled event, so a
calendar that has it removes it).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from leerroute.core.calendar import CalendarEvent

PRODID = "-//Leerroute//Leerroute//NL"


def _site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def to_ical(events: Iterable[CalendarEvent], *, name: str = "") -> bytes:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    events = list(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if len(events) == 1 and events[0].cancelled:
        calendar.add("method", "CANCEL")
    else:
        calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    now = timezone.now()
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now.astimezone(datetime.UTC))
        event.add("dtstart", item.start.astimezone(tz))
        event.add("dtend", item.end.astimezone(tz))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", _site_url() + item.url)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.last_modified:
            event.add("last-modified", item.last_modified.astimezone(datetime.UTC))
        calendar.add_component(event)
    if events:
        first = min(item.start for item in events).astimezone(tz).year
        last = max(item.end for item in events).astimezone(tz).year
        calendar.add_missing_timezones(
            first_date=datetime.date(first - 1, 1, 1), last_date=datetime.date(last + 2, 1, 1)
        )
    return calendar.to_ical()
