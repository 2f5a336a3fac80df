"""iCalendar (RFC 5545) from ``CalendarEvent``s, built with the ``icalendar`` library.

Valid for Outlook and Google Calendar: METHOD:PUBLISH, one VTIMEZONE for
Europe/Amsterdam (the compact yearly-rule form those clients write
themselves) and every time in that zone, stable UIDs, SEQUENCE, DTSTAMP and
LAST-MODIFIED in UTC, STATUS:CANCELLED for cancelled events. Lines are
folded at 75 octets and end in CRLF (the library does this).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from urllib.parse import urljoin

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from leerroute.core.calendar import CalendarEvent

TZID = "Europe/Amsterdam"
AMSTERDAM = zoneinfo.ZoneInfo(TZID)
PRODID = "-//Leerroute//Leerroute agenda 1.0//NL"


def amsterdam_timezone() -> Timezone:
    """VTIMEZONE for Europe/Amsterdam: CET/CEST with the EU rules (since 1996)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _event(item: CalendarEvent, base_url: str, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.start.astimezone(AMSTERDAM))
    event.add("dtend", item.end.astimezone(AMSTERDAM))
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    link = urljoin(base_url, item.url) if item.url else ""
    description = item.description
    if link:
        description = f"{description}\n\n{link}" if description else link
        event.add("url", link)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("sequence", item.sequence)
    event.add("transp", "TRANSPARENT" if item.cancelled else "OPAQUE")
    if item.last_modified is not None:
        event.add("last-modified", item.last_modified.astimezone(datetime.UTC))
    return event


def build(events: Iterable[CalendarEvent], *, name: str, base_url: str) -> bytes:
    """The calendar with ``events`` (absolute links from ``base_url``)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(amsterdam_timezone())
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for item in sorted(events, key=lambda e: (e.start, e.uid)):
        calendar.add_component(_event(item, base_url, stamp))
    return calendar.to_ical()
