"""`Candidate`: a term match handed to a rule's check, and the token-neighbourhood API.

A check (`hr_lint/rules/<lang>/*.py`, registered with `rules.api.check`) is a function
`check(c: Candidate) -> bool`: False drops the match. It may narrow or widen the match
(`c.start`, `c.end` are token indices in `c.doc`), lower `c.severity`, give this match its
own suggestions (`c.suggest([...])`, or `c.form` to pick one of the rule's form lists), and
read `c.kind` to know where the text stands. `return c.reject("why")` and `return
c.keep("which sense")` say why, for `hr-lint --trace`; a plain False or True is fine too.

Looking around a match or a token goes through one API, in two entry points that agree:
the `Candidate` methods for the match (`c.before(n)`, `c.after(n)`, `c.words_before(n)`,
`c.nearby_words(k)`...) and the functions below for any token index (`tokens_before(doc,
i, n)`, `sentence_span(doc, i, k)`, `words_around(doc, i, k)`...). "Before" lists run
nearest first; nothing crosses the sentence unless asked to (`cross_sentence=True`,
`around=k` sentences).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .rulebook import Rule


# -- the token neighbourhood ------------------------------------------------------------------

def sentence_span(doc, i: int, around: int = 0) -> tuple[int, int]:
    """Token range (lo, hi) of the sentence holding token i, widened by `around` sentences
    on each side (within the segment)."""
    sent = doc[i].sent
    lo, hi = sent.start, sent.end
    for _ in range(around):
        if lo > 0:
            lo = doc[lo - 1].sent.start
        if hi < len(doc):
            hi = doc[hi].sent.end
    return lo, hi


def words_around(doc, i: int, around: int = 0) -> set[str]:
    """Lower-case words of the sentence holding token i (and `around` sentences each side)."""
    lo, hi = sentence_span(doc, i, around)
    return words_between(doc, lo, hi)


_WORDS = "hr_lint.words"  # doc.user_data key: (lo, hi) -> the lower-case words of doc[lo:hi]


def words_between(doc, lo: int, hi: int) -> set[str]:
    """Lower-case words of doc[lo:hi]: a new set each time, built once per span and doc
    (the checks ask for the same sentence's words again and again)."""
    cache = doc.user_data.get(_WORDS)
    if cache is None:
        cache = doc.user_data[_WORDS] = {}
    words = cache.get((lo, hi))
    if words is None:
        words = cache[(lo, hi)] = frozenset(t.lower_ for t in doc[lo:hi])
    return set(words)


_HOLDS = "hr_lint.holds"  # doc.user_data key: frozenset of texts -> does a token have one?


def holds_any(doc, texts: frozenset[str]) -> bool:
    """Does any token of `doc` have one of `texts` as its text? Worked out once per doc and
    set, from the tokens' ids (a check may then skip a search that can only fail)."""
    memo = doc.user_data.get(_HOLDS)
    if memo is None:
        memo = doc.user_data[_HOLDS] = {}
    found = memo.get(texts)
    if found is None:
        from spacy.attrs import ORTH

        strings = doc.vocab.strings
        found = memo[texts] = not {strings[t] for t in texts}.isdisjoint(doc.to_array(ORTH).tolist())
    return found


def tokens_before(doc, i: int, n: int, cross_sentence: bool = False) -> list:
    """Up to n tokens before token i, nearest first."""
    lo = 0 if cross_sentence else doc[i].sent.start
    return list(reversed(doc[max(lo, i - n):i]))


def tokens_after(doc, i: int, n: int, cross_sentence: bool = False) -> list:
    """Up to n tokens after token i, nearest first."""
    hi = len(doc) if cross_sentence else doc[i].sent.end
    return list(doc[i + 1:min(hi, i + 1 + n)])


def prev_token(doc, i: int):
    """The token before token i in its sentence, or None."""
    return doc[i - 1] if i - 1 >= doc[i].sent.start else None


def next_token(doc, i: int):
    """The token after token i in its sentence, or None."""
    return doc[i + 1] if i + 1 < doc[i].sent.end else None


def word_at(doc, k: int, lo: int, hi: int) -> str:
    """Lower-case text of token k, or "" when k is outside [lo, hi)."""
    return doc[k].lower_ if lo <= k < hi else ""


def at_clause_start(doc, i: int) -> bool:
    """Is token i the first word of its sentence or clause (after punctuation or a bullet)?"""
    if i <= doc[i].sent.start:
        return True
    prev = doc[i - 1]
    return prev.is_punct or prev.text in {"\u2022", "-", "*"}


def capitalised_mid_sentence(tok) -> bool:
    """A capitalised word that is not the first of its sentence (punctuation aside): probably
    a name. 'I' is not."""
    t = tok.text
    if not t[:1].isupper() or t == "I":
        return False
    k = tok.i - 1
    while k >= tok.sent.start and (tok.doc[k].is_punct or tok.doc[k].is_space):
        k -= 1
    return k >= tok.sent.start


@dataclass
class Candidate:
    rule: "Rule"
    doc: Any  # spacy.tokens.Doc of one prose segment
    start: int  # token index of the first matched token
    end: int  # token index after the last matched token
    form: str | None  # "singular", "plural", "base", "s", "ed", "ing" or None
    severity: str
    own_voice: bool = True  # False when quoted speech or first person lowered it
    voice: str | None = None  # then which: "quote" or "first-person"
    alternatives: list[str] | None = None  # a check may choose the suggestions for this match
    kind: str = "prose"  # the segment's kind: "prose", "heading", "cell", "alt", "title"...
    reason: str | None = None  # why the check decided as it did (`reject`, `keep`), for the trace
    model_note: str | None = None  # why the sense model overruled the rules, if it did (sense.decide)
    rescued: bool = False  # kept by the sense model against the rules: yields in overlaps, never fixed
    fix_note: str | None = None  # why --fix leaves a match of a rule with `fix: true` alone, for the trace
    # the check named another sense outright ('abused children', 'clean and dry', 'came
    # clean'): the sense model may not overrule that rejection
    certain: bool = False

    @property
    def sent(self):
        return self.doc[self.start].sent

    @property
    def tokens(self):
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.doc[self.start:self.end].text

    # -- the neighbourhood of the match ----------------------------------------------------
    def before(self, n: int, cross_sentence: bool = False) -> list:
        """Up to n tokens before the match, nearest first."""
        return tokens_before(self.doc, self.start, n, cross_sentence)

    def after(self, n: int, cross_sentence: bool = False) -> list:
        """Up to n tokens after the match, nearest first (within the sentence the match starts in)."""
        hi = len(self.doc) if cross_sentence else self.sent.end
        return list(self.doc[self.end:min(hi, self.end + n)])

    def words_before(self, n: int = 3, cross_sentence: bool = False) -> list[str]:
        """Lower-case texts of up to n tokens before the match, nearest first."""
        return [t.lower_ for t in self.before(n, cross_sentence)]

    def words_after(self, n: int = 3, cross_sentence: bool = False) -> list[str]:
        """Lower-case texts of up to n tokens after the match, nearest first."""
        return [t.lower_ for t in self.after(n, cross_sentence)]

    @property
    def word_before(self) -> str | None:
        w = self.words_before(1)
        return w[0] if w else None

    @property
    def word_after(self) -> str | None:
        w = self.words_after(1)
        return w[0] if w else None

    def sentence_words(self) -> set[str]:
        """Lower-case words of the match's sentence."""
        sent = self.sent
        return words_between(self.doc, sent.start, sent.end)

    def nearby_words(self, sentences: int = 0) -> set[str]:
        """Lower-case words of the match's sentence and of `sentences` sentences either side."""
        if sentences <= 0:
            return self.sentence_words()
        return words_around(self.doc, self.start, sentences)

    def segment_words(self) -> set[str]:
        """Lower-case words of the whole prose segment (paragraph, cell, heading...)."""
        return words_between(self.doc, 0, len(self.doc))

    def sentence_text(self) -> str:
        return self.sent.text

    # -- deciding -----------------------------------------------------------------------------
    def reject(self, reason: str, certain: bool = False) -> bool:
        """Drop the match, saying why (`hr-lint --trace` shows it): `return c.reject("...")`.
        `certain=True` when the text names another sense outright ('abused children', 'kids
        stay clean and dry'): then the sense model may not keep the match against it."""
        self.reason = reason
        self.certain = certain
        return False

    def keep(self, reason: str) -> bool:
        """Keep the match, saying which sense it is: `return c.keep("...")`."""
        self.reason = reason
        return True

    # -- what a check may change ------------------------------------------------------------
    def suggest(self, alternatives: list[str]) -> None:
        """This match's own suggestions, in place of the rule's ('opioid abuse' -> 'opioid
        use'); blank ones are dropped, and with none left the rule's list stands."""
        alts = [" ".join(a.split()) for a in alternatives if a and a.strip()]
        if alts:
            self.alternatives = alts
