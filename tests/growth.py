"""How the work of linting grows with the size of the input, counted, not timed.

A pass/fail test cannot use time (machines differ, and this one is shared by several
engineers), so the growth tests count work: the function calls, Python's and C's, that
linting makes in this thread and the Python lines it runs (`sys.setprofile`,
`sys.settrace`), the same on every run and every machine whatever the load. An input
`factor` times larger must take about `factor` times the work: that loops over everything seen so far for each new match, line or
paragraph gives about `factor` squared (the quadratic readers of issue 11 gave 57 for 8).

What a count does not see is work inside one C call (a regular expression that
backtracks, a string sliced from its start each time): the timings of
benchmarks/bounded_cost.py are for that, as ratios against a baseline of the same run,
and test_bounded_cost's hang guards (inputs the quadratic readers never finished).
"""
from __future__ import annotations

import gc
import sys

FACTOR = 8


def calls(fn) -> int:
    """The work `fn()` does in this thread: the Python and C function calls it makes and the
    Python lines it runs (a loop over every style, every match so far, is lines even where
    it calls nothing). The garbage collector is paused: its callbacks are not the input's."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1

    def line(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return line

    def trace(frame, event, arg):
        return line

    gc.collect()
    paused = gc.isenabled()
    gc.disable()
    previous = sys.getprofile(), sys.gettrace()
    sys.setprofile(profile)
    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(previous[1])
        sys.setprofile(previous[0])
        if paused:
            gc.enable()
    return count


def growth(make, lint, small: int, factor: int = FACTOR) -> float:
    """calls(lint(make(small * factor))) / calls(lint(make(small))); make(n) builds an input of
    about n units. Both are linted once first, so caches (rules, spaCy's tokenizer, regular
    expressions) are as warm for one as for the other."""
    little, big = make(small), make(small * factor)
    lint(little)
    lint(big)
    return calls(lambda: lint(big)) / max(calls(lambda: lint(little)), 1)


def linear(ratio: float, factor: int = FACTOR) -> bool:
    """Linear work gives about `factor`, quadratic about `factor` squared; the bound sits
    between, far from both."""
    return ratio < 1.5 * factor
