"""The notification e-mail: generic Dutch text with a link, nothing else (PRIV-27).

It names the kind of event ("Er staat nieuwe feedback voor je klaar") and
links to the object in Leerroute; never a name, a question, feedback, a
review or anything the recipient would have to be signed in to read.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import kinds


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_notification_email(notification) -> None:
    kind = kinds.get(notification.kind)
    with translation.override("nl"):
        context = {
            "kind": kind,
            "link": site_url(notification.url),
            "list_link": site_url(reverse("notifications:list")),
            "profile_link": site_url(reverse("core:profile")),
        }
        subject = "Leerroute: " + str(kind.email_subject)
        body = render_to_string("notifications/email/notification.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email])
