"""Kept pages (core/kept_pages.py): a key page is rendered once per person,
browser, session, language, date and address, served again while nothing it
could show has changed, and rendered anew after any write to a table it reads,
however that write is made. The test settings compare every kept page served
with a fresh rendering (LEERROUTE_VERIFY_REUSE); these tests switch that off
where they count what serving a kept page costs."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.core import kept_pages
from leerroute.people.models import AccessLog, Placement, User

HOME = reverse("core:home")


def _student_of(demo, mentor="werkbegeleider1") -> User:
    return Placement.objects.active().filter(mentors=demo[mentor]).order_by("pk").first().student


def _main(response) -> str:
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# account, address (a callable of the demo accounts)
PAGES = [
    ("student1", lambda demo: HOME),
    ("student1", lambda demo: reverse("learning:list")),
    ("student1", lambda demo: reverse("feedback:progress", args=[demo["student1"].pk])),
    ("werkbegeleider1", lambda demo: HOME),
    ("werkbegeleider1", lambda demo: reverse("people:student", args=[_student_of(demo).pk])),
    ("werkbegeleider1", lambda demo: reverse("learning:waiting")),
    ("werkbegeleider1", lambda demo: reverse("feedback:index")),
    ("studentbegeleider1", lambda demo: reverse("people:student_list")),
    ("praktijkopleider1", lambda demo: reverse("learning:list")),
    ("praktijkopleider1", lambda demo: reverse("training:cascade")),
    ("docent1", lambda demo: reverse("people:student_list") + "?zoek=a"),
    ("trainer", lambda demo: reverse("training:coverage")),
    ("beheerder", lambda demo: reverse("feedback:index")),
    ("beheerder", lambda demo: "/beheer/people/placement/"),
    ("beheerder", lambda demo: "/beheer/people/user/"),
]


@pytest.fixture
def unverified(settings):
    """Count what serving a kept page costs (no fresh rendering beside it)."""
    settings.LEERROUTE_VERIFY_REUSE = False


@pytest.mark.parametrize(("account", "url"), PAGES)
def test_a_repeated_page_is_served_kept_with_the_same_content(
    account, url, demo, client_for, unverified
):
    client = client_for(account)
    address = url(demo)
    with CaptureQueriesContext(connection) as first:
        rendered = client.get(address)
    with CaptureQueriesContext(connection) as repeated:
        served = client.get(address)
    assert rendered.status_code == served.status_code == 200
    assert _main(served) == _main(rendered)
    # The session and the person, the version with the bell's count, and at
    # most the access-log row of the student shown.
    assert len(repeated) <= 5, [q["sql"][:80] for q in repeated.captured_queries]
    assert len(repeated) < len(first)
    assert served["Content-Type"] == rendered["Content-Type"]
    assert "no-store" in served["Cache-Control"]


def test_a_write_of_any_kind_shows_on_the_next_load(demo, client_for, unverified):
    client = client_for("werkbegeleider1")
    student = _student_of(demo)
    address = reverse("people:student", args=[student.pk])
    assert student.get_full_name() in client.get(address).content.decode()
    client.get(address)
    User.objects.filter(pk=student.pk).update(first_name="Anneloes")  # no signal
    assert "Anneloes" in client.get(address).content.decode()
    with connection.cursor() as cursor:  # not even Django's
        cursor.execute(
            f"UPDATE {User._meta.db_table} SET first_name = %s WHERE id = %s",
            ["Berendina", student.pk],
        )
    html = client.get(address).content.decode()
    assert "Berendina" in html and "Anneloes" not in html


def test_a_kept_page_is_for_one_person_and_one_browser(demo, client_for, unverified):
    address = reverse("learning:waiting")
    mine = client_for("werkbegeleider1")
    mine.get(address)
    theirs = client_for("werkbegeleider2")
    with CaptureQueriesContext(connection) as other_person:
        response = theirs.get(address)
    assert demo["werkbegeleider2"].get_full_name() in response.content.decode()
    assert demo["werkbegeleider1"].get_full_name() not in response.content.decode()
    # Another browser of the same person: its forms need tokens for its own secret.
    again = client_for("werkbegeleider1")
    with CaptureQueriesContext(connection) as other_browser:
        again.get(address)
    with CaptureQueriesContext(connection) as same_browser:
        mine.get(address)
    assert len(other_person) > len(same_browser)
    assert len(other_browser) > len(same_browser)


def test_a_kept_student_page_logs_every_read(demo, client_for, unverified):
    client = client_for("werkbegeleider1")
    student = _student_of(demo)
    address = reverse("people:student", args=[student.pk])
    client.get(address)
    before = AccessLog.objects.filter(student=student, user=demo["werkbegeleider1"]).count()
    with CaptureQueriesContext(connection) as served:
        client.get(address)
        client.get(address)
    logged = AccessLog.objects.filter(student=student, user=demo["werkbegeleider1"])
    assert logged.count() == before + 2
    assert {row.view_name for row in logged} == {"people:student"}
    assert set(logged.values_list("outcome", flat=True)) == {AccessLog.Outcome.READ}
    # Every row names the roles and organisations held, as when it was rendered;
    # serving the kept page does not read them again.
    assert set(logged.values_list("roles", "organisations")) == {
        ("MENTOR", str(demo["werkbegeleider1"].role_assignments.get().organisation_id))
    }
    assert sum(q["sql"].startswith('INSERT INTO "people_accesslog"') for q in served) == 2
    assert not any("people_roleassignment" in q["sql"] for q in served)


def test_the_nonce_and_the_idle_time_are_the_requests_own(demo, client_for, unverified):
    client = client_for("student1")
    client.get(HOME)
    served = client.get(HOME)
    html = served.content.decode()
    (nonce,) = set(re.findall(r'nonce="([^"]+)"', html))
    assert f"'nonce-{nonce}'" in served["Content-Security-Policy"]
    assert 'data-idle-seconds="' in html
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=30), tick=False):
        later = client.get(HOME).content.decode()
    (seconds,) = re.findall(r'data-idle-seconds="(\d+)"', later)
    assert int(seconds) <= settings.SESSION_COOKIE_AGE - 30


def test_a_message_is_shown_once_and_never_kept(demo, client_for, unverified):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.session import SessionStorage

    client = client_for("student1")
    client.get(HOME)
    client.get(HOME)
    # A message waiting in the session, as after a form.
    session = client.session
    storage = SessionStorage(type("R", (), {"session": session})())
    storage._store([Message(constants.SUCCESS, "Je leervraag is opgeslagen.")], None)
    session.save()
    assert "Je leervraag is opgeslagen." in client.get(HOME).content.decode()
    assert "Je leervraag is opgeslagen." not in client.get(HOME).content.decode()


ACCESS_LOG = "/beheer/people/accesslog/"


def _log_rows(client) -> list[str]:
    """The access-log list's rows (their links), as the beheerder sees them."""
    html = client.get(ACCESS_LOG).content.decode()
    return re.findall(r'href="/beheer/people/accesslog/(\d+)/change/', html)


