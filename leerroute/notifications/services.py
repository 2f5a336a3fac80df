"""Every write of the notifications app.

Public interface (other apps call these):

- ``notify(recipients, kind, *, text, url, key="", email=True)``: one
  notification per recipient (users or user ids; inactive people are
  skipped). ``kind`` is a code from ``kinds.py``; ``text`` a short Dutch line
  at title level (never the content of a question, feedback or review);
  ``url`` a path inside Leerroute (starts with ``/``). A non-empty ``key``
  de-duplicates: a recipient who has a notification with that key already
  gets no second one. For each new notification whose recipient wants e-mail
  for this kind (``NotificationPreference``, else the kind's default) a task
  is enqueued after commit that sends a generic e-mail with the link
  (PRIV-27). ``email=False`` when the caller sends its own e-mail (the
  training reminder). Returns the new notifications.
- ``mark_read(user, notification)`` and ``mark_all_read(user)``.
- ``set_email_choices(user, choices)`` and ``set_email_choice(user, kind, on)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from leerroute.core import access
from leerroute.people.models import User

from . import kinds, queries
from .models import KEY_MAX, TEXT_MAX, Notification, NotificationPreference


def _ids(recipients: Iterable) -> list[int]:
    found: dict[int, None] = {}
    for recipient in recipients:
        if recipient is None:
            continue
        found[int(getattr(recipient, "pk", recipient))] = None
    return list(found)


def _check_url(url: str) -> str:
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        raise ValueError("A notification links to a path inside Leerroute.")
    return url


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


@transaction.atomic
def notify(
    recipients: Iterable, kind: str, *, text: str, url: str, key: str = "", email: bool = True
) -> list[Notification]:
    kind_info = kinds.get(kind)
    if not kind_info.in_app:
        raise ValueError(f"{kind} is not an in-app notification kind")
    url = _check_url(str(url))
    key = (key or "")[:KEY_MAX]
    ids = set(
        User.objects.filter(pk__in=_ids(recipients), is_active=True).values_list("pk", flat=True)
    )
    if key and ids:
        ids -= set(
            Notification.objects.filter(recipient_id__in=ids, key=key).values_list(
                "recipient_id", flat=True
            )
        )
    if not ids:
        return []
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=pk, kind=kind, text=_short(text), url=url, key=key, created_at=now
        )
        for pk in sorted(ids)
    ]
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(rows)
    except IntegrityError:  # a parallel notify with the same key came first
        created = []
        for row in rows:
            item, new = Notification.objects.get_or_create(
                recipient_id=row.recipient_id,
                key=key,
                defaults={"kind": kind, "text": row.text, "url": url, "created_at": now},
            )
            if new:
                created.append(item)
    if email:
        _email_after_commit(created, kind)
    return created


def _email_after_commit(created: list[Notification], kind: str) -> None:
    from .tasks import send_notification_email

    wanted = queries.wants_email([n.recipient_id for n in created], kind)
    for notification in created:
        if notification.recipient_id in wanted:
            transaction.on_commit(lambda pk=notification.pk: send_notification_email.enqueue(pk))


def mark_read(user, notification: Notification) -> bool:
    """Mark one of the person's own notifications read; True when it was unread."""
    access.require(user, "notifications.mark_read", notification)
    return bool(
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


def mark_all_read(user) -> int:
    """Mark all the person's unread notifications read; returns how many."""
    access.require(user, "notifications.see_notifications")
    return queries.notifications_visible_to(user).unread().update(read_at=timezone.now())


@transaction.atomic
def set_email_choices(user, choices: Mapping[str, bool]) -> None:
    """Store the person's e-mail choice for every kind in ``choices``."""
    access.require(user, "notifications.change_preferences")
    unknown = set(choices) - set(kinds.KINDS)
    if unknown:
        raise ValueError(f"unknown notification kinds: {sorted(unknown)}")
    NotificationPreference.objects.filter(user=user, kind__in=list(choices)).delete()
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user=user, kind=code, email=bool(on)) for code, on in choices.items()
    )


def set_email_choice(user, kind: str, on: bool) -> None:
    """One kind only (the digest's sign-off link, which has no signed-in user)."""
    kinds.get(kind)
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"email": bool(on)}
    )


__all__ = ["mark_all_read", "mark_read", "notify", "set_email_choice", "set_email_choices"]
