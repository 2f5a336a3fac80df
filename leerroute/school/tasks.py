"""Background tasks of the weekly updates (django-tasks; the worker is ``make worker``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from leerroute.notifications import kinds, retry
from leerroute.notifications.queries import wants_email
from leerroute.people.models import User

from . import digest, services
from .models import DigestSent
from .weeks import Week


@task()
def send_weekly_digest(user_id: int, year: int, week: int, attempt: int = 1) -> bool:
    """The week's digest for one person, once (REL-15); True when an e-mail was sent.

    The ``DigestSent`` row is written in the same transaction as the send
    decision and the sending: a failed send rolls it back and the task is
    retried with backoff (``notifications.retry``); once the row exists a
    second run (or a parallel one, through the unique constraint) sends nothing.
    """
    the_week = Week(year, week)
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or user.pk not in wants_email([user.pk], kinds.WEEKLY_DIGEST):
        return False
    updates = list(services.digest_updates(user, the_week))
    if not updates:
        return False
    try:
        with transaction.atomic():
            _, created = DigestSent.objects.get_or_create(
                user=user,
                year=year,
                week=week,
                defaults={"sent_at": timezone.now(), "update_count": len(updates)},
            )
            if not created:
                return False
            digest.send_digest(user, the_week, updates)
    except IntegrityError:  # a parallel run recorded it first
        return False
    except Exception:
        retry.again(send_weekly_digest, user_id, year, week, attempt=attempt)
        raise
    return True
