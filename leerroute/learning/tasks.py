"""E-mails about learning questions, sent by the task worker after commit.

PRIV-27: the e-mail says only that something needs the reader's attention
and links to it; never the question, the answer or the reflection.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import LearningQuestion

# action -> (who is told, subject)
MESSAGES = {
    "submit": ("mentors", "Er staat een leervraag voor je klaar"),
    "resubmit": ("mentors", "Een leervraag is opnieuw ingediend"),
    "complete": ("mentors", "Een leervraag is afgerond"),
    "ask_clarification": ("student", "Je werkbegeleider heeft een vraag over je leervraag"),
    "approve": ("student", "Je leervraag is goedgekeurd"),
}


def _site_url(path: str) -> str:
    base = settings.SITE_URL
    return base.rstrip("/") + path


@task()
def notify(question_id: int, action: str) -> int:
    """E-mail the people who must act next; returns the number of e-mails sent."""
    question = (
        LearningQuestion.objects.select_related("student", "placement")
        .filter(pk=question_id)
        .first()
    )
    if question is None or action not in MESSAGES:
        return 0
    who, subject = MESSAGES[action]
    recipients = [question.student] if who == "student" else list(question.placement.mentors.all())
    addresses = [u.email for u in recipients if u.is_active and u.email]
    if not addresses:
        return 0
    with translation.override("nl"):
        link = _site_url(reverse("learning:detail", args=[question.pk]))
        body = _(
            "Hallo,\n\nIn Leerroute staat iets voor je klaar. Bekijk het hier:\n%(link)s\n\n"
            "Groet,\nLeerroute"
        ) % {"link": link}
        sent = 0
        for address in addresses:
            sent += send_mail(
                "Leerroute: " + _(subject), body, settings.DEFAULT_FROM_EMAIL, [address]
            )
    return sent
