"""Benchmarks (``make bench``). They report numbers; they are not tests."""
