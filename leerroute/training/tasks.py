"""Background tasks of the training app (django-tasks; the worker is ``make worker``).

A task only fetches by id and calls into the app; see ``emails.py`` for the
message itself.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from leerroute.notifications import kinds
from leerroute.notifications.queries import wants_email
from leerroute.notifications.services import notify
from leerroute.people.models import User

from .emails import send_reminder_email
from .models import Enrolment, ReminderSent, Session


@task()
def send_session_reminder(session_id: int, user_id: int) -> bool:
    """Remind one participant the day before a session, once (REL-15): a
    notification in the app and, unless they turned it off on their profile
    (kind ``session_tomorrow``), the reminder e-mail.

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
            _notify(session, user)
            if user.pk not in wants_email([user.pk], kinds.SESSION_TOMORROW):
                return False
            send_reminder_email(session, user)
    except IntegrityError:  # a parallel run recorded it first
        return False
    return True


def _notify(session: Session, user: User) -> None:
    """The reminder in the app too; its e-mail is the reminder itself (email=False)."""
    with translation.override("nl"):
        text = _('Morgen de bijeenkomst "%(topic)s"') % {"topic": session.topic}
    notify(
        [user],
        kinds.SESSION_TOMORROW,
        text=text,
        url=reverse("training:session_detail", args=[session.pk]),
        key=f"session:{session.pk}:tomorrow",
        email=False,
    )
