"""Where a text can be read a piece at a time.

`split(source, fmt)` gives the offsets where reading can start afresh (reading each
piece `source[a:b]` on its own gives exactly the segments that reading the whole text
gives there), and a suffix that every piece needs after it: Markdown's link reference
definitions, which count in the whole document. The language server re-lints only the
pieces an edit touched (`hr_lint/lsp/incremental.py`); `tests/test_lsp_blocks.py` lints
every evaluation document both ways and compares.

Each format cuts only where its reader keeps no state across the cut:
- text: after a run of blank lines (paragraphs are the reader's blocks);
- reStructuredText: the reader's own fresh lines (`rst.fresh_starts`);
- Markdown: before a top-level block (markdown-it's block parser decides, with the
  reader's options), outside front matter, never before a line that is "---";
- HTML: before a block-level tag that starts a line, where no skipped element
  (script, style, code, pre...), comment, `<head>` or `<cite>` is open.
"""
from __future__ import annotations

import bisect
import re

from markdown_it import MarkdownIt

from . import html as html_reader
from . import rst as rst_reader
from .plaintext import _BLANK_LINES

# the block rules of the Markdown reader's parser (`markdown._MD`), without inline parsing
_MD_BLOCKS = MarkdownIt("commonmark").enable(["table"]).disable(["inline", "text_join"])
_LINE_END = re.compile(r"\n")


def split(source: str, fmt: str) -> tuple[list[int], str]:
    """(sorted piece starts, beginning with 0; the suffix to read after each piece)."""
    if fmt == "markdown":
        return _markdown(source)
    if fmt == "html":
        return _html(source), ""
    if fmt == "rst":
        return rst_reader.fresh_starts(source), ""
    return [0] + [m.end() for m in _BLANK_LINES.finditer(source) if m.end() < len(source)], ""


# -- Markdown ---------------------------------------------------------------------------------

def _markdown(source: str) -> tuple[list[int], str]:
    pieces = _markdown_pieces(source)
    return [start for start, _ in pieces], _definitions(pieces)


def _definitions(pieces) -> str:
    definitions = [line for _, lines in pieces for line in lines]
    return "\n\n" + "\n".join(definitions) + "\n" if definitions else ""


def _line_starts(source: str, start: int = 0, end: int | None = None) -> list[int]:
    end = len(source) if end is None else end
    return [start] + [m.end() for m in _LINE_END.finditer(source, start, end) if m.end() < end]


def _markdown_pieces(source: str, start: int = 0, end: int | None = None) -> list[tuple[int, list[str]]]:
    """(offset, link reference definitions) of each piece of source[start:end], a
    stretch that parsing starts afresh at (0, or a piece start of an earlier parse)."""
    end = len(source) if end is None else end
    starts = _line_starts(source, start, end)
    lines = [source[a:b].removesuffix("\n").removesuffix("\r") for a, b in zip(starts, starts[1:] + [end])]
    front = _front_matter(lines) if start == 0 else 0
    # the reader's text: same lines, front matter blanked, a lone "\r" made a space
    text = "\n".join("" if n < front else line.replace("\r", " ") for n, line in enumerate(lines))
    covered = [False] * len(lines)
    cuts = [0]
    for tok in _MD_BLOCKS.parse(text):
        if tok.level != 0 or tok.map is None:
            continue
        first, last = tok.map
        for n in range(first, min(last, len(lines))):
            covered[n] = True
        if first > front and first > cuts[-1] and lines[first].rstrip() != "---":
            cuts.append(first)
    pieces = []
    for a, b in zip(cuts, cuts[1:] + [len(lines)]):
        # lines outside every block and not blank are link reference definitions
        definitions = [lines[n] for n in range(max(a, front), b) if not covered[n] and lines[n].strip()]
        pieces.append((starts[a], definitions))
    return pieces


