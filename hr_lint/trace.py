"""The decision trace: every occurrence of a term, the rule it matched, whether it was
reported, and the stage that decided (`hr-lint --trace`, `Linter.trace_text`, `/api/trace`).

An occurrence passes these stages in order; the first that drops it is its `stage`:

- `layout`: a phrase that runs across a line break into another table cell, row or list
  item (`hr_lint/layout.py`);
- `context`: the rule's YAML word conditions (`not_before`, `near`...);
- `name`: part of a capitalised name, a known name (Alcoholics Anonymous) or a cited title;
- `check`: the rule's sense check, with the check's reason;
- `model`: the sense model overruled the name heuristic or the check (`hr_lint/sense.py`:
  clean/dirty, users, abuse and capitalised words, where its policy lets it), with its
  probability;
- `allow`: the configuration's `allow` list;
- `negation`: a negated statement, for rules that skip them;
- `voice`: the word mentioned as a word, or quoted speech and first-person
  self-description where the policy (`quotes`, `first-person`) leaves them alone;
- `overlap`: a longer (or more severe) match of another rule at the same place is reported
  instead;
- `selection`: the rule is not selected by the configuration (`select`, `ignore`, a
  preset), or the text is alt/title text and `lint-attributes` is off;
- `suppression`: an hr-lint comment turns it off.

A reported occurrence names the stage that settled how it is reported: `model` (the
sense model kept it against the name heuristic or the check), `voice` (quoted
speech or first person, lowered to info by the policy), `severity` (the configuration set
the rule's severity), `check` (the check kept it, with its reason), `context` (the word
conditions hold) or `match` (a term of the rule, nothing against it). The reason of a
reported occurrence of a rule with `fix: true` ends with what `--fix` does with it: writes
the first suggestion, or leaves it and why (quoted speech, a table cell, a phrase mentioned
as a phrase, a match kept by the sense model alone...).

Tracing runs its own engine over every segment with all rules and no gates, so it is
never paid for by a run that does not ask for it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .finding import Finding

STAGES = ("layout", "context", "name", "check", "model", "allow", "negation", "voice", "overlap", "selection", "suppression")
REPORTED_STAGES = ("model", "voice", "severity", "check", "context", "match")


@dataclass
class Occurrence:
    """One occurrence of a rule's term and what became of it. `finding` holds the place
    (the matched words for a dropped match; the finding itself when reported)."""

    finding: Finding
    reported: bool
    stage: str
    reason: str

    @property
    def rule(self) -> str:
        return self.finding.rule

    def to_dict(self) -> dict:
        f = self.finding
        out = {"path": f.path}
        if f.page is not None:
            out["page"] = f.page
        out.update({
            "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
            "text": f.text, "rule": f.rule, "reported": self.reported,
            "severity": f.severity if self.reported else None,
            "stage": self.stage, "reason": self.reason,
        })
        return out

    def sort_key(self):
        return self.finding.sort_key() + (not self.reported,)


class Tracer:
    """What the engine tells while it decides: one `Occurrence` per match of any rule.
    `active` is the set of rule ids the configuration selects (others are traced to the
    end and then marked `selection`); `why_unselected` says why a rule is not selected."""

    def __init__(self, active: set[str], why_unselected, skip_segment=None):
        self.active = active
        self.why_unselected = why_unselected
        self.skip_segment = skip_segment  # kind -> reason a segment of that kind is not linted, or None
        self.occurrences: list[Occurrence] = []
        self.segment_note: str | None = None

    def add(self, finding: Finding, reported: bool, stage: str, reason: str) -> None:
        if reported and self.segment_note:
            reported, stage, reason = False, "selection", self.segment_note
        elif reported and finding.rule not in self.active:
            reported, stage, reason = False, "selection", self.why_unselected(finding.rule)
        self.occurrences.append(Occurrence(finding, reported, stage, reason))


# -- rendering ---------------------------------------------------------------------------------

def render_json(occurrences: list[Occurrence]) -> str:
    import json

    return json.dumps([o.to_dict() for o in occurrences], ensure_ascii=False, indent=2) + "\n"


def render_text(occurrences: list[Occurrence], color: bool = False) -> str:
    """Grouped by file: place, rule, the words, reported or not, the stage and the reason."""
    import textwrap

    def paint(text, code):
        return f"\033[{code}m{text}\033[0m" if color else text

    out: list[str] = []
    path = None
    for o in occurrences:
        f = o.finding
        if f.path != path:
            if path is not None:
                out.append("")
            path = f.path
            out.append(paint(path, "1"))
        where = (f"p{f.page} " if f.page is not None else "") + f"{f.line}:{f.column}"
        words = " ".join(f.text.split())
        verdict = paint(f"reported ({f.severity})", "32") if o.reported else paint("not reported", "33")
        out.append(f"  {where:<9} {f.rule}  \"{words}\"  {verdict}  [{o.stage}]")
        out.extend(textwrap.wrap(o.reason, width=88, initial_indent=" " * 12, subsequent_indent=" " * 12))
    shown = len(occurrences)
    reported = sum(o.reported for o in occurrences)
    files = len({o.finding.path for o in occurrences})
    out.append("")
    out.append(f"{shown} occurrence{'s' if shown != 1 else ''} of a term in {files} file{'s' if files != 1 else ''}: "
               f"{reported} reported, {shown - reported} not")
    return "\n".join(out) + "\n"
