"""Whole pages kept until their data changes (``keep`` and the ``@kept_page`` decorator).

A kept page is rendered once and served again from Django's cache while
nothing it could show has changed. Its key holds everything a page depends on
besides the data:

- the person, their browser's CSRF secret (forms carry a token for it), the
  session's values (e.g. the privacy notice), the language, the date, the path
  with its query string, and the bell's unread count (read before the page, as
  on every page);

and it is stored under the version of the ``home`` data topic
(``core/versions.py``: every Leerroute table but ``panels.UNWATCHED``, and the
groups and permissions), so a write to any of those tables makes every kept
page unreachable.

The first rendering is watched (an execute wrapper on the connection). It is
kept only when:

- it answered 200 with HTML, set no cookie (but the CSRF cookie's renewal),
  changed no session value and added no message, and no message was waiting
  to be shown;
- it read no table outside the topic (the access log, sessions, the beheer's
  own Django tables: its SQL names every table it reads);
- it wrote nothing but access-log rows (``access.log_reads``): these are
  written again, for the same students, every time the kept page is served.

A page that changes with the clock as well as the date lives at most
``max_age`` seconds, or until the first moment named by a result it shows
(``shown_until``: every result of ``versions.cached`` with a ``valid_until``,
such as the home page's panels and a person's training overview). The CSP nonce and the
idle time of the session are the request's own.

The tests set ``LEERROUTE_VERIFY_REUSE``: every kept page served is compared
with a fresh rendering (and the students it logs), and one that depends on more
than its key fails the test.
"""

from __future__ import annotations

import contextvars
import datetime
import difflib
import hashlib
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.db.models import BigIntegerField, Count, Func, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from . import versions
from .middleware import idle_seconds_left
from .panels import DATA_TOPIC, watched_models
from .signals import SESSION_REFRESHED_KEY, SESSION_STARTED_KEY

# The cache that holds kept pages (settings.CACHES).
CACHE = "pages"
# How long a kept page may live at most (seconds) when its view names no moment.
MAX_AGE = 60
# Larger pages are not kept (bytes).
MAX_BYTES = 512 * 1024
# Session values that only count the session's own lifetime (never shown).
LIFETIME_KEYS = (SESSION_STARTED_KEY, SESSION_REFRESHED_KEY)

_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?', re.IGNORECASE)
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?', re.IGNORECASE
)
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
# Append-only tables a kept page may read as well (the access log): a new row
# is seen by the table's largest id, read with the page's version; any other
# change (the retention job, a person removed) renews this topic
# (``versions.Watched(inserts=False)``).
APPENDED_TOPIC = "appended"
APPENDED_MODELS = ("people.AccessLog",)
# A page that shows such a table lives at most this long (seconds): a row whose
# insert was still running when the page was rendered can have a smaller id
# than the largest one the page was kept under.
APPENDED_MAX_AGE = 10

# The one part of the page frame that changes with every request: the seconds
# left before an idle session ends (base.html); filled in when a page is served.
_IDLE = re.compile(rb'data-idle-seconds="\d+"')


# The request whose page is being rendered to be kept (for ``shown_until``).
_rendering: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "leerroute_kept_page", default=None
)


@dataclass
class _Watch:
    """What one rendering read and wrote (an execute wrapper on the connection)."""

    allowed_reads: frozenset[str]
    known: frozenset[str]
    log_table: str
    ok: bool = True
    students: list[int] = field(default_factory=list)
    who: dict | None = None  # the access-log rows' person, roles and view

    def __call__(self, execute, sql, params, many, context):
        write = _WRITE.match(sql)
        if write:
            if write.group(1) != self.log_table:
                self.ok = False
        else:
            for table in _TABLES.findall(sql):
                if table in self.known and table not in self.allowed_reads:
                    self.ok = False
        return execute(sql, params, many, context)


@dataclass
class _Kept:
    content: bytes  # compressed (zlib)
    headers: list[tuple[str, str]]
    nonce: str
    students: tuple[int, ...]
    who: dict | None
    until: datetime.datetime


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], str]:
    """(tables a kept page may read, every model's table, the access log's table)."""
    from leerroute.people.models import AccessLog

    from .models import DataVersion

    allowed = {model._meta.db_table for model in watched_models()}
    allowed.add(DataVersion._meta.db_table)
    known = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return frozenset(allowed), frozenset(known), AccessLog._meta.db_table


def register_appended_topic() -> None:
    versions.register(
        APPENDED_TOPIC, [versions.Watched(label, inserts=False) for label in APPENDED_MODELS]
    )


