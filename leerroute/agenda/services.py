"""Creating, renewing and revoking a person's calendar feed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from leerroute.core.tokens import hash_secret, new_secret

from .models import CalendarFeed


@transaction.atomic
def renew(*, by) -> str:
    """A new secret for ``by``'s own feed (the old link stops working at once).

    Returns the token; it is shown once and only its hash is stored.
    """
    token = new_secret()
    CalendarFeed.objects.update_or_create(
        user=by, defaults={"token_hash": hash_secret(token), "created_at": timezone.now()}
    )
    return token


@transaction.atomic
def revoke(*, by) -> bool:
    """Stop ``by``'s feed; True when there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=by).delete()
    return bool(deleted)


def owner_of(token: str):
    """The active person whose feed this token opens, or None."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=hash_secret(token), user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user
