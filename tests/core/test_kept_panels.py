"""Kept home panels (core/panels.py): "Mijn overzicht" renders its panels
once per person, browser, day and language, and renders them again
after any write to a table they read, however it is made. What a person sees
is always what a fresh rendering shows (the test settings also compare every
reuse with a fresh rendering: LEERROUTE_VERIFY_REUSE)."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.core import versions
from leerroute.core.panels import DATA_TOPIC, UNWATCHED, app_modules, watched_models
from leerroute.people.models import Placement, User
from tests.costs import first_and_repeated

HOME = reverse("core:home")
ACCOUNTS = ["student1", "werkbegeleider1", "studentbegeleider1", "praktijkopleider1", "docent1"]


def main(response) -> str:
    """The page's main content without its CSRF tokens (masked anew on every page)."""
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def mentor_panel(response) -> str:
    """The panel "Mijn studenten (werkbegeleider)": the students one mentors."""
    html = main(response)
    start = html.index('aria-labelledby="panel-mentor"')
    return html[start : html.index("</section>", start)]


def mentored(demo, mentor="werkbegeleider1") -> Placement:
    return (
        Placement.objects.active()
        .filter(mentors=demo[mentor])
        .select_related("student")
        .order_by("pk")
        .first()
    )


def kept_panels_queries(user, rf):
    """The queries of rendering the kept panels themselves, and the tables they read."""
    from django.template.loader import render_to_string

    request = rf.get(HOME)
    request.user = user
    with CaptureQueriesContext(connection) as ctx:
        for module in app_modules("home"):
            for panel in module.panels(user):
                render_to_string(panel.template, {"panel": panel.context}, request)
    return list(ctx.captured_queries)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_a_repeated_home_page_shows_the_same_without_the_kept_panels_queries(
    account, demo, client_for, rf
):
    client = client_for(account)
    client.get(HOME)
    kept = len(kept_panels_queries(demo[account], rf))
    first, repeated, response = first_and_repeated(client, HOME)
    # Read before the next request (its request_started signal empties the log).
    assert response.status_code == 200
    assert kept >= 3
    # The repeat reads the home topic's version instead of all those queries.
    assert len(first) - len(repeated) >= kept - 1, [
        q["sql"][:100] for q in repeated.captured_queries
    ]
    again = client.get(HOME)
    assert main(again) == main(response)


def _rename_save(student):
    student.first_name = "Hernoemd"
    student.save()


WRITES = {
    "save": _rename_save,
    "update": lambda s: User.objects.filter(pk=s.pk).update(first_name="Hernoemd"),
    "raw sql": lambda s: connection.cursor().execute(
        "UPDATE people_user SET first_name = 'Hernoemd' WHERE id = %s", [s.pk]
    ),
}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_a_write_of_any_kind_shows_on_the_next_home_page(write, demo, client_for):
    placement = mentored(demo)
    client = client_for("werkbegeleider1")
    before = main(client.get(HOME))
    assert placement.student.first_name in before and "Hernoemd" not in before
    assert main(client.get(HOME)) == before  # kept
    WRITES[write](placement.student)
    assert "Hernoemd" in main(client.get(HOME))


def test_a_change_to_a_many_to_many_table_shows_on_the_next_home_page(demo, client_for):
    placement = mentored(demo)
    client = client_for("werkbegeleider1")
    link = reverse("people:student", args=[placement.student_id])
    assert link in mentor_panel(client.get(HOME))
    placement.mentors.remove(demo["werkbegeleider1"])
    assert link not in mentor_panel(client.get(HOME))


def test_kept_panels_belong_to_one_person(demo, client_for):
    mine = mentored(demo, "werkbegeleider1")
    theirs = mentored(demo, "werkbegeleider2")
    assert mine.student_id != theirs.student_id
    link = reverse("people:student", args=[theirs.student_id])
    assert link not in main(client_for("werkbegeleider1").get(HOME))
    assert link in main(client_for("werkbegeleider2").get(HOME))
    assert link not in main(client_for("werkbegeleider1").get(HOME))


def test_kept_panels_follow_the_language(client_for):
    client = client_for("werkbegeleider1")
    assert "Studenten die jij begeleidt" in main(client.get(HOME))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = main(client.get(HOME))
    assert "Students you mentor" in english and "Studenten die jij begeleidt" not in english


