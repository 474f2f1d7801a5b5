"""Code actions and hover text for findings, as plain edits (offsets in code points).

- one replacement per suggestion: the suggestions are already fitted to the matched text
  (case, article, number) exactly as `--fix` uses them; the one `--fix` would apply is
  the preferred one;
- "disable this rule on this line": the suppression comment of the file's format
  (Markdown and HTML `<!-- hr-lint disable-line RULE -->` at the end of the line, plain
  text `hr-lint: ignore RULE`; reStructuredText has no comment inside a line, so a
  `disable`/`enable` pair goes around the block). Every such edit is checked before it is
  offered: linting the edited text must drop exactly that rule's findings on that line
  and leave the prose the reader sees unchanged (so a comment never lands inside a tag,
  a code span or front matter);
- "allow this phrase": the phrase added to `allow` in the configuration file that governs
  the document (see `config_edit`);
- "fix all safe findings": the fixes `--fix` applies (`fix.planned`).

Nothing here knows LSP types; `hr_lint/lsp/server.py` turns these into them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .. import fix, readers
from ..finding import Finding
from ..readers import blocks


@dataclass
class Edit:
    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping edits applied."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


@dataclass
class FileEdit:
    """Edits to another file: `before` is the text they apply to; `create`: a new file."""

    path: str
    before: str
    edits: list[Edit]
    create: bool = False


@dataclass
class Action:
    title: str
    kind: str  # "quickfix" or FIX_ALL
    edits: list[Edit] = field(default_factory=list)  # in the document
    file_edit: FileEdit | None = None  # in a configuration file
    findings: list[Finding] = field(default_factory=list)  # what it resolves
    preferred: bool = False
    disabled: str | None = None  # why it cannot be applied (shown greyed out, with this reason)


QUICKFIX = "quickfix"
FIX_ALL = "source.fixAll.hr-lint"


# -- replacements ---------------------------------------------------------------------------

def replacements(f: Finding) -> list[Action]:
    actions = []
    for s in dict.fromkeys(f.suggestions):  # once each, in order
        actions.append(Action(f"Replace '{_short(f.text)}' with '{s}'", QUICKFIX, [Edit(f.offset, f.end_offset, s)],
                              findings=[f], preferred=f.fix is not None and s == f.fix))
    return actions


def fix_all(text: str, findings: list[Finding], kind: str = FIX_ALL) -> Action | None:
    chosen = fix.planned(text, findings)
    if not chosen:
        return None
    n = len(chosen)
    return Action(f"Fix all safe hr-lint findings in this file ({n})", kind,
                  [Edit(f.offset, f.end_offset, f.fix) for f in chosen], findings=chosen)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "\u2026"


# -- suppression comments ------------------------------------------------------------------------

_MD_LINE_COMMENT = re.compile(r"<!--\s*hr-lint:?\s+disable-line(?![\w-])(?P<rules>[^>]*?)\s*-->")
_TEXT_LINE_COMMENT = re.compile(r"hr-lint:[ \t]*ignore(?![\w-])(?P<rules>[^\n]*?)[ \t\r]*$")
_LIST_MARKER = re.compile(r"[-*+\u2022]\s|(?:\d+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)]\s|\((?:\d+|#|[A-Za-z])\)\s")
_MAX_RST_BLOCK_LINES = 80


def suppress(text: str, fmt: str, f: Finding, lint: Callable[[str], list[Finding]],
             findings: list[Finding], starts: list[int] | None = None) -> Action | None:
    """The comment that keeps `f.rule` from being reported on `f`'s line (in
    reStructuredText, in `f`'s block), if one can be written there without changing what
    the document says; `lint` lints an edited text, `findings` are those of `text`,
    `starts` where its pieces start (`readers.blocks.split`), if known."""
    if starts is None:
        starts = blocks.split(text, fmt)[0]
    if fmt in ("markdown", "html"):
        edits = _comment_at_line_end(text, fmt, f, starts)
        title = f"Disable {f.rule} on this line (hr-lint comment)"
    elif fmt == "text":
        edits = _ignore_at_line_end(text, f)
        title = f"Disable {f.rule} on this line (hr-lint: ignore)"
    elif fmt == "rst":
        edits = _rst_block(text, f, starts)
        title = f"Disable {f.rule} in this block (hr-lint comment)"
    else:
        return None
    if not edits:
        return None
    if fmt == "rst":  # the block between the two comments
        covered = [g for g in findings if g.rule == f.rule and edits[0].start <= g.offset < edits[-1].start]
    else:
        covered = [g for g in findings if g.rule == f.rule and g.line == f.line]
    after = apply_edits(text, edits)
    if not _suppresses(text, after, fmt, findings, covered, lint(after), edits, starts):
        return None
    return Action(title, QUICKFIX, edits, findings=covered)


def _line_bounds(text: str, line: int) -> tuple[int, int]:
    """Start and end (before "\\r\\n" or "\\n") of a 1-based line counted as `Finding.line` counts."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _comment_at_line_end(text: str, fmt: str, f: Finding, starts: list[int]) -> list[Edit]:
    start, end = _line_bounds(text, f.line)
    line = text[start:end]
    existing = _MD_LINE_COMMENT.search(line)
    if existing:
        if not existing.group("rules").strip():
            return []
        at = start + existing.end("rules")
        return [Edit(at, at, f", {f.rule}")]
    content = line.rstrip(" \t")
    at = start + len(content)
    if fmt == "markdown" and content.endswith("\\"):
        at -= 1  # before a hard line break's backslash
    # a piece starts outside any tag (HTML); in Markdown, so does a blank line
    scan_from = max(c for c in starts if c <= start)
    if fmt == "markdown":
        scan_from = max(scan_from, text.rfind("\n\n", 0, start) + 1)
    if _inside_tag(text, at, scan_from):
        return []  # the line ends inside a tag (an attribute value over several lines)
    return [Edit(at, at, f" <!-- hr-lint disable-line {f.rule} -->")]


