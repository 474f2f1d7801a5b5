"""Figurative intensifiers ("crazy busy", "that's crazy", "drives me crazy").

The idiom rule keeps them at info. Two cases go back to the person rule: "going
crazy/nuts" said about someone else ("her son is going crazy"), and "that's mental"
followed by a noun ("that's mental health care"), which is not this idiom at all.
Every word capitalised outside a title-case heading ("Crazy Hours, as the nurses call
it, ...") is a title, even at the start of a sentence.
"""
from __future__ import annotations

from ..api import Candidate, check, title_case_sentence
from .lexicon import subject_kind


@check("crazy-figure-of-speech", rules=["crazy-figurative"])
def figure_of_speech(c: Candidate) -> bool:
    """Figurative intensifiers ('crazy busy', 'that's crazy', 'drives me crazy'), kept at info.
    Two cases go back to the person rule: 'going crazy/nuts' said about someone else ('her son
    is going crazy'), and 'that's mental' followed by a noun ('that's mental health care'),
    which is not this idiom at all. Every word capitalised outside a title-case heading ('Crazy
    Hours, as the nurses call it') is a title, even at the start of a sentence."""
    words = [t.lower_ for t in c.tokens]
    alpha = [t for t in c.tokens if t.is_alpha]
    if len(alpha) > 1 and all(t.text[:1].isupper() and not t.text.isupper() for t in alpha) \
            and not title_case_sentence(c.sent):
        return c.reject("a title ('Crazy Hours'): every word capitalised outside a heading")  # "Crazy Hours, as the nurses call it, ...": a title, even first in the sentence
    after = [t for t in c.after(1)]
    if words[-1] == "mental":
        # "that's mental." only: "that's mental health" is the ordinary noun phrase
        return (not after or not after[0].is_alpha) or c.reject("'that's mental' before a noun ('that's mental health care')")
    if words[0] in ("going", "go", "goes", "went", "gone") and words[-1] in ("crazy", "nuts", "mad"):
        kind = subject_kind(c)
        if kind == "person":
            return c.reject("'going crazy' said about someone else: crazy-insane-person reports it")  # "he is going crazy": about a person, the crazy rule reports it
    return True
