"""Conversations in a person's calendar feed: those they take part in.

No notes, agenda or agreements go into a calendar (calendar apps store the
feed at their provider): only the kind of conversation, whose route it is
about, the participants' names, the time, the place and a link.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core.calendar import CalendarEvent

from . import queries
from .models import Conversation

PAST_DAYS = 365


def event_for(conversation: Conversation, user) -> CalendarEvent:
    """One conversation as a calendar event (participants prefetched)."""
    people = [p.user for p in conversation.participants.all()]
    if conversation.student_id == user.pk:
        summary = _("%(kind)s over je leerroute") % {"kind": conversation.kind_label}
    else:
        summary = _("%(kind)s met %(student)s") % {
            "kind": conversation.kind_label,
            "student": conversation.student,
        }
    description = _("Deelnemers: %(names)s. De agenda en het verslag staan in Leerroute.") % {
        "names": ", ".join(str(person) for person in people)
    }
    return CalendarEvent(
        uid=f"gesprek-{conversation.pk}@leerroute",
        start=conversation.starts_at,
        end=conversation.ends_at,
        summary=summary,
        location=conversation.place,
        description=description,
        url=reverse("conversations:detail", args=[conversation.pk]),
        cancelled=conversation.is_cancelled,
        sequence=conversation.sequence,
        last_modified=conversation.updated_at,
    )


def events(user) -> Iterable[CalendarEvent]:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    conversations = (
        queries.conversations_visible_to(user)
        .filter(participants__user=user, ends_at__gte=since)
        .with_people()
        .order_by("starts_at", "pk")
    )
    return [event_for(conversation, user) for conversation in conversations]
