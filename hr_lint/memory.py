"""Bounded memory for spaCy's shared vocabulary in a long-lived process.

spaCy keeps, for the life of a pipeline, every string its tokenizer meets (the
`StringStore`) and a lexeme for every distinct word (the `Vocab`): about half a kilobyte
per distinct word, never freed. Moderating millions of posts, the HTTP server, the
language server and Dask workers meet new words without end (names, typos, hashtags,
handles, URLs), so their memory would grow without end too.

`Guard` bounds it. Every piece of text the engine tokenizes is checked inside
`with guard:` (`Engine._guarded_piece`, under `Engine.lint_segments`, so no front end
can forget it):

- the first `BUDGET` strings a pipeline adds are kept for good, as spaCy keeps them: a
  stream's common words are then looked up, not rebuilt, and spaCy's tokenizer cache
  (10,000 chunks at most, filled only outside a memory zone) holds them;
- once the store has grown by `BUDGET`, each piece is tokenized inside spaCy's
  `memory_zone()`, which frees the strings and lexemes the piece added when it ends. The
  store stays at its size: memory is flat, however long the input.

A zone frees the strings and lexemes, but not their places in spaCy's two hash tables
(preshed maps: a freed key leaves a "deleted" mark, and the table doubles when marks and
keys fill it), so the tables still grow with every word ever zoned: about 35 bytes a word,
a tenth of what keeping the words costs, but without end. So after `RENEW` strings have
been freed by zones, the guard retires its pipeline: `engine.get_nlp` then loads a fresh
one (spaCy's blank pipeline: 60 ms) and each engine rebuilds its matchers on it before
its next piece (30 ms); the old pipeline is freed with its last engine.

Tokens and results are the same either way (a zone changes where a new word's lexeme
lives, not what it says). A zone costs a few microseconds, and a word that is not among
the kept ones has its lexeme built again in each piece that holds it (as a new word's
lexeme is built once without a zone): only pieces that reach spaCy pay, and only once
the budget is spent.

Nothing made inside a zone may outlive it: the engine's findings and trace entries are
plain data (strings and numbers) built before the zone ends; Docs, Tokens and Spans stay
inside `Engine._lint_piece`. Caches keyed by a word's hash (`sense._WORDS`) hold plain
strings, and a hash always means the same string, so they stay true after a zone.

A pipeline is shared by every engine of its language in the process, and spaCy's zone is
process-wide state of the vocabulary: a lexeme another thread made inside a zone would
be freed under it. So a guard is also a lock: one piece per pipeline at a time (spaCy's
tokenizer holds the GIL anyway, so threads lose almost nothing), and building an
engine's matchers (`Guard.outside`), whose patterns must be kept, waits for any zone to
end. Zones are not nested: inside a zone someone else opened (`nlp.memory_zone()`
around a call into hr-lint), the guard opens none of its own.
"""
from __future__ import annotations

import threading
import weakref

# Strings a pipeline may add for good (past spaCy's own at load): about 0.4-0.6 KB each
# with its lexeme, so the kept vocabulary costs at most 20-30 MB; a language's everyday
# words fit in it many times over, and a stream of made-up words fills it only once.
BUDGET = 50_000
# Strings freed by zones before the pipeline is renewed: its hash tables then hold at most
# about 30 MB of deleted marks. Renewing costs about 0.1 s (and the kept words are built
# again), against the 15 s or so a million new words take to tokenize.
RENEW = 1_000_000

_guards: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_guards_lock = threading.Lock()


def guard(nlp) -> "Guard":
    """The guard of a pipeline (one per pipeline, made on first use with `BUDGET` and
    `RENEW`)."""
    found = _guards.get(nlp)
    if found is None:
        with _guards_lock:
            found = _guards.get(nlp)
            if found is None:
                _guards[nlp] = found = Guard(nlp, BUDGET, RENEW)
    return found


def retired(nlp) -> bool:
    """Has the pipeline's guard retired it (a fresh one should replace it)?"""
    found = _guards.get(nlp)
    return found is not None and found.retired


class Guard:
    """`with guard:` around everything that tokenizes with the pipeline and reads the
    Docs it makes; see the module's docstring."""

    def __init__(self, nlp, budget: int = BUDGET, renew: int = RENEW):
        # the guard is the value of a weak mapping keyed by the pipeline: it must not hold
        # the pipeline itself, or a retired one would never be freed
        self.vocab = nlp.vocab
        self.strings = nlp.vocab.strings
        # past this many strings, pieces are zoned: what the text brought counts, not the
        # engines' patterns (`outside` moves the limit by what they add)
        self.limit = len(self.strings) + budget
        self.zoned = False  # the budget is spent (for good: the store never shrinks)
        self.zones = 0  # zones opened so far (tests, diagnostics)
        self.freed = 0  # strings the zones freed, whose places the hash tables keep
        self.renew = renew
        self.retired = False  # freed past `renew`: engines move to a fresh pipeline
        self._size = 0
        self._lock = threading.RLock()
        self._depth = 0
        self._zone = None
        # `Language.memory_zone` enters the vocabulary's zone, and the tokenizer's and each
        # component's where they have one; with none (spaCy 3.8's blank pipelines: the
        # tokenizer has none, nor the sentencizer) the vocabulary's alone is the same
        # thing at a third of the cost
        parts = [nlp.tokenizer] + [pipe for _, pipe in nlp.pipeline]
        if any(hasattr(p, "memory_zone") for p in parts):
            ref = weakref.ref(nlp)
            self._open = lambda: ref().memory_zone()
        else:
            self._open = nlp.vocab.memory_zone

    def __enter__(self) -> "Guard":
        self._lock.acquire()
        self._depth += 1
        if self._depth == 1 and (self.zoned or len(self.strings) >= self.limit):
            self.zoned = True
            if not self.vocab.in_memory_zone:  # (a zone the caller opened frees it all)
                try:
                    zone = self._open()
                    zone.__enter__()
                except BaseException:
                    self._depth -= 1
                    self._lock.release()
                    raise
                self._zone = zone
                self._size = len(self.strings)
                self.zones += 1
        return self

    def __exit__(self, *exc) -> bool:
        try:
            if self._depth == 1 and self._zone is not None:
                zone, self._zone = self._zone, None
                self.freed += len(self.strings) - self._size  # (the count holds the zone's strings)
                zone.__exit__(None, None, None)  # frees what the piece added, error or not
                if self.freed >= self.renew:
                    self.retired = True
        finally:
            self._depth -= 1
            self._lock.release()
        return False

    def outside(self) -> "_Outside":
        """`with guard.outside():` for what must be kept (an engine's patterns): waits for
        any zone of another thread to end, and refuses to run inside one."""
        return _Outside(self)


class _Outside:
    def __init__(self, guard: Guard):
        self.guard = guard
        self.size = 0

    def __enter__(self) -> None:
        g = self.guard
        g._lock.acquire()
        if g._zone is not None or g.vocab.in_memory_zone:  # what it adds would be freed
            g._lock.release()
            raise RuntimeError("an engine's matchers cannot be built inside a memory zone (warm the "
                               "engine, `Engine.warm()`, before entering `nlp.memory_zone()`)")
        self.size = len(g.strings)

    def __exit__(self, *exc) -> bool:
        g = self.guard
        try:
            g.limit += max(0, len(g.strings) - self.size)
        finally:
            g._lock.release()
        return False
