"""How the cost of linting grows with the size of the input, measured in the same run.

A test of bounded cost cannot use a fixed time (machines differ, and this one is shared),
so it compares: the CPU time for an input `factor` times larger, divided by the time for
the smaller one, both measured now, best of a few runs. Linear work gives about `factor`;
quadratic work gives about `factor` squared. The bound (three times `factor`) sits far from
both, so noise does not decide the outcome.
"""
from __future__ import annotations

import gc
import time

FACTOR = 8


def cpu_seconds(fn, repeat: int = 3) -> float:
    """Best CPU time of `repeat` calls, each with the garbage collector paused (a collection
    that happens to fall in one run, and scans everything earlier tests left, is noise)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def growth(make, lint, small: int, factor: int = FACTOR, repeat: int = 3) -> float:
    """cost(make(small * factor)) / cost(make(small)); make(n) builds an input of about n units."""
    little, big = make(small), make(small * factor)
    lint(little)  # warm: rules, readers and spaCy loaded before anything is timed
    a = cpu_seconds(lambda: lint(little), repeat)
    b = cpu_seconds(lambda: lint(big), 1 if repeat > 1 else repeat)
    return b / max(a, 1e-4)


def linear(ratio: float, factor: int = FACTOR) -> bool:
    return ratio < 3 * factor
