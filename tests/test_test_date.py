"""LEERROUTE_TEST_DATE: the whole suite runs "as if" on another date.

tests/conftest.py starts time-machine in pytest_configure (in every xdist
worker), before the test database is made and the demo data seeded. These tests
check that it does so when the variable is set, and that nothing travels when
it is not."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from leerroute.people.queries import current_placement
from tests.dates import parse_test_date, travel_destination

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# The whole session may take a while; the clock ticks from the destination on.
SESSION_SLACK = datetime.timedelta(hours=2)


def real_now() -> datetime.datetime:
    """The real clock, also while time-machine travels (its escape hatch)."""
    if time_machine.escape_hatch.is_travelling():
        return time_machine.escape_hatch.datetime.datetime.now(datetime.UTC)
    return datetime.datetime.now(datetime.UTC)


def expected_now() -> datetime.datetime:
    """The moment this session started at: the destination, or the real clock."""
    return travel_destination() or real_now()


def test_the_clock_is_at_the_test_date_or_the_real_time():
    destination = travel_destination()
    now = timezone.now()
    if destination is None:
        assert not time_machine.escape_hatch.is_travelling()
        assert abs(now - real_now()) < datetime.timedelta(seconds=5)
    else:
        assert time_machine.escape_hatch.is_travelling()
        # The clock ticks: at or after the destination, but not by much.
        assert destination <= now < destination + SESSION_SLACK
    # Both the app's date and Python's local date follow the same clock.
    assert timezone.localdate() == timezone.localtime(now).date()
    assert datetime.date.today() == timezone.localdate()


def test_the_clock_ticks():
    first = timezone.now()
    while timezone.now() == first:
        pass
    assert timezone.now() > first


def test_demo_data_was_seeded_on_the_test_date(demo):
    """The demo placement is in force on the session's date, so it was made on it."""
    placement = current_placement(demo["student1"])
    assert placement is not None
    today = timezone.localdate()
    assert placement.start_date <= today
    assert placement.end_date is None or today <= placement.end_date
    assert today - placement.start_date < datetime.timedelta(days=366)


def test_a_signed_in_session_cookie_expires_from_the_test_date(client, demo):
    """Through HTTP: the sign-in answers with a cookie that expires an idle
    period after the session's clock (destination or real time)."""
    response = client.post(reverse("login"), {"username": "student1", "password": "leerroute-demo"})
    assert response.status_code == 302
    morsel = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(morsel["max-age"]) == settings.SESSION_COOKIE_AGE
    expires = datetime.datetime.fromtimestamp(parse_http_date(morsel["expires"]), datetime.UTC)
    start = expected_now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert start - datetime.timedelta(seconds=1) <= expires < start + SESSION_SLACK


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2028-02-29", datetime.datetime(2028, 2, 29, 12, 0, tzinfo=AMSTERDAM)),
        ("2027-01-31T23:45", datetime.datetime(2027, 1, 31, 23, 45, tzinfo=AMSTERDAM)),
        (
            "2027-03-28T02:30:00+02:00",
            datetime.datetime(2027, 3, 28, 0, 30, tzinfo=datetime.UTC),
        ),
        (" 2027-07-01T08:00:00Z ", datetime.datetime(2027, 7, 1, 8, 0, tzinfo=datetime.UTC)),
    ],
)
def test_test_date_values(value, expected):
    assert parse_test_date(value) == expected


@pytest.mark.parametrize("value", ["morgen", "2027-02-30", "31-01-2027"])
def test_a_wrong_test_date_stops_the_run_with_a_clear_message(value):
    with pytest.raises(pytest.UsageError, match="LEERROUTE_TEST_DATE"):
        parse_test_date(value)
