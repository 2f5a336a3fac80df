"""Background tasks of the training app (django-tasks; the worker is ``make worker``).

A task only fetches by id and calls into the app; see ``emails.py`` for the
message itself.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from leerroute.people.models import User

from .emails import send_reminder_email
from .models import Enrolment, ReminderSent, Session


@task()
def send_session_reminder(session_id: int, user_id: int) -> bool:
    """E-mail one participant the day before a session, once (REL-15).

    The ReminderSent row and the e-mail go together: if sending fails the
    row is rolled back and a retry sends again; once the row exists, a
    second run sends nothing. Returns True when an e-mail was sent.
    """
    session = Session.objects.select_related("programme").filter(pk=session_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if session is None or user is None or session.starts_at <= timezone.now():
        return False
    still_enrolled = Enrolment.objects.filter(
        programme_id=session.programme_id, user=user, status=Enrolment.Status.ENROLLED
    ).exists()
    if not still_enrolled:
        return False
    try:
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(session=session, user=user)
            if not created:
                return False
            send_reminder_email(session, user)
    except IntegrityError:  # a parallel run recorded it first
        return False
    return True
