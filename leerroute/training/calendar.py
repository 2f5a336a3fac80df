"""Training sessions in a person's calendar feed: the sessions of the
programmes they are enrolled in (not only invited to) or give as trainer."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core.calendar import CalendarEvent

from . import queries
from .models import Enrolment, Programme, Session

PAST_DAYS = 365


def events(user) -> Iterable[CalendarEvent]:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    enrolled = Enrolment.objects.filter(user=user, status=Enrolment.Status.ENROLLED).values(
        "programme_id"
    )
    given = Programme.trainers.through.objects.filter(user=user).values("programme_id")
    sessions = (
        queries.sessions_visible_to(user)
        .filter(Q(programme_id__in=enrolled) | Q(programme_id__in=given), ends_at__gte=since)
        .select_related("programme")
        .order_by("starts_at", "pk")
    )
    return [_event(session) for session in sessions]


def _event(session: Session) -> CalendarEvent:
    where = session.place or _("Online")
    description = session.programme.title
    if session.online_url:
        description = f"{description}\n{_('Online:')} {session.online_url}"
    return CalendarEvent(
        uid=f"bijeenkomst-{session.pk}@leerroute",
        start=session.starts_at,
        end=session.ends_at,
        summary=f"{session.programme.title}: {session.topic}",
        location=where,
        description=description,
        url=reverse("training:session_detail", args=[session.pk]),
        sequence=session.version - 1,
    )