def test_the_access_log_list_is_kept_until_a_row_is_added(demo, client_for, unverified):
    beheerder = client_for("beheerder")
    mentor = client_for("werkbegeleider1")
    mentor.get(reverse("people:student", args=[_student_of(demo).pk]))
    before = _log_rows(beheerder)
    assert before
    with CaptureQueriesContext(connection) as repeated:
        assert _log_rows(beheerder) == before
    # Session, person, and the versions with the log's newest id; not its rows.
    assert len(repeated) == 3
    assert not any('"people_accesslog"."view_name"' in q["sql"] for q in repeated.captured_queries)

    mentor.get(reverse("people:student", args=[_student_of(demo).pk]))  # a new row
    newest = AccessLog.objects.order_by("-pk").first()
    assert _log_rows(beheerder) == [str(newest.pk), *before]


def test_the_access_log_list_shows_the_retention_job_at_once(demo, client_for, unverified):
    student_page = reverse("people:student", args=[_student_of(demo).pk])
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        client_for("werkbegeleider1").get(student_page)  # an older row
    beheerder = client_for("beheerder")
    client_for("werkbegeleider1").get(student_page)
    newest = AccessLog.objects.order_by("-pk").first()
    assert len(_log_rows(beheerder)) == 2
    assert len(_log_rows(beheerder)) == 2  # kept
    # The largest id stays: the removal itself renews the page.
    AccessLog.objects.all().purge_expired(timezone.now() - datetime.timedelta(days=1))
    assert _log_rows(beheerder) == [str(newest.pk)]


def test_the_access_log_list_lives_a_few_seconds_at_most(demo, client_for, unverified):
    beheerder = client_for("beheerder")
    client_for("werkbegeleider1").get(reverse("people:student", args=[_student_of(demo).pk]))
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        _log_rows(beheerder)
        with CaptureQueriesContext(connection) as kept:
            _log_rows(beheerder)
    later = now + datetime.timedelta(seconds=kept_pages.APPENDED_MAX_AGE + 1)
    with time_machine.travel(later, tick=False), CaptureQueriesContext(connection) as rendered:
        _log_rows(beheerder)
    assert len(rendered) > len(kept)


def test_a_beheer_change_shows_on_the_kept_list(demo, client_for, unverified):
    from leerroute.people.models import Team

    client = client_for("beheerder")
    team = Team.objects.order_by("pk").first()
    client.get("/beheer/people/team/")
    client.get("/beheer/people/team/")
    Team.objects.filter(pk=team.pk).update(name="Team Zonnebloem")
    assert "Team Zonnebloem" in client.get("/beheer/people/team/").content.decode()


