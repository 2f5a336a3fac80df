"""``python -m bench`` (``make bench``): run every benchmark, each in its own process.

- ``bench.learning_check``: the learning-question check, per question (SQLite in memory);
- ``bench.import_people``: 5,000 HR rows imported (dry run, real run, again) on PostgreSQL;
- ``bench.pages``: every key page at region scale on PostgreSQL, next to a plain
  Django page (see its docstring for ``BENCH_SCALE`` and the other settings).

Run one alone with ``python -m bench.pages`` or ``python -m bench.learning_check``.
"""

import subprocess
import sys

BENCHMARKS = ["bench.learning_check", "bench.import_people", "bench.pages"]


def main() -> None:
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, "-m", name], check=False)


if __name__ == "__main__":
    main()
