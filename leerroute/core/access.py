"""The one access door: how a view, API endpoint or service gets an object for a
person and checks an action.

- ``scope(Model)`` marks the function that decides which rows of ``Model`` a
  person may see (the ``*_visible_to`` functions in each app's ``queries.py``).
  Each scope is written once; ``visible(user, Model)`` hands it out for lists.
- ``fetch(request, Model, pk, perm=...)`` is the only way a view fetches one
  object: outside the person's scope it is a 404, a refused action a 403, and
  both are logged as security events (who, what, when; never content). A
  successful read of a student's data is logged once per request, after the
  permission check (NEN 7513-style, TRUST.md PRIV-22, SEC-35).
- ``require(who, perm, obj)`` checks an action: views pass the request (a
  refusal is logged), services pass the user (services always check, so the
  API and commands that call them cannot skip a rule).
- ``can(user, perm, obj)`` is the yes/no question behind all of these; views
  use it to tell templates what to show (templates only read booleans).

Permissions are the ``rules`` permissions of each app's ``rules.py``, asked
through ``rules.has_perm``: unlike ``user.has_perm`` it gives a Django
superuser nothing beyond what the rules say.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

import rules
from django.conf import settings
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.functional import Promise

security_log = logging.getLogger("leerroute.security")

Scope = Callable[..., models.QuerySet]

_SCOPES: dict[type[models.Model], Scope] = {}


def scope(model: type[models.Model]) -> Callable[[Scope], Scope]:
    """Decorator: this function decides which ``model`` rows a person may see.

    The scope is built once per person, roles and day (``_reused``), and
    handed out as a fresh copy each time: a page asks the same scopes for every
    panel, list and check, and building their nested conditions costs more than
    running them. A scope depends only on the person, their roles in force
    (``people.queries.scopes``, read once per request) and the date.
    """

    def register(function: Scope) -> Scope:
        known = _SCOPES.get(model)
        if known is not None and getattr(known, "__wrapped__", known) is not function:
            raise RuntimeError(f"{model.__name__} has a scope already: {known!r}")
        built = _built_once_per_request(function)
        _SCOPES[model] = built
        return built

    return register


def _built_once_per_request(function: Scope) -> Scope:
    @functools.wraps(function)
    def scoped(user, *args, **kwargs):
        if args or kwargs or not getattr(user, "is_authenticated", False):
            return function(user, *args, **kwargs)
        return _reused(user, "queryset", function, lambda: function(user)).all()

    return scoped


# Built scopes and their compiled SQL, shared by the requests a process serves
# (least recently used out first). A person's scopes are asked on every page,
# and building and compiling their nested conditions cost more than running them.
_SHARED_LIMIT = 2048
_shared: OrderedDict[tuple, object] = OrderedDict()
_shared_lock = threading.Lock()


def _reused(user, kind: str, function: Scope, build: Callable[[], object]):
    """``build()``, once per request and, across requests, once per person, roles
    in force and day.

    Within a request the result is kept on the user object. Across requests it
    is kept only when building it read nothing from the database: then it is a
    function of the key alone (the person's id, ``is_active``,
    ``is_superuser``, their role assignments in force and the date), and a
    change to anything else the rows depend on (placements, mentors, cohorts)
    is read by the SQL itself when it runs. A scope that reads data while it is
    built (a list of ids, say) is built again for every request.
    """
    from leerroute.people.queries import scopes

    today = timezone.localdate()
    memo = user.__dict__.setdefault("_leerroute_reused", {})
    local_key = (kind, function, today)
    if local_key in memo:
        return memo[local_key]
    person = (user.pk, user.is_active, user.is_superuser, tuple(scopes(user)), today)
    found = memo[local_key] = _kept((kind, function, person), build)
    return found


def _kept(shared_key: tuple, build: Callable[[], object]):
    """``build()`` kept across requests under ``shared_key`` (see ``_reused``)."""
    with _shared_lock:
        found = _shared.get(shared_key)
        if found is not None:
            _shared.move_to_end(shared_key)
    if found is None:
        found, read_data = _watching_reads(build)
        if not read_data:
            with _shared_lock:
                _shared[shared_key] = found
                while len(_shared) > _SHARED_LIMIT:
                    _shared.popitem(last=False)
    elif getattr(settings, "LEERROUTE_VERIFY_REUSE", False):
        _verify(found, build(), shared_key[0], shared_key[1])
    return found


def _fingerprint(built) -> tuple:
    """What a kept build sends to the database: its SQL and parameters, and
    those of the querysets it prefetches with."""
    if isinstance(built, RawSQL):
        return (built.sql, tuple(built.params))
    if isinstance(built, _CompiledRows):
        prefetched = _prefetch_fingerprints(built.queryset)
        if built.saved is not None:
            return (built.saved.sql, built.saved.params, prefetched)
        return (*_fingerprint(built.queryset), prefetched)
    if isinstance(built, models.QuerySet):
        built = built.all()  # compiling sets aliases: never on the kept query itself
        try:
            sql, params = built.query.get_compiler(using=built.db).as_sql()
        except EmptyResultSet:
            return ("<empty>",)
        return (sql, tuple(params))
    if isinstance(built, (list, tuple, dict)):
        return (_plain(built),)
    raise TypeError(f"cannot compare a kept {type(built).__name__}")


def _plain(value):
    """Kept plain data (``kept_for_person``) as something to compare: lazy
    translations as their text in the active language."""
    if isinstance(value, dict):
        return tuple((key, _plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_plain(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    return value


def _prefetch_fingerprints(queryset: models.QuerySet) -> tuple:
    return tuple(
        _fingerprint(lookup.queryset)
        for lookup in queryset._prefetch_related_lookups
        if isinstance(lookup, models.Prefetch) and lookup.queryset is not None
    )


def _verify(kept, fresh, kind: str, function) -> None:
    """Tests (LEERROUTE_VERIFY_REUSE): a kept build must send exactly what a fresh
    one sends; anything else depends on more than its key (the clock, say)."""
    if _fingerprint(kept) != _fingerprint(fresh):
        raise AssertionError(
            f"kept {kind} of {getattr(function, '__qualname__', function)} differs from a "
            f"fresh build: it depends on more than the person, their roles and the date"
        )


def forget_kept() -> None:
    """Forget every kept scope and query: for tests that change what a build
    depends on besides its key (a module's page size, say)."""
    with _shared_lock:
        _shared.clear()


def _watching_reads(build: Callable[[], object]) -> tuple[object, bool]:
    """``build()``, and whether it ran any query."""
    ran: list[str] = []

    def watch(execute, sql, params, many, context):
        ran.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        built = build()
    return built, bool(ran)


def visible(user, model: type[models.Model]) -> models.QuerySet:
    """The rows of ``model`` that ``user`` may see (the registered scope)."""
    function = _SCOPES.get(model) or _no_scope(model)
    return function(user)


def _no_scope(model):
    raise LookupError(f"No scope registered for {model.__name__}")


def visible_pks(user, model: type[models.Model]) -> RawSQL | models.QuerySet:
    """The primary keys of the rows of ``model`` that ``user`` may see, as a
    subquery for ``field__in=`` filters (the registered scope, nothing else).

    Its SQL is compiled once per person, roles and day (``_reused``): a page that
    filters several lists by the same scope then pays Django for building the
    nested conditions once, not once per list. The database runs the same
    subquery as with ``field__in=visible(user, model)``.
    """
    return pks_of(user, _SCOPES.get(model) or _no_scope(model))


def pks_of(user, function: Scope) -> RawSQL | models.QuerySet:
    """``function(user)``'s primary keys as a subquery compiled once per person,
    roles and day (``_reused``), like ``visible_pks`` for a narrower person's
    set that a rule and a page both ask (e.g. the students one plans for)."""
    if not getattr(user, "is_authenticated", False):
        return pks_subquery(function(user))
    return _reused(user, "sql", function, lambda: pks_subquery(function(user)))


# The one column of a ``pks_subquery``, whatever Django would call it.
KEY = "kept_pk"


def includes(user, function: Scope, pk) -> bool:
    """Whether the row ``pk`` is one of ``function(user)``'s rows: a rule's
    question about one object (may this person see this student, review this
    question?), asked of the subquery ``pks_of`` compiles once per person, roles
    and day. Building the nested conditions again for each question cost Django
    several milliseconds; the database runs the same conditions either way."""
    if pk is None:
        return False
    subquery = pks_of(user, function)
    if not isinstance(subquery, RawSQL):  # no rows at all: answered without a query
        return subquery.filter(pk=pk).exists()
    # PostgreSQL pushes the condition on the key down into the subquery, so it
    # looks at one row, not the person's whole set.
    column = connection.ops.quote_name(KEY)
    sql = f"SELECT 1 FROM ({subquery.sql}) kept WHERE kept.{column} = %s"  # noqa: S608
    return _exists(sql, (pk,), subquery)


def has_any(user, function: Scope) -> bool:
    """Whether ``function(user)`` has any row (``has_rows`` of ``pks_of``)."""
    return has_rows(pks_of(user, function))


def has_rows(subquery: RawSQL | models.QuerySet) -> bool:
    """Whether a subquery from ``pks_of`` or ``visible_pks`` has any row.

    Asked of the subquery itself (``SELECT EXISTS(...)``): PostgreSQL stops at
    the first row it finds. ``User.objects.filter(pk__in=...).exists()`` joined
    the whole set to the table first (7 ms instead of 0.4 for a practice
    educator's thousand students)."""
    if not isinstance(subquery, RawSQL):
        return subquery.exists()
    return _exists(subquery.sql, (), subquery)


def _exists(sql: str, extra: tuple, subquery: RawSQL) -> bool:
    """``SELECT EXISTS(sql)``: ``sql`` is built around Django's own compiled SQL
    (``pks_subquery``) with quoted names only; its parameters come first, then
    ``extra``, all kept apart from the text."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS({sql})", (*subquery.params, *extra))  # noqa: S608
        return bool(cursor.fetchone()[0])


def pks_subquery(queryset: models.QuerySet) -> RawSQL | models.QuerySet:
    """The primary keys of ``queryset`` as a subquery whose SQL is compiled now,
    once: for filtering several lists by the same nested conditions."""
    # One column named KEY, whatever Django would call it ("id", "pk"): ``includes``
    # selects from the subquery by that name.
    pks = queryset.order_by().values(**{KEY: models.F("pk")})
    try:
        sql, params = pks.query.get_compiler(using=pks.db).as_sql()
    except EmptyResultSet:  # no rows at all (``none()``): Django skips such queries
        return pks
    # Django's own compiled SQL with its parameters kept apart: nothing from input.
    return RawSQL(sql, tuple(params), output_field=queryset.model._meta.pk)  # noqa: S611


def compiled_rows(user, site: str, build: Callable[[], models.QuerySet]) -> list:
    """The rows of ``build()``, a finished queryset (filtered, ordered, sliced),
    whose SQL is built and compiled once per person, roles in force and day
    (``_reused``) and sent again on later requests: building and compiling a
    home panel's query costs Django more than the database needs to run it.

    ``site`` names the call site (one per query). ``build`` may depend on the
    person, their roles and the date only: never on the clock (``now()``),
    request parameters or rows read before; what the rows depend on besides
    (placements, mentors, feedback, ...) the SQL reads when it runs. The tests
    check every reuse against a fresh build (``LEERROUTE_VERIFY_REUSE``).
    ``prefetch_related`` lookups run as usual, after the rows.
    """
    if not getattr(user, "is_authenticated", False):
        return list(build())
    return _reused(user, "rows", site, lambda: _CompiledRows(build())).rows()


def kept_for_person(user, site: str, key: tuple, build: Callable[[], object]):
    """``build()``, plain data a page shows (lists and dicts of text, numbers
    and lazy translations) that depends only on the person, their roles in
    force, the date and ``key`` (the language, say), kept across requests like a
    scope (``_reused``; not kept when building it reads the database). The
    caller must not change what it gets back: later requests get the same."""
    if not getattr(user, "is_authenticated", False):
        return build()
    return _reused(user, "data", (site, *key), build)


def compiled_rows_by_key(site: str, key: tuple, build: Callable[[], models.QuerySet]) -> list:
    """``compiled_rows`` for a query that depends on ``key`` alone, not on a
    person's roles: the query that reads those roles (``people.queries.scopes``),
    and a kept page's version with the person's unread count (``kept_pages``).
    """
    return _kept(("rows", site, key), lambda: _CompiledRows(build())).rows()


class _Saved:
    """A compiled query and what Django needs to turn its rows into objects."""

    __slots__ = (
        "sql",
        "params",
        "select",
        "klass_info",
        "annotation_col_map",
        "col_count",
        "has_extra_select",
    )

    def __init__(self, compiler, sql, params):
        self.sql, self.params = sql, tuple(params)
        self.select = compiler.select
        self.klass_info = compiler.klass_info
        self.annotation_col_map = compiler.annotation_col_map
        self.col_count = compiler.col_count
        self.has_extra_select = compiler.has_extra_select


class _CompiledRows:
    def __init__(self, queryset: models.QuerySet):
        if queryset._known_related_objects:
            # A reverse relation's queryset sets its instance on every row: kept,
            # it would hand later requests an earlier request's object.
            raise ValueError("compiled_rows: build from the model's manager, not a related one")
        self.queryset = queryset
        self.saved: _Saved | None = None

    def rows(self) -> list:
        queryset = self.queryset.all()
        query = queryset.query
        query.get_compiler = functools.partial(self._compiler, query)
        return list(queryset)

    def _compiler(self, query, using=None, connection=None, elide_empty=True):
        compiler = type(query).get_compiler(query, using, connection, elide_empty)
        compile_now = compiler.as_sql
        saved = self.saved

        def as_sql(with_limits=True, with_col_aliases=False):
            if (with_limits, with_col_aliases) != (True, False):
                return compile_now(with_limits, with_col_aliases)
            if saved is None:
                sql, params = compile_now()
                self.saved = _Saved(compiler, sql, params)
                return sql, params
            compiler.select = saved.select
            compiler.klass_info = saved.klass_info
            compiler.annotation_col_map = saved.annotation_col_map
            compiler.col_count = saved.col_count
            compiler.has_extra_select = saved.has_extra_select
            return saved.sql, saved.params

        compiler.as_sql = as_sql
        return compiler


def can(user, perm: str, obj=None) -> bool:
    """May ``user`` do ``perm`` (on ``obj``)? The rules permission, nothing else."""
    return rules.has_perm(perm, user, obj)


def require(who, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` unless the person may do ``perm`` (on ``obj``).

    ``who`` is the request (views: a refusal is logged as a security event) or
    the user (services: the view has logged already).
    """
    request = who if isinstance(who, HttpRequest) else None
    user = request.user if request is not None else who
    if can(user, perm, obj):
        return
    if request is not None:
        _record_denial(request, obj, None, None, 403)
    raise PermissionDenied(perm)


def fetch(
    request: HttpRequest,
    model: type[models.Model],
    pk,
    *,
    perm: str | None = None,
    prepare: Callable[[models.QuerySet], models.QuerySet] | None = None,
    field: str = "pk",
    within: Scope | None = None,
):
    """The object ``pk`` of ``model`` as ``request.user`` may see it.

    404 outside the person's scope, 403 when ``perm`` is refused; both logged.
    A read of a student's data is logged after the checks. ``field`` looks the
    object up by another unique field (a slug); ``within`` names a narrower or
    feature-specific scope function from a ``queries.py`` (e.g. the teams whose
    coverage a person may see) instead of the model's registered scope.
    """
    queryset = within(request.user) if within else visible(request.user, model)
    if prepare is not None:
        queryset = prepare(queryset)
    try:
        obj = queryset.get(**{field: pk})
    except (model.DoesNotExist, ValueError, TypeError):
        _record_denial(request, None, model, pk if field == "pk" else None, 404)
        raise Http404 from None
    if perm is not None:
        require(request, perm, obj)
    student_id = student_of(obj)
    if student_id is not None:
        log_reads(request, [student_id])
    return obj


def student_of(obj) -> int | None:
    """Whose data ``obj`` is: a student's id, or None for objects of no student."""
    from leerroute.people.models import User

    if isinstance(obj, User):
        return obj.pk
    return getattr(obj, "student_id", None)


def log_reads(request: HttpRequest, student_ids: Iterable[int], *, who: dict | None = None) -> None:
    """Staff read these students' data: one access-log row per student per request.

    A student reading their own data is not logged (it is theirs). ``who``: the
    row's person, roles, organisations and view, as a kept page logged them
    when it was rendered (the same person, data and date: see ``kept_pages``).
    """
    from .kept_pages import logged_reads

    user = request.user
    read = [pk for pk in dict.fromkeys(student_ids) if pk != user.pk]
    if not read:
        return
    common = who if who is not None else _who_and_where(request)
    logged_reads(request, read, common)  # a kept page logs them again when it is served
    done: set[int] = request.__dict__.setdefault("_leerroute_logged_reads", set())
    new = [pk for pk in read if pk not in done]
    if not new:
        return
    done.update(new)
    _insert_reads(common, new)


def _insert_reads(common: dict, student_ids: list[int]) -> None:
    """The access-log rows of one request, one per student, in one INSERT.

    It runs on every page that shows a student, kept or not, so it is written
    directly: the values are prepared once for all rows (only the student
    differs), no model instances, no RETURNING of the ids, and in autocommit
    the statement is its own transaction (``bulk_create`` adds BEGIN and
    COMMIT). Measured on PostgreSQL, 8 rows: 0.57 ms of Python through the ORM,
    0.13 ms so.

    On PostgreSQL the students go as one array (``unnest``): the statement is
    the same text for any number of rows, so psycopg keeps it converted and
    prepared (a VALUES list of 8 rows has 72 parameters, more than psycopg
    keeps: 1.3 ms a request to convert again). Elsewhere more rows than one
    statement may carry (SQLite's limit on parameters, an export) are written
    in batches, in one transaction.
    """
    from leerroute.people.models import AccessLog

    values = {
        **common,
        "outcome": AccessLog.Outcome.READ,
        "object_type": "",
        "object_id": None,
        "at": timezone.now(),
    }
    fields = tuple(f for f in AccessLog._meta.concrete_fields if not f.primary_key)
    student = next(i for i, f in enumerate(fields) if f.attname == "student_id")
    row = [f.get_db_prep_save(values.get(f.attname, f.get_default()), connection) for f in fields]
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(AccessLog._meta.db_table)} "  # noqa: S608 - the model's identifiers
        f"({', '.join(quote(f.column) for f in fields)}) "
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                head + _unnest_select(fields, student),
                [*row[:student], *row[student + 1 :], student_ids],  # the array last (FROM)
            )
        return
    head += "VALUES "
    one = f"({', '.join(['%s'] * len(fields))})"
    per_statement = (connection.features.max_query_params or 65535) // len(fields)
    batches = [
        student_ids[i : i + per_statement] for i in range(0, len(student_ids), per_statement)
    ]
    together = transaction.atomic() if len(batches) > 1 else contextlib.nullcontext()
    with together, connection.cursor() as cursor:
        for batch in batches:
            params = []
            for pk in batch:
                row[student] = pk
                params.extend(row)
            cursor.execute(head + ", ".join([one] * len(batch)), params)


