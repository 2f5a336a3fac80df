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
who asks (the caller decides which rows someone may see), or put the person in
``key``.

A topic registered with ``deferred=True`` watches many tables that many
requests write (the home page's panels: ``core/panels.py``). On PostgreSQL its
triggers are deferred to the commit (constraint triggers) and renew the version
once per transaction: a transaction then takes the version row's lock only while
it commits, when it holds every other lock it needs, so two writers never wait
for each other in a cycle, and a bulk write costs one renewal. Inside a
transaction ``current`` first runs the pending renewals (``SET CONSTRAINTS``,
as Django's own constraint check does), so a transaction reads a version that
covers its own writes. SQLite has one writer at a time: its triggers are the
same as for other topics.
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
# PostgreSQL: the transaction-local setting that says a deferred topic was renewed.
DONE_SETTING = "leerroute.renewed_"
# PostgreSQL: a deferred topic's version inside a transaction (``install``).
CURRENT_FUNCTION = "leerroute_current_version"


@dataclass(frozen=True)
class Watched:
    model: str  # "app_label.ModelName"
    # Only updates of these columns count (None: every update).
    columns: tuple[str, ...] | None = None
    # False: inserts do not renew the version (an append-only table whose readers
    # see new rows by its largest id: ``kept_pages``); not for a deferred topic.
    inserts: bool = True


_topics: dict[str, tuple[Watched, ...]] = {}
_deferred: set[str] = set()


def register(topic: str, watched: Iterable[Watched], *, deferred: bool = False) -> None:
    """Declare which tables a topic's results are computed from (at app ready).

    ``deferred``: renewed once per transaction, when it commits (see the
    module's docstring). The trigger SQL is made from identifiers only: the
    topic (checked here) and quoted table and column names from the models."""
    if not re.fullmatch(r"[a-z][a-z_]{0,39}", topic):
        raise ValueError(f"a data topic is lower-case letters and underscores: {topic!r}")
    watched = tuple(watched)
    if deferred and not all(w.inserts for w in watched):
        raise ValueError(f"a deferred topic watches inserts too: {topic!r}")
    _topics[topic] = watched
    if deferred:
        _deferred.add(topic)
    else:
        _deferred.discard(topic)


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
        # A deferred topic: the row trigger at commit, and one for TRUNCATE
        # (which a constraint trigger cannot watch).
        return [base, f"{base}_t"] if topic in _deferred else [base]
    return [f"{base}_{op}" for op in ("iud" if watched.inserts else "ud")]


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
            # Deferred topics: once per transaction (a transaction-local setting
            # remembers it); ``current`` clears it after reading, so a write
            # after a read renews the version again.
            cursor.execute(
                f"""CREATE OR REPLACE FUNCTION leerroute_bump_version_once() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                  IF current_setting('{DONE_SETTING}' || TG_ARGV[0], true) = 'y' THEN
                    RETURN NULL;
                  END IF;
                  UPDATE {table} SET version = {FRESH_PG} WHERE topic = TG_ARGV[0];
                  PERFORM set_config('{DONE_SETTING}' || TG_ARGV[0], 'y', true);
                  RETURN NULL;
                END $$"""  # noqa: S608 - identifiers only (see register)
            )
            # A deferred topic's version inside a transaction, in one statement:
            # the pending renewals first (as Django's own constraint check), then
            # the version, and a later write renews it again (``current``).
            cursor.execute(
                f"""CREATE OR REPLACE FUNCTION {CURRENT_FUNCTION}(wanted text) RETURNS bigint
                LANGUAGE plpgsql AS $$
                BEGIN
                  SET CONSTRAINTS ALL IMMEDIATE;
                  SET CONSTRAINTS ALL DEFERRED;
                  PERFORM set_config('{DONE_SETTING}' || wanted, '', true);
                  RETURN (SELECT version FROM {table} WHERE topic = wanted);
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
    insert = "INSERT OR " if watched.inserts else ""
    names = trigger_names(topic, watched, connection.alias)
    if connection.vendor == "postgresql" and topic in _deferred:
        name, truncate = names
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP TRIGGER IF EXISTS {truncate} ON {table}",
            f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR {update} OR DELETE ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED "
            f"FOR EACH ROW EXECUTE FUNCTION leerroute_bump_version_once('{topic}')",
            f"CREATE TRIGGER {truncate} AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION leerroute_bump_version('{topic}')",
        ]
    if connection.vendor == "postgresql":
        (name,) = names
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER {insert}{update} OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION leerroute_bump_version('{topic}')",
        ]
    # Identifiers only (see register): the topic is checked, names are quoted.
    bump = f"UPDATE core_dataversion SET version = {FRESH_SQLITE} WHERE topic = '{topic}';"  # noqa: S608
    statements = []
    events = ("INSERT", update, "DELETE") if watched.inserts else (update, "DELETE")
    for name, event in zip(names, events, strict=True):
        statements.append(f"DROP TRIGGER IF EXISTS {name}")
        statements.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {bump} END")
    return statements


def pending_renewals(topic: str, using: str = "default") -> bool:
    """Whether reading ``topic``'s version must first run the renewals pending
    in this transaction (a deferred topic on PostgreSQL, inside a transaction):
    then read it with ``CURRENT_FUNCTION``."""
    connection = connections[using]
    return topic in _deferred and connection.vendor == "postgresql" and connection.in_atomic_block


def version_sql(topic: str, using: str = "default") -> str:
    """An SQL expression for ``topic``'s version now, with one parameter (the
    topic): the pending renewals first where they must run (``pending_renewals``).
    NULL when the topic has no row."""
    if pending_renewals(topic, using):
        # As Django's check_constraints: run what is pending, then defer again.
        return f"{CURRENT_FUNCTION}(%s)"
    return "(SELECT version FROM core_dataversion WHERE topic = %s)"


def current(topic: str, using: str = "default") -> int | None:
    """The topic's version now (None when it has no row: then nothing is cached).

    A deferred topic inside a transaction: its pending renewals run first, and
    a later write in the same transaction renews it again (module docstring)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {version_sql(topic, using)}", [topic])
        (version,) = cursor.fetchone()
    return version


def cached(
    topic: str,
    key: str,
    compute: Callable[[], object],
    *,
    valid_until: Callable[[object], datetime.datetime | None] | None = None,
):
    """``compute()``, or its result from the cache while ``topic``'s data is unchanged.

    ``valid_until(result)``: the moment the result goes stale by the clock alone
    (None: not before the version changes); a kept page that shows the result
    is kept no longer (``kept_pages.shown_until``)."""
    from . import kept_pages  # it reads versions (an import cycle at load time)

    if topic not in _topics:
        raise KeyError(f"unknown data topic {topic!r}")
    version = current(topic)
    cache_key = f"leerroute:v:{topic}:{version}:{key}"
    missing = object()
    found = missing if version is None else cache.get(cache_key, missing)
    result = compute() if found is missing else found
    until = valid_until(result) if valid_until else None
    kept_pages.shown_until(until)  # a page that shows it is kept no longer either
    if found is not missing or version is None:
        return result
    timeout = MAX_AGE
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
    if timeout > 0:
        cache.set(cache_key, result, timeout)
    return result
