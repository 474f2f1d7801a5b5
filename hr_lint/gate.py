"""The gates: where a text holds terms that may be findings, before anything is parsed.

The file gate scans a file's raw text (lower-cased, apostrophes and hyphens unified, HTML
tags and entities blanked out to spaces of the same length) with one regex of every
form of every term; a term whose check needs a companion word counts only where one
stands. `screen()` gives its verdict on a text as one `Screen`: nothing to parse, or the
places of the terms (`Hits`) for the readers and the segment gate, or "parse it all" when
the offsets cannot be trusted. `GateStore` keeps the file gate of a rule set in the cache
folder, so that a run over files without a term need not even load the rules. The
segment gate (`Engine.segment_gate`) is the same `Gate` over one paragraph's prose.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass
from typing import Callable

from .document import INVISIBLE
from .rules.registry import Needs

# curly apostrophes and Unicode hyphens read as their ASCII forms when matching
MATCH_FORM = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})


_MATCH_PAIRS = [(chr(a), b) for a, b in MATCH_FORM.items()]


def match_form(text: str) -> str:
    """`text` with MATCH_FORM applied (one character for one, so offsets hold);
    str.replace runs at memory speed, translate() a character at a time."""
    if not text.isascii():
        for a, b in _MATCH_PAIRS:
            if a in text:
                text = text.replace(a, b)
    return text


def lowered(text: str) -> str:
    """What the gates and the prefilter search: lower case, in match form."""
    return match_form(text.lower())
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_SEP = "\0"  # stands for "a space or nothing" between two tokens of a phrase


def _phrase_key(phrase: str) -> str:
    """A phrase as the prefilter sees it: lower-case tokens, apostrophes unified."""
    tokens = _TOKEN.findall(phrase.lower().translate(MATCH_FORM))
    return _SEP.join(tokens)


def _trie(keys: set[str], gap: str = " ?") -> str:
    """The body of a regex for every phrase, factored as a trie so it runs at tens of
    MB/s; `gap` is what may stand between two of a phrase's tokens."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            head = gap if ch == _SEP else ("['\u2019\u2018]" if ch == "'" else re.escape(ch))
            branches.append(head + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_WORD_START, _WORD_END = r"(?<![^\W_])", r"(?![^\W_])"


def _trie_regex(keys: set[str], gap: str = " ?") -> re.Pattern:
    return re.compile(_WORD_START + _trie(keys, gap) + _WORD_END)


# Between the words of a phrase: in prose a space or nothing ("can't", "ex-user"); in a
# file's raw text any run of spaces, line breaks and punctuation ("drug\n*users*"; tags
# and entities are blanked out first, see `blank_markup`).
_PROSE_GAP = " ?"
_RAW_GAP = r"[\W_]*"
_MARKUP = re.compile(r"</?[a-z][^<>]*>|&#?\w+;")  # comments: `_blank_comments`
_ENTITY = re.compile(r"&#?\w+;")
# attribute values that are prose (the HTML reader lints them): they stay
_PROSE_ATTRIBUTE = re.compile(r"""\b(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _blank(m: re.Match) -> str:
    markup = m.group()
    out = " " * len(markup)
    if markup[0] == "<" and ("alt" in markup or "title" in markup):
        for a in _PROSE_ATTRIBUTE.finditer(markup):
            k = 1 if a.group(1) is not None else 2
            value = _ENTITY.sub(lambda e: " " * len(e.group()), a.group(k))
            out = out[:a.start(k)] + value + out[a.end(k):]
    return out


def blank_markup(low: str) -> str:
    """HTML tags, comments and entities as runs of spaces of the same length (offsets hold),
    so "drug <em>users</em>" and "drug&nbsp;users" read as phrases to the file gate; the
    values of alt and title attributes stay, as they are prose."""
    if "<" not in low and "&" not in low:
        return low
    return _MARKUP.sub(_blank, _blank_comments(low))


def _blank_comments(low: str) -> str:
    """HTML comments as spaces. Found with str.find, not a lazy regex, which would read to
    the end of the text from every unclosed '<!--' (quadratic)."""
    at = low.find("<!--")
    if at < 0:
        return low
    parts, pos = [], 0
    while at >= 0:
        end = low.find("-->", at + 4)
        if end < 0:
            break  # unclosed: no later one can close either
        end += 3
        parts += [low[pos:at], " " * (end - at)]
        pos = end
        at = low.find("<!--", end)
    parts.append(low[pos:])
    return "".join(parts)


_PREFIX_END = "\x01"  # in a trie key: any letters may follow


def _needs_regex(needs: Needs, gap: str) -> str:
    """Body of a regex for a need: whole words and phrases and words that start with a
    prefix (one trie), and words that end with a suffix."""
    keys = {_phrase_key(w) for w in needs.words} | {_phrase_key(p) + _PREFIX_END for p in needs.prefixes}
    alternatives = [_trie(keys, gap).replace(re.escape(_PREFIX_END), r"[^\W_]*")] if keys else []
    if needs.suffixes:
        alternatives.append(r"[^\W_]*(?:" + "|".join(re.escape(x) for x in sorted(needs.suffixes)) + ")")
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


class Gate:
    """Where a text holds terms that may be findings. A term counts where it stands,
    except a term whose check needs a companion word (`Rule.needs`: bare 'users' needs
    drug talk): that one counts only where a companion of its kind stands too. Runs on
    lower-cased text with apostrophes unified (`lowered`).

    In prose (a segment) the words of a phrase are one space apart; in a file's raw text,
    before parsing, any markup, entities or line breaks may stand between them. Built
    from the rules' terms, or from `spec` (its cached form, so a run over files without
    a trigger need not even load the rules). Regexes are compiled when first used."""

    def __init__(self, spec: dict | None = None, entries: dict[str, set[Needs | None]] | None = None,
                 raw: bool = False):
        """From a cached `spec`, or from `entries`, which map each term's key (lower-case
        tokens joined by _SEP) to what its check needs (None: nothing): then each pattern
        is written when first needed."""
        self._spec = dict(spec or {})
        self._entries = entries
        self._gap = _RAW_GAP if raw else _PROSE_GAP
        self._compiled: dict = {}  # name (and kind) -> compiled pattern; "name*" -> every kind's
        if entries is not None:
            open_keys = {k for k, needs in entries.items() if None in needs}
            by_needs: dict[Needs, set[str]] = {}
            for key, needs in entries.items():
                if key not in open_keys:
                    for n in needs:
                        by_needs.setdefault(n, set()).add(key)
            self._open_keys = open_keys
            self._kind_list = sorted(by_needs.items(), key=lambda kv: sorted(kv[1]))
            self.kinds = len(self._kind_list)  # kinds of terms that need a companion
        else:
            self.kinds = len(self._spec["terms"])

    @classmethod
    def build(cls, entries: dict[str, set[Needs | None]], raw: bool) -> Gate:
        return cls(entries=entries, raw=raw)

    _FIELDS = ("words", "any", "terms", "companions")

    @property
    def spec(self) -> dict:
        """Every pattern, as text (for the cache)."""
        return {name: self._pattern(name) for name in self._FIELDS}

    def _pattern(self, name: str):
        if name not in self._spec:
            self._spec[name] = self._write(name)
        return self._spec[name]

    def _write(self, name: str):
        entries, gap, kinds = self._entries, self._gap, self._kind_list
        anchored = _WORD_START + "{}" + _WORD_END
        if name == "words":
            # the longest word of every term: a quick first look, and a small regex to
            # compile, for the common file that holds no term at all
            return anchored.format(_trie({max(k.split(_SEP), key=len) for k in entries})) if entries else None
        if name == "any":
            # one scan finds every term: in group "o" when some term that needs nothing
            # starts there (tried first), else in group "s" (`terms` then say which kinds)
            screened = {k for _, keys in kinds for k in keys}
            groups = ([f"(?P<o>{_trie(self._open_keys, gap)})"] if self._open_keys else []) + (
                [f"(?P<s>{_trie(screened, gap)})"] if screened else [])
            return anchored.format("(?:" + "|".join(groups) + ")") if groups else None
        if name == "terms":
            return [anchored.format(_trie(keys, gap)) for _, keys in kinds]
        return [anchored.format(_needs_regex(n, gap)) for n, _ in kinds]  # "companions"

    def _re(self, name: str, i: int | None = None) -> re.Pattern | None:
        key = name if i is None else f"{name}{i}"
        if key not in self._compiled:
            pattern = self._pattern(name) if i is None else self._pattern(name)[i]
            self._compiled[key] = re.compile(pattern) if pattern else None
        return self._compiled[key]

    def compile(self, terms: bool = True) -> None:
        """Compile now (`terms=False`: only what `companions` uses)."""
        if terms:
            self._re("words")
            self._re("any")
            for i in range(self.kinds):
                self._re("terms", i)
        for i in range(self.kinds):
            self._re("companions", i)

    def _list(self, name: str) -> list[re.Pattern]:
        """Every kind's pattern of `name` ("terms", "companions"), compiled, in kind order."""
        key = f"{name}*"
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = [self._re(name, i) for i in range(self.kinds)]
        return found

    def scan(self, low: str, stop_at_open: bool = False) -> tuple[list[int], list[tuple[int, int]]]:
        """(offsets of terms that need nothing, [(offset, kind)] of terms that need a
        companion). With `stop_at_open`, stops at the first term that needs nothing."""
        opens: list[int] = []
        terms: list[tuple[int, int]] = []
        words = self._re("words")
        if words is None or not words.search(low):
            return opens, terms
        found = self._re("any")
        pos = 0
        while (m := found.search(low, pos)) is not None:
            p = m.start()
            if m.lastgroup == "o":
                opens.append(p)
                if stop_at_open:
                    break
            else:
                terms.extend((p, i) for i, term in enumerate(self._list("terms")) if term.match(low, p))
            pos = p + 1  # a term may start inside another ("drug users", "users")
        return opens, terms

    def companions(self, low: str, kinds) -> set[int]:
        """Which of `kinds` have a companion in `low`."""
        patterns = self._list("companions")
        return {i for i in kinds if patterns[i].search(low)}

    def search(self, low: str) -> bool:
        """Does `low` hold a term that counts?"""
        return self.search_windows([low])

    def search_windows(self, windows) -> bool:
        """`search` over a text given as overlapping lower-cased windows (a big file, never
        copied whole): a term in one window and its companion in another still count."""
        needing: set[int] = set()
        present: set[int] = set()
        for low in windows:
            opens, terms = self.scan(low, stop_at_open=True)
            if opens:
                return True
            needing.update(i for _, i in terms)
            present |= self.companions(low, set(range(self.kinds)) - present)
            if needing & present:
                return True
        return False


