"""Every key page at region scale, served as in production, next to a plain page.

``make bench`` (or ``python -m bench.pages``):

1. creates the PostgreSQL database ``leerroute_bench`` (``BENCH_DATABASE_URL``,
   default ``postgres://postgres@127.0.0.1:5432/leerroute_bench``) when it is
   missing or holds another scale, migrates it, loads the demo data and seeds
   a region (``bench/region.py``; ``BENCH_SCALE``, default 1.0;
   ``BENCH_RESEED=1`` seeds again);
2. counts the queries of every page in-process (Django's test client);
3. serves the database with gunicorn (``gunicorn.conf.py``, 2 sync workers, on
   127.0.0.1 only, DEBUG off, as behind a TLS proxy) and loads each page with
   ``wrk`` (``apt-get install wrk``), signed in as the right demo account:
   a warm-up of 4 requests, then ``BENCH_SECONDS`` (default 5) with 8 connections;
4. then loads every page in turn, each signed in as its own account (a wrk
   script, ``_mixed_script``), for twice as long: a region where every role
   works at once, so the server must keep every page's queries prepared; and
   once more while something in the region changes every second
   (``_changing``), after which every kept page is rendered again;
5. prints page, queries, the median time of one request in-process (Django's
   test client, one at a time: the least noisy number on a shared machine),
   req/s, p50, p99, and each as a ratio to the reference page
   (``bench/views.py``), measured before and after the pages.

``BENCH_ONLY=werkbegeleider`` loads only the pages whose label contains it.

It reports numbers; it never fails on timing.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
INPROC_REPEATS = 5
MIXED_LABEL = "gemengd: alle pagina's om de beurt"
# The mixed load again, with a change in the region every so many seconds.
CHANGE_EVERY_SECONDS = 1.0
CHANGING_LABEL = "gemengd, elke seconde een wijziging"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/leerroute_bench"


def _environment(database_url: str) -> dict[str, str]:
    """Production-like settings: DEBUG off, behind a TLS proxy on this machine."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        BEHIND_TLS_PROXY="true",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def _ensure_database(database_url: str, scale: float) -> bool:
    """Create the database when missing or of another scale; True when it must be seeded."""
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    marker = f"leerroute bench scale={scale}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        if row and row[0] == marker and not os.environ.get("BENCH_RESEED"):
            return False
        if row:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def _mark_seeded(database_url: str, scale: float) -> None:
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS 'leerroute bench scale={scale}'")


@dataclass
class Page:
    label: str
    account: str
    url: str
    status: int = 0
    queries: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    inproc_ms: float = 0.0
    errors: str = ""


