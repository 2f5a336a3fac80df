"""Background tasks of the notifications app (django-tasks; the worker is ``make worker``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import emails, queries, retry
from .models import Notification


@task()
def send_notification_email(notification_id: int, attempt: int = 1) -> bool:
    """E-mail one notification, once (REL-15); True when an e-mail was sent.

    The ``emailed_at`` mark and the sending go together: if sending fails the
    mark is rolled back and the task is retried with backoff (``retry.py``).
    The person's choice is read again at sending time.
    """
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return False
    if recipient.pk not in queries.wants_email([recipient.pk], notification.kind):
        return False
    try:
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk=notification.pk, emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if not claimed:
                return False
            emails.send_notification_email(notification)
    except Exception:
        retry.again(send_notification_email, notification_id, attempt=attempt)
        raise
    return True