def _version_with_appended(model) -> str | None:
    """The ``home`` topic's version, the appended topic's and ``model``'s newest
    id, in one query (a page without the bell: the beheer's access-log list)."""
    if model._meta.label not in APPENDED_MODELS:
        raise ValueError(f"{model._meta.label} is not an append-only table (APPENDED_MODELS)")
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    home, also = versions.version_sql(DATA_TOPIC), versions.version_sql(APPENDED_TOPIC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {home}, {also}, "  # noqa: S608
            # The newest row by the primary key's index: one row read.
            f"(SELECT {pk} FROM {table} ORDER BY {pk} DESC LIMIT 1)",  # model identifiers
            [DATA_TOPIC, APPENDED_TOPIC],
        )
        version, appended, newest = cursor.fetchone()
    if version is None or appended is None:
        return None
    return f"{version}:{appended}.{newest or 0}"


def shown_until(moment: datetime.datetime | None) -> None:
    """A result the page being rendered shows changes by the clock at ``moment``
    (``versions.cached`` with ``valid_until`` calls this, kept or computed)."""
    request = _rendering.get()
    if moment is None or request is None:
        return
    found = request.__dict__.get("_leerroute_kept_until")
    if found is None or moment < found:
        request.__dict__["_leerroute_kept_until"] = moment


def logged_reads(request: HttpRequest, student_ids: list[int], who: dict) -> None:
    """``access.log_reads`` wrote these rows: a kept page writes them again when
    served, with the same ``who`` (so serving it need not read the person's roles)."""
    watch = request.__dict__.get("_leerroute_kept_watch")
    if watch is not None:
        watch.students.extend(student_ids)
        if watch.who not in (None, who):
            watch.ok = False  # rows of two kinds: render them every time
        watch.who = who


def _keepable(request: HttpRequest) -> bool:
    """A page load (GET, not htmx) by someone signed in whose browser has a CSRF
    secret, with no message waiting to be shown (the page shows it once)."""
    return (
        request.method == "GET"
        and not getattr(request, "htmx", False)
        and request.user.is_authenticated
        and "CSRF_COOKIE" in request.META
        and not len(get_messages(request))
    )


def _version_and_unread(request: HttpRequest) -> tuple[int | None, int]:
    """The ``home`` topic's version and the bell's unread count, in one query
    (the bell would read its count anyway: it is on every page). Inside a
    transaction on PostgreSQL the topic's pending renewals run first
    (``versions.pending_renewals``), in the same query."""
    from leerroute.notifications.context_processors import bell
    from leerroute.notifications.queries import notifications_visible_to

    from .access import compiled_rows_by_key
    from .models import DataVersion

    user = request.user
    topic = DATA_TOPIC
    pending = versions.pending_renewals(topic)

    # The rule itself, not its per-role reuse (``access.scope``): who sees a
    # notification depends on the person alone, and reading their roles here
    # would cost every kept page a query (the tests compare every reuse with a
    # fresh build, so a rule that came to depend on roles would fail them).
    visible_to = notifications_visible_to.__wrapped__

    def build():
        unread = (
            visible_to(user).unread().values("recipient").annotate(n=Count("pk")).values("n")[:1]
        )
        rows = DataVersion.objects.filter(topic=topic).annotate(
            unread=Coalesce(Subquery(unread), 0)
        )
        if pending:
            current = Func(
                Value(topic), function=versions.CURRENT_FUNCTION, output_field=BigIntegerField()
            )
            rows = rows.annotate(current=current)
        return rows.only("version")

    # Keyed by the person alone (their notifications): not by their roles, which
    # a kept page does not need to read (``_key``; the access log's ``who``).
    rows = compiled_rows_by_key("core.kept_page_version", (user.pk, pending), build)
    the_bell = bell(request)["bell"]
    if not rows:
        return None, the_bell.unread
    the_bell.__dict__["unread"] = rows[0].unread  # Bell.unread is a cached_property
    return (rows[0].current if pending else rows[0].version), rows[0].unread


