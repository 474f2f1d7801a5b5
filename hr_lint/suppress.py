"""Inline suppression comments.

Markdown and HTML: <!-- hr-lint disable [RULE,...] --> ... <!-- hr-lint enable [RULE,...] -->
                   <!-- hr-lint disable-next-line [RULE,...] -->
reStructuredText:  .. hr-lint: disable [RULE,...]   /   .. hr-lint: enable   /   .. hr-lint: disable-next-line
Plain text:        ... hr-lint: ignore [RULE,...]    (this line)
                   hr-lint: ignore-next-line [RULE,...]
Without rule ids a comment covers every rule. Rule names may also be categories.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_RULES = r"(?P<rules>[\w][\w\s,.-]*?)?"
_PATTERNS = {
    "markdown": re.compile(r"<!--\s*hr-lint[:\s]\s*(?P<verb>disable-next-line|disable|enable)\s*" + _RULES + r"\s*-->"),
    "rst": re.compile(r"^[ \t]*\.\.[ \t]+hr-lint:[ \t]*(?P<verb>disable-next-line|disable|enable)[ \t]*" + _RULES + r"[ \t]*$",
                      re.MULTILINE),
    "text": re.compile(r"hr-lint:[ \t]*(?P<verb>ignore-next-line|ignore)[ \t]*" + _RULES + r"[ \t]*$", re.MULTILINE),
}
_PATTERNS["html"] = _PATTERNS["markdown"]


@dataclass
class Directive:
    line: int
    verb: str
    rules: frozenset[str]  # empty: every rule
    first: int = 0  # lines it covers
    last: int = 0
    used: bool = field(default=False)

    def covers(self, finding) -> bool:
        if not (self.first <= finding.line <= self.last):
            return False
        return not self.rules or finding.rule in self.rules or finding.category in self.rules


def directives(source: str, fmt: str) -> list[Directive]:
    pattern = _PATTERNS.get(fmt)
    if pattern is None or "hr-lint" not in source:
        return []
    line_count = source.count("\n") + 1
    found: list[Directive] = []
    open_blocks: list[Directive] = []
    for m in pattern.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        end_line = source.count("\n", 0, m.end()) + 1
        rules = frozenset(r for r in re.split(r"[\s,]+", m.group("rules") or "") if r)
        verb = m.group("verb")
        if verb in ("disable-next-line", "ignore-next-line"):
            found.append(Directive(line, verb, rules, end_line + 1, end_line + 1))
        elif verb == "ignore":
            found.append(Directive(line, verb, rules, line, line))
        elif verb == "disable":
            d = Directive(line, verb, rules, line, line_count)
            found.append(d)
            open_blocks.append(d)
        else:  # enable: closes the matching disables (all of them without rule ids)
            for d in list(open_blocks):
                if not rules or d.rules == rules or (d.rules and d.rules <= rules):
                    d.last = line
                    open_blocks.remove(d)
    return found


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
