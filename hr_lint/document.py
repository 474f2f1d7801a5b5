"""The document model shared by every reader and the engine.

A reader turns a file's source text into `Segment`s: blocks of prose (a
paragraph, a heading, a table cell...) in which markup has been removed,
entities decoded and whitespace runs collapsed to one space.  Every prose
character remembers the span of source characters it stands for, so a finding
in prose maps back to an exact place in the original file.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Segment:
    """One block of prose. `starts[i]`/`ends[i]` are the source offsets of `text[i]`."""

    text: str
    starts: list[int]
    ends: list[int]
    kind: str = "prose"  # "heading", "cell", "alt", "title", "front-matter"...

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [s, e) covered by prose characters [start, end)."""
        return self.starts[start], self.ends[end - 1]


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


_SPACE = " \t\n\r\f\v\u00a0\u2028\u2029\u200b"


class ProseBuilder:
    """Collects prose characters for a reader, with their source spans.

    - `copy(start, end)` keeps source[start:end] as prose, one character each;
    - `char(ch, start, end)` adds one decoded character (an entity) for source[start:end];
    - `gap(at)` separates words without adding text (a removed tag, a <br>);
    - `placeholder(start, end)` stands for skipped inline content (inline code) so that
      the words around it do not become neighbours;
    - `end_block()` closes the current segment (paragraph boundary).

    Whitespace runs become a single space that maps to the whole run, and blocks are
    stripped, so matching sees "substance abuse" for "substance\\n   abuse".
    """

    def __init__(self, source: str):
        self.source = source
        self.segments: list[Segment] = []
        self._chars: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._kind = "prose"

    def kind(self, kind: str) -> None:
        """Set the kind of the segment being built."""
        self._kind = kind

    def _add(self, ch: str, start: int, end: int) -> None:
        if ch in _SPACE:
            if not self._chars:
                return
            if self._chars[-1] == " ":
                self._ends[-1] = max(self._ends[-1], end)
                return
            ch = " "
        self._chars.append(ch)
        self._starts.append(start)
        self._ends.append(end)

    def copy(self, start: int, end: int) -> None:
        src = self.source
        for i in range(start, end):
            self._add(src[i], i, i + 1)

    def char(self, ch: str, start: int, end: int) -> None:
        for c in ch:  # an entity may decode to more than one code point
            self._add(c, start, end)

    def gap(self, at: int) -> None:
        self._add(" ", at, at)

    def placeholder(self, start: int, end: int) -> None:
        self.gap(start)
        self._chars.append("\u2022")
        self._starts.append(start)
        self._ends.append(end)
        self.gap(end)

    def end_block(self) -> None:
        while self._chars and self._chars[-1] == " ":
            self._chars.pop()
            self._starts.pop()
            self._ends.pop()
        if self._chars:
            self.segments.append(
                Segment("".join(self._chars), self._starts, self._ends, self._kind)
            )
        self._chars, self._starts, self._ends = [], [], []
        self._kind = "prose"

    def finish(self) -> list[Segment]:
        self.end_block()
        return self.segments
