"""Generated texts shared by the tests and the benchmarks (benchmarks/bounded_cost.py and
benchmarks/memory.py import them from here): plain words without a term, and made-up words
no dictionary holds."""
from __future__ import annotations

WORDS = "the clinic staff met people in recovery and offered support with housing and food every week".split()


def words(n: int) -> str:
    """About n characters of everyday words, none of them a term."""
    out, size, k = [], 0, 0
    while size < n:
        w = WORDS[k % len(WORDS)]
        out.append(w)
        size += len(w) + 1
        k += 1
    return " ".join(out)


_C, _V = "bcdfghklmnprstvz", "aeiou"


def made_up(i: int) -> str:
    """The i-th made-up word: i in base 80, a consonant and a vowel per digit (distinct i,
    distinct words; from 6,400 on, three syllables or more)."""
    out = []
    while True:
        out.append(_C[i % 16] + _V[(i // 16) % 5])
        i //= 80
        if not i:
            return "".join(out)
