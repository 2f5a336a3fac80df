"""E-mails of the training app: subject and text, in Dutch.

PRIV-27: a reminder holds the session's title, time and place and a link,
nothing personal (not even the recipient's name).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation


def site_url(path: str) -> str:
    base = settings.SITE_URL
    return base.rstrip("/") + path


def send_reminder_email(session, user) -> None:
    with translation.override("nl"):
        context = {
            "session": session,
            "programme": session.programme,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "link": site_url(reverse("training:session_detail", args=[session.pk])),
        }
        subject = render_to_string("training/email/reminder_subject.txt", context)
        body = render_to_string("training/email/reminder.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
