"""Figurative intensifiers ("crazy busy", "that's crazy", "drives me crazy").

The idiom rule keeps them at info. Two cases go back to the person rule: "going
crazy/nuts" said about someone else ("her son is going crazy"), and "that's mental"
followed by a noun ("that's mental health care"), which is not this idiom at all.
"""
from __future__ import annotations

from .bh_words import next_tokens
from .crazy import subject_kind


def check(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    after = [t for t in next_tokens(c, 1)]
    if words[-1] == "mental":
        # "that's mental." only: "that's mental health" is the ordinary noun phrase
        return not after or not after[0].is_alpha
    if words[0] in ("going", "go", "goes", "went", "gone") and words[-1] in ("crazy", "nuts", "mad"):
        kind = subject_kind(c)
        if kind == "person":
            return False  # "he is going crazy": about a person, the crazy rule reports it
    return True
