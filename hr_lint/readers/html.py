"""HTML reader.

Prose is the text content of the page (with `<title>`) plus the values of the
`alt` and `title` attributes, each attribute value its own segment.  Skipped:
script, style, code, pre, kbd, samp, template, comments, declarations, every
other attribute, and bare URLs in text.  Block-level tags close the current
segment; inline tags (a, em, span...) do not, so "substance <em>abuse</em>" is
one phrase.

`HTMLParser(convert_charrefs=False)` hands us raw text and each entity
separately, and `getpos()` gives where each event starts, so every prose char
maps to exact source offsets; an entity maps to its whole `&...;` span.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..document import ProseBuilder, Segment
from .plaintext import Run, collect

BLOCK = frozenset(
    """address article aside blockquote body br caption center dd details dialog div
    dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup
    hr html iframe legend li main menu nav noscript ol optgroup option p pre search
    section select summary table tbody td textarea tfoot th thead title tr ul
    audio video canvas object""".split()
)
SKIP = frozenset("script style code pre kbd samp template".split())
# Skipped inline elements leave a placeholder so their neighbours stay apart.
SKIP_INLINE = frozenset("code kbd samp".split())
# Inline elements that stand between words without text of their own.
GAP = frozenset("img input embed".split())
KIND = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
        "h5": "heading", "h6": "heading", "title": "heading", "td": "cell", "th": "cell"}
LINTED_ATTRS = ("alt", "title")

_TAG_NAME = re.compile(r"<[^\s/>]*")
_ATTR = re.compile(
    r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`=<][^\s>]*)))?"""
)
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")


def add_with_entities(run: Run, source: str, start: int, end: int) -> None:
    """Add source[start:end] to run, decoding character references."""
    i = start
    for m in _ENTITY.finditer(source, start, end):
        run.copy(source, i, m.start())
        raw = m.group()
        decoded = html.unescape(raw)
        if decoded == raw:
            run.copy(source, m.start(), m.end())
        else:
            for ch in decoded:
                run.add(ch, m.start(), m.end())
        i = m.end()
    run.copy(source, i, end)


def tag_attributes(raw: str, at: int, ab: ProseBuilder, source: str) -> None:
    """Lint the alt/title values of the start tag `raw` found at source offset `at`."""
    m = _TAG_NAME.match(raw)
    pos = m.end() if m else 1
    for a in _ATTR.finditer(raw, pos):
        name = a.group(1).lower()
        if name not in LINTED_ATTRS:
            continue
        for g in (2, 3, 4):
            if a.group(g) is not None:
                run = Run()
                add_with_entities(run, source, at + a.start(g), at + a.end(g))
                ab.kind(name if name == "title" else "alt")
                run.flush(ab)
                ab.end_block()
                break


# A '<' after the last '>' of the text can open no tag, comment or declaration: html.parser
# would still try each one, reading to the end of the text every time (quadratic on
# "<a <a <a ..."). Such a '<' is masked with a character of the same length that the
# parser reads as text; the text itself is always copied from the source.
_MASK = "\ue000"


def _tail_masked(text: str) -> str:
    last = text.rfind(">")
    tail = text[last + 1:]
    if "<" not in tail:
        return text
    return text[:last + 1] + tail.replace("<", _MASK)


class _Parser(HTMLParser):
    def __init__(self, source: str, base: int, b: ProseBuilder, ab: ProseBuilder):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        self.b = b
        self.ab = ab
        self.run = Run()
        self.skipping: dict[str, int] = {}
        self.in_head = False
        self.skip_from = 0  # where the outermost skipped element starts
        self.line_starts: list[int] = []

    def feed_region(self, end: int) -> None:
        while True:
            text = _tail_masked(self.source[self.base:end])
            self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
            try:
                self.reset()
                self.feed(text)
                self.close()
                break
            except AssertionError:
                # html.parser gives up on some malformed "<!..." markup: drop that
                # "<" and read on from the next char
                self.base = self._at() + 1
        self.block()

    def _at(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[line - 1] + col

    def block(self, kind: str | None = None) -> None:
        self.run.flush(self.b)
        self.b.end_block()
        if kind:
            self.b.kind(kind)

    def skip(self) -> bool:
        return any(self.skipping.values())

    def handle_starttag(self, tag, attrs):
        at = self._at()
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag in BLOCK:
            self.block(KIND.get(tag))
        if tag in SKIP:
            self.run.flush(self.b)
            if not self.skip():
                self.skip_from = at
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
            return
        elif tag in GAP and not self.skip():
            self.run.add(" ", at, at)
        if tag == "cite" and not self.skip():  # a work's title: a name, not language to fix
            self.run.flush(self.b)
            self.b.title_start()
        if not self.skip() and not self.in_head:
            raw = self.get_starttag_text() or ""
            tag_attributes(raw, at, self.ab, self.source)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "cite" and not self.skip():
            self.run.flush(self.b)
            self.b.title_end()
        if tag in SKIP:
            if self.skipping.get(tag):
                self.skipping[tag] -= 1
                if not self.skip() and tag in SKIP_INLINE:
                    at = self._at()
                    end = self.source.find(">", at) + 1 or at + len(tag) + 3
                    self.b.placeholder(self.skip_from, end)
            if tag not in BLOCK:
                return
        if tag in BLOCK:
            self.block()

    def handle_data(self, data):
        if self.skip():
            return
        at = self._at()
        if self.source.startswith(data, at) or _MASK in data:
            self.run.copy(self.source, at, at + len(data))
        else:  # not expected with convert_charrefs=False; keep the text anyway
            for ch in data:
                self.run.add(ch, at, at + 1)

    def _reference(self, raw_prefix: str, name: str) -> None:
        if self.skip():
            return
        at = self._at()
        end = at + len(raw_prefix) + len(name)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[at:end]
        decoded = html.unescape(raw)
        if decoded == raw:  # not a known entity: plain text
            self.run.copy(self.source, at, end)
            return
        for ch in decoded:
            self.run.add(ch, at, end)

    def handle_entityref(self, name):
        self._reference("&", name)

    def handle_charref(self, name):
        self._reference("&#", name)


def read_region(source: str, start: int, end: int, b: ProseBuilder, ab: ProseBuilder) -> None:
    """Read the HTML in source[start:end] into builders for text (b) and attributes (ab)."""
    _Parser(source, start, b, ab).feed_region(end)


def segments(source: str, wanted: list[int] | None = None) -> list[Segment]:
    # `wanted` is not used: blocks here are found by a parser that reads the whole file
    b, ab = ProseBuilder(source), ProseBuilder(source)
    read_region(source, 0, len(source), b, ab)
    return collect(b, ab)
