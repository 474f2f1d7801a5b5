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
    starts = [0]
    starts.extend(m.end() for m in _LINE_END.finditer(source))
    lines = [source[a:b].removesuffix("\n").removesuffix("\r") for a, b in zip(starts, starts[1:] + [len(source)])]
    front = _front_matter(lines)
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
    # lines outside every block and not blank are link reference definitions
    definitions = [lines[n] for n in range(front, len(lines)) if not covered[n] and lines[n].strip()]
    suffix = "\n\n" + "\n".join(definitions) + "\n" if definitions else ""
    return [starts[n] for n in cuts], suffix


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
                    and not cite and lt > cuts[-1] and _starts_line(source, lt)):
                cuts.append(_line_start(source, lt))
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


def _starts_line(source: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and source[i] in " \t":
        i -= 1
    return i < 0 or source[i] in "\n\r"


def _line_start(source: str, at: int) -> int:
    return max(source.rfind("\n", 0, at), source.rfind("\r", 0, at)) + 1
