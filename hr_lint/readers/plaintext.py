"""Plain text reader, and the small helpers the other readers share.

Paragraphs (separated by blank lines) are segments; everything is prose except
URLs and e-mail addresses, which become placeholders so that the words on either
side do not become neighbours.
"""
from __future__ import annotations

import re

from ..document import ProseBuilder, Segment

# Bare URLs and e-mail addresses.  The look-behinds keep "foo.www.bar" and the
# middle of words from starting a match.
URL_RE = re.compile(
    r"(?<![\w@/.])(?:(?:https?|ftp)://|www\.)[^\s<>\"'`]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_TRAILING = ".,;:!?'\"*_"


def url_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each URL or e-mail address in text, trailing punctuation left out."""
    spans = []
    for m in URL_RE.finditer(text):
        s, e = m.span()
        while e > s:
            last = text[e - 1]
            # A closing bracket belongs to the URL only if the URL opened it.
            if last in _TRAILING or (
                last in ")]}" and text.count("([{"[")]}".index(last)], s, e)
                < text.count(last, s, e)
            ):
                e -= 1
            else:
                break
        if e > s:
            spans.append((s, e))
    return spans


class Run:
    """Decoded text waiting to go into a builder, with the source span of each char.

    Readers add a stretch of inline text (which may be interrupted by markup
    they drop) and flush it at boundaries; the flush is where URLs are found,
    so a URL split by an entity or an escape is still one URL.
    """

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def copy(self, source: str, start: int, end: int) -> None:
        for i in range(start, end):
            self.add(source[i], i, i + 1)

    def flush(self, b: ProseBuilder) -> None:
        if not self.chars:
            return
        text = "".join(self.chars)
        i = 0
        for s, e in url_spans(text):
            for k in range(i, s):
                b.char(self.chars[k], self.starts[k], self.ends[k])
            b.placeholder(self.starts[s], self.ends[e - 1])
            i = e
        for k in range(i, len(self.chars)):
            b.char(self.chars[k], self.starts[k], self.ends[k])
        self.chars, self.starts, self.ends = [], [], []


def collect(*builders: ProseBuilder) -> list[Segment]:
    """The builders' segments in source order, without placeholder-only ones
    (a paragraph that is just inline code has no prose)."""
    segs = [s for b in builders for s in b.finish() if s.text.strip(" \u2022")]
    segs.sort(key=lambda s: s.starts[0])
    return segs


def lines(source: str):
    """(start, end) of each line, end excluding the "\\n" (a "\\r" stays in)."""
    start = 0
    n = len(source)
    while start <= n:
        end = source.find("\n", start)
        if end == -1:
            end = n
        yield start, end
        start = end + 1


def segments(source: str) -> list[Segment]:
    b = ProseBuilder(source)
    run = Run()
    for start, end in lines(source):
        if source[start:end].strip():
            run.copy(source, start, min(end + 1, len(source)))  # keep the "\n": a space
        else:
            run.flush(b)
            b.end_block()
    run.flush(b)
    return collect(b)