def test_kept_panels_are_rendered_again_on_the_next_day(demo, client_for):
    """No write at all: a placement that ends today is gone tomorrow."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    placement = mentored(demo)
    Placement.objects.filter(pk=placement.pk).update(end_date=today)
    link = reverse("people:student", args=[placement.student_id])
    late = datetime.datetime.combine(today, datetime.time(23, 40), tzinfo=zone)
    with time_machine.travel(late, tick=False):
        client = client_for("werkbegeleider1")
        assert link in main(client.get(HOME))
        assert link in main(client.get(HOME))
    with time_machine.travel(late + datetime.timedelta(minutes=40), tick=False):
        response = client.get(HOME)
        assert response.status_code == 200 and 'data-user="' in response.content.decode()
        assert link not in main(response)


def _tables(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', sql))


@pytest.mark.parametrize("account", [*ACCOUNTS, "trainer", "beheerder"])
def test_no_kept_panel_reads_a_table_the_home_topic_does_not_watch(account, demo, rf):
    """Every write to a table a kept panel reads renews the version."""
    watched = {model._meta.db_table for model in watched_models()}
    read = set().union(*(_tables(q["sql"]) for q in kept_panels_queries(demo[account], rf)))
    assert read, "the kept panels read nothing: the test measures nothing"
    # Nested kept results (the glossary's index) read their own versions.
    assert read - {"core_dataversion"} <= watched, read - watched
    assert not {model._meta.label for model in watched_models()} & UNWATCHED


def test_a_transaction_reads_a_version_that_covers_its_own_writes(demo):
    with transaction.atomic():
        before = versions.current(DATA_TOPIC)
        User.objects.filter(pk=demo["student1"].pk).update(first_name="Eerst")
        first = versions.current(DATA_TOPIC)
        assert first != before
        # A write after a read renews it again; a read without a write keeps it.
        User.objects.filter(pk=demo["student1"].pk).update(first_name="Daarna")
        second = versions.current(DATA_TOPIC)
        assert second not in {before, first}
        assert versions.current(DATA_TOPIC) == second


def test_a_rolled_back_write_keeps_the_version(demo):
    before = versions.current(DATA_TOPIC)
    with pytest.raises(RuntimeError), transaction.atomic():
        User.objects.filter(pk=demo["student1"].pk).update(first_name="Teruggedraaid")
        raise RuntimeError
    assert versions.current(DATA_TOPIC) == before


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_renews_the_version_for_everyone():
    """Outside a transaction (as the web server runs): each write commits and
    renews the version when it does (on PostgreSQL at the commit itself)."""
    User.objects.create(username="vastgelegd")
    before = versions.current(DATA_TOPIC)
    assert before is not None
    User.objects.filter(username="vastgelegd").update(first_name="Vastgelegd")
    after = versions.current(DATA_TOPIC)
    assert after != before
    User.objects.bulk_create([User(username=f"bulk{i}") for i in range(3)])
    assert versions.current(DATA_TOPIC) not in {before, after}


# --- panels that change with the clock: kept until their first change ---------------


def _section(response, heading_id: str) -> str:
    html = main(response)
    if f'aria-labelledby="{heading_id}"' not in html:
        return ""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def _at(hour: int, minute: int) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(timezone.localdate(), datetime.time(hour, minute), zone)


def _conversation_today(demo, start: datetime.time, end: datetime.time) -> str:
    """docent1 plans one for student1 with werkbegeleider1; its page's address."""
    return reverse("conversations:detail", args=[_planned_today(demo, start, end).pk])


def _planned_today(demo, start: datetime.time, end: datetime.time):
    from leerroute.conversations import services

    return services.plan(
        by=demo["docent1"],
        student=demo["student1"],
        date=timezone.localdate(),
        start=start,
        end=end,
        place="Kamer 1",
        participants=[demo["werkbegeleider1"]],
        agenda=["Voortgang"],
    )


def test_a_planned_conversation_is_overdue_on_the_home_page_once_it_has_started(demo, client_for):
    with time_machine.travel(_at(10, 0), tick=False):
        link = _conversation_today(demo, datetime.time(10, 20), datetime.time(10, 50))
        client = client_for("docent1")
        for _ in range(2):  # rendered, then kept
            planner = _section(client.get(HOME), "panel-gesprekken-plannen")
            assert planner and link not in planner
    with time_machine.travel(_at(10, 30), tick=False):
        assert link in _section(client.get(HOME), "panel-gesprekken-plannen")


