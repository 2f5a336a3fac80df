"""How long an HR import of 5,000 employees takes (target: under 30 s on PostgreSQL).

Runs in a child process against a fresh test database made from
``DATABASE_URL`` (``test_<name>``, removed afterwards), so the numbers are for
the real database engine; without a PostgreSQL ``DATABASE_URL`` it runs on an
in-memory SQLite database and says so. It generates an organisation with 20
departments of 10 teams and a 5,000-row HR file (CSV; a mix of
medewerkers, werkbegeleiders and studentbegeleiders), then times: reading the
file, the dry run, the real run (one transaction), the same file again (all
"ongewijzigd") and a full-file run with --end-missing semantics where 100
people are missing. Numbers only; it never fails on timing.

``make bench`` or ``python -m bench``; alone: ``python -m bench.import_people``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

ROWS = 5000
DEPARTMENTS, TEAMS = 20, 10
ORG = "Benchmark Zorg"
HEADER = [
    "personeelsnummer",
    "gebruikersnaam",
    "voornaam",
    "achternaam",
    "email",
    "organisatie",
    "afdeling",
    "team",
    "rollen",
]


def main() -> None:
    """Run the benchmark in a child process (its own Django set-up and database)."""
    env = dict(os.environ)
    url = os.environ.get("BENCH_DATABASE_URL", os.environ.get("DATABASE_URL", ""))
    if url:
        env["DATABASE_URL"] = url
    else:
        env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "bench.import_people"], env=env, check=False)


def _rows(n: int, offset: int = 0) -> list[list[str]]:
    rows = []
    for i in range(offset, offset + n):
        dept, team = i % DEPARTMENTS, (i // DEPARTMENTS) % TEAMS
        roles = (
            "werkbegeleider, studentbegeleider"
            if i % 20 == 0
            else "werkbegeleider"
            if i % 7 == 0
            else "medewerker"
        )
        rows.append(
            [
                f"B{i:06d}",
                f"bench.{i}",
                "Mede",
                f"Werker {i}",
                f"bench{i}@example.org",
                ORG,
                f"Afdeling {dept}",
                f"Team {dept}-{team}",
                roles,
            ]
        )
    return rows


def _csv(rows) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _timed(label: str, function):
    start = time.perf_counter()
    result = function()
    print(f"  {label:46} {time.perf_counter() - start:7.2f} s")
    return result


def child() -> None:
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    if not postgres:
        os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerroute.settings")
    import django

    django.setup()
    from django.db import connection

    print(f"Import van {ROWS} medewerkers (doel: < 30 s op PostgreSQL)")
    if postgres:
        print("database: PostgreSQL (testdatabase, wordt na afloop verwijderd)")
    else:
        print("database: SQLite in het geheugen (zet DATABASE_URL op PostgreSQL voor het doel)")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        _run(connection)
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )


def _run(connection) -> None:
    from leerroute.imports import files, services
    from leerroute.people.models import Department, Organisation, Team

    org = Organisation.objects.create(name=ORG, kind=Organisation.Kind.CARE)
    departments = Department.objects.bulk_create(
        [Department(organisation=org, name=f"Afdeling {d}") for d in range(DEPARTMENTS)]
    )
    Team.objects.bulk_create(
        [
            Team(department=dept, name=f"Team {d}-{t}")
            for d, dept in enumerate(departments)
            for t in range(TEAMS)
        ]
    )
    data = _csv(_rows(ROWS))
    print(f"  bestand: {len(data) / 2**20:.1f} MB CSV, {ROWS} regels")
    table = _timed("bestand lezen", lambda: files.read_table("hr.csv", data))
    report = _timed(
        "proefimport (niets opgeslagen)",
        lambda: services.run(services.EMPLOYEES, table, dry_run=True),
    )
    print(f"    {report.counts()}")
    report = _timed(
        "import (één transactie)",
        lambda: services.run(services.EMPLOYEES, table, dry_run=False),
    )
    print(f"    {report.counts()}")
    report = _timed(
        "zelfde bestand opnieuw (import)",
        lambda: services.run(services.EMPLOYEES, table, dry_run=False),
    )
    print(f"    {report.counts()}")
    short = files.read_table("hr.csv", _csv(_rows(ROWS - 100)))
    report = _timed(
        "volledig bestand zonder 100 mensen (beëindigen)",
        lambda: services.run(
            services.EMPLOYEES, short, organisation=org, dry_run=False, end_missing=True
        ),
    )
    print(f"    {report.counts()}")
    print(f"Belasting nu: {os.getloadavg()[0]:.1f} (2 kernen gedeeld: tijden wisselen)")


if __name__ == "__main__":
    child()
