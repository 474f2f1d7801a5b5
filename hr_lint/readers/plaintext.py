"""Plain text reader, and the small helpers the other readers share.

Paragraphs (separated by blank lines) are segments; everything is prose except
URLs and e-mail addresses, which become placeholders so that the words on either
side do not become neighbours, and hr-lint's own comments (`hr-lint: ignore ...` to
the end of its line), which are left out.
"""
from __future__ import annotations

import bisect
import re

from ..document import ProseBuilder, Segment
from ..suppress import TEXT_COMMENT

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
    if "://" not in text and "www." not in text and "@" not in text:
        return spans  # the common case, without running the regex
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
    """Decoded text waiting to go into a builder, with its source spans.

    Readers add a stretch of inline text (which may be interrupted by markup
    they drop) and flush it at boundaries; the flush is where URLs are found,
    so a URL split by an entity or an escape is still one URL. Text is kept in
    pieces: a "copy" piece stands one for one at its source offsets (text added
    right after it at the next offset extends it), an "atom" (an entity) stands
    for its whole source span. A piece's text is a list of parts, joined once at
    the flush, so a paragraph added a character at a time costs linear time.
    """

    def __init__(self) -> None:
        self.pieces: list[list] = []  # [text parts, source start, source end, is_copy]

    def add(self, ch: str, start: int, end: int) -> None:
        if len(ch) == 1 and end == start + 1:
            self.copy_as(ch, start)
        else:
            self.pieces.append([[ch], start, end, False])

    def copy(self, source: str, start: int, end: int) -> None:
        self.copy_as(source[start:end], start)

    def copy_as(self, text: str, start: int) -> None:
        """`text` standing one for one at source offsets from `start` (a "\n" may stand
        for the "\r" of a CRLF line end)."""
        if text:
            end = start + len(text)
            last = self.pieces[-1] if self.pieces else None
            if last is not None and last[3] and last[2] == start:
                last[0].append(text)
                last[2] = end
            else:
                self.pieces.append([[text], start, end, True])

    def _emit(self, b: ProseBuilder, texts: list[str], offsets: list[int], lo: int, hi: int) -> None:
        """Prose characters [lo, hi) of the run into the builder."""
        k = max(0, bisect.bisect_right(offsets, lo) - 1)
        for k in range(k, len(self.pieces)):
            p0 = offsets[k]
            if p0 >= hi:
                break
            text = texts[k]
            _, s, e, is_copy = self.pieces[k]
            p1 = p0 + len(text)
            a, z = max(lo, p0), min(hi, p1)
            if a >= z:
                continue
            if is_copy:
                b.copy_text(text[a - p0:z - p0], s + a - p0)
            else:
                b.char(text[a - p0:z - p0], s, e)

    def _source(self, texts: list[str], offsets: list[int], i: int, end: bool) -> int:
        k = bisect.bisect_right(offsets, i) - 1
        _, s, e, is_copy = self.pieces[k]
        if is_copy:
            return s + (i - offsets[k]) + (1 if end else 0)
        return e if end else s

    def flush(self, b: ProseBuilder) -> None:
        if not self.pieces:
            return
        texts = ["".join(p[0]) for p in self.pieces]
        offsets, n = [], 0
        for t in texts:
            offsets.append(n)
            n += len(t)
        text = "".join(texts)
        pos = 0
        for s, e in url_spans(text):
            self._emit(b, texts, offsets, pos, s)
            b.placeholder(self._source(texts, offsets, s, False), self._source(texts, offsets, e - 1, True))
            pos = e
        self._emit(b, texts, offsets, pos, n)
        self.pieces = []


def holds(wanted: list[int] | None, start: int, end: int) -> bool:
    """Does source[start:end] hold one of the `wanted` offsets (None: everything is wanted)?"""
    if wanted is None:
        return True
    k = bisect.bisect_left(wanted, start)
    return k < len(wanted) and wanted[k] < end


def collect(*builders: ProseBuilder) -> list[Segment]:
    """The builders' segments in source order, without placeholder-only ones
    (a paragraph that is just inline code has no prose)."""
    segs = [s for b in builders for s in b.finish() if s.text.strip(" \u2022")]
    segs.sort(key=lambda s: s.start_of(0))
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


_BLANK_LINES = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
# A short line with no closing punctuation, followed by a line that starts with a capital,
# is a heading or a label ("Progress note", "Weekly update"): it ends its own block, so it
# does not run into the first sentence below it.
_HEADING_BREAK = re.compile(r"(?m)^[ \t]*[^\W\d_][^\n.!?:;,]{0,40}?[^\s.!?:;,\-]\r?\n(?=[ \t]*[A-Z])")
# A question heading ("What is Substance Abuse?", "How Do I Get Help?") on a line of its own,
# followed by a line that starts with a capital, ends its block too: its words are all
# capitalised but for small words (names.heading_words), so it is no question in a paragraph
_QUESTION_LINE = re.compile(r"(?m)^[ \t]*[A-Z][^\n.!?:;,\d]{2,80}\?\r?\n(?=[ \t]*[A-Z])")


def _question_breaks(source: str) -> set[int]:
    from ..names import heading_words

    return {m.end() for m in _QUESTION_LINE.finditer(source) if heading_words(m.group().split())}


def segments(source: str, wanted: list[int] | None = None) -> list[Segment]:
    b = ProseBuilder(source)
    run = Run()
    breaks = sorted({m.end() for m in _BLANK_LINES.finditer(source)} | {m.end() for m in _HEADING_BREAK.finditer(source)}
                    | _question_breaks(source)) \
        if "\n" in source else []  # both need a line break (a post is often one line)
    comments = [m.span() for m in TEXT_COMMENT.finditer(source)] if "hr-lint:" in source else []
    k = 0  # the first comment not yet passed (comments never span a paragraph break)
    pos = 0
    for end in breaks + [len(source)]:  # a blank line or a heading line ends a paragraph
        if holds(wanted, pos, end):
            at = pos
            while k < len(comments) and comments[k][0] < end:  # hr-lint's comments: not prose
                if comments[k][0] >= at:
                    run.copy(source, at, comments[k][0])
                    at = comments[k][1]
                k += 1
            run.copy(source, at, end)
            run.flush(b)
            b.end_block()
        pos = end
    return collect(b)
