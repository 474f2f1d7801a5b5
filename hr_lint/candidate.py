"""`Candidate`: a term match handed to a rule's context check (`hr_lint/rules/*.py`).

A check is a function `check(c: Candidate) -> bool`: False drops the match. It may
narrow or widen the match (`c.start`, `c.end` are token indices in `c.doc`) and may
lower `c.severity`, set `c.alternatives` when the sense calls for other wording
(or `c.form` to pick a form's list), and read `c.kind` to know where the text stands.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .rulebook import Rule


@dataclass
class Candidate:
    rule: "Rule"
    doc: Any  # spacy.tokens.Doc of one prose segment
    start: int  # token index of the first matched token
    end: int  # token index after the last matched token
    form: str | None  # "singular", "plural", "base", "s", "ed", "ing" or None
    severity: str
    own_voice: bool = True  # False when quoted speech or first person lowered it
    alternatives: list[str] | None = None  # a check may choose the suggestions for this match
    kind: str = "prose"  # the segment's kind: "prose", "heading", "cell", "alt", "title"...

    @property
    def sent(self):
        return self.doc[self.start].sent

    @property
    def tokens(self):
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.doc[self.start:self.end].text

    def words_before(self, n: int = 3, cross_sentence: bool = False) -> list[str]:
        """Lower-case texts of up to n tokens before the match, nearest first."""
        lo = 0 if cross_sentence else self.sent.start
        return [t.lower_ for t in reversed(self.doc[max(lo, self.start - n):self.start])]

    def words_after(self, n: int = 3, cross_sentence: bool = False) -> list[str]:
        """Lower-case texts of up to n tokens after the match, nearest first."""
        hi = len(self.doc) if cross_sentence else self.sent.end
        return [t.lower_ for t in self.doc[self.end:min(hi, self.end + n)]]

    @property
    def word_before(self) -> str | None:
        w = self.words_before(1)
        return w[0] if w else None

    @property
    def word_after(self) -> str | None:
        w = self.words_after(1)
        return w[0] if w else None

    def sentence_words(self) -> set[str]:
        return {t.lower_ for t in self.sent}

    def sentence_text(self) -> str:
        return self.sent.text
