"""The personal calendar feed: tokens, exactly the owner's events, valid iCalendar.

The feed is written with ``icalendar``; these tests read it with a second,
independent parser (``ics``), check RFC 5545 framing (CRLF, lines folded at 75
octets) by hand, and the VTIMEZONE rules with ``dateutil``'s own VTIMEZONE
reader against the IANA zone.
"""

import datetime
import io
import logging
import re
import zoneinfo

import ics
import pytest
from dateutil import tz as dateutil_tz
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from leerroute.agenda import services
from leerroute.agenda.models import CalendarFeed
from leerroute.conversations import services as conversations
from leerroute.conversations.models import Conversation, Participant
from leerroute.core.tokens import hash_secret as token_hash
from leerroute.intervision import calendar as intervision_calendar
from leerroute.training.models import Enrolment, Programme, Session

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
ACCOUNTS = ["werkbegeleider1", "werkbegeleider2", "student1", "docent1", "trainer"]


def _feed(token) -> Client:
    return Client().get(reverse("agenda:feed", args=[token]))


def _expected_uids(user) -> set[str]:
    """Recounted from the rows: conversations the user takes part in, sessions of
    programmes they are enrolled in or give (from a year ago on)."""
    since = timezone.now() - datetime.timedelta(days=365)
    talks = Participant.objects.filter(user=user, conversation__ends_at__gte=since)
    programmes = set(
        Enrolment.objects.filter(user=user, status="enrolled").values_list("programme", flat=True)
    ) | set(Programme.objects.filter(trainers=user).values_list("pk", flat=True))
    sessions = Session.objects.filter(programme__in=programmes, ends_at__gte=since)
    # Intervision meetings of the person's own groups (their rule is tested in
    # tests/intervision): every app's calendar.py adds to the same feed.
    meetings = {event.uid for event in intervision_calendar.events(user)}
    return (
        {f"gesprek-{p.conversation_id}@leerroute" for p in talks}
        | {f"bijeenkomst-{s.pk}@leerroute" for s in sessions}
        | meetings
    )


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_feed_holds_exactly_the_owners_events(account, demo):
    token = services.renew(by=demo[account])
    response = _feed(token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = ics.Calendar(response.content.decode("utf-8"))
    uids = {event.uid for event in parsed.events}
    assert uids == _expected_uids(demo[account])
    assert len(uids) == len(parsed.events)


def test_the_three_accounts_see_different_conversations(demo):
    feeds = {}
    for account in ["werkbegeleider1", "werkbegeleider2", "student1"]:
        body = _feed(services.renew(by=demo[account])).content.decode()
        feeds[account] = set(re.findall(r"UID:(gesprek-\d+@leerroute)", body))
    s1 = {
        f"gesprek-{c.pk}@leerroute" for c in Conversation.objects.filter(student=demo["student1"])
    }
    s2 = {
        f"gesprek-{c.pk}@leerroute" for c in Conversation.objects.filter(student=demo["student2"])
    }
    assert feeds["student1"] == s1
    assert s1 < feeds["werkbegeleider1"]  # also s.bloemendaal's conversation
    assert not feeds["werkbegeleider1"] & s2
    assert s2 <= feeds["werkbegeleider2"] and not feeds["werkbegeleider2"] & s1
    # A conversation one does not take part in is not in the feed, even when one may
    # read it (praktijkopleider2 and s.kramer's).
    kramer = Conversation.objects.get(student__username="s.kramer")
    body = _feed(services.renew(by=demo["praktijkopleider2"])).content.decode()
    assert f"gesprek-{kramer.pk}@leerroute" not in body


def test_rfc5545_framing_crlf_and_folding(demo):
    body = _feed(services.renew(by=demo["werkbegeleider1"])).content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # no bare line feeds
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    unfolded = re.sub(rb"\r\n[ \t]", b"", body).decode("utf-8")
    for required in ["VERSION:2.0", "METHOD:PUBLISH", "PRODID:", "BEGIN:VTIMEZONE"]:
        assert required in unfolded
    for block in unfolded.split("BEGIN:VEVENT")[1:]:
        for prop in ["UID:", "DTSTAMP:", "SEQUENCE:", "STATUS:", "DTSTART;TZID=Europe/Amsterdam:"]:
            assert prop in block, prop


def test_icalendar_reads_it_back_with_times_in_amsterdam(demo):
    token = services.renew(by=demo["student1"])
    calendar = Calendar.from_ical(_feed(token).content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    for conversation in Conversation.objects.filter(student=demo["student1"]):
        event = events[f"gesprek-{conversation.pk}@leerroute"]
        start = event.decoded("DTSTART")
        assert start == conversation.starts_at
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert str(event["LOCATION"]) == conversation.place
        assert conversation.notes[:20] not in str(event.get("DESCRIPTION", "")) or not (
            conversation.notes
        )


def test_the_vtimezone_matches_the_iana_zone(demo):
    body = _feed(services.renew(by=demo["student1"])).content.decode()
    block = body[body.index("BEGIN:VTIMEZONE") : body.index("END:VTIMEZONE") + 15]
    zone = dateutil_tz.tzical(io.StringIO(block.replace("\r\n", "\n"))).get("Europe/Amsterdam")
    for moment in [
        datetime.datetime(2026, 1, 15, 12),
        datetime.datetime(2026, 3, 29, 1, 30),
        datetime.datetime(2026, 3, 29, 3, 30),
        datetime.datetime(2026, 7, 1, 12),
        datetime.datetime(2026, 10, 25, 3, 30),
        datetime.datetime(2028, 3, 26, 12),
        datetime.datetime(2030, 12, 24, 18),
    ]:
        assert zone.utcoffset(moment) == moment.replace(tzinfo=AMSTERDAM).utcoffset(), moment


def test_a_cancelled_conversation_is_marked_and_its_sequence_raised(demo):
    conversation = Conversation.objects.get(student__username="s.bloemendaal")
    conversations.cancel(conversation, by=demo["docent1"], expected_version=1)
    calendar = Calendar.from_ical(_feed(services.renew(by=demo["werkbegeleider1"])).content)
    event = next(
        e
        for e in calendar.walk("VEVENT")
        if str(e["UID"]) == f"gesprek-{conversation.pk}@leerroute"
    )
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_the_uid_stays_when_the_conversation_moves(demo):
    conversation = Conversation.objects.get(student__username="s.bloemendaal")
    token = services.renew(by=demo["werkbegeleider1"])
    uid = f"UID:gesprek-{conversation.pk}@leerroute"
    assert uid in _feed(token).content.decode()
    conversations.change(
        conversation,
        by=demo["praktijkopleider1"],
        expected_version=1,
        date=conversation.date,
        start=datetime.time(15),
        end=datetime.time(16),
        place="Elders",
        participants=[demo["docent1"], demo["werkbegeleider1"]],
        agenda=[],
    )
    body = re.sub(r"\r\n[ \t]", "", _feed(token).content.decode())
    assert uid in body and "LOCATION:Elders" in body


def test_only_a_hash_is_stored(demo):
    token = services.renew(by=demo["student1"])
    feed = CalendarFeed.objects.get(user=demo["student1"])
    assert feed.token_hash == token_hash(token) and token not in feed.token_hash
    assert len(token) >= 43


def test_renewed_token_works_and_the_old_one_not(demo):
    old = services.renew(by=demo["student1"])
    new = services.renew(by=demo["student1"])
    assert old != new
    assert _feed(old).status_code == 404
    assert _feed(new).status_code == 200


def test_revoked_token_is_404(demo):
    token = services.renew(by=demo["student1"])
    assert services.revoke(by=demo["student1"])
    assert _feed(token).status_code == 404


def test_an_inactive_owner_gets_nothing(demo):
    token = services.renew(by=demo["student1"])
    demo["student1"].is_active = False
    demo["student1"].save(update_fields=["is_active"])
    assert _feed(token).status_code == 404


@pytest.mark.parametrize("bad", ["x" * 43, "a", "%C3%A9" * 3, "z" * 200])
def test_a_wrong_token_is_404_and_never_logged(bad, demo, caplog):
    real = services.renew(by=demo["student1"])
    caplog.set_level(logging.DEBUG)
    response = Client().get(f"/agenda/{bad}.ics")
    assert response.status_code == 404
    revoked = real
    services.revoke(by=demo["student1"])
    assert _feed(revoked).status_code == 404
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert bad not in text and revoked not in text


def test_the_feed_needs_no_session_and_sets_no_cookie(demo):
    token = services.renew(by=demo["docent1"])
    response = _feed(token)
    assert response.status_code == 200 and not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_the_feed_has_a_constant_query_count(demo):
    token = services.renew(by=demo["werkbegeleider1"])
    _feed(token)
    with CaptureQueriesContext(connection) as before:
        _feed(token)
    for i in range(5):
        conversations.plan(
            by=demo["docent1"],
            student=demo["student1"],
            date=timezone.localdate() + datetime.timedelta(days=i + 1),
            start=datetime.time(9),
            end=datetime.time(10),
            place="Kamer",
            participants=[demo["werkbegeleider1"]],
            agenda=[],
        )
    with CaptureQueriesContext(connection) as after:
        response = _feed(token)
    assert response.content.count(b"BEGIN:VEVENT") > 5
    assert len(after) == len(before)


# --- managing the link on "Mijn profiel" ---------------------------------------------


def test_the_profile_offers_the_link_and_shows_it_once(demo, client_for):
    client = client_for("werkbegeleider1")
    profile = client.get(reverse("core:profile")).content.decode()
    assert "Agenda-koppeling maken" in profile
    response = client.post(reverse("agenda:renew"))
    html = response.content.decode()
    token = re.search(r"/agenda/([A-Za-z0-9_-]{43})\.ics", html).group(1)
    assert "maar één keer getoond" in html
    assert _feed(token).status_code == 200
    profile = client.get(reverse("core:profile")).content.decode()
    assert token not in profile and "Nieuwe link maken" in profile
    client.post(reverse("agenda:revoke"))
    assert _feed(token).status_code == 404
    assert "Agenda-koppeling maken" in client.get(reverse("core:profile")).content.decode()


def test_an_error_in_the_feed_is_logged_without_the_token(demo, monkeypatch, caplog):
    from leerroute.agenda import views
    from leerroute.core.log_redaction import RedactingFormatter

    token = services.renew(by=demo["student1"])

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(views.ical, "build", broken)
    caplog.set_level(logging.ERROR, logger="django.request")
    response = Client(raise_request_exception=False).get(reverse("agenda:feed", args=[token]))
    assert response.status_code == 500
    formatted = "\n".join(RedactingFormatter("%(message)s").format(r) for r in caplog.records)
    assert "/agenda/[token].ics" in formatted and token not in formatted
