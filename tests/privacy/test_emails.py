"""Every e-mail Leerroute sends carries no feedback, review or learning-question
content, only a link (TRUST.md PRIV-27). Each path that sends mail is run with
recognisable text in the content; no mail may contain any of it."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from leerroute.conversations import services as conversations
from leerroute.feedback import services as feedback
from leerroute.feedback.models import ProgressReview, ReviewStatus
from leerroute.learning import services as learning
from tests.learning.conftest import future, make_question, vig_wp  # noqa: F401

pytestmark = pytest.mark.django_db

SECRET = "Zeldzaamwoord"  # in every piece of content below


def _everything(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    return "\n".join(parts)


def test_no_email_carries_content(
    make_question,  # noqa: F811
    demo,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    student, mentor = demo["student1"], demo["werkbegeleider1"]
    with django_capture_on_commit_callbacks(execute=True):
        # A learning question: submitted, a clarification asked, answered, approved.
        q = make_question()
        q.question = f"{SECRET} vraag: ik wil leren wondzorg geven."
        q.save()
        q = learning.submit(q, student)
        q = learning.ask_clarification(
            q, mentor, f"{SECRET} wanneer precies?", learning.Checklist(), q.version
        )
        q = learning.resubmit(q, student, f"{SECRET} voor 1 juni.")
        learning.approve(
            q,
            mentor,
            learning.Checklist(True, True, True, True, True),
            f"{SECRET} steun",
            q.version,
        )
        # Feedback, and a published review.
        feedback.give_feedback(
            author=mentor,
            student=student,
            observe=f"{SECRET} observatie",
            effect=f"{SECRET} effect",
            pause=f"{SECRET} pauze",
            suggestions=f"{SECRET} suggestie",
        )
        draft = ProgressReview.objects.filter(student=student, status=ReviewStatus.DRAFT).latest(
            "review_date"
        )
        ProgressReview.objects.filter(pk=draft.pk).update(summary=f"{SECRET} onderbouwing")
        draft.refresh_from_db()
        if not draft.cited_feedback.exists():
            draft.cited_feedback.add(student.feedback_received.first())
        feedback.publish_review(
            draft, by=demo["studentbegeleider1"], expected_version=draft.version
        )
        # A conversation planned with an agenda.
        day = timezone.localdate() + datetime.timedelta(days=7)
        conversations.plan(
            by=demo["docent1"],
            student=student,
            date=day,
            start=datetime.time(10, 0),
            end=datetime.time(11, 0),
            place="Lokaal 2.14",
            participants=[mentor, demo["praktijkopleider1"]],
            agenda=[f"{SECRET} agendapunt"],
        )
        # Reminders, the weekly digest, a password reset.
        call_command("send_agreement_reminders")
        call_command("send_session_reminders")
        call_command("send_weekly_digest")
        Client().post("/accounts/password_reset/", {"email": student.email})
    assert len(mail.outbox) >= 6, [m.subject for m in mail.outbox]
    for message in mail.outbox:
        assert SECRET not in _everything(message), message.subject