def test_the_clock_the_date_and_the_language_each_make_a_new_page(demo, client_for, unverified):
    address = reverse("people:student_list")
    evening = timezone.localtime().replace(hour=23, minute=58, second=50, microsecond=0)
    with time_machine.travel(evening, tick=False):
        client = client_for("docent1")
        client.get(address)

        def queries() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(address).status_code == 200
            return len(ctx)

        kept = queries()
    # Older than MAX_AGE: rendered again, then kept again.
    with time_machine.travel(evening + datetime.timedelta(seconds=20), tick=False):
        assert queries() == kept
    with time_machine.travel(evening + datetime.timedelta(seconds=kept_pages.MAX_AGE), tick=False):
        assert queries() > kept
        assert queries() == kept
    # A new day: rendered again, however young the kept page (15 seconds).
    midnight = evening + datetime.timedelta(seconds=kept_pages.MAX_AGE + 15)
    with time_machine.travel(midnight, tick=False):
        assert timezone.localdate() > evening.date()
        assert queries() > kept
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = client.get(address)
    assert english["Content-Language"] == "en"
    assert 'lang="en"' in english.content.decode()


def test_pages_are_rendered_every_time_when_switched_off(demo, client_for, unverified, settings):
    settings.KEPT_PAGES = False
    client = client_for("student1")
    address = reverse("learning:list")
    client.get(address)
    with CaptureQueriesContext(connection) as first:
        client.get(address)
    with CaptureQueriesContext(connection) as repeated:
        client.get(address)
    assert len(first) == len(repeated) > 5


def _request(rf, user):
    request = rf.get("/proef/")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    request.user = user
    request.META["CSRF_COOKIE"] = "a" * 32
    request._messages = type("M", (), {"__len__": lambda self: 0, "added_new": False})()
    return request


def test_the_tests_find_a_page_that_depends_on_more_than_its_key(demo, rf):
    """LEERROUTE_VERIFY_REUSE (the test settings): a kept page that a fresh
    rendering would show differently fails the test that served it."""
    assert settings.LEERROUTE_VERIFY_REUSE
    caches[kept_pages.CACHE].clear()
    counter = iter(range(100))

    def render():
        return HttpResponse(f"<p>bezoek {next(counter)}</p>")

    user = demo["student1"]
    kept_pages.keep(_request(rf, user), render)
    with pytest.raises(AssertionError, match="differs from a fresh rendering"):
        kept_pages.keep(_request(rf, user), render)


def test_a_page_that_writes_is_never_kept(demo, rf):
    caches[kept_pages.CACHE].clear()
    user = demo["student1"]
    calls = []

    def render():
        calls.append(1)
        User.objects.filter(pk=user.pk).update(last_name=f"Jansen{len(calls)}")
        return HttpResponse("<p>opgeslagen</p>")

    kept_pages.keep(_request(rf, user), render)
    kept_pages.keep(_request(rf, user), render)
    assert len(calls) == 2


def test_a_kept_page_ends_when_a_result_it_shows_changes_by_the_clock(demo, client_for, unverified):
    """The training page shows the person's upcoming sessions (kept until the
    first one ends, ``versions.cached``): the page is kept no longer either."""
    from tests.training.test_my_overview_cache import _enrolled, _session

    user, enrolment = _enrolled(demo)
    ending = _session(enrolment.programme, "Bijna voorbij", -datetime.timedelta(minutes=59))
    ending.ends_at = timezone.now() + datetime.timedelta(seconds=20)
    ending.save(update_fields=["ends_at"])
    client = client_for(user.username)
    address = reverse("training:index")
    assert "Bijna voorbij" in client.get(address).content.decode()
    assert "Bijna voorbij" in client.get(address).content.decode()
    with time_machine.travel(ending.ends_at + datetime.timedelta(seconds=1), tick=False):
        assert "Bijna voorbij" not in client.get(address).content.decode()


def test_a_sign_in_elsewhere_keeps_the_pages(demo, client_for, unverified):
    """A sign-in writes only ``last_login`` (``User.untracked_fields``), which no
    kept page shows: it does not make every kept page in the region unreachable."""
    from django.test import Client

    client = client_for("docent1")
    address = reverse("people:student_list")
    client.get(address)
    with CaptureQueriesContext(connection) as kept:
        client.get(address)
    other = Client()
    signed_in = other.post(reverse("login"), {"username": "student2", "password": "leerroute-demo"})
    assert signed_in.status_code == 302
    assert User.objects.get(username="student2").last_login is not None
    with CaptureQueriesContext(connection) as after_sign_in:
        client.get(address)
    assert len(after_sign_in) == len(kept)
    User.objects.filter(username="student2").update(first_name="Fenna")
    with CaptureQueriesContext(connection) as after_change:
        client.get(address)
    assert len(after_change) > len(kept)


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_HX_REQUEST": "true"},  # htmx asks for part of a page
        {"REQUEST_METHOD": "HEAD"},
    ],
)
def test_only_whole_page_loads_are_kept(extra, demo, client_for, unverified):
    client = client_for("werkbegeleider1")
    address = reverse("learning:waiting")
    method = client.head if extra.get("REQUEST_METHOD") == "HEAD" else client.get
    headers = {k: v for k, v in extra.items() if k != "REQUEST_METHOD"}
    method(address, **headers)
    with CaptureQueriesContext(connection) as first:
        method(address, **headers)
    with CaptureQueriesContext(connection) as repeated:
        method(address, **headers)
    assert len(repeated) == len(first) > 5
