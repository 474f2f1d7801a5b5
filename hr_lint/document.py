"""The document model shared by every reader and the engine.

A reader turns a file's source text into `Segment`s: blocks of prose (a
paragraph, a heading, a table cell...) in which markup has been removed,
entities decoded and whitespace runs collapsed to one space.  Every prose
character remembers the span of source characters it stands for, so a finding
in prose maps back to an exact place in the original file.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field


class Segment:
    """One block of prose whose characters map back to source offsets.

    The map is stored as pieces, not per character, so a huge paragraph stays small:
    a "copy" piece maps prose[p + i] to source[s + i]; an "atom" piece (a decoded
    entity, a collapsed whitespace run, a placeholder) maps all its characters to
    the whole source span [s, e).
    """

    __slots__ = ("text", "kind", "titles", "lang", "_p", "_s", "_e", "_copy")

    def __init__(self, text: str, pieces: list[tuple[int, int, int, bool]], kind: str = "prose",
                 titles: list[tuple[int, int]] | None = None):
        self.text = text
        self.kind = kind  # "prose", "heading", "cell", "alt", "title", "front-matter"...
        self.titles = titles or []  # prose spans that name a work (<cite>): never reported
        self.lang: str | None = None  # its language, once the linter has decided (hr_lint/language.py)
        cols = list(zip(*pieces)) if pieces else [(), (), (), ()]
        # arrays of machine integers: a big file's thousands of segments stay small in memory
        self._p = array("q", cols[0])
        self._s = array("q", cols[1])
        self._e = array("q", cols[2])
        self._copy = bytes(cols[3])

    def _piece(self, i: int) -> int:
        return bisect.bisect_right(self._p, i) - 1

    def start_of(self, i: int) -> int:
        """Source offset where prose character i begins."""
        k = self._piece(i)
        return self._s[k] + (i - self._p[k]) if self._copy[k] else self._s[k]

    def end_of(self, i: int) -> int:
        """Source offset just after prose character i."""
        k = self._piece(i)
        return self._s[k] + (i - self._p[k]) + 1 if self._copy[k] else self._e[k]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [s, e) covered by prose characters [start, end)."""
        return self.start_of(start), self.end_of(end - 1)

    @property
    def starts(self) -> list[int]:
        return [self.start_of(i) for i in range(len(self.text))]

    @property
    def ends(self) -> list[int]:
        return [self.end_of(i) for i in range(len(self.text))]

    def __repr__(self) -> str:
        return f"Segment({self.text!r}, kind={self.kind!r})"


@dataclass
class Document:
    """A file's source text and its prose segments."""

    source: str
    segments: list[Segment]
    format: str
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count code points."""
        if not self._line_starts:
            starts = [0]
            find = self.source.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


_RUN = re.compile(r"  +")
_TO_SPACE = {ord(c): " " for c in "\t\n\r\f\v\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003"
             "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"}
# Characters that show nothing and join or break nothing a reader sees: a soft hyphen, zero-width
# space, non-joiner, joiner, word joiner, and a byte-order mark inside the text. Inside a word
# they would hide it ("jun\u00adkie"), so prose reads through them; the source keeps them, and a
# finding's span covers them.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")


def visible(text: str) -> str:
    """`text` without its invisible characters."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def _spaced(text: str) -> str:
    """Every whitespace character as a space (str.replace is much faster than translate)."""
    if text.isascii():
        for ch in "\n\t\r\f\v\x1c\x1d\x1e\x1f":
            if ch in text:
                text = text.replace(ch, " ")
        return text
    return text.translate(_TO_SPACE)