class Hits:
    """Where the file gate found terms in a file's raw text, by source offset: terms that
    need nothing, and terms that need a companion (with its kind; only kinds whose
    companions the file holds)."""

    def __init__(self, opens: list[int], terms: list[tuple[int, int]]):
        self.opens = opens
        self.terms = terms
        self._term_at = [p for p, _ in terms]

    def kinds_in(self, start: int, end: int) -> set[int] | None:
        """None when source[start:end] holds a term that needs nothing; else the kinds of
        the terms in it that need a companion (empty: no term at all)."""
        k = bisect.bisect_left(self.opens, start)
        if k < len(self.opens) and self.opens[k] < end:
            return None
        lo = bisect.bisect_left(self._term_at, start)
        return {i for _, i in self.terms[lo:bisect.bisect_left(self._term_at, end, lo)]}

    def offsets(self) -> list[int]:
        """Where the terms stand, for readers to skip blocks without one."""
        return sorted(self.opens + self._term_at)

    def shifted(self, start: int, end: int) -> Hits:
        """The hits in source[start:end], with offsets from `start` (a chunk of a big file)."""
        return Hits([p - start for p in self.opens if start <= p < end],
                    [(p - start, i) for p, i in self.terms if start <= p < end])


@dataclass(frozen=True)
class Screen:
    """The file gate's verdict on a text. `parse`: it holds a term that counts (else it is
    not even parsed). `hits`: where the terms stand, for the readers and the segment gate;
    None when the offsets cannot be trusted (lower-casing changed the text's length), so
    every segment goes through the segment gate instead."""

    parse: bool
    hits: Hits | None = None