class Splitter:
    """`split` for one document that is edited again and again. Markdown is parsed again
    only from the last piece that starts before an edit (its first line untouched) to the
    first piece after the edit that still starts a block; the pieces beyond are the same
    text parsed from the same fresh state, so they are kept, moved."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._pieces: list[tuple[int, list[str]]] = []
        self.reparsed = 0  # characters the last call parsed (for tests and the benchmark)

    def split(self, text: str, fmt: str) -> tuple[list[int], str]:
        if fmt != "markdown":
            self._text = None
            return split(text, fmt)
        pieces = self._update(text) if self._text is not None else None
        if pieces is None:
            pieces = _markdown_pieces(text)
            self.reparsed = len(text)
        self._text, self._pieces = text, pieces
        return [start for start, _ in pieces], _definitions(pieces)

    def _update(self, new: str):
        old, pieces = self._text, self._pieces
        prefix = _common_prefix(old, new)
        if prefix == len(old) == len(new):
            self.reparsed = 0
            return pieces
        suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
        delta = len(new) - len(old)
        offsets = [start for start, _ in pieces]
        # the last piece (not the first: front matter) whose first line is untouched
        k = bisect.bisect_right(offsets, prefix) - 1
        while k > 0 and not _line_before(old, offsets[k], prefix):
            k -= 1
        if k <= 0:
            return None
        begin = offsets[k]
        # the first old piece that starts in the untouched end, and the one after it
        j = max(bisect.bisect_left(offsets, len(old) - suffix), k + 1)
        if j < len(pieces):
            target = pieces[j][0] + delta
            window_end = pieces[j + 1][0] + delta if j + 1 < len(pieces) else len(new)
            region = _markdown_pieces(new, begin, window_end)
            starts = [s for s, _ in region]
            if target in starts:
                self.reparsed = window_end - begin
                head = region[:starts.index(target)]
                return pieces[:k] + head + [(s + delta, d) for s, d in pieces[j:]]
        self.reparsed = len(new) - begin
        return pieces[:k] + _markdown_pieces(new, begin)


def _line_before(text: str, start: int, limit: int) -> bool:
    """Whether the line starting at `start`, with its line break, ends by `limit`."""
    nl = text.find("\n", start)
    return nl != -1 and nl + 1 <= limit


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _front_matter(lines: list[str]) -> int:
    """Lines of YAML front matter at the top, as the Markdown reader finds it (0: none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for k in range(1, len(lines)):
        if lines[k].rstrip() in ("---", "..."):
            return k + 1
    return 0


# -- HTML -------------------------------------------------------------------------------------

HTML_TOKEN = re.compile(
    r"""<!--[\s\S]*?(?:-->|\Z)            # comment
    |<!\[CDATA\[[\s\S]*?(?:\]\]>|\Z)      # CDATA
    |<[!?][^>]*(?:>|\Z)                   # declaration, processing instruction
    |<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*(?:>|\Z)  # tag
    """,
    re.X,
)
_RAW_TEXT = {"script": re.compile(r"</script(?=[\s/>])", re.I), "style": re.compile(r"</style(?=[\s/>])", re.I)}


def _html(source: str) -> list[int]:
    cuts = [0]
    skipping: dict[str, int] = {}
    in_head = False
    cite = 0
    pos = 0
    n = len(source)
    while pos < n:
        lt = source.find("<", pos)
        if lt == -1:
            break
        m = HTML_TOKEN.match(source, lt)
        if m is None:
            pos = lt + 1
            continue
        name = (m.group("name") or "").lower()
        closing = bool(m.group("close"))
        if name:
            if (not closing and name in html_reader.BLOCK and not any(skipping.values()) and not in_head
                    and not cite and lt > cuts[-1]):
                line_start = _line_start(source, lt)
                if line_start is not None:
                    cuts.append(line_start)
            if name == "head":
                in_head = not closing
            elif name == "body":
                in_head = False
            elif name == "cite" and not any(skipping.values()):
                cite = max(0, cite + (-1 if closing else 1))
            if name in html_reader.SKIP:
                if closing:
                    if skipping.get(name):
                        skipping[name] -= 1
                else:
                    skipping[name] = skipping.get(name, 0) + 1
            if not closing and name in _RAW_TEXT:
                # the parser reads script and style as raw text up to their end tag
                end = _RAW_TEXT[name].search(source, m.end())
                if end is None:
                    break
                pos = end.start()
                continue
        pos = m.end()
    return cuts


def _line_start(source: str, at: int) -> int | None:
    """Where the line holding `at` starts, if only spaces and tabs stand before `at` on
    it (None otherwise). Looks back over those blanks only: searching for the line break
    from the start of the document made every block cost the length of the text."""
    i = at - 1
    while i >= 0 and source[i] in " \t":
        i -= 1
    return i + 1 if i < 0 or source[i] in "\n\r" else None
