"""``python -m bench``: run every benchmark module listed here."""

from importlib import import_module

BENCHMARKS = ["bench.learning_check"]


def main() -> None:
    for name in BENCHMARKS:
        import_module(name).main()


if __name__ == "__main__":
    main()
