"""Results cached until the data they are computed from changes.

A *topic* names a set of tables (``register``). The database raises the
topic's version (``DataVersion``) to a value it never had before on every
write to those tables, whatever wrote it: a page, an import, the beheer, a bulk
update or raw SQL. Triggers do this; they are (re)installed after every
``migrate`` and ``flush`` (``install``), so a table rebuilt by a migration gets
them back. The new value comes from a sequence (PostgreSQL) or is random
(SQLite), so neither a rolled-back write nor an emptied database ever brings
back a version that was used before.

``cached(topic, key, compute)`` keeps a result in Django's cache under the
topic's current version: the next write makes every earlier entry unreachable.
The version is read before the data, and a write becomes visible together
with its new version (same transaction), so an entry never holds data older
than its version. Results that depend on the clock as well put the date in
``key`` and pass ``valid_until``.

Cached values are shared between users: only cache what does not depend on
who asks (the caller decides which rows someone may see).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

# A version never used before (see the module's docstring).
FRESH_PG = "nextval('leerroute_data_version')"
FRESH_SQLITE = "abs(random())"
# How long an entry may live at most (seconds); the version decides whether it is current.
MAX_AGE = 3600


@dataclass(frozen=True)
class Watched:
    model: str  # "app_label.ModelName"
    # Only updates of these columns count (None: every update).
    columns: tuple[str, ...] | None = None


_topics: dict[str, tuple[Watched, ...]] = {}


def register(topic: str, watched: Iterable[Watched]) -> None:
    """Declare which tables a topic's results are computed from (at app ready).

    The trigger SQL is made from identifiers only: the topic (checked here) and
    quoted table and column names from the models."""
    if not re.fullmatch(r"[a-z][a-z_]{0,39}", topic):
        raise ValueError(f"a data topic is lower-case letters and underscores: {topic!r}")
    _topics[topic] = tuple(watched)


def topics() -> dict[str, tuple[Watched, ...]]:
    return dict(_topics)


def _table(watched: Watched) -> str:
    return apps.get_model(watched.model)._meta.db_table


def _columns(watched: Watched) -> list[str]:
    model = apps.get_model(watched.model)
    return [model._meta.get_field(name).column for name in watched.columns or ()]


def trigger_names(topic: str, watched: Watched, using: str = "default") -> list[str]:
    """PostgreSQL: one statement trigger; SQLite: one per insert, update and delete."""
    base = f"leerroute_v_{topic}_{_table(watched)}"
    if connections[using].vendor == "postgresql":
        return [base]
    return [f"{base}_{op}" for op in "iud"]


def install(using: str = "default") -> None:
    """Create every topic's version row (if missing) and (re)create its triggers."""
    connection = connections[using]
    table = "core_dataversion"
    existing = set(connection.introspection.table_names())
    if table not in existing:  # migrated back to before it
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE SEQUENCE IF NOT EXISTS leerroute_data_version AS bigint")
            cursor.execute(
                f"""CREATE OR REPLACE FUNCTION leerroute_bump_version() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE {table} SET version = {FRESH_PG} WHERE topic = TG_ARGV[0];
                  RETURN NULL;
                END $$"""  # noqa: S608 - identifiers only (see register)
            )
        for topic, watched_tables in _topics.items():
            fresh = FRESH_PG if connection.vendor == "postgresql" else FRESH_SQLITE
            insert = (
                f"INSERT INTO {table} (topic, version) SELECT %s, {fresh} "  # noqa: S608
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE topic = %s)"
            )
            cursor.execute(insert, [topic, topic])
            for watched in watched_tables:
                if _table(watched) not in existing:
                    continue
                for statement in _trigger_sql(connection, topic, watched):
                    cursor.execute(statement)


def _trigger_sql(connection, topic: str, watched: Watched) -> list[str]:
    quote = connection.ops.quote_name
    table = quote(_table(watched))
    columns = ", ".join(quote(c) for c in _columns(watched))
    update = f"UPDATE OF {columns}" if columns else "UPDATE"
    names = trigger_names(topic, watched, connection.alias)
    if connection.vendor == "postgresql":
        (name,) = names
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER INSERT OR {update} OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION leerroute_bump_version('{topic}')",
        ]
    # Identifiers only (see register): the topic is checked, names are quoted.
    bump = f"UPDATE core_dataversion SET version = {FRESH_SQLITE} WHERE topic = '{topic}';"  # noqa: S608
    statements = []
    for name, event in zip(names, ("INSERT", update, "DELETE"), strict=True):
        statements.append(f"DROP TRIGGER IF EXISTS {name}")
        statements.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {bump} END")
    return statements


def current(topic: str, using: str = "default") -> int | None:
    """The topic's version now (None when it has no row: then nothing is cached)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT version FROM core_dataversion WHERE topic = %s", [topic])
        row = cursor.fetchone()
    return row[0] if row else None


def cached(
    topic: str,
    key: str,
    compute: Callable[[], object],
    *,
    valid_until: Callable[[object], datetime.datetime | None] | None = None,
):
    """``compute()``, or its result from the cache while ``topic``'s data is unchanged.

    ``valid_until(result)``: the moment the result goes stale by the clock alone
    (None: not before the version changes)."""
    if topic not in _topics:
        raise KeyError(f"unknown data topic {topic!r}")
    version = current(topic)
    if version is None:
        return compute()
    cache_key = f"leerroute:v:{topic}:{version}:{key}"
    missing = object()
    found = cache.get(cache_key, missing)
    if found is not missing:
        return found
    result = compute()
    timeout = MAX_AGE
    until = valid_until(result) if valid_until else None
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
    if timeout > 0:
        cache.set(cache_key, result, timeout)
    return result
