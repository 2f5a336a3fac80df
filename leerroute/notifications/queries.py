"""Who sees which notifications: only their own. Nobody, the beheerder neither,
reads another person's notifications in the app."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Window

from leerroute.core import access

from . import kinds
from .models import Notification, NotificationPreference


@access.scope(Notification)
def notifications_visible_to(user) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    """One query, on every page (the bell): kept compiled (``access.compiled_rows``),
    the count as a window over the person's unread notifications, read from
    the newest one."""
    rows = access.compiled_rows(
        user,
        "notifications.unread_count",
        lambda: (
            notifications_visible_to(user)
            .unread()
            .annotate(total=Window(Count("pk")))
            .only("pk")[:1]
        ),
    )
    return rows[0].total if rows else 0


def email_choices(user) -> dict[str, bool]:
    """Kind code -> e-mail on? for every kind (defaults filled in); one query."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {code: chosen.get(code, kind.email_default) for code, kind in kinds.KINDS.items()}


def wants_email(user_ids, kind: str) -> set[int]:
    """Of ``user_ids``, those who want an e-mail for ``kind``; one query."""
    ids = set(user_ids)
    if not ids:
        return set()
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "email"
        )
    )
    default = kinds.get(kind).email_default
    return {pk for pk in ids if chosen.get(pk, default)}