def _pages() -> list[Page]:
    """The key pages, each with the demo account that uses it and real ids."""
    from django.urls import reverse

    from leerroute.feedback.models import ProgressReview
    from leerroute.learning.models import LearningQuestion
    from leerroute.people.models import Cohort, Placement, Team, User
    from leerroute.training.models import Programme

    users = {u.username: u for u in User.objects.filter(username__in=_ACCOUNTS)}

    def student_of(mentor: str) -> User:
        placement = Placement.objects.active().filter(mentors=users[mentor]).order_by("pk").first()
        return placement.student

    def team_of(mentor: str) -> Team:
        return Placement.objects.active().filter(mentors=users[mentor]).first().team

    mentor_student = student_of("werkbegeleider1")
    waiting = (
        LearningQuestion.objects.filter(
            placement__mentors=users["werkbegeleider1"], status="submitted"
        )
        .order_by("pk")
        .first()
    )
    assessor_placement = (
        Placement.objects.active().filter(assessor=users["studentbegeleider1"]).order_by("-pk")
    ).first()
    review = ProgressReview.objects.filter(status="published", student=users["student1"]).first()
    programme = Programme.objects.filter(kind="programme").order_by("pk").first()
    cohort = Cohort.objects.filter(name="VIG-3A").first()
    placement_any = Placement.objects.order_by("pk").first()
    team = team_of("werkbegeleider1")
    pages = [
        Page("student: home", "student1", reverse("core:home")),
        Page("student: leervragen", "student1", reverse("learning:list")),
        Page(
            "student: feedback",
            "student1",
            reverse("feedback:student", args=[users["student1"].pk]),
        ),
        Page(
            "student: voortgang",
            "student1",
            reverse("feedback:progress", args=[users["student1"].pk]),
        ),
        Page("werkbegeleider: home", "werkbegeleider1", reverse("core:home")),
        Page(
            "werkbegeleider: student",
            "werkbegeleider1",
            reverse("people:student", args=[mentor_student.pk]),
        ),
        Page("werkbegeleider: leervragen", "werkbegeleider1", reverse("learning:list")),
        Page("werkbegeleider: wacht op mij", "werkbegeleider1", reverse("learning:waiting")),
        Page("werkbegeleider: feedback", "werkbegeleider1", reverse("feedback:index")),
        Page("studentbegeleider: home", "studentbegeleider1", reverse("core:home")),
        Page("studentbegeleider: studenten", "studentbegeleider1", reverse("people:student_list")),
        Page(
            "studentbegeleider: voortgang",
            "studentbegeleider1",
            reverse("feedback:progress", args=[assessor_placement.student_id]),
        ),
        Page(
            "studentbegeleider: beoordeling nieuw",
            "studentbegeleider1",
            reverse("feedback:review_create", args=[assessor_placement.student_id]),
        ),
        Page(
            "studentbegeleider: teamoverzicht",
            "studentbegeleider1",
            reverse("feedback:team", args=[team.pk]),
        ),
        Page("praktijkopleider: home", "praktijkopleider1", reverse("core:home")),
        Page("praktijkopleider: leervragen", "praktijkopleider1", reverse("learning:list")),
        Page("praktijkopleider: feedback", "praktijkopleider1", reverse("feedback:index")),
        Page("praktijkopleider: cascade", "praktijkopleider1", reverse("training:cascade")),
        Page("praktijkopleider: dekking", "praktijkopleider1", reverse("training:coverage")),
        Page("docent: home", "docent1", reverse("core:home")),
        Page("docent: studenten", "docent1", reverse("people:student_list")),
        Page("trainer: home", "trainer", reverse("core:home")),
        Page("trainer: training", "trainer", reverse("training:index")),
        Page("trainer: cascade", "trainer", reverse("training:cascade")),
        Page("trainer: dekking", "trainer", reverse("training:coverage")),
        Page("beheerder: home", "beheerder", reverse("core:home")),
        Page("beheerder: feedback", "beheerder", reverse("feedback:index")),
        Page("beheerder: leervragen", "beheerder", reverse("learning:list")),
        Page("beheer: BPV-plaatsen", "beheerder", "/beheer/people/placement/"),
        Page(
            "beheer: BPV-plaats wijzigen",
            "beheerder",
            f"/beheer/people/placement/{placement_any.pk}/change/",
        ),
        Page("beheer: personen", "beheerder", "/beheer/people/user/"),
        Page("beheer: roltoewijzingen", "beheerder", "/beheer/people/roleassignment/"),
        Page("beheer: inzagelog", "beheerder", "/beheer/people/accesslog/"),
        Page("beheer: teams", "beheerder", "/beheer/people/team/"),
        Page("beheer: team wijzigen", "beheerder", f"/beheer/people/team/{team.pk}/change/"),
        Page("beheer: klas wijzigen", "beheerder", f"/beheer/people/cohort/{cohort.pk}/change/"),
        Page("beheer: programma's", "beheerder", "/beheer/training/programme/"),
    ]
    if waiting is not None:
        pages.insert(
            8,
            Page(
                "werkbegeleider: leervraag beoordelen",
                "werkbegeleider1",
                reverse("learning:review", args=[waiting.pk]),
            ),
        )
    if review is not None:
        pages.insert(
            4,
            Page("student: beoordeling", "student1", reverse("feedback:review", args=[review.pk])),
        )
    if programme is not None:
        pages.insert(
            [p.label for p in pages].index("trainer: dekking"),
            Page(
                "trainer: programma",
                "trainer",
                reverse("training:programme_detail", args=[programme.pk]),
            ),
        )
    return pages


_ACCOUNTS = [
    "student1",
    "werkbegeleider1",
    "studentbegeleider1",
    "praktijkopleider1",
    "docent1",
    "trainer",
    "beheerder",
]


