"""The cost of one request per key page, in-process, as in production (DEBUG off).

A light, repeatable measure for work on the pages themselves (``bench.pages``
seeds a region and loads gunicorn with wrk; this needs only a database with the
demo data)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/leerroute \\
        .venv/bin/python -m bench.profile_page [-n 30] [--only TEXT] [--profile TEXT]

For every page of ``bench.pages`` (the same accounts and urls) and the reference
page (``bench/views.py``): the queries of one request and the median wall time
and process CPU time of ``-n`` requests (Django's test client, one at a time,
signed in as the demo account), each also as a multiple of the reference's.
CPU time leaves out the time spent waiting for the database and for other
processes, so it is the steadier number on a shared machine.

``--only TEXT`` measures the pages whose label contains TEXT; ``--profile TEXT``
runs those pages under cProfile and prints the 40 most expensive functions
(Leerroute's own by cumulative time, then all by own time). ``--queries TEXT`` prints their SQL.
``--plans TEXT`` runs EXPLAIN ANALYZE on every query of one request of those
pages (PostgreSQL) and prints the time spent planning and executing them.
``--calls`` adds the number of Python function calls one request makes (under
cProfile, the mean of 3): unlike the times it does not vary with the machine's
load, so it compares two versions of the code on a busy machine.
The database must have been migrated and seeded (``manage.py seed_demo``);
static files are collected into STATIC_ROOT first (the manifest is used).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import time


def _setup() -> None:
    os.environ.pop("DEBUG", None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        LEERROUTE_ENV_FILE="",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        BEHIND_TLS_PROXY="true",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leerroute")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", verbosity=0, interactive=False)


def _measure(client, url: str, repeats: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url, secure=True)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _plan_times(connection, captured) -> tuple[float, float]:
    """Total planning and execution time (ms) of the captured SELECTs, re-run
    with EXPLAIN ANALYZE (the SQL as Django logged it, parameters inlined);
    each query's own times are printed, the costliest first."""
    planning = execution = 0.0
    each = []
    with connection.cursor() as cursor:
        for query in captured:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) " + query["sql"])
            (summary,) = cursor.fetchone()[0]
            planning += summary["Planning Time"]
            execution += summary["Execution Time"]
            each.append((summary["Planning Time"], summary["Execution Time"], query["sql"]))
    for plan, run, sql in sorted(each, key=lambda t: -(t[0] + t[1])):
        print(f"  plan {plan:6.2f} ms  run {run:6.2f} ms  {sql[:160]}")
    return planning, execution


def _calls(client, url: str, repeats: int = 3) -> int:
    """Python function calls per request (cProfile's count, the mean of ``repeats``)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        client.get(url, secure=True)
    profiler.disable()
    return round(pstats.Stats(profiler).total_calls / repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--only", default="", help="only pages whose label contains this")
    parser.add_argument("--profile", default=None, help="cProfile the pages matching this")
    parser.add_argument("--queries", default=None, help="print the SQL of the pages matching")
    parser.add_argument(
        "--plans", default=None, help="planning and execution time of the pages matching"
    )
    parser.add_argument(
        "--calls", action="store_true", help="Python function calls per request (cProfile)"
    )
    parser.add_argument(
        "--dump", default=None, help="with --profile: also write the pstats file here"
    )
    args = parser.parse_args()
    _setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .pages import Page, _pages, _sign_in

    cookies = _sign_in()
    reference = Page("referentie (50 rijen)", "docent1", "/bench/referentie/")
    pages = [p for p in _pages() if args.only in p.label]
    rows = []
    ref_wall = ref_cpu = 0.0
    for page in [reference, *pages]:
        client = Client()
        for cookie, value in cookies[page.account].items():
            client.cookies[cookie] = value
        client.get(page.url, secure=True)  # warm the process caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.url, secure=True)
        # Read now: the next request's request_started signal empties the log.
        captured = list(ctx.captured_queries)
        wall, cpu = _measure(client, page.url, args.n)
        calls = _calls(client, page.url) if args.calls else None
        if page is reference:
            ref_wall, ref_cpu = wall, cpu
        rows.append((page, response.status_code, len(captured), wall, cpu, calls))
        if args.queries is not None and args.queries in page.label:
            print(f"-- {page.label} ({page.url})")
            for query in captured:
                print(f"{query['time']:>6}  {query['sql'][:400]}")
        if args.plans is not None and args.plans in page.label:
            planning, execution = _plan_times(connection, captured)
            print(
                f"-- {page.label}: {len(captured)} queries, planning {planning:.1f} ms, "
                f"execution {execution:.1f} ms (EXPLAIN ANALYZE of each SELECT)"
            )
        if args.profile is not None and args.profile in page.label and page is not reference:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                client.get(page.url, secure=True)
            profiler.disable()
            if args.dump:
                profiler.dump_stats(args.dump)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            # Leerroute's own functions first (where the time is spent, by name),
            # then everything by own time.
            stats.sort_stats("cumulative").print_stats("leerroute/", 50)
            stats.strip_dirs().sort_stats("tottime").print_stats(40)
            print(f"== cProfile {page.label} ({args.n} requests)")
            print(out.getvalue())

    print(f"in-process, DEBUG off, median of {args.n} requests per page")
    calls_head, calls_line = (" calls   |", "---------|") if args.calls else ("", "")
    print(
        f"| {'pagina':38} | {'account':18} | HTTP | queries | {'ms':>6} | {'× ms':>5} | "
        f"{'cpu ms':>6} | {'× cpu':>5} |{calls_head}"
    )
    print(f"|{'-' * 40}|{'-' * 20}|------|---------|--------|-------|--------|-------|{calls_line}")
    for page, status, queries, wall, cpu, calls in rows:
        print(
            f"| {page.label:38} | {page.account:18} | {status:4} | {queries:7} | {wall:6.1f} | "
            f"{wall / ref_wall:5.2f} | {cpu:6.1f} | {cpu / ref_cpu:5.2f} |"
            + (f" {calls:7} |" if calls is not None else "")
        )


if __name__ == "__main__":
    main()
