"""Inline suppression comments.

Markdown and HTML: <!-- hr-lint disable [RULE,...] --> ... <!-- hr-lint enable [RULE,...] -->
                   <!-- hr-lint disable-next-line [RULE,...] -->
                   ... <!-- hr-lint disable-line [RULE,...] -->   (the line the comment is on)
reStructuredText:  .. hr-lint: disable [RULE,...]   /   .. hr-lint: enable   /   .. hr-lint: disable-next-line
Plain text:        ... hr-lint: ignore [RULE,...]    (this line)
                   hr-lint: ignore-next-line [RULE,...]
Without rule ids a comment covers every rule. Rule names may also be categories.

A disable/enable block covers exactly the characters between the two comments (source
offsets, so a block inside one line works); the line forms cover whole lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# The verb must end at a word boundary ("disabled" is not "disable"); the rest is rule ids.
_VERBS = r"(?P<verb>disable-next-line|disable|enable)(?![\w-])"
_PATTERNS = {
    "markdown": re.compile(r"<!--\s*hr-lint:?\s+(?P<verb>disable-next-line|disable-line|disable|enable)(?![\w-])"
                           r"(?P<rules>[^>]*?)\s*-->"),
    "rst": re.compile(r"^[ \t]*\.\.[ \t]+hr-lint:?[ \t]+" + _VERBS + r"(?P<rules>[^\n]*?)[ \t]*$", re.MULTILINE),
    "text": re.compile(r"hr-lint:[ \t]*(?P<verb>ignore-next-line|ignore)(?![\w-])(?P<rules>[^\n]*?)[ \t]*$",
                       re.MULTILINE),
}
_PATTERNS["html"] = _PATTERNS["markdown"]
# a plain-text comment, from "hr-lint:" to the end of its line: not prose (`readers.plaintext`)
TEXT_COMMENT = _PATTERNS["text"]
_NAME = re.compile(r"[A-Za-z0-9][\w.-]*")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<rest>[^\n]*)$", re.MULTILINE)
_END = float("inf")


@dataclass
class Span:
    start: float  # source offsets [start, stop) for blocks; lines [start, stop] for line forms
    stop: float
    only: frozenset[str]  # empty: every rule
    but: frozenset[str] = frozenset()  # rules re-enabled inside an every-rule block

    def names(self, finding) -> bool:
        def named(names):
            return finding.rule in names or finding.category in names
        return (not self.only or named(self.only)) and not named(self.but)


@dataclass
class Directive:
    line: int
    verb: str
    rules: frozenset[str]  # empty: every rule
    spans: list[Span] = field(default_factory=list)
    by_offset: bool = False  # blocks use offsets; line forms use lines
    used: bool = False

    def covers(self, finding) -> bool:
        where = finding.offset if self.by_offset else finding.line
        for span in self.spans:
            inside = span.start <= where < span.stop if self.by_offset else span.start <= where <= span.stop
            if inside and span.names(finding):
                return True
        return False


def _fenced(source: str) -> list[tuple[int, int]]:
    """Markdown fenced code blocks: a comment shown there as an example is not a directive."""
    ranges, opening = [], None
    for m in _FENCE.finditer(source):
        fence = m.group("fence")
        if opening is None:
            opening = (m.start(), fence)
        elif fence[0] == opening[1][0] and len(fence) >= len(opening[1]) and not m.group("rest").strip():
            ranges.append((opening[0], m.end()))
            opening = None
    if opening is not None:
        ranges.append((opening[0], len(source)))
    return ranges


def _in_code(source: str, pos: int, fenced) -> bool:
    if any(s <= pos < e for s, e in fenced):
        return True
    line_start = source.rfind("\n", 0, pos) + 1
    return source.count("`", line_start, pos) % 2 == 1  # inside an inline code span


def directives(source: str, fmt: str) -> list[Directive]:
    pattern = _PATTERNS.get(fmt)
    if pattern is None or "hr-lint" not in source:
        return []
    fenced = _fenced(source) if fmt == "markdown" else []
    found: list[Directive] = []
    open_blocks: list[Directive] = []
    for m in pattern.finditer(source):
        if fmt == "markdown" and _in_code(source, m.start(), fenced):
            continue
        line = source.count("\n", 0, m.start()) + 1
        end_line = line + source.count("\n", m.start(), m.end())
        rules = frozenset(_NAME.findall(m.group("rules") or ""))
        verb = m.group("verb")
        if verb in ("disable-next-line", "ignore-next-line"):
            found.append(Directive(line, verb, rules, [Span(end_line + 1, end_line + 1, rules)]))
        elif verb in ("ignore", "disable-line"):
            found.append(Directive(line, verb, rules, [Span(line, line, rules)]))
        elif verb == "disable":
            d = Directive(line, verb, rules, [Span(m.end(), _END, rules)], by_offset=True)
            found.append(d)
            open_blocks.append(d)
        else:
            _enable(open_blocks, rules, m.start(), m.end())
    return found


def _enable(open_blocks: list[Directive], rules: frozenset[str], start: int, end: int) -> None:
    """Close the open blocks; `enable RULE` re-enables only that rule, the rest stays disabled."""
    for d in list(open_blocks):
        span = d.spans[-1]
        if not rules:
            remaining = None
        elif span.only:
            if not span.only & rules:
                continue
            remaining = Span(end, _END, span.only - rules, span.but) if span.only - rules else None
        else:
            remaining = Span(end, _END, frozenset(), span.but | rules)
        span.stop = start
        if remaining is not None:
            d.spans.append(remaining)
        else:
            open_blocks.remove(d)


def apply(findings, found: list[Directive]):
    """Findings not covered by a directive; marks the directives that suppressed something."""
    if not found:
        return findings
    kept = []
    for f in findings:
        hit = False
        for d in found:
            if d.covers(f):
                d.used = True
                hit = True
        if not hit:
            kept.append(f)
    return kept