def _inside_tag(text: str, at: int, pos: int) -> bool:
    """Whether `at` falls inside a tag, comment or declaration, scanning from `pos` (a
    place outside any)."""
    while True:
        lt = text.find("<", pos, at)
        if lt == -1:
            return False
        m = blocks.HTML_TOKEN.match(text, lt)
        if m is None:
            pos = lt + 1
            continue
        if m.end() > at or (m.end() == at and not m.group().endswith(">")):
            return True
        pos = m.end()


def _ignore_at_line_end(text: str, f: Finding) -> list[Edit]:
    start, end = _line_bounds(text, f.line)
    line = text[start:end]
    existing = _TEXT_LINE_COMMENT.search(line)
    if existing:
        if not existing.group("rules").strip():
            return []
        at = start + existing.end("rules")
        return [Edit(at, at, f", {f.rule}")]
    at = start + len(line.rstrip(" \t"))
    return [Edit(at, at, f"  hr-lint: ignore {f.rule}")]


def _rst_block(text: str, f: Finding, starts: list[int]) -> list[Edit]:
    """A `disable`/`enable` pair around the top-level block that holds `f` (comments stand
    at column 0 between blank lines, where reStructuredText always allows one). A list is
    never split: the block grows to hold every item of it."""
    ends = starts[1:] + [len(text)]
    k = max(i for i, s in enumerate(starts) if s <= f.offset)
    lo, hi = k, k
    while lo > 0 and _LIST_MARKER.match(text, starts[lo]) and _LIST_MARKER.match(text, starts[lo - 1]):
        lo -= 1
    while hi + 1 < len(starts) and _LIST_MARKER.match(text, starts[hi + 1]) and _LIST_MARKER.match(text, starts[hi]):
        hi += 1
    a, b = starts[lo], ends[hi]
    if text.count("\n", a, b) > _MAX_RST_BLOCK_LINES:
        return []
    eol = "\r\n" if "\r\n" in text[a:b] else "\n"
    opening = Edit(a, a, f".. hr-lint: disable {f.rule}{eol}{eol}")
    body = text[a:b]
    trimmed = body.rstrip(" \t\r\n")
    end = a + len(trimmed)
    closing = Edit(end, end, f"{eol}{eol}.. hr-lint: enable {f.rule}")
    if a == 0 or text[a - 1] in "\n\r":
        return [opening, closing]
    return []


def _suppresses(before: str, after: str, fmt: str, old: list[Finding], covered: list[Finding],
                new: list[Finding], edits: list[Edit], starts: list[int]) -> bool:
    """Linting `after` gives `old` without the `covered` findings, every other finding
    where the edits moved it; and in a markup format, the prose the reader sees in the
    pieces the edits touch is the same."""
    def moved(offset: int, end: bool = False) -> int:
        # text inserted where a finding ends comes after it: its end stays
        return offset + sum(len(e.text) for e in edits if e.start < offset or (e.start == offset and not end))

    def span(g: Finding) -> tuple[int, int]:
        start = moved(g.offset)
        return start, max(start, moved(g.end_offset, end=True))

    gone = {id(g) for g in covered}
    expected = sorted((g.rule, *span(g)) for g in old if id(g) not in gone)
    got = sorted((g.rule, g.offset, g.end_offset) for g in new)
    if expected != got:
        return False
    if fmt == "text":
        return True
    first, last = min(e.start for e in edits), max(e.end for e in edits)
    a = max(s for s in starts if s <= first)
    later = [s for s in starts if s > last]
    b = later[0] if later else len(before)
    grown = sum(len(e.text) - (e.end - e.start) for e in edits)
    return _prose(before[a:b], fmt) == _prose(after[a:b + grown], fmt)


def _prose(text: str, fmt: str) -> list[str]:
    return [" ".join(s.text.split()) for s in readers.parse(text, fmt).segments]


# -- hover --------------------------------------------------------------------------------------

_VOICE = {
    "quote": "In quoted speech: shown as information, not as the organisation's own words.",
    "first-person": "Someone describing themselves: shown as information; people may name themselves as they choose.",
}


def hover(f: Finding, rule) -> str:
    """Markdown: the rule, why, the alternatives and the guidance behind it."""
    out = [f"**hr-lint** `{f.rule}` \u00b7 {f.category} \u00b7 {f.severity}", "", f.message]
    if f.voice in _VOICE:
        out += ["", f"_{_VOICE[f.voice]}_"]
    if f.suggestions:
        out += ["", "**Consider:** " + "; ".join(f"\u201c{_md_escape(s)}\u201d" for s in f.suggestions)]
        if f.fix:
            out.append(f"(`hr-lint --fix` writes \u201c{_md_escape(f.fix)}\u201d)")
    sources = getattr(rule, "sources", None) or ([{"title": f.source, "url": f.source}] if f.source else [])
    if sources:
        out += ["", "**Sources:**"]
        for s in sources:
            title = _md_escape(s.get("title") or s.get("url") or "")
            out.append(f"- [{title}]({s['url']})" if s.get("url") else f"- {title}")
    return "\n".join(out)


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
