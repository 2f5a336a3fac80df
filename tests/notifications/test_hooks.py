"""The events that need someone's action notify them, and e-mail them once."""

import pytest
from django.core import mail

from leerroute.feedback import services as feedback
from leerroute.learning import services as learning
from leerroute.notifications import kinds, services
from leerroute.notifications.models import Notification
from leerroute.training.models import Programme
from leerroute.training.tasks import send_session_reminder
from tests.training.conftest import make_session

pytestmark = pytest.mark.django_db


def test_submit_notifies_the_mentor_once(make_question, demo, django_capture_on_commit_callbacks):
    q = make_question()
    mentor = demo["werkbegeleider1"]
    before = Notification.objects.filter(recipient=mentor).count()
    with django_capture_on_commit_callbacks(execute=True):
        learning.submit(q, demo["student1"])
    item = Notification.objects.filter(recipient=mentor).latest("pk")
    assert Notification.objects.filter(recipient=mentor).count() == before + 1
    assert item.kind == kinds.LEARNING_SUBMITTED
    assert item.text == "Sanne Verhoef heeft een leervraag ingediend"
    assert item.url == f"/leervragen/{q.pk}/"
    assert q.question not in item.text
    # One e-mail, from the notification (no second one from elsewhere).
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert q.question not in mail.outbox[0].body


def test_answering_a_clarification_notifies_as_such(make_question, demo):
    q = make_question(("submit", "ask"))
    student_item = Notification.objects.filter(recipient=demo["student1"]).latest("pk")
    assert student_item.kind == kinds.LEARNING_REVIEWED
    assert student_item.text == "Ingrid Bakelaar heeft een vraag over je leervraag"
    learning.resubmit(q, demo["student1"], "Voor 1 juni.")
    item = Notification.objects.filter(recipient=demo["werkbegeleider1"]).latest("pk")
    assert item.kind == kinds.CLARIFICATION_ANSWERED
    assert "Voor 1 juni" not in item.text


def test_new_feedback_notifies_the_student(demo, django_capture_on_commit_callbacks):
    student, mentor = demo["student1"], demo["werkbegeleider1"]
    with django_capture_on_commit_callbacks(execute=True):
        item = feedback.give_feedback(
            author=mentor,
            student=student,
            observe="Je gaf de bewoner rustig uitleg.",
            effect="e",
            pause="p",
            suggestions="s",
        )
    note = Notification.objects.get(recipient=student, key=f"feedback:{item.pk}")
    assert note.kind == kinds.FEEDBACK_NEW
    assert note.text == "Ingrid Bakelaar heeft je feedback gegeven"
    assert note.url == f"/feedback/{item.pk}/"
    (message,) = mail.outbox
    assert "rustig" not in message.body and "Ingrid" not in message.body


def test_publishing_a_review_notifies_the_student_once(demo):
    from leerroute.feedback.models import ProgressReview, ReviewStatus

    draft = ProgressReview.objects.filter(
        student=demo["student1"], status=ReviewStatus.DRAFT
    ).latest("review_date")
    if not draft.cited_feedback.exists():
        draft.cited_feedback.add(draft.student.feedback_received.first())
    feedback.publish_review(draft, by=demo["studentbegeleider1"], expected_version=draft.version)
    notes = Notification.objects.filter(key=f"review:{draft.pk}:published")
    assert [n.recipient for n in notes] == [demo["student1"]]
    assert notes[0].kind == kinds.REVIEW_PUBLISHED


def test_session_reminder_notifies_and_respects_the_email_choice(demo):
    ttt = Programme.objects.get(title="Waarde-vol Werkbegeleiden")
    session = make_session(ttt, days=1, topic="Morgen")
    user = demo["docent1"]
    services.set_email_choice(user, kinds.SESSION_TOMORROW, False)
    assert send_session_reminder.call(session.pk, user.pk) is False
    note = Notification.objects.get(recipient=user, key=f"session:{session.pk}:tomorrow")
    assert note.text == 'Morgen de bijeenkomst "Morgen"'
    assert mail.outbox == []
    # Once only, also when run again.
    send_session_reminder.call(session.pk, user.pk)
    assert Notification.objects.filter(key=f"session:{session.pk}:tomorrow").count() == 1


def test_session_reminder_email_is_the_reminder_itself(demo):
    ttt = Programme.objects.get(title="Waarde-vol Werkbegeleiden")
    session = make_session(ttt, days=1, topic="Morgen")
    assert send_session_reminder.call(session.pk, demo["docent1"].pk) is True
    (message,) = mail.outbox
    assert message.subject == 'Herinnering: morgen de bijeenkomst "Morgen"'
