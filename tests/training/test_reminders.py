"""Reminders the day before a session: command, task, idempotency, content."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from leerroute.training.models import Enrolment, ReminderSent
from leerroute.training.services import schedule_reminders
from leerroute.training.tasks import send_session_reminder

from .conftest import make_session


def run_command(**kwargs):
    out = io.StringIO()
    call_command("send_session_reminders", stdout=out, **kwargs)
    return out.getvalue()


def test_one_reminder_per_participant_of_tomorrows_sessions(
    ttt, django_capture_on_commit_callbacks
):
    session = make_session(ttt, days=1, topic="Morgen", place="Leiden, lokaal 1.01")
    make_session(ttt, days=2, topic="Overmorgen")
    participants = Enrolment.objects.filter(programme=ttt, status="enrolled")
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command()
    assert f"{participants.count()} herinnering(en) klaargezet" in output
    assert len(mail.outbox) == participants.count()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in participants)
    # Invited people (docent2) get nothing.
    assert all("docent2" not in m.to[0] for m in mail.outbox)
    assert ReminderSent.objects.filter(session=session).count() == participants.count()
    message = mail.outbox[0]
    assert message.subject == 'Herinnering: morgen de bijeenkomst "Morgen"'
    assert "Leiden, lokaal 1.01" in message.body
    assert f"/training/bijeenkomsten/{session.pk}/" in message.body
    assert "Waarde-vol Werkbegeleiden" in message.body


def test_running_twice_sends_once(ttt, django_capture_on_commit_callbacks):
    make_session(ttt, days=1)
    with django_capture_on_commit_callbacks(execute=True):
        run_command()
    first = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command()
    assert "0 herinnering(en)" in output
    assert len(mail.outbox) == first


def test_the_task_itself_is_idempotent(ttt, demo):
    session = make_session(ttt, days=1)
    user = demo["docent1"]
    assert send_session_reminder.call(session.pk, user.pk) is True
    assert send_session_reminder.call(session.pk, user.pk) is False
    assert len(mail.outbox) == 1


def test_reminder_contains_no_personal_content(ttt, demo):
    session = make_session(ttt, days=1)
    user = demo["docent1"]
    send_session_reminder.call(session.pk, user.pk)
    (message,) = mail.outbox
    text = message.subject + message.body
    for personal in (user.first_name, user.last_name, user.username, "praktijkopleider"):
        assert personal not in text
    assert "Esther" not in text  # other participants


def test_no_reminder_for_people_no_longer_enrolled(ttt, demo):
    session = make_session(ttt, days=1)
    assert send_session_reminder.call(session.pk, demo["docent2"].pk) is False
    assert mail.outbox == []


def test_rolled_back_transaction_enqueues_nothing(ttt, django_capture_on_commit_callbacks):
    make_session(ttt, days=1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                schedule_reminders(timezone.localdate() + datetime.timedelta(days=1))
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_command_with_a_date(ttt, django_capture_on_commit_callbacks):
    session = make_session(ttt, days=5)
    day = timezone.localdate(session.starts_at).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command(datum=day)
    assert f"klaargezet voor {day}" in output
    assert len(mail.outbox) >= 1


def test_command_refuses_a_bad_date():
    with pytest.raises(CommandError, match="Ongeldige datum"):
        run_command(datum="morgen")
