"""LEERROUTE_TEST_DATE: the moment the test suite runs "as if" (see tests/conftest.py).

Kept free of Django imports, so the settings of a test's worker process can use it.
"""

import datetime
import os
import zoneinfo

import pytest

TEST_DATE_VARIABLE = "LEERROUTE_TEST_DATE"
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def parse_test_date(value: str) -> datetime.datetime:
    """The moment LEERROUTE_TEST_DATE names, as an aware datetime.

    An ISO date or datetime; a date alone means 12:00 and a datetime without an
    offset is read as Europe/Amsterdam time (the app's TIME_ZONE)."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise pytest.UsageError(
            f"{TEST_DATE_VARIABLE}={value!r} is geen ISO-datum of -tijd "
            "(bijvoorbeeld 2028-02-29 of 2028-02-29T10:00:00+01:00)"
        ) from None
    if len(value.strip()) == 10:  # a date alone
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def travel_destination() -> datetime.datetime | None:
    """The moment the session travels to, or None to run at the real time."""
    value = os.environ.get(TEST_DATE_VARIABLE, "").strip()
    return parse_test_date(value) if value else None
