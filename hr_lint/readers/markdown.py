"""Markdown reader (CommonMark + GFM tables and strikethrough).

markdown-it-py gives the block structure and, for each inline block, its
`content` (the block's lines without container prefixes) and a flat list of
inline tokens.  It does not give inline offsets, so we map every `content`
char to a source offset line by line, then walk the inline tokens and find
each one in `content` sequentially (tokens come in source order).

Prose: headings, paragraphs (also in lists and blockquotes), table cells, link
text, image alt text (own segment, kind "alt"), visible text of raw HTML (via
the HTML reader) and the front-matter values of title/description/summary.
Skipped: code (fenced, indented, inline: a placeholder), HTML tags and
comments, link/image destinations and titles, autolinks, bare URLs, e-mail
addresses and reference definitions.
"""
from __future__ import annotations

import bisect
import re

from markdown_it import MarkdownIt

from ..document import ProseBuilder, Segment
from . import html as html_reader
from .plaintext import Run, collect, lines

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_MD.disable("text_join")  # keep escapes and entities as their own tokens

_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
_FRONT_KEYS = re.compile(r"(title|description|summary)[ \t]*:(?=[ \t]|$)[ \t]*")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


class _CMap:
    """The source offset of each character of an inline block's content, as runs: a run
    either steps one for one through the source (a paragraph line) or maps all its
    characters to one offset (indentation, a line break), so a long paragraph costs a
    few entries, not one per character."""

    __slots__ = ("starts", "src", "step", "n")

    def __init__(self) -> None:
        self.starts: list[int] = []  # content position where each run starts
        self.src: list[int] = []  # source offset of its first character
        self.step: list[int] = []  # 1: one for one; 0: every character maps to src
        self.n = 0

    def add(self, src: int, length: int, step: int) -> None:
        if length <= 0:
            return
        if step and self.starts and self.step[-1] and self.src[-1] + self.n - self.starts[-1] == src:
            self.n += length  # goes on where the last run ends
            return
        self.starts.append(self.n)
        self.src.append(src)
        self.step.append(step)
        self.n += length

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k: int) -> int:
        i = max(0, bisect.bisect_right(self.starts, k) - 1)
        return self.src[i] + (k - self.starts[i]) * self.step[i]

    def runs(self, a: int, b: int):
        """(start, end, source offset of start, step) of the runs over content[a:b]."""
        i = max(0, bisect.bisect_right(self.starts, a) - 1)
        while a < b and i < len(self.starts):
            z = min(b, self.starts[i + 1] if i + 1 < len(self.starts) else self.n)
            if z > a:
                yield a, z, self.src[i] + (a - self.starts[i]) * self.step[i], self.step[i]
            a = max(a, z)
            i += 1


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.b = ProseBuilder(source)  # blocks
        self.ab = ProseBuilder(source)  # alt text and attributes, finished one by one
        self.spans = list(lines(source))
        self.row_cursor: dict[int, int] = {}  # next search position in a table row
        self._seen: tuple[int, str] = (-1, "")

    def line(self, n: int) -> str:
        s, e = self.spans[n]
        return self.source[s:e].removesuffix("\r")

    # -- front matter -------------------------------------------------------

    def front_matter(self) -> int:
        """Lint title/description/summary values; return the number of lines it spans."""
        if not self.spans or self.line(0).rstrip() != "---":
            return 0
        close = next(
            (k for k in range(1, len(self.spans)) if self.line(k).rstrip() in ("---", "...")),
            None,
        )
        if close is None:
            return 0
        i = 1
        while i < close:
            m = _FRONT_KEYS.match(self.line(i))
            j = i + 1
            # Continuation lines of the value are indented (or blank).
            while j < close and (not self.line(j).strip() or self.line(j)[0] in " \t"):
                j += 1
            if m:
                run = Run()
                self._yaml_value(run, self.spans[i][0] + m.end(), i, j)
                self.b.kind("front-matter")
                run.flush(self.b)
                self.b.end_block()
            i = j
        return close + 1

    def _yaml_value(self, run: Run, start: int, first: int, stop: int) -> None:
        src = self.source
        end = self.spans[stop - 1][1]
        head = src[start:self.spans[first][1]].strip()
        if head[:1] in ("|", ">"):  # block scalar: the indented lines below
            if stop > first + 1:
                run.copy(src, self.spans[first + 1][0], end)
        elif head[:1] in ('"', "'"):
            q = head[0]
            i = src.index(q, start) + 1
            while i < end:
                c = src[i]
                if c == q and q == "'" and src.startswith("''", i):
                    run.add("'", i + 1, i + 2)
                    i += 2
                    continue
                if c == q:
                    break
                if c == "\\" and q == '"' and i + 1 < end:
                    nxt = src[i + 1]
                    run.add(" " if nxt in "ntr" else nxt, i + 1, i + 2)
                    i += 2
                    continue
                run.add(c, i, i + 1)
                i += 1
        else:  # plain scalar, possibly folded over indented lines; drop comments
            for n in range(first, stop):
                s = start if n == first else self.spans[n][0]
                e = self.spans[n][1]
                hash_at = re.search(r"(?:^|[ \t])#", src[s:e])
                run.copy(src, s, s + hash_at.start() if hash_at else e)
                run.add(" ", e, e)

    # -- content offsets ----------------------------------------------------

    def _seen_line(self, n: int) -> str:
        """Line n as markdown-it saw it (same length as the source line); the last one is
        kept, as a table row's cells are located one after another on the same line."""
        if self._seen[0] != n:
            self._seen = (n, self.line(n).replace("\r", " ").replace("\0", "\ufffd"))
        return self._seen[1]

    def _locate(self, piece: str, n: int, lo: int, suffix: bool, cmap: _CMap) -> int:
        """Map each char of `piece`, a stretch of line n at or after column lo, to its source
        offset (appended to cmap); returns the offset given to the last char."""
        text = self._seen_line(n)
        base = self.spans[n][0]
        core = piece.strip(" \t")
        lead = len(piece) - len(piece.lstrip(" \t"))
        if not core:
            cmap.add(base + min(lo, len(text)), len(piece), 0)
            return base + min(lo, len(text))
        pos = -1
        if suffix:  # paragraph lines are the tail of their source line
            t = text.rstrip(" \t")
            if t.endswith(core) and len(t) - len(core) >= lo:
                pos = len(t) - len(core)
        if pos < 0:
            pos = text.find(core, lo)
        if pos >= 0:
            first, last = base + pos, base + pos + len(core) - 1
            cmap.add(first, lead, 0)
            cmap.add(first, len(core), 1)
        else:  # content differs from source (an escaped pipe in a table): align greedily
            offs, j = [], lo
            for ch in core:
                k = text.find(ch, j)
                if k >= 0:
                    j = k + 1
                offs.append(base + (k if k >= 0 else max(j - 1, 0)))
            first, last = offs[0], offs[-1]
            cmap.add(first, lead, 0)
            for o in offs:
                cmap.add(o, 1, 1)
        trail = len(piece) - lead - len(core)
        cmap.add(last + 1, trail, 0)
        return last + 1 if trail else last

    def content_map(self, token, kind: str, heading_markup: str) -> _CMap:
        """Source offset of each char of an inline token's content."""
        l0, l1 = token.map
        parts = token.content.split("\n")
        cmap = _CMap()
        for k, piece in enumerate(parts):
            n = min(l0 + k, l1 - 1, len(self.spans) - 1)
            if kind == "cell":
                lo = self.row_cursor.get(n, 0)
                last = self._locate(piece, n, lo, False, cmap)
                if piece:
                    self.row_cursor[n] = last + 1 - self.spans[n][0]
            elif heading_markup.startswith("#"):
                m = re.match(r"[^#]*#+", self.line(n))
                self._locate(piece, n, m.end() if m else 0, False, cmap)
            else:
                self._locate(piece, n, 0, True, cmap)
            if k < len(parts) - 1:
                cmap.add(self.spans[n][1], 1, 0)  # the "\n"
        return cmap

    # -- inline tokens ------------------------------------------------------

    def inline(self, children, content: str, cmap: _CMap, b: ProseBuilder, cursor: int) -> int:
        """Add the prose of inline tokens to b; return the content position after them."""
        run = Run()
        skip_from = None  # content position where skipped inline HTML (<code>) started
        i = 0

        def find(s: str, at: int) -> int:
            p = content.find(s, at)
            return p if p >= 0 else at

        def found(s: str, at: int) -> bool:
            return content.startswith(s, at)

        def span(p: int, e: int) -> tuple[int, int]:
            last = len(cmap) - 1
            return cmap[min(p, last)], cmap[min(max(e - 1, p), last)] + 1

        while i < len(children):
            t = children[i]
            ty = t.type
            if ty == "text":
                p = find(t.content, cursor)
                if skip_from is None and found(t.content, p):
                    for a, z, src, step in cmap.runs(p, p + len(t.content)):
                        if step:  # a stretch of one source line: one copy
                            run.copy_as(content[a:z], src)
                        else:
                            for k in range(a, z):
                                run.add(content[k], src, src + 1)
                cursor = p + len(t.content)
            elif ty == "text_special":
                p = find(t.markup, cursor)
                e = p + len(t.markup)
                if skip_from is None and found(t.markup, p):
                    if t.info == "escape" and t.content != t.markup:
                        # keep the escaped char, mapped to itself (not the backslash)
                        run.add(t.content, cmap[p + 1], cmap[p + 1] + 1)
                    elif t.info == "entity":
                        s, en = span(p, e)
                        for ch in t.content:
                            run.add(ch, s, en)
                    else:
                        for k in range(p, e):
                            run.add(content[k], cmap[k], cmap[k] + 1)
                cursor = e
            elif ty in ("softbreak", "hardbreak"):
                p = content.find("\n", cursor)
                if p >= 0:
                    run.add(" ", cmap[p], cmap[p] + 1)
                    cursor = p + 1
            elif ty in _EMPHASIS:
                cursor = find(t.markup, cursor) + len(t.markup)
            elif ty == "code_inline":
                p = _backtick_run(content, cursor, len(t.markup))
                q = _backtick_run(content, p + len(t.markup), len(t.markup))
                e = q + len(t.markup)
                run.flush(b)
                if skip_from is None:
                    b.placeholder(*span(p, e))
                cursor = e
            elif ty == "html_inline":
                p = find(t.content, cursor)
                e = p + len(t.content)
                cursor = e
                m = _HTML_TAG.match(t.content)
                name = m.group(2).lower() if m else ""
                closing = bool(m and m.group(1))
                if name in html_reader.SKIP:
                    if not closing and skip_from is None:
                        skip_from = p
                    elif closing and skip_from is not None:
                        run.flush(b)
                        b.placeholder(*span(skip_from, e))
                        skip_from = None
                elif name in html_reader.BLOCK or name in html_reader.GAP:
                    run.add(" ", cmap[p], cmap[p])
                if m and not closing and skip_from is None:
                    s = cmap[p]
                    if self.source.startswith(t.content, s):  # tag on one line
                        html_reader.tag_attributes(t.content, s, self.ab, self.source)
            elif ty == "link_open":
                if t.markup == "autolink":  # <https://...>: skip it all
                    p = find("<", cursor)
                    while i < len(children) and children[i].type != "link_close":
                        i += 1
                    e = find(">", p) + 1
                    run.flush(b)
                    b.placeholder(*span(p, e))
                    cursor = e
                else:
                    cursor = find("[", cursor) + 1
            elif ty == "link_close":
                cursor = _skip_destination(content, cursor)
            elif ty == "image":
                p = find("![", cursor)
                run.flush(b)
                self.ab.kind("alt")
                e = self.inline(t.children or [], content, cmap, self.ab, p + 2)
                self.ab.kind("alt")
                self.ab.end_block()
                e = _skip_destination(content, e)
                b.placeholder(*span(p, e))
                cursor = e
            i += 1
        run.flush(b)
        return cursor

    # -- blocks -------------------------------------------------------------

    def read(self) -> list[Segment]:
        fm = self.front_matter()
        # Same lines as the source (so token maps are source lines), front matter
        # blanked, and any lone "\r" made a space: markdown-it would count it as a line.
        text = "\n".join(
            "" if n < fm else self.line(n).replace("\r", " ") for n in range(len(self.spans))
        )
        kind, markup = "prose", ""
        for tok in _MD.parse(text):
            ty = tok.type
            if ty == "heading_open":
                kind, markup = "heading", tok.markup
            elif ty in ("th_open", "td_open"):
                kind, markup = "cell", ""
            elif ty == "paragraph_open":
                kind, markup = "prose", ""
            elif ty == "inline" and tok.map and tok.content.strip():
                cmap = self.content_map(tok, kind, markup)
                self.b.kind(kind)
                self.inline(tok.children or [], tok.content, cmap, self.b, 0)
                self.b.kind(kind)
                self.b.end_block()
            elif ty == "html_block" and tok.map:
                l0, l1 = tok.map
                start = self.spans[l0][0]
                end = self.spans[min(l1, len(self.spans)) - 1][1]
                html_reader.read_region(self.source, start, end, self.b, self.ab)
        return collect(self.b, self.ab)