def test_an_upcoming_conversation_leaves_the_home_page_when_it_ends(demo, client_for):
    with time_machine.travel(_at(10, 0), tick=False):
        link = _conversation_today(demo, datetime.time(10, 10), datetime.time(10, 40))
        client = client_for("werkbegeleider1")
        for _ in range(2):
            assert link in _section(client.get(HOME), "panel-gesprekken-mijn")
    with time_machine.travel(_at(10, 45), tick=False):
        assert link not in _section(client.get(HOME), "panel-gesprekken-mijn")


def test_the_next_intervision_meeting_moves_on_when_it_ends(demo, client_for):
    from leerroute.intervision import queries
    from leerroute.intervision.models import Meeting
    from leerroute.training.models import WorkForm

    mentor = demo["werkbegeleider1"]
    group = queries.own_groups(mentor).active().order_by("pk").first()
    assert group is not None
    with time_machine.travel(_at(10, 0), tick=False):
        meeting = Meeting.objects.create(
            group=group,
            starts_at=_at(10, 5),
            ends_at=_at(10, 25),
            place="Kamer 3",
            method=WorkForm.objects.filter(kind=WorkForm.Kind.INTERVISION).first(),
        )
        link = reverse("intervision:meeting_detail", args=[meeting.pk])
        client = client_for("werkbegeleider1")
        for _ in range(2):
            assert link in main(client.get(HOME))
    with time_machine.travel(_at(10, 30), tick=False):
        assert link not in main(client.get(HOME))


def test_a_trainers_next_session_moves_on_when_it_starts(demo, client_for):
    from leerroute.training.models import Programme, Session

    programme = (
        Programme.objects.filter(trainers=demo["trainer"], kind=Programme.Kind.PROGRAMME)
        .order_by("pk")
        .first()
    )
    assert programme is not None
    with time_machine.travel(_at(10, 0), tick=False):
        Session.objects.create(
            programme=programme,
            topic="Vroeg",
            starts_at=_at(10, 7),
            ends_at=_at(10, 37),
            place="Lokaal 1",
        )
        client = client_for("trainer")
        for _ in range(2):
            assert "10:07" in _section(client.get(HOME), "panel-trainer")
    with time_machine.travel(_at(10, 20), tick=False):
        assert "10:07" not in _section(client.get(HOME), "panel-trainer")


def test_a_form_in_a_kept_panel_carries_a_token_for_its_own_browser(demo):
    """The "Afvinken" button of one's agreement, from the kept HTML, in two browsers."""
    from django.test import Client

    from leerroute.conversations import services
    from leerroute.conversations.models import Agreement

    conversation = _planned_today(demo, datetime.time(23, 0), datetime.time(23, 30))
    agreement = services.add_agreement(
        conversation,
        by=demo["docent1"],
        text="Oefenen met de insulinepen",
        owner=demo["werkbegeleider1"],
        due_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    action = reverse("conversations:agreement_done", args=[agreement.pk])
    pattern = re.compile(
        rf'action="{re.escape(action)}"[^>]*>\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"'
    )
    clients = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for browser in clients:  # both signed in before either visits the page
        browser.force_login(demo["werkbegeleider1"])
    browsers = []
    for browser in clients:
        browser.get(HOME)  # sets the CSRF cookie (nothing kept without it)
        browser.get(HOME)  # rendered and kept
        kept = browser.get(HOME).content.decode()  # from the kept panels
        browsers.append((browser, pattern.search(kept).group(1)))
    first, second = browsers
    # The other browser's token is refused; each browser's own is accepted.
    refused = first[0].post(action, {"csrfmiddlewaretoken": second[1], "done": "1"})
    assert refused.status_code == 403
    assert not Agreement.objects.get(pk=agreement.pk).done_at
    done = first[0].post(action, {"csrfmiddlewaretoken": first[1], "done": "1", "next": HOME})
    assert done.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).done_at


def test_nothing_is_kept_for_a_request_without_the_csrf_cookie(demo):
    """Its panels carry tokens for a secret made for this response only."""
    import hashlib

    from django.core.cache import cache
    from django.test import Client

    browser = Client()
    browser.force_login(demo["werkbegeleider1"])
    response = browser.get(HOME)
    assert response.status_code == 200
    secret = response.cookies[settings.CSRF_COOKIE_NAME].value
    key = (
        f"leerroute:v:{DATA_TOPIC}:{versions.current(DATA_TOPIC)}:home:{demo['werkbegeleider1'].pk}:"
        f"{hashlib.sha256(secret.encode()).hexdigest()[:16]}:{timezone.localdate().isoformat()}:nl"
    )
    assert cache.get(key) is None
    browser.get(HOME)  # with the cookie now: kept
    assert cache.get(key) is not None