NOTHING = Screen(False)
EVERYTHING = Screen(True)  # parse it all; the segment gate decides


_INVISIBLES = re.compile(f"[{INVISIBLE}]+")
_INVISIBLE_ENTITY = re.compile(r"&(?:shy|zwnj|zwj|nobreak|zerowidthspace|#0*(?:173|820[345]|8288|65279)"
                               r"|#x0*(?:ad|200[bcd]|2060|feff));")


def searchable(raw: str, fmt: str) -> str:
    """Raw text as the file gate searches it: lowered, and in HTML and Markdown with tags and
    entities blanked out. Invisible characters (a soft hyphen, zero-width ones; as entities
    too) are dropped, as the readers drop them, so they hide no word: the length then
    differs from the text's, and the whole text is parsed."""
    low = lowered(raw)
    if not low.isascii() and _INVISIBLES.search(low):
        low = _INVISIBLES.sub("", low)
    markup = fmt in ("html", "markdown")
    if markup and "&" in low and _INVISIBLE_ENTITY.search(low):
        low = _INVISIBLE_ENTITY.sub("", low)  # &shy;, &#8203;... (lower case here)
    return blank_markup(low) if markup else low


WINDOW = 1 << 20  # characters the file gate reads at a time
_OVERLAP = 4096


def screen(gate: Gate, text: str, fmt: str) -> Screen:
    """Where `text` (in format `fmt`) holds terms that count. A window at a time, so a huge
    text is never copied whole; a term in one window and its companion in another count."""
    if len(text) <= WINDOW:
        return _screen_one(gate, text, fmt)
    return _screen_windows(gate, text, fmt)