def _sign_in() -> dict[str, dict[str, str]]:
    """One browser per account, as after signing in: its cookies (the session,
    and the CSRF cookie a browser has from the sign-in form on)."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from leerroute.people.models import User

    cookies = {}
    for name in _ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(username=name))
        client.get(reverse("login"), secure=True)  # sets the CSRF cookie
        cookies[name] = {
            cookie: client.cookies[cookie].value
            for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        }
    return cookies


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _count_queries(pages: list[Page], cookies: dict[str, dict[str, str]]) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        client = Client()
        for cookie, value in cookies[page.account].items():
            client.cookies[cookie] = value
        client.get(page.url, secure=True)  # warm the process caches first
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.url, secure=True)
        page.status = response.status_code
        page.queries = len(ctx.captured_queries)
        timings = []
        for _ in range(INPROC_REPEATS):
            start = time.perf_counter()
            client.get(page.url, secure=True)
            timings.append((time.perf_counter() - start) * 1000)
        page.inproc_ms = statistics.median(timings)


def _warm_up(url: str, cookie: str) -> None:
    """A few requests on two connections, so both workers have served the page."""
    request = urllib.request.Request(url, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})

    def fetch(_n):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=120).read()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(fetch, range(4)))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")


def _wrk(
    url: str, cookie: str, seconds: int, script: str | None = None
) -> tuple[float, float, float, str]:
    """wrk against ``url`` signed in with ``cookie``, or, with ``script``, the
    requests that Lua script makes (``_mixed_script``)."""
    args = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "60s", "--latency"]
    if script is not None:
        args += ["-s", script]
    else:
        args += ["-H", f"Cookie: {cookie}"]
    args += ["-H", "X-Forwarded-Proto: https", url]
    out = subprocess.run(args, capture_output=True, text=True, check=False).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"\s50%\s+(\S+)", out)
    p99 = re.search(r"\s99%\s+(\S+)", out)
    errors = []
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: (.*)"):
        found = re.search(pattern, out)
        if found:
            errors.append(found.group(0).strip())
    return (
        float(rps.group(1)) if rps else 0.0,
        _ms(p50.group(1)) if p50 else float("nan"),
        _ms(p99.group(1)) if p99 else float("nan"),
        "; ".join(errors),
    )


def _mixed_script(pages: list[Page], cookies: dict[str, dict[str, str]]) -> str:
    """A wrk script (Lua) that asks every key page in turn, each signed in as its
    own account: the load of a region where every role works at once, so the
    server keeps the queries of all pages, not one page's, prepared and cached.
    Each request has wrk's own headers (``-H``, the host) plus the page's cookie.
    Returns the file's path; the caller removes it."""
    # JSON strings of ASCII text are Lua strings as well (paths and cookie values).
    specs = ",\n".join(
        f"  {{{json.dumps(page.url)}, {json.dumps(_cookie_header(cookies[page.account]))}}}"
        for page in pages
    )
    script = f"""local specs = {{
{specs}
}}
local requests = {{}}
local turn = 0

function init(args)
  for i, spec in ipairs(specs) do
    local headers = {{}}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Cookie"] = spec[2]
    requests[i] = wrk.format("GET", spec[1], headers)
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end
"""
    handle, path = tempfile.mkstemp(prefix="leerroute-bench-", suffix=".lua")
    with os.fdopen(handle, "w") as out:
        out.write(script)
    return path


