"""Data versions (core/versions.py): the database renews a topic's version on
every write to its tables, however the write is made, and cached results live
only as long as their version."""

import datetime

import pytest
from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.utils import timezone

from leerroute.core import versions
from leerroute.people.models import Organisation, User
from leerroute.training.models import Attendance

TOPIC = "coverage"  # registered by the training app


def installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def expected_triggers() -> set[str]:
    return {
        name
        for topic, watched in versions.topics().items()
        for w in watched
        for name in versions.trigger_names(topic, w)
    }


def test_every_watched_table_has_its_triggers(db):
    assert versions.topics()[TOPIC]
    assert expected_triggers() <= installed_triggers()


def test_migrate_puts_back_a_trigger_a_table_rebuild_dropped(db):
    watched = versions.topics()[TOPIC][0]
    name = versions.trigger_names(TOPIC, watched)[0]
    table = apps.get_model(watched.model)._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {name} ON {table}")
        else:
            cursor.execute(f"DROP TRIGGER {name}")
    assert name not in installed_triggers()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert name in installed_triggers()


def _org():
    return Organisation.objects.create(name="Versie Zorg", kind=Organisation.Kind.CARE)


WRITES = {
    "save": lambda: _org(),
    "update": lambda: Organisation.objects.filter(kind="care").update(kind="care"),
    "bulk_create": lambda: Organisation.objects.bulk_create(
        [Organisation(name=f"Bulk {i}", kind=Organisation.Kind.CARE) for i in range(3)]
    ),
    "delete": lambda: Attendance.objects.filter(pk=Attendance.objects.order_by("pk")[:1]).delete(),
    "raw sql": lambda: connection.cursor().execute(
        "UPDATE people_department SET name = name || '.'"
    ),
    "user deactivated": lambda: User.objects.filter(username="werkbegeleider1").update(
        is_active=False
    ),
}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_every_kind_of_write_renews_the_version(db, write):
    before = versions.current(TOPIC)
    assert before is not None
    WRITES[write]()
    assert versions.current(TOPIC) != before


def test_a_write_to_an_unwatched_column_or_table_keeps_the_version(db):
    before = versions.current(TOPIC)
    User.objects.filter(username="werkbegeleider1").update(last_login=timezone.now())
    User.objects.filter(username="werkbegeleider1").update(first_name="Anders")
    from leerroute.notifications.models import Notification

    Notification.objects.all().delete()
    assert versions.current(TOPIC) == before


def test_a_rolled_back_version_never_comes_back(db):
    before = versions.current(TOPIC)
    with pytest.raises(RuntimeError), transaction.atomic():
        _org()
        rolled_back = versions.current(TOPIC)
        raise RuntimeError
    assert versions.current(TOPIC) == before
    _org()
    assert versions.current(TOPIC) not in {before, rolled_back}


def test_cached_computes_once_per_version(db):
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert versions.cached(TOPIC, "test-once", compute) == {"n": 1}
    assert versions.cached(TOPIC, "test-once", compute) == {"n": 1}
    assert versions.cached(TOPIC, "test-other-key", compute) == {"n": 2}
    _org()
    assert versions.cached(TOPIC, "test-once", compute) == {"n": 3}
    assert len(calls) == 3


def test_cached_keeps_nothing_that_is_already_out_of_date(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    past = timezone.now() - datetime.timedelta(seconds=1)
    for _ in range(2):
        versions.cached(TOPIC, "test-past", compute, valid_until=lambda result: past)
    assert len(calls) == 2


def test_unknown_or_badly_named_topics_are_refused(db):
    with pytest.raises(KeyError):
        versions.cached("nonexistent", "k", dict)
    with pytest.raises(ValueError):
        versions.register("coverage'; DROP TABLE x; --", [])
