"""The weekly digest e-mail (Dutch, plain text and HTML) and its sign-off link.

The link works without signing in: it carries a signed token
(``django.core.signing``) with the person's id only; opening it shows a page
with one button that turns the weekly e-mail off (a GET changes nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

SALT = "leerroute.school.digest-preferences"


def make_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def read_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    pk = data.get("u") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_digest(user, week, updates) -> None:
    with translation.override("nl"):
        context = {
            "week": week,
            "updates": [
                {
                    "update": update,
                    "work_processes": sorted(update.work_processes.all(), key=lambda w: w.code),
                    "link": site_url(reverse("school:detail", args=[update.pk])),
                }
                for update in updates
            ],
            "preferences_link": site_url(
                reverse("school:digest_preferences", args=[make_token(user)])
            ),
            "home_link": site_url(reverse("core:home")),
        }
        subject = str(
            translation.gettext("Leerroute: de weekupdates van school, %(week)s")
            % {"week": week.short}
        )
        text = render_to_string("school/email/digest.txt", context)
        html = render_to_string("school/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()