class ProseBuilder:
    """Collects prose for a reader, with the source span of every character.

    - `copy(start, end)` keeps source[start:end] as prose;
    - `char(ch, start, end)` adds decoded text (an entity) standing for source[start:end];
    - `gap(at)` separates words without adding text (a removed tag, a <br>);
    - `placeholder(start, end)` stands for skipped inline content (inline code) so the
      words around it do not become neighbours;
    - `end_block()` closes the current segment (a paragraph boundary).

    Whitespace runs become a single space mapped to the whole run and blocks are
    stripped, so matching sees "substance abuse" for "substance\\n   abuse".
    """

    def __init__(self, source: str):
        self.source = source
        self.segments: list[Segment] = []
        self._texts: list[str] = []
        self._pieces: list[tuple[int, int, int, bool]] = []
        self._len = 0
        self._space = False  # does the prose end with a space?
        self._kind = "prose"
        self._titles: list[tuple[int, int]] = []
        self._title_at: int | None = None

    def kind(self, kind: str) -> None:
        """Set the kind of the segment being built."""
        self._kind = kind

    def _piece(self, text: str, start: int, end: int, copy: bool) -> None:
        self._texts.append(text)
        self._pieces.append((self._len, start, end, copy))
        self._len += len(text)
        self._space = text[-1] == " "

    def _split_trailing_space(self) -> None:
        """Make a copy piece's final space a piece of its own, so it can be widened or dropped."""
        p, s, e, c = self._pieces[-1]
        text = self._texts[-1]
        if c and len(text) > 1:
            self._texts[-1] = text[:-1]
            self._pieces[-1] = (p, s, e - 1, True)
            self._texts.append(" ")
            self._pieces.append((p + len(text) - 1, e - 1, e, False))

    def _spacer(self, start: int, end: int) -> None:
        if not self._len:
            return
        if self._space:  # widen the last space over this run too
            self._split_trailing_space()
            p, s, e, c = self._pieces[-1]
            self._pieces[-1] = (p, min(s, start), max(e, end), False)
            return
        self._piece(" ", start, end, False)

    def copy(self, start: int, end: int) -> None:
        self.copy_text(self.source[start:end], start)

    def copy_text(self, text: str, start: int) -> None:
        """Prose whose characters stand one for one at source[start:start + len(text)].

        A lone whitespace character (a line break, a tab) becomes a space in place, so
        ordinary text stays one piece; only runs of two or more are collapsed. Invisible
        characters (`INVISIBLE`) are left out of the prose.
        """
        if not text.isascii() and _INVISIBLE.search(text):
            pos = 0
            for m in _INVISIBLE.finditer(text):
                if m.start() > pos:
                    self._copy_visible(text[pos:m.start()], start + pos)
                pos = m.end()
            if pos < len(text):
                self._copy_visible(text[pos:], start + pos)
            return
        self._copy_visible(text, start)

    def _copy_visible(self, text: str, start: int) -> None:
        text = _spaced(text)
        n = len(text)
        pos = 0
        while pos < n and text[pos] == " ":
            pos += 1
        if pos:
            self._spacer(start, start + pos)
        for m in _RUN.finditer(text, pos):
            if m.start() > pos:
                self._piece(text[pos:m.start()], start + pos, start + m.start(), True)
            self._spacer(start + m.start(), start + m.end())
            pos = m.end()
        if pos < n:
            self._piece(text[pos:], start + pos, start + n, True)

    def char(self, ch: str, start: int, end: int) -> None:
        if not ch or ch in INVISIBLE:  # an entity such as &shy; or &#8203;
            return
        if ch.isspace():
            self._spacer(start, end)
        else:
            self._piece(ch, start, end, False)

    def title_start(self) -> None:
        """The prose from here to `title_end()` is the title of a work (a <cite>)."""
        self._title_at = self._len

    def title_end(self) -> None:
        if self._title_at is not None and self._len > self._title_at:
            self._titles.append((self._title_at, self._len))
        self._title_at = None

    def gap(self, at: int) -> None:
        self._spacer(at, at)

    def placeholder(self, start: int, end: int) -> None:
        self.gap(start)
        self._piece("\u2022", start, end, False)
        self.gap(end)

    def end_block(self) -> None:
        if self._space:
            self._split_trailing_space()
            self._texts.pop()
            self._pieces.pop()
        if self._texts:
            if self._title_at is not None:  # a title still open at the end of the block
                self._titles.append((self._title_at, self._len))
            self.segments.append(Segment("".join(self._texts), self._pieces, self._kind, self._titles))
        self._texts, self._pieces, self._len, self._space = [], [], 0, False
        self._kind = "prose"
        self._titles = []
        self._title_at = 0 if self._title_at is not None else None

    def finish(self) -> list[Segment]:
        self.end_block()
        return self.segments
