"""``python -m bench``: run every benchmark module listed here."""

import os
from importlib import import_module

BENCHMARKS = ["bench.learning_check", "bench.import_people"]


def main() -> None:
    # Some benchmarks point DATABASE_URL at an in-memory database for themselves;
    # the import benchmark needs the real one (PostgreSQL), so keep it aside first.
    os.environ.setdefault("BENCH_DATABASE_URL", os.environ.get("DATABASE_URL", ""))
    for name in BENCHMARKS:
        import_module(name).main()


if __name__ == "__main__":
    main()