def _screen_windows(gate: Gate, text: str, fmt: str) -> Screen:
    """`screen`, a window at a time (any text; what `_screen_one` gives for one that fits)."""
    step, overlap = WINDOW, _OVERLAP
    windows = range(0, max(len(text), 1), step)
    opens: list[int] = []
    terms: list[tuple[int, int]] = []
    present: set[int] = set()
    for base in windows:
        window = text[base:base + step + overlap]
        low = searchable(window, fmt)
        if len(low) != len(window):
            found = gate.search_windows(searchable(text[i:i + step + overlap], fmt) for i in windows)
            return EVERYTHING if found else NOTHING
        big, last = len(text) > step, base + step >= len(text)
        found_opens, found_terms = gate.scan(low)
        # a place in the overlap is the next window's
        opens += [base + p for p in found_opens if p < step or last]
        terms += [(base + p, i) for p, i in found_terms if p < step or last]
        if opens and not big:
            # parsed anyway: its segments are checked for companions, the file need not be
            present = set(range(gate.kinds))
        else:
            # a companion anywhere in the file; in a big file, for terms in any window
            needing = set(range(gate.kinds)) if big else {i for _, i in terms}
            present |= gate.companions(low, needing - present)
    terms = [t for t in terms if t[1] in present]
    return Screen(True, Hits(opens, terms)) if opens or terms else NOTHING


def _screen_one(gate: Gate, text: str, fmt: str) -> Screen:
    """`screen` of a text that fits one window (a post, a paragraph, most files): the loop
    above with one window, its bookkeeping left out."""
    low = searchable(text, fmt)
    if len(low) != len(text):
        return EVERYTHING if gate.search(low) else NOTHING
    opens, terms = gate.scan(low)
    if opens:  # parsed anyway: its segments are checked for companions, the text need not be
        return Screen(True, Hits(opens, terms))
    if not terms:
        return NOTHING
    present = gate.companions(low, {i for _, i in terms})
    terms = [t for t in terms if t[1] in present]
    return Screen(True, Hits(opens, terms)) if terms else NOTHING


class GateStore:
    """The file gate of one rule set: read from the cache folder before the rules are
    loaded (keyed by the linter's fingerprint, which covers the wordlists, the checks'
    `needs` and this code), else built by the engine and written there for next time."""

    def __init__(self, cache_file: Callable[[], str | None], build: Callable[[], Gate]):
        self._cache_file = cache_file  # where the spec is kept (None: no cache)
        self._build = build  # the engine's file gate (loads the rules)
        self._gate: Gate | None = None

    def gate(self, rules_loaded: bool) -> Gate:
        if rules_loaded:
            return self._build()
        if self._gate is None:
            self._gate = self._load()
        return self._gate

    def _load(self) -> Gate:
        try:
            path = self._cache_file()
        except OSError:
            path = None
        if path:
            try:
                with open(path, encoding="utf-8") as fh:
                    return Gate(json.load(fh))
            except (OSError, ValueError, KeyError):
                pass
        gate = self._build()
        if path:
            from .safewrite import WriteError, replace

            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                replace(path, json.dumps(gate.spec).encode("utf-8"))
            except (OSError, WriteError):
                pass
        return gate
