"""A person's own training overview: upcoming sessions, attendance record, readiness."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from leerroute.core import versions
from leerroute.people import queries as people

from .cascade import DATA_TOPIC, EMPLOYEE_ROLES, readiness_of
from .models import Attendance, Enrolment, Programme, Session


def enrolment_statuses(user) -> dict[int, str]:
    """Programme id -> the status of the user's enrolment (one per programme)."""
    return dict(
        Enrolment.objects.filter(user=user).order_by().values_list("programme_id", "status")
    )


def my_overview(user, limit: int | None = None) -> dict:
    """Upcoming sessions (enrolled or invited), the attendance record per
    programme ("2 van 4 bijeenkomsten") and, for employees, their readiness;
    ``statuses``: programme id -> the status of the user's enrolment (empty:
    invited to nothing).

    Kept per person until the training records change (the data topic of the
    cascade, ``core/versions.py``: programmes, sessions, enrolments, attendance
    and role assignments), the date changes or the first upcoming session ends."""
    key = f"mine:{user.pk}:{limit}:{timezone.localdate().isoformat()}"
    return versions.cached(DATA_TOPIC, key, lambda: _overview(user, limit), valid_until=_first_end)


def _first_end(overview: dict) -> datetime.datetime | None:
    """When the first upcoming session ends: then the list changes by the clock."""
    return min((session.ends_at for session in overview["upcoming"]), default=None)


def _overview(user, limit: int | None) -> dict:
    statuses = enrolment_statuses(user)
    upcoming = list(
        Session.objects.filter(programme_id__in=list(statuses), ends_at__gte=timezone.now())
        .select_related("programme")
        .order_by("starts_at", "pk")[:limit]
    )
    for session in upcoming:
        session.invited_only = statuses[session.programme_id] == Enrolment.Status.INVITED
    record = list(
        Programme.objects.filter(
            enrolments__user=user, enrolments__status=Enrolment.Status.ENROLLED
        )
        .annotate(
            session_count=Count("sessions", distinct=True),
            present_count=Count(
                "sessions__attendances",
                filter=Q(
                    sessions__attendances__user=user,
                    sessions__attendances__status=Attendance.Status.PRESENT,
                ),
                distinct=True,
            ),
        )
        .order_by("title", "pk")
    )
    is_employee = any(s.role in EMPLOYEE_ROLES for s in people.scopes(user))
    return {
        "statuses": statuses,
        "upcoming": upcoming,
        "record": record,
        "readiness": readiness_of([user.pk])[user.pk] if is_employee else None,
    }
