"""A person's intervision meetings as calendar events (``leerroute.core.calendar``).

``events(user)`` gives the meetings of the groups the person belongs to (as
member or facilitator), from a year back on, cancelled ones included (marked
``cancelled``, so a calendar that has them shows them as cancelled). The
single-event download of a meeting (``views.meeting_ics``) uses the same
function; the personal calendar feed collects it with every app's
``calendar.py``. No notes or attendance go into an event.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core.calendar import CalendarEvent

from . import queries
from .models import Meeting

HISTORY = datetime.timedelta(days=365)


def uid(meeting_pk: int) -> str:
    """Stable over edits and cancellation."""
    return f"intervisie-{meeting_pk}@leerroute"


def event_of(meeting: Meeting) -> CalendarEvent:
    group, method = meeting.group, meeting.method
    description = _("Intervisie met de groep %(group)s. Methode: %(method)s.") % {
        "group": group.name,
        "method": method.title,
    }
    return CalendarEvent(
        uid=uid(meeting.pk),
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=_("Intervisie: %(group)s") % {"group": group.name},
        location=meeting.place,
        description=description,
        url=reverse("intervision:meeting_detail", args=[meeting.pk]),
        cancelled=meeting.is_cancelled,
        sequence=meeting.version - 1,
        last_modified=meeting.changed_at,
    )


def meetings_for(user, *, since=None):
    since = since or timezone.now() - HISTORY
    return (
        queries.meetings_of_own_groups(user)
        .filter(ends_at__gte=since)
        .select_related("group", "method")
        .order_by("starts_at", "pk")
    )


def events(user) -> Iterable[CalendarEvent]:
    """The intervision meetings in ``user``'s calendar (one query)."""
    return [event_of(meeting) for meeting in meetings_for(user)]