def _statuses(pages: list[Page], cookies, port: int) -> set[int]:
    """The status of each page as the mixed load asks it (no redirect followed)."""
    found = set()
    for page in pages:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {"Cookie": _cookie_header(cookies[page.account]), "X-Forwarded-Proto": "https"}
        conn.request("GET", page.url, headers=headers)
        found.add(conn.getresponse().status)
        conn.close()
    return found


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [
            gunicorn,
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            os.environ.get("BENCH_WORKERS", "2"),
            "leerroute.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("BENCH_VERBOSE") else subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def _machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU cores ({cpu})"


def prepare_region(database_url: str, scale: float) -> dict:
    """Set up Django on the region database (``BENCH_DATABASE_URL``), production-like
    (DEBUG off): migrate, seed the region when missing or of another scale, collect
    the static files. Returns the environment the server processes need."""
    env = _environment(database_url)
    os.environ.update(env)
    os.environ.pop("DEBUG", None)
    must_seed = _ensure_database(database_url, scale)

    import django

    django.setup()
    from django.core.management import call_command

    # Always: a seeded region gets the branch's new migrations (indexes) too.
    call_command("migrate", verbosity=0, interactive=False)
    if must_seed:
        from . import region

        started = time.perf_counter()
        print(f"Regio zaaien (schaal {scale}) in {urlparse(database_url).path.lstrip('/')} ...")
        call_command("seed_demo", force=True, verbosity=0, stdout=io.StringIO())
        counts = region.seed_region(scale, region.Progress(region.STEPS_TOTAL))
        _mark_seeded(database_url, scale)
        print(
            f"Gezaaid in {time.perf_counter() - started:.0f} s: "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    call_command("collectstatic", verbosity=0, interactive=False)
    return env


def main() -> None:
    scale = float(os.environ.get("BENCH_SCALE", "1.0"))
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if shutil.which("wrk") is None:
        print("wrk ontbreekt: installeer het met `apt-get install wrk` (regio overgeslagen)")
        return
    env = prepare_region(database_url, scale)
    only = os.environ.get("BENCH_ONLY", "")
    pages = [page for page in _pages() if only in page.label]
    cookies = _sign_in()
    reference = Page("referentie (50 rijen)", "docent1", "/bench/referentie/")
    _count_queries([reference, *pages], cookies)
    from django.db import connections

    connections.close_all()

    port = _free_port()
    server = _serve(env, port)
    base = f"http://127.0.0.1:{port}"
    print(f"Pagina's laden met wrk ({seconds} s per pagina, 8 verbindingen, gunicorn 2 workers)")
    try:
        runs = []
        for position, page in enumerate([reference, *pages, reference]):
            cookie = _cookie_header(cookies[page.account])
            _warm_up(base + page.url, cookie)
            result = _wrk(base + page.url, cookie, seconds)
            runs.append((page, result))
            sys.stderr.write(f"\r{position + 1}/{len(pages) + 3} {page.label:45}")
            sys.stderr.flush()
        mixed = _mixed(pages, cookies, port, seconds)
        changing = _mixed(
            pages,
            cookies,
            port,
            seconds,
            label=CHANGING_LABEL,
            changes=_changing(database_url, CHANGE_EVERY_SECONDS),
        )
        sys.stderr.write("\n")
    finally:
        server.terminate()
        server.wait(timeout=30)
    ref_runs = [r for p, r in runs if p is reference]
    reference.rps = sum(r[0] for r in ref_runs) / len(ref_runs)
    reference.p50_ms = sum(r[1] for r in ref_runs) / len(ref_runs)
    reference.p99_ms = sum(r[2] for r in ref_runs) / len(ref_runs)
    for page, (rps, p50, p99, errors) in runs:
        if page is not reference:
            page.rps, page.p50_ms, page.p99_ms, page.errors = rps, p50, p99, errors
    _print_table(reference, [*pages, mixed, changing], scale, seconds)


@contextlib.contextmanager
def _changing(database_url: str, interval: float):
    """While the block runs: a change in the region every ``interval`` seconds
    (a team saved again, as from the beheer), so every kept page is rendered
    again after it (``core/kept_pages.py``)."""
    import psycopg

    stop = threading.Event()

    def change() -> None:
        with psycopg.connect(database_url, autocommit=True) as connection:
            while not stop.wait(interval):
                connection.execute(
                    "UPDATE people_team SET name = name "
                    "WHERE id = (SELECT min(id) FROM people_team)"
                )

    thread = threading.Thread(target=change, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _mixed(
    pages: list[Page],
    cookies,
    port: int,
    seconds: int,
    label: str = MIXED_LABEL,
    changes: contextlib.AbstractContextManager | None = None,
) -> Page:
    """Every key page in turn under wrk (``_mixed_script``), for twice as long
    as one page; its queries and in-process ms are the pages' means, its HTTP
    status the one every page answered (or the highest when they differ).
    ``changes``: what runs beside it (``_changing``)."""
    mixed = Page(label, "alle", "/")
    mixed.status = max(_statuses(pages, cookies, port))
    mixed.queries = round(statistics.mean(page.queries for page in pages))
    mixed.inproc_ms = statistics.mean(page.inproc_ms for page in pages)
    script = _mixed_script(pages, cookies)
    try:
        with changes or contextlib.nullcontext():
            result = _wrk(f"http://127.0.0.1:{port}/", "", seconds * 2, script=script)
    finally:
        os.unlink(script)
    mixed.rps, mixed.p50_ms, mixed.p99_ms, mixed.errors = result
    return mixed


def _print_table(reference: Page, pages: list[Page], scale: float, seconds: int) -> None:
    print()
    print(f"Regio-benchmark, schaal {scale}, {_machine()}, wrk -t2 -c8 -d{seconds}s")
    header = (
        f"| {'pagina':40} | {'account':18} | {'HTTP':4} | {'queries':7} | {'ms':6} | "
        f"{'× ms':6} | {'req/s':7} | "
        f"{'p50 ms':7} | {'p99 ms':7} | {'× req/s':7} | {'× p50':6} | {'× p99':6} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    for page in [reference, *pages]:
        print(
            f"| {page.label:40} | {page.account:18} | {page.status:4} | {page.queries:7} | "
            f"{page.inproc_ms:6.1f} | "
            f"{page.inproc_ms / reference.inproc_ms if reference.inproc_ms else 0:6.2f} | "
            f"{page.rps:7.1f} | {page.p50_ms:7.1f} | {page.p99_ms:7.1f} | "
            f"{page.rps / reference.rps if reference.rps else 0:7.2f} | "
            f"{page.p50_ms / reference.p50_ms if reference.p50_ms else 0:6.2f} | "
            f"{page.p99_ms / reference.p99_ms if reference.p99_ms else 0:6.2f} |"
            + (f" {page.errors}" if page.errors else "")
        )
    print(
        "ms: one request in-process (median of 5, test client); "
        "× req/s: throughput as a multiple of the reference page's (higher is better); "
        "× p50/p99: latency as a multiple of the reference's (lower is better)."
    )


if __name__ == "__main__":
    main()
