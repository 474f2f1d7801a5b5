"""GitLab Code Quality report (a subset of the Code Climate issue format)."""
from __future__ import annotations

import hashlib
import json

from hr_lint.finding import Finding
from hr_lint.output import TOOL_NAME, describe, display_path, occurrences, sorted_findings

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(finding: Finding, occurrence: int) -> str:
    """Stable when lines are added or removed elsewhere in the file, as GitLab compares
    the reports of two commits by fingerprint (the n-th time the same words are reported
    by the same rule in the same file)."""
    data = "\0".join((display_path(finding.path), finding.rule, finding.text, str(occurrence)))
    return hashlib.md5(data.encode("utf-8")).hexdigest()


def issues(findings: list[Finding], rules: dict | None = None, **kwargs) -> list[dict]:
    ordered = sorted_findings(findings)
    counts = occurrences(ordered, lambda f: (display_path(f.path), f.rule, f.text))
    return [
        {
            "type": "issue",
            "engine_name": TOOL_NAME,
            "description": (f"page {f.page}: " if f.page else "") + f"'{f.text}': {describe(f)}",
            "check_name": f.rule,
            "fingerprint": fingerprint(f, occurrence),
            "severity": SEVERITIES.get(f.severity, "minor"),
            "categories": ["Style"],
            "location": {
                "path": display_path(f.path),
                "lines": {"begin": f.line, "end": f.end_line or f.line},
            },
        }
        for f, occurrence in zip(ordered, counts)
    ]


def render(findings: list[Finding], rules: dict, **kwargs) -> str:
    return json.dumps(issues(findings, rules), indent=2, ensure_ascii=False) + "\n"