def _backtick_run(s: str, at: int, n: int) -> int:
    """Start of the first run of exactly n backticks at or after `at`."""
    ticks = "`" * n
    p = s.find(ticks, at)
    while p >= 0:
        # (an escaped backtick just before `at` is not part of the run)
        if (p == at or s[p - 1] != "`") and s[p + n:p + n + 1] != "`":
            return p
        q = p
        while q < len(s) and s[q] == "`":
            q += 1
        p = s.find(ticks, q)
    return at


def _skip_destination(s: str, at: int) -> int:
    """Position after a link's closing "]" and its "(url "title")" or "[label]"."""
    p = s.find("]", at)
    if p < 0:
        return at
    q = p + 1
    if s.startswith("[", q):
        r = s.find("]", q)
        return r + 1 if r >= 0 else q
    if not s.startswith("(", q):
        return q
    i, depth, n = q + 1, 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "<" and depth == 0 and not s[q + 1:i].strip():
            i = s.find(">", i) + 1 or n  # <destination with spaces>
            continue
        if c in "\"'" and s[i - 1] in " \t\n":  # title
            i = s.find(c, i + 1) + 1 or n
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    return n


def segments(source: str, wanted: list[int] | None = None) -> list[Segment]:
    # `wanted` is not used: blocks here are found by a parser that reads the whole file
    return _Reader(source).read()
