"""The cascade and coverage pages alone, in-process, on the region database.

``python -m bench.coverage`` seeds (or reuses) the region database exactly as
``bench.pages`` does (``BENCH_DATABASE_URL``, ``BENCH_SCALE``, ``BENCH_RESEED``),
then for the trainer and ``praktijkopleider1`` prints per page: HTTP status,
queries, response size, and the median and fastest of ``BENCH_REPEATS``
(default 7) requests through Django's test client with DEBUG off, and their
median CPU time in this process, next to the plain reference page.
``BENCH_PROFILE=1`` adds a cProfile split of one request per page: time in
SQL (the database cursor), in template rendering and the whole request.
It needs no ``wrk``; it reports numbers and never fails on timing.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time

REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))


def _prepare() -> None:
    from . import pages

    pages.prepare_region(
        os.environ.get("BENCH_DATABASE_URL", pages.DEFAULT_URL),
        float(os.environ.get("BENCH_SCALE", "1.0")),
    )


def _split(profile: cProfile.Profile) -> tuple[float, float, float]:
    """Seconds in SQL, in template rendering (outside SQL) and in total."""
    stats = pstats.Stats(profile)
    total = stats.total_tt
    sql = template = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if name == "execute" and filename.endswith("django/db/backends/utils.py"):
            sql = max(sql, ct)
        if name == "render" and filename.endswith("django/template/backends/django.py"):
            template = max(template, ct)
    return sql, template, total


def _size(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def main() -> None:
    _prepare()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from leerroute.people.models import User

    pages = [
        ("referentie (50 rijen)", "docent1", "/bench/referentie/"),
        ("praktijkopleider: cascade", "praktijkopleider1", reverse("training:cascade")),
        ("praktijkopleider: dekking", "praktijkopleider1", reverse("training:coverage")),
        ("trainer: cascade", "trainer", reverse("training:cascade")),
        ("trainer: dekking", "trainer", reverse("training:coverage")),
        ("trainer: dekking (csv)", "trainer", reverse("exports:coverage", args=["csv"])),
    ]
    extra = os.environ.get("BENCH_EXTRA_URLS", "")
    for item in filter(None, extra.split(",")):
        account, url = item.split("=", 1)
        pages.append((f"{account}: {url}", account, url))
    clients = {}
    for _label, account, _url in pages:
        if account not in clients:
            client = Client()
            client.force_login(User.objects.get(username=account))
            clients[account] = client
    profile_on = bool(os.environ.get("BENCH_PROFILE"))
    print(
        f"{'pagina':32} {'HTTP':>4} {'queries':>7} {'KB':>7} {'ms':>8} {'× ref':>6} "
        f"{'min ms':>7} {'cpu ms':>7}",
        end="",
    )
    print(f" {'sql ms':>7} {'tmpl ms':>7} {'prof ms':>7}" if profile_on else "")
    reference_ms = None
    for label, account, url in pages:
        client = clients[account]
        client.get(url, secure=True)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, secure=True)
        queries = len(ctx.captured_queries)  # before the next request resets the log
        timings, cpu = [], []
        for _ in range(REPEATS):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url, secure=True)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        ms = statistics.median(timings)
        reference_ms = reference_ms or ms
        line = (
            f"{label:32} {response.status_code:4} {queries:7} "
            f"{_size(response) / 1024:7.1f} {ms:8.1f} {ms / reference_ms:6.2f} "
            f"{min(timings):7.1f} {statistics.median(cpu):7.1f}"
        )
        if profile_on:
            profile = cProfile.Profile()
            profile.enable()
            client.get(url, secure=True)
            profile.disable()
            sql, template, total = _split(profile)
            line += f" {sql * 1000:7.1f} {template * 1000:7.1f} {total * 1000:7.1f}"
            if os.environ.get("BENCH_PROFILE") == "2":
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(40)
                print(out.getvalue())
        print(line, flush=True)
    print(
        f"DEBUG={settings.DEBUG}; ms: median of {REPEATS} requests in-process (test client), "
        "min ms the fastest of them, cpu ms the median CPU time of this process (without "
        "the database server's; the least disturbed by other work on the machine); "
        "sql/tmpl/prof: one request under cProfile: SQL, template rendering "
        "(with any SQL it runs) and the whole request."
    )


if __name__ == "__main__":
    main()