@functools.cache
def _unnest_select(fields: tuple, student: int) -> str:
    """``SELECT`` one row per element of the students' array, the other columns
    the same (cast to their column's type: a parameter in a select list has none)."""
    columns = [
        "t.student" if i == student else f"%s::{f.cast_db_type(connection)}"
        for i, f in enumerate(fields)
    ]
    student_type = fields[student].cast_db_type(connection)
    # Column types from the model, no input: nothing to inject.
    return f"SELECT {', '.join(columns)} FROM unnest(%s::{student_type}[]) AS t(student)"  # noqa: S608


def _who_and_where(request: HttpRequest) -> dict:
    from leerroute.people import queries

    user = request.user
    match = getattr(request, "resolver_match", None)
    scopes = queries.scopes(user)
    return {
        "user_id": user.pk if user.is_authenticated else None,
        "roles": ",".join(sorted({s.role for s in scopes})),
        "organisations": ",".join(sorted({str(s.organisation_id) for s in scopes}))[:200],
        "view_name": (match.view_name if match else request.path)[:100],
    }


def _record_denial(request: HttpRequest, obj, model, pk, status: int) -> None:
    """A refused access: a security event, and an access-log row when it concerned
    a student's data (the student is looked up outside the person's scope)."""
    from leerroute.people.models import AccessLog, User

    if model is None and obj is not None:
        model = type(obj)
    object_pk = obj.pk if obj is not None else pk
    security_log.warning(
        "access denied status=%s user=%s route=%s object=%s id=%s",
        status,
        getattr(request.user, "pk", None),
        getattr(getattr(request, "resolver_match", None), "view_name", request.path),
        model.__name__ if model else "-",
        object_pk,
    )
    if model is None or not request.user.is_authenticated:
        return
    if obj is not None:
        student_id = student_of(obj)
    elif model is User:
        student_id = User.objects.filter(pk=pk).values_list("pk", flat=True).first()
    elif any(f.name == "student" for f in model._meta.get_fields()):
        student_id = model._base_manager.filter(pk=pk).values_list("student_id", flat=True).first()
    else:
        return
    AccessLog.objects.create(
        student_id=student_id,
        outcome=AccessLog.Outcome.NOT_FOUND if status == 404 else AccessLog.Outcome.FORBIDDEN,
        object_type=model._meta.label_lower,
        object_id=object_pk if isinstance(object_pk, int) else None,
        **_who_and_where(request),
    )


__all__ = [
    "can",
    "compiled_rows",
    "compiled_rows_by_key",
    "fetch",
    "has_rows",
    "log_reads",
    "pks_of",
    "require",
    "scope",
    "pks_subquery",
    "student_of",
    "visible",
    "visible_pks",
]