def _key(request: HttpRequest, unread: int) -> str:
    """The page's key apart from the data version."""
    user = request.user
    session = sorted(
        (name, repr(value)) for name, value in request.session.items() if name not in LIFETIME_KEYS
    )
    parts = [
        str(user.pk),
        request.META["CSRF_COOKIE"],
        repr(session),
        get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
        str(unread),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _render(request: HttpRequest, render: Callable[[], HttpResponse], max_age: int, appended=None):
    """The page, rendered and watched; and what to keep of it (None: not kept).
    ``appended``: an append-only model the page may read as well."""
    allowed, known, log_table = _tables()
    if appended is not None:
        allowed = allowed | {appended._meta.db_table}
    watch = _Watch(allowed, known, log_table)
    request.__dict__["_leerroute_kept_watch"] = watch
    storage = get_messages(request)
    modified = request.session.modified
    token = _rendering.set(request)
    try:
        with connection.execute_wrapper(watch):
            response = render()
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
    finally:
        _rendering.reset(token)
        request.__dict__.pop("_leerroute_kept_watch", None)
    until = timezone.now() + datetime.timedelta(seconds=max_age)
    named = request.__dict__.pop("_leerroute_kept_until", None)
    if named is not None:
        until = min(until, named)
    keep = (
        watch.ok
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and _no_cookie_but_the_csrf_renewal(request, response)
        and request.session.modified == modified
        and not getattr(storage, "added_new", False)
        and len(response.content) <= MAX_BYTES
        and until > timezone.now()
    )
    if not keep:
        return response, None
    return response, _Kept(
        content=zlib.compress(response.content, 1),
        headers=list(response.items()),
        nonce=request.__dict__.get("_csp_nonce") or "",
        students=tuple(dict.fromkeys(watch.students)),
        who=watch.who,
        until=until,
    )


def _no_cookie_but_the_csrf_renewal(request: HttpRequest, response: HttpResponse) -> bool:
    """Only the CSRF cookie, with the secret the browser sent (its expiry renewed,
    as on every page with a form: ``get_token`` does this again when a kept page
    is served)."""
    return all(
        name == settings.CSRF_COOKIE_NAME and morsel.value == request.META.get("CSRF_COOKIE")
        for name, morsel in response.cookies.items()
    )


def _serve(request: HttpRequest, kept: _Kept) -> HttpResponse:
    from django.middleware.csrf import get_token

    from .access import log_reads

    content = zlib.decompress(kept.content)
    if kept.nonce:
        content = content.replace(kept.nonce.encode(), str(request.csp_nonce).encode())
    idle = f'data-idle-seconds="{idle_seconds_left(request)}"'.encode()
    content = _IDLE.sub(lambda _match: idle, content)
    get_token(request)  # the page carries tokens for the browser's secret (as rendered)
    response = HttpResponse(content)
    for name, value in kept.headers:
        response[name] = value
    if kept.students:
        log_reads(request, kept.students, who=kept.who)
    return response


def keep(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    *,
    max_age: int = MAX_AGE,
    bell: bool = True,
    appended=None,
):
    """``render()``'s page, or the kept one while its key and data are unchanged.

    ``bell``: the page shows the bell (the beheer's pages do not).
    ``appended``: the page shows an append-only model as well (``APPENDED_MODELS``)."""
    if not (settings.KEPT_PAGES and _keepable(request)):
        return render()
    if appended is not None and not bell:
        version, unread = _version_with_appended(appended), -1
        max_age = min(max_age, APPENDED_MAX_AGE)
    elif appended is not None:
        raise ValueError("a page with the bell cannot show an append-only table (yet)")
    elif bell:
        version, unread = _version_and_unread(request)
    else:
        version, unread = versions.current(DATA_TOPIC), -1
    if version is None:
        return render()
    cache_key = f"leerroute:page:{version}:{_key(request, unread)}"
    kept = caches[CACHE].get(cache_key)
    if kept is not None and kept.until > timezone.now():
        response = _serve(request, kept)
        if getattr(settings, "LEERROUTE_VERIFY_REUSE", False):
            _verify(request, kept, render, max_age, appended)
        return response
    response, kept = _render(request, render, max_age, appended)
    if kept is not None:
        timeout = int((kept.until - timezone.now()).total_seconds())
        if timeout > 0:
            caches[CACHE].set(cache_key, kept, timeout)
    return response


def kept_page(view=None, *, max_age: int = MAX_AGE):
    """Decorator: the view's GET page is kept (``keep``)."""

    def decorate(function):
        @wraps(function)
        def wrapped(request, *args, **kwargs):
            return keep(request, lambda: function(request, *args, **kwargs), max_age=max_age)

        return wrapped

    return decorate(view) if view is not None else decorate


def _comparable(content: bytes, nonce: str) -> bytes:
    content = _IDLE.sub(b"", _TOKEN.sub(b"", content))
    return content.replace(nonce.encode(), b"") if nonce else content


def _verify(request: HttpRequest, kept: _Kept, render, max_age: int, appended=None) -> None:
    """Tests (LEERROUTE_VERIFY_REUSE): the kept page must equal a fresh rendering
    and log the same students. The fresh rendering's queries stay in the
    connection's log and its templates reach the test client, so a test that
    counts a page's queries or reads its context sees what rendering it costs
    (``tests/core/test_kept_pages.py`` counts what serving a kept page costs)."""
    _response, fresh = _render(request, render, max_age, appended)
    if fresh is None:
        raise AssertionError(f"a kept page is no longer kept when rendered afresh ({request.path})")
    now = _comparable(zlib.decompress(fresh.content), fresh.nonce)
    then = _comparable(zlib.decompress(kept.content), kept.nonce)
    if now != then:
        changed = difflib.unified_diff(
            then.decode().splitlines(), now.decode().splitlines(), lineterm="", n=0
        )
        raise AssertionError(
            f"a kept page differs from a fresh rendering ({request.path}): it depends on "
            "more than the person, the browser, the session, the data, the date and the "
            "language:\n" + "\n".join(list(changed)[:20])
        )
    if set(fresh.students) != set(kept.students) or fresh.who != kept.who:
        raise AssertionError(
            f"a kept page logs other students or roles than a fresh rendering ({request.path})"
        )
