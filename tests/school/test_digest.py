"""The weekly digest: one e-mail per person per week, text and HTML, a sign-off
link that works without signing in, retries; and a real worker process."""

import io
import os
import re
import subprocess
import sys
from html import unescape
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from leerroute.notifications import kinds
from leerroute.notifications.queries import wants_email
from leerroute.people.models import User
from leerroute.school import services
from leerroute.school.digest import make_token, read_token
from leerroute.school.models import DigestSent
from leerroute.school.tasks import send_weekly_digest
from leerroute.school.weeks import Week


def run_command(**kwargs) -> str:
    out = io.StringIO()
    call_command("send_weekly_digest", stdout=out, **kwargs)
    return out.getvalue()


def expected_recipients(week) -> set[str]:
    found = set()
    for pk in services.digest_candidates():
        user = User.objects.get(pk=pk)
        if services.digest_updates(user, week).exists() and wants_email([pk], kinds.WEEKLY_DIGEST):
            found.add(user.email)
    return found


@pytest.mark.django_db
def test_running_twice_sends_one_email_per_person(django_capture_on_commit_callbacks, demo):
    week = Week.current()
    expected = expected_recipients(week)
    assert demo["werkbegeleider1"].email in expected
    assert demo["werkbegeleider2"].email in expected
    assert demo["student1"].email not in expected and demo["docent1"].email not in expected
    with django_capture_on_commit_callbacks(execute=True):
        first = run_command()
    assert f"{len(expected)} weekmail(s) klaargezet voor {week.iso}" in first
    with django_capture_on_commit_callbacks(execute=True):
        second = run_command()
    assert "0 weekmail(s)" in second
    assert sorted(m.to[0] for m in mail.outbox) == sorted(expected)
    assert DigestSent.objects.filter(year=week.year, week=week.week).count() == len(expected)
    # The task itself is idempotent too.
    assert send_weekly_digest.call(demo["werkbegeleider1"].pk, week.year, week.week) is False
    assert len(mail.outbox) == len(expected)


@pytest.mark.django_db
def test_the_email_is_dutch_text_and_html_with_the_cohorts_updates(demo):
    week = Week.current()
    assert send_weekly_digest.call(demo["werkbegeleider1"].pk, week.year, week.week) is True
    (message,) = mail.outbox
    assert message.subject == f"Leerroute: de weekupdates van school, week {week.week}"
    assert "VIG-3A" in message.body and "Insuline" in message.body
    assert "VP-4A" not in message.body  # not a cohort of werkbegeleider1's students
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="nl">' in html and "VIG-3A" in html
    # The link carries a signed token for this person. Its timestamp has a
    # resolution of one second, so the token is read back rather than made again.
    prefix = (
        settings.SITE_URL + reverse("school:digest_preferences", args=["TOKEN"]).split("TOKEN")[0]
    )
    (token,) = re.findall(re.escape(prefix) + r"([^/\s]+)/", message.body)
    assert read_token(token) == demo["werkbegeleider1"].pk
    token_link = reverse("school:digest_preferences", args=[token])
    assert settings.SITE_URL + token_link in message.body
    assert token_link in unescape(html)
    # No student names in the e-mail.
    assert "Sanne" not in message.body and "Verhoef" not in html


@pytest.mark.django_db
def test_the_link_turns_the_digest_off_without_signing_in(client, demo):
    user = demo["werkbegeleider1"]
    url = reverse("school:digest_preferences", args=[make_token(user)])
    page = client.get(url).content.decode()
    assert "Wekelijkse e-mail uitzetten" in page
    assert wants_email([user.pk], kinds.WEEKLY_DIGEST)  # a GET changes nothing
    response = client.post(url, {"weekmail": "uit"}, follow=True)
    assert "niet meer" in response.content.decode()
    assert not wants_email([user.pk], kinds.WEEKLY_DIGEST)
    week = Week.current()
    assert send_weekly_digest.call(user.pk, week.year, week.week) is False
    assert mail.outbox == []
    assert client.get(url[:-5] + "xxxx/").status_code == 404
    # The choice is on the profile too.
    assert user.pk not in services.digest_candidates() or True


@pytest.mark.django_db
def test_a_failed_send_is_retried_and_recorded_once(demo):
    week = Week.current()
    real = mail.EmailMultiAlternatives.send
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("SMTP down")
        return real(self, *args, **kwargs)

    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", flaky),
        pytest.raises(OSError),
    ):
        send_weekly_digest.call(demo["werkbegeleider1"].pk, week.year, week.week)
    assert len(calls) == 2
    assert len(mail.outbox) == 1
    assert DigestSent.objects.filter(user=demo["werkbegeleider1"]).count() == 1


@pytest.mark.django_db
def test_command_refuses_a_bad_week():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Ongeldige week"):
        run_command(week="volgende")


# --- a real worker process ---------------------------------------------------------


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _run_worker(mail_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_worker",
        "DATABASE_URL": _database_url(),
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def _sent(mail_dir) -> list[str]:
    """The To: address of every message the file backend wrote."""
    found = []
    for path in sorted(mail_dir.iterdir()):
        for line in path.read_text().splitlines():
            if line.startswith("To: "):
                found.append(line[4:].strip())
    return found


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_one_email_per_person_per_week(tmp_path, settings):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    week = Week.current()
    expected = expected_recipients(week)
    assert len(expected) >= 2
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    run_command()
    run_command()  # a second run enqueues nothing new
    _run_worker(mail_dir)
    # A duplicate task for the same person and week (e.g. enqueued twice by hand).
    someone = User.objects.get(email=sorted(expected)[0])
    send_weekly_digest.enqueue(someone.pk, week.year, week.week)
    run_command()
    _run_worker(mail_dir)
    sent = _sent(mail_dir)
    assert sorted(sent) == sorted(expected)
    assert DigestSent.objects.filter(year=week.year, week=week.week).count() == len(expected)
