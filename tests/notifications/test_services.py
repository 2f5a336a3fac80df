"""notify(), the e-mail task, marking read and the e-mail choices."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from leerroute.notifications import kinds, queries, services
from leerroute.notifications.models import Notification, NotificationPreference
from leerroute.notifications.tasks import send_notification_email

pytestmark = pytest.mark.django_db


def test_notify_creates_one_row_per_active_recipient_and_emails_after_commit(
    demo, django_capture_on_commit_callbacks
):
    student, other = demo["student1"], demo["student2"]
    other.is_active = False
    other.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = services.notify(
            [student, other, student.pk],
            kinds.FEEDBACK_NEW,
            text="Ingrid Bakelaar heeft je feedback gegeven",
            url="/feedback/",
        )
    assert [n.recipient for n in created] == [student]
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.subject == "Leerroute: Er staat nieuwe feedback voor je klaar"
    assert "http://" in message.body and "/feedback/" in message.body
    # PRIV-27: no names, no content, only the kind and a link.
    for personal in ("Ingrid", "Bakelaar", student.first_name, student.last_name):
        assert personal not in message.subject + message.body
    assert Notification.objects.get(pk=created[0].pk).emailed_at is not None


def test_a_key_deduplicates_per_recipient(demo, django_capture_on_commit_callbacks):
    s1, s2 = demo["student1"], demo["student2"]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify([s1], kinds.FEEDBACK_NEW, text="a", url="/", key="k:1")
        again = services.notify([s1, s2], kinds.FEEDBACK_NEW, text="a", url="/", key="k:1")
    assert len(first) == 1
    assert [n.recipient for n in again] == [s2]
    assert Notification.objects.filter(key="k:1").count() == 2
    assert len(mail.outbox) == 2


def test_no_email_when_the_person_turned_it_off_or_the_kind_is_off_by_default(
    demo, django_capture_on_commit_callbacks
):
    student = demo["student1"]
    services.set_email_choice(student, kinds.FEEDBACK_NEW, False)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([student], kinds.FEEDBACK_NEW, text="x", url="/")
        services.notify([student], kinds.WEEKLY_UPDATE, text="y", url="/")
    assert Notification.objects.filter(recipient=student, text__in=["x", "y"]).count() == 2
    assert mail.outbox == []


def test_email_choice_read_again_when_sending(demo):
    student = demo["student1"]
    (item,) = services.notify([student], kinds.FEEDBACK_NEW, text="x", url="/")
    services.set_email_choice(student, kinds.FEEDBACK_NEW, False)
    assert send_notification_email.call(item.pk) is False
    assert mail.outbox == []


def test_the_email_task_sends_once(demo):
    (item,) = services.notify([demo["student1"]], kinds.FEEDBACK_NEW, text="x", url="/")
    assert send_notification_email.call(item.pk) is True
    assert send_notification_email.call(item.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_and_sends_once(demo):
    (item,) = services.notify([demo["student1"]], kinds.FEEDBACK_NEW, text="x", url="/")
    real = mail.send_mail
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("SMTP down")
        return real(*args, **kwargs)

    # The immediate backend of the tests runs the retry at once; the first
    # attempt still fails (visible as a failed task in the beheer).
    with mock.patch("leerroute.notifications.emails.send_mail", flaky), pytest.raises(OSError):
        send_notification_email.call(item.pk)
    assert len(calls) == 2
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=item.pk).emailed_at is not None


def test_retries_stop_after_the_last_attempt(demo):
    from leerroute.notifications import retry

    (item,) = services.notify([demo["student1"]], kinds.FEEDBACK_NEW, text="x", url="/")
    calls = []

    def down(*args, **kwargs):
        calls.append(1)
        raise OSError("SMTP down")

    with mock.patch("leerroute.notifications.emails.send_mail", down), pytest.raises(OSError):
        send_notification_email.call(item.pk)
    assert len(calls) == retry.MAX_ATTEMPTS
    assert mail.outbox == []
    assert Notification.objects.get(pk=item.pk).emailed_at is None


def test_backoff_grows_and_is_capped():
    from leerroute.notifications import retry

    waits = [retry.delay(n).total_seconds() for n in range(1, 10)]
    assert 48 <= waits[0] <= 72
    assert 96 <= waits[1] <= 144
    assert max(waits) <= retry.MAX_SECONDS * 1.2


def test_notify_refuses_links_outside_leerroute(demo):
    for url in ("https://example.org/", "//example.org/", "feedback/"):
        with pytest.raises(ValueError):
            services.notify([demo["student1"]], kinds.FEEDBACK_NEW, text="x", url=url)
    with pytest.raises(KeyError):
        services.notify([demo["student1"]], "unknown", text="x", url="/")


def test_long_text_is_shortened(demo):
    (item,) = services.notify([demo["student1"]], kinds.FEEDBACK_NEW, text="x" * 500, url="/")
    assert len(item.text) == 200 and item.text.endswith("…")


def test_mark_read_only_own(demo):
    student, other = demo["student1"], demo["student2"]
    (item,) = services.notify([student], kinds.FEEDBACK_NEW, text="x", url="/")
    with pytest.raises(PermissionDenied):
        services.mark_read(other, item)
    assert services.mark_read(student, item) is True
    assert services.mark_read(student, item) is False


def test_mark_all_read(demo):
    student = demo["student1"]
    services.notify([student], kinds.FEEDBACK_NEW, text="x", url="/")
    assert queries.unread_count(student) >= 2
    services.mark_all_read(student)
    assert queries.unread_count(student) == 0
    assert queries.unread_count(demo["student2"]) > 0


def test_email_choices_default_and_stored(demo):
    user = demo["werkbegeleider1"]
    choices = queries.email_choices(user)
    assert choices[kinds.LEARNING_SUBMITTED] is True
    assert choices[kinds.WEEKLY_UPDATE] is False
    services.set_email_choices(user, {**choices, kinds.LEARNING_SUBMITTED: False})
    assert queries.email_choices(user)[kinds.LEARNING_SUBMITTED] is False
    assert NotificationPreference.objects.filter(user=user).count() == len(kinds.KINDS)
    with pytest.raises(ValueError):
        services.set_email_choices(user, {"nonsense": True})


def test_every_kind_has_a_dutch_label_and_subject():
    assert {
        "learning_submitted",
        "clarification_answered",
        "feedback_new",
        "review_published",
        "session_tomorrow",
        "weekly_update",
        "conversation_invited",
        "agreement_due",
    } <= set(kinds.KINDS)
    for kind in kinds.KINDS.values():
        assert str(kind.label) and str(kind.email_subject)
