"""reStructuredText reader: a line-based scanner (docutils gives no exact offsets).

Prose: paragraphs, section titles (kind "heading"), list items, field bodies,
footnotes, table cells (grid and simple tables, kind "cell"), the bodies of
directives that hold prose (note, warning, figure captions...) and the argument
of admonition-like directives.

Skipped: literal blocks after "::", doctest blocks, code-like directives
(code, code-block, sourcecode, raw, math, toctree, include, auto*...) with their
bodies, directive options, comments, hyperlink targets, substitution
definitions (except `replace::` text), section adornments, table borders,
list/field markers, inline literals, role targets (:ref:`x`, :doc:`x`...; the
explicit title of `:ref:`Title <x>`` is kept), footnote and substitution
references, URLs and e-mail addresses.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document import ProseBuilder, Segment
from .plaintext import Run, collect, holds, lines

CODE_DIRECTIVES = frozenset(
    """code code-block sourcecode literalinclude include raw math highlight toctree
    graphviz digraph graph plot mermaid uml doctest testcode testoutput testsetup
    testcleanup ipython jupyter-execute parsed-literal productionlist index meta
    tabularcolumns default-role role default-domain currentmodule module program
    option envvar csv-table-file literal""".split()
)
# Directives whose argument (text after "::") is prose: a title or the note itself.
PROSE_ARG_DIRECTIVES = frozenset(
    """note warning tip important caution danger error hint attention admonition
    topic sidebar rubric seealso epigraph pull-quote highlights title centered
    table csv-table list-table deprecated versionadded versionchanged versionremoved
    compound line-block todo tab tab-item dropdown card grid-item-card""".split()
)
# Roles whose content is what the reader sees (the rest name targets or code).
TEXT_ROLES = frozenset(
    """emphasis strong sub subscript sup superscript title-reference title t abbr
    term dfn guilabel menuselection index""".split()
)
CODE_ROLES = frozenset(
    "code math samp kbd file literal raw command program envvar option regexp makevar".split()
)

_EXPLICIT = re.compile(r"(\s*)\.\.(?:\s+|$)")
_ADORNMENT = re.compile(r"\s*([!-/:-@\[-`{-~])\1+\s*$")
_GRID_BORDER = re.compile(r"\s*\+(?:[-=:]+\+)+\s*$")
_SIMPLE_BORDER = re.compile(r"\s*=+(?:[ \t]+=+)+\s*$")
_SPAN_LINE = re.compile(r"\s*-+(?:[ \t]+-+)*\s*$")
_BULLET = re.compile(r"(\s*)[-*+\u2022\u2023\u2043](?:[ \t]+|$)")
_ENUM = re.compile(r"(\s*)(?:\(?(?:\d+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)\)|(?:\d+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)\.)(?:[ \t]+|$)")
_FIELD = re.compile(r"(\s*):(?![\s:])(?:[^:`\\]|\\.)+?(?<!\s):(?:[ \t]+|$)")
_LINE_BLOCK = re.compile(r"(\s*)\|(?:[ \t]+|$)")
_ANON_TARGET = re.compile(r"\s*__ ")

# the lookahead lets the scan skip, at C speed, every position that cannot start markup
_INLINE_ALTERNATIVES = {
    "esc": r"(?P<esc>\\[\s\S])",
    "lit": r"(?P<lit>(?<![\w\\])``(?=\S)[\s\S]*?(?<=\S)``(?!\w))",
    "interp": r"""(?P<interp>(?<![\w\\`])(?::(?P<role>[A-Za-z][\w.+:-]*?):)?`(?=\S)(?P<body>[^`]+?)(?<=\S)`
        (?::(?P<role2>[A-Za-z][\w.+:-]*?):)?(?P<ref>__?)?(?!\w))""",
    "fn": r"(?P<fn>(?<![\w\\])\[(?:\#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\]_(?!\w))",
    "sub": r"(?P<sub>(?<![\w\\])\|(?=\S)[^|\n]+?(?<=\S)\|(?:__?)?(?!\w))",
    "strong": r"(?P<strong>(?<![\w\\*])\*\*(?=\S)(?P<strong_body>[\s\S]+?)(?<=\S)\*\*(?![\w*]))",
    "em": r"(?P<em>(?<![\w\\*])\*(?=[^\s*])(?P<em_body>[\s\S]+?)(?<=[^\s\\*])\*(?![\w*]))",
    "refname": r"(?P<refname>(?<=[^\W_])__?(?!\w))",
}
# An opener of these runs to the first closer after it, across anything; with no closer
# after it the regex reads to the end of the paragraph from that opener, so "*a *a *a ..."
# would cost the square of its length. Past the last closer of a kind, an opener of that
# kind cannot match, and the kind is left out of the regex there.
_LAST_CLOSER = {
    "lit": re.compile(r"[\s\S]*(?<=\S)``(?!\w)"),
    "strong": re.compile(r"[\s\S]*(?<=\S)\*\*(?![\w*])"),
    "em": re.compile(r"[\s\S]*(?<=[^\s\\*])\*(?![\w*])"),
}
_OPENER = {
    "lit": re.compile(r"(?<![\w\\])``(?=\S)"),
    "strong": re.compile(r"(?<![\w\\*])\*\*(?=\S)"),
    "em": re.compile(r"(?<![\w\\*])\*(?=[^\s*])"),
}
_MARKER = {"lit": "``", "strong": "**", "em": "*"}
_NEVER = {"lit": r"(?P<lit>(?!))", "strong": r"(?P<strong>(?!)(?P<strong_body>))", "em": r"(?P<em>(?!)(?P<em_body>))"}
_MARKUP_START = re.compile(r"[\\`:\[|*_]")
_FEW = 16  # openers without a closer that the plain scan may meet: each costs a read to the end
_inline_regexes: dict[frozenset, re.Pattern] = {}


def _inline_regex(without: frozenset = frozenset()) -> re.Pattern:
    regex = _inline_regexes.get(without)
    if regex is None:
        body = "|".join(_NEVER[k] if k in without else v for k, v in _INLINE_ALTERNATIVES.items())
        regex = _inline_regexes[without] = re.compile(r"(?=[\\`:\[|*_])(?:" + body + ")", re.X)
    return regex


_INLINE = _inline_regex()


def inline_markup(text: str):
    """The matches of `_INLINE` in text, as `_INLINE.finditer(text)` gives them, in linear
    time: where openers without a closer abound, each place that may start markup is tried
    with only the kinds that can still close there."""
    ends: dict[str, int] = {}
    hopeless = 0
    for kind, marker in _MARKER.items():
        if marker not in text:
            continue  # no opener of this kind at all
        m = _LAST_CLOSER[kind].match(text)
        ends[kind] = m.end() if m else -1
        for _ in _OPENER[kind].finditer(text, max(ends[kind], 0)):
            hopeless += 1
            if hopeless >= _FEW:
                break
    if hopeless < _FEW:
        yield from _INLINE.finditer(text)
        return
    pos = 0
    for start in _MARKUP_START.finditer(text):
        q = start.start()
        if q < pos:
            continue
        m = _inline_regex(frozenset(k for k, e in ends.items() if e <= q)).match(text, q)
        if m is not None:
            yield m
            pos = m.end()


# a line after a blank line that starts with a letter or digit at column 0
_FRESH_START = re.compile(r"\n[^\S\n]*\n(?=[^\W_])")
_BORDER_LINE = re.compile(r"^[^\S\n]*=+(?:[ \t]+=+)+[^\S\n]*$", re.M)
_TITLE_TARGET = re.compile(r"([\s\S]*?\S)\s*<[^<>]*>$")


@dataclass
class _Para:
    col: int  # text column of the first line
    marker: int | None = None  # indent of a list/field/footnote marker: continuation is deeper
    what: str = ""  # "item", "field", "lines" or ""
    kind: str = "prose"
    pieces: list[tuple[int, int]] = field(default_factory=list)


class _Reader:
    def __init__(self, source: str, wanted: list[int] | None = None):
        self.source = source
        self.wanted = wanted
        self.b = ProseBuilder(source)
        self.spans = [(s, e - 1 if e > s and source[e - 1] == "\r" else e) for s, e in lines(source)]
        self.para: _Para | None = None
        self.skip_indent: int | None = None  # skip deeper lines (and blanks)
        self.quoted_skip = False  # skip up to the next blank line
        self.literal_base: int | None = None  # a "::" paragraph just ended
        self.options: int | None = None  # directive indent whose options may follow
        self.arg_skip: int | None = None  # directive indent whose argument lines may follow

    def text(self, n: int) -> str:
        s, e = self.spans[n]
        return self.source[s:e]

    # -- paragraphs ---------------------------------------------------------

    def start(self, n: int, col: int, **kw) -> None:
        self.flush()
        self.para = _Para(col=col, **kw)
        self.add(n, col)

    def add(self, n: int, col: int) -> None:
        s, e = self.spans[n]
        if s + col < e:
            self.para.pieces.append((s + col, e))

    def flush(self) -> None:
        p, self.para = self.para, None
        if not p or not p.pieces:
            return
        s, e = p.pieces[-1]
        last = self.source[s:e].rstrip()
        if last.endswith("::"):
            # "text::" shows "text:", "text ::" and "::" show nothing; a literal block follows
            self.literal_base = p.col
            cut = len(last) - (2 if last == "::" or last[-3:-2].isspace() else 1)
            p.pieces[-1] = (s, s + cut)
        self.emit(p.pieces, p.kind)

    def emit(self, pieces: list[tuple[int, int]], kind: str) -> None:
        if not holds(self.wanted, pieces[0][0], max(e for _, e in pieces)):
            return
        src, b = self.source, self.b
        # the lines joined by "\n"; each line and the break after it stand one for one at
        # source offsets from its start, so a text index maps back through `starts`
        text = "\n".join(src[s:e] for s, e in pieces)
        starts: list[int] = []
        pos = 0
        for s, e in pieces:
            starts.append(pos)
            pos += e - s + 1
        run = Run()

        def offset(i: int) -> int:
            k = bisect.bisect_right(starts, i) - 1
            return pieces[k][0] + i - starts[k]

        def keep(a: int, z: int) -> None:
            k = bisect.bisect_right(starts, a) - 1
            while a < z:
                stop = min(z, starts[k + 1]) if k + 1 < len(starts) else z
                run.copy_as(text[a:stop], pieces[k][0] + a - starts[k])
                a = stop
                k += 1

        def hole(a: int, z: int) -> None:
            run.flush(b)
            b.placeholder(offset(a), offset(z - 1) + 1)

        pos = 0
        for m in inline_markup(text):
            keep(pos, m.start())
            pos = m.end()
            if m.group("esc"):
                if not m.group()[1].isspace():  # an escaped space just disappears
                    keep(m.start() + 1, m.end())
            elif m.group("lit") or m.group("fn") or m.group("sub"):
                hole(m.start(), m.end())
            elif m.group("interp"):
                role = (m.group("role") or m.group("role2") or "").split(":")[-1].lower()
                a, z = m.span("body")
                titled = _TITLE_TARGET.match(text, a, z)
                if role in CODE_ROLES:
                    hole(m.start(), m.end())
                elif titled and (m.group("ref") or role):
                    keep(a, titled.end(1))  # `Title <target>`: the title is prose
                elif m.group("ref") or not role or role in TEXT_ROLES:
                    keep(a, z)
                else:
                    hole(m.start(), m.end())
            elif m.group("strong"):
                keep(*m.span("strong_body"))
            elif m.group("em"):
                keep(*m.span("em_body"))
            # refname: the "_" of `word_` is dropped
        keep(pos, len(text))
        run.flush(b)
        b.kind(kind)
        b.end_block()

    # -- tables -------------------------------------------------------------

    def grid_table(self, n: int) -> int:
        """Read a grid table starting at border line n; return the line after it."""
        cells: dict[int, list[tuple[int, int]]] = {}
        cols: list[int] = []
        while n < len(self.spans):
            text = self.text(n)
            s = self.spans[n][0]
            stripped = text.lstrip()
            if _GRID_BORDER.match(text):
                self.emit_cells(cells)
                cols = [i for i, c in enumerate(text) if c == "+"]
            elif stripped.startswith("|") and cols:
                # a cell runs between "|" at column boundaries (spans skip one)
                bounds = [c for c in cols if c < len(text) and text[c] == "|"]
                for left, right in zip(bounds, bounds[1:]):
                    cells.setdefault(left, []).append((s + left + 1, s + right))
            else:
                break
            n += 1
        self.emit_cells(cells)
        return n

    def simple_table(self, n: int) -> int:
        """Read a simple table starting at border line n; return the line after it."""
        border = self.text(n)
        starts = [m.start() for m in re.finditer(r"=+", border)]
        row: dict[int, list[tuple[int, int]]] = {}
        n += 1
        while n < len(self.spans):
            text = self.text(n)
            s = self.spans[n][0]
            if _SIMPLE_BORDER.match(text):
                self.emit_cells(row)
                n += 1
                if n >= len(self.spans) or not self.text(n).strip():
                    return n  # bottom border
                continue
            if _SPAN_LINE.match(text) or not text.strip():
                self.emit_cells(row)
                n += 1
                continue
            if text[: starts[1]].strip() and row:  # text in column 1: a new row
                self.emit_cells(row)
            for j, left in enumerate(starts):
                right = starts[j + 1] if j + 1 < len(starts) else len(text)
                if left < len(text) and text[left:right].strip():
                    row.setdefault(j, []).append((s + left, s + min(right, len(text))))
            n += 1
        self.emit_cells(row)
        return n

    def emit_cells(self, cells: dict[int, list[tuple[int, int]]]) -> None:
        for key in sorted(cells):
            self.emit(cells[key], "cell")
        cells.clear()

    # -- lines --------------------------------------------------------------

    def explicit(self, n: int, ind: int, rest: str, col: int) -> None:
        """A line starting with ".. ": directive, comment, target, footnote..."""
        if rest.startswith("_") or rest.startswith("__:"):  # hyperlink target
            self.skip_indent = ind
            return
        sub = re.match(r"\|[^|]+\|\s+([\w:.+-]+)::(?:\s+|$)", rest)
        if sub:
            if sub.group(1).lower() == "replace":  # the replacement text reads as prose
                self.start(n, col + sub.end(), marker=ind)
            else:
                self.skip_indent = ind
            return
        note = re.match(r"\[(?:#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\](?:\s+|$)", rest)
        if note:
            self.start(n, col + note.end(), marker=ind)
            return
        d = re.match(r"([A-Za-z0-9][\w:+.-]*?)::(?:\s+|$)", rest)
        if not d:  # a comment, with its indented body
            empty = not rest.strip()
            if not (empty and (n + 1 >= len(self.spans) or not self.text(n + 1).strip())):
                self.skip_indent = ind
            return
        name = d.group(1).lower().split(":")[-1]
        if name in CODE_DIRECTIVES or name.startswith("auto"):
            self.skip_indent = ind
            return
        self.options = ind
        if name in PROSE_ARG_DIRECTIVES:
            if rest[d.end():].strip():
                self.start(n, col + d.end(), marker=ind)
        else:  # an argument such as a path may go on over the next lines
            self.arg_skip = ind

    def read(self) -> list[Segment]:
        if self.wanted is None:
            self.read_lines(0, len(self.spans))
        else:
            for start, end in self.wanted_ranges():
                self.reset()
                self.read_lines(start, end)
        self.flush()
        return collect(self.b)

    def reset(self) -> None:
        self.para = None
        self.skip_indent = self.literal_base = self.options = self.arg_skip = None
        self.quoted_skip = False

    def wanted_ranges(self) -> list[tuple[int, int]]:
        """Line ranges that hold the wanted offsets, each from a line where reading can
        start afresh: after a blank line, at column 0, with a letter or digit (every block,
        skip and literal has ended there), and before any simple table (whose rows may
        stand after a blank line). Reading a range gives what reading the whole file
        gives for its blocks."""
        starts = [s for s, _ in self.spans]
        fresh = [bisect.bisect_right(starts, offset) - 1 for offset in fresh_starts(self.source)]
        ranges: list[list[int]] = []
        for w in self.wanted:
            line = bisect.bisect_right(starts, w) - 1
            k = bisect.bisect_right(fresh, line)
            start = fresh[k - 1]
            end = fresh[k] if k < len(fresh) else len(self.spans)
            if ranges and start <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], end)
            else:
                ranges.append([start, end])
        return [(a, b) for a, b in ranges]

    def read_lines(self, n: int, total: int) -> None:
        while n < total:
            text = self.text(n)
            stripped = text.strip()
            ind = len(text) - len(text.lstrip())
            if self.skip_indent is not None:
                if not stripped or ind > self.skip_indent:
                    n += 1
                    continue
                self.skip_indent = None
            if self.quoted_skip:
                if stripped:
                    n += 1
                    continue
                self.quoted_skip = False
            if not stripped:
                self.flush()
                self.options = self.arg_skip = None
                n += 1
                continue
            if self.literal_base is not None:
                base, self.literal_base = self.literal_base, None
                if ind > base:
                    self.skip_indent = base
                    n += 1
                    continue
                if ind == base and not stripped[0].isalnum():  # quoted literal block
                    self.quoted_skip = True
                    n += 1
                    continue
            if self.options is not None and ind > self.options and _FIELD.match(text):
                self.flush()  # a directive option such as ":maxdepth: 2"
                n += 1
                continue
            if self.arg_skip is not None and ind > self.arg_skip:
                n += 1  # the directive's argument, continued (or an option's value)
                continue
            self.options = self.arg_skip = None
            n = self.line(n, text, stripped, ind)

    def line(self, n: int, text: str, stripped: str, ind: int) -> int:
        """Handle one non-blank line; return the next line to read."""
        p = self.para
        if stripped[0].isalnum() and not _ENUM.match(text):
            # most lines: text, which only an enumerator ("2. ", "a) ") could make more
            return self.text_line(n, ind)
        m = _EXPLICIT.match(text)
        if m:
            self.flush()
            self.explicit(n, ind, text[m.end():], m.end())
            return n + 1
        if _ANON_TARGET.match(text):
            self.flush()
            self.skip_indent = ind
            return n + 1
        if _GRID_BORDER.match(text):
            self.flush()
            return self.grid_table(n)
        if _SIMPLE_BORDER.match(text) and not p:
            return self.simple_table(n)
        if _ADORNMENT.match(text) and stripped != "::":
            if p and len(p.pieces) == 1 and p.marker is None:
                p.kind = "heading"  # the line above is a section title
            self.flush()
            return n + 1
        if not p and stripped.startswith(">>>"):  # doctest block
            self.quoted_skip = True
            return n + 1
        m = _BULLET.match(text) or _ENUM.match(text)
        if m and (not p or p.what == "item"):
            self.start(n, m.end(), marker=ind, what="item")
            return n + 1
        m = _FIELD.match(text)
        if m and (not p or p.what == "field"):
            self.start(n, m.end(), marker=ind, what="field")
            return n + 1
        m = _LINE_BLOCK.match(text)
        if m and (not p or p.what == "lines"):
            if p:
                self.add(n, m.end())
            else:
                self.start(n, m.end(), marker=ind, what="lines")
            return n + 1
        return self.text_line(n, ind)

    def text_line(self, n: int, ind: int) -> int:
        p = self.para
        if p and ((p.marker is not None and ind > p.marker) or (p.marker is None and ind == p.col)):
            self.add(n, ind)
        else:  # a new paragraph, or a definition under its term
            self.start(n, ind)
        return n + 1


def fresh_starts(source: str) -> list[int]:
    """Offsets of the lines where reading can start afresh (see `_Reader.wanted_ranges`):
    0, then each line after a blank line that starts at column 0 with a letter or digit,
    up to the first simple-table border."""
    border = _BORDER_LINE.search(source)
    limit = border.start() if border else len(source)
    return [0] + [m.end() for m in _FRESH_START.finditer(source, 0, limit)]


def segments(source: str, wanted: list[int] | None = None) -> list[Segment]:
    return _Reader(source, wanted).read()
