"""SARIF 2.1.0 output, as GitHub code scanning accepts it."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

from hr_lint.finding import Finding
from hr_lint.output import (
    INFORMATION_URI,
    TOOL_NAME,
    describe,
    display_path,
    is_url,
    occurrences,
    rule_meta_for,
    sorted_findings,
    tool_version,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "hrLintFinding/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def artifact_uri(path: str) -> str:
    """A relative, %-encoded POSIX URI reference (``file://`` URI outside the working dir)."""
    shown = display_path(path)
    if is_url(shown):  # a fetched page: its address is its URI
        return quote(shown, safe="/:?#[]@!$&'()*+,;=%~")
    if os.path.isabs(shown):
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def rule_name(rule_id: str) -> str:
    """``addict-noun`` -> ``AddictNoun`` (SARIF names are identifier-like)."""
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("_", "-").split("-") if part)


def fingerprint(finding: Finding, occurrence: int) -> str:
    data = "\0".join((display_path(finding.path), finding.rule, finding.text, str(occurrence)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _descriptor(meta) -> dict:
    descriptor = {
        "id": meta.id,
        "name": rule_name(meta.id),
        "shortDescription": {"text": meta.summary or meta.message or meta.id},
        "fullDescription": {"text": meta.message or meta.summary or meta.id},
        "defaultConfiguration": {"level": level(meta.severity)},
        "properties": {"tags": [meta.category] if meta.category else []},
    }
    help_text = meta.message or meta.summary or meta.id
    if meta.url:
        descriptor["helpUri"] = meta.url
        help_text += f"\nSee: {meta.url}"
    descriptor["help"] = {"text": help_text}
    return descriptor


def _region(finding: Finding) -> dict:
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line or finding.line,
        "endColumn": finding.end_column,
    }


def render(findings: list[Finding], rules: dict, **kwargs) -> str:
    return json.dumps(sarif_log(findings, rules), indent=2, ensure_ascii=False) + "\n"


def sarif_log(findings: list[Finding], rules: dict, **kwargs) -> dict:
    ordered = sorted_findings(findings)
    counts = occurrences(ordered, lambda f: (display_path(f.path), f.rule, f.text))

    used = sorted({f.rule for f in ordered})
    metas = {}
    for finding in ordered:
        metas.setdefault(finding.rule, rule_meta_for(finding, rules))
    index = {rule_id: i for i, rule_id in enumerate(used)}

    results = []
    for finding, occurrence in zip(ordered, counts):
        uri = artifact_uri(finding.path)
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": level(finding.severity),
            "message": {"text": describe(finding)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {**_region(finding), "snippet": {"text": finding.text},
                                   # SARIF has no page: the line and column count within this page
                                   **({"properties": {"page": finding.page}} if finding.page else {})},
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, occurrence)},
            "properties": {"category": finding.category, "suggestions": list(finding.suggestions),
                           **({"page": finding.page} if finding.page else {})},
        }
        if finding.fix is not None and not finding.page:  # a paged document (PDF) is never rewritten
            result["fixes"] = [
                {
                    "description": {"text": f"Replace '{finding.text}' with '{finding.fix}'"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {"deletedRegion": _region(finding), "insertedContent": {"text": finding.fix}}
                            ],
                        }
                    ],
                }
            ]
        results.append(result)

    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "informationUri": INFORMATION_URI,
                        "version": tool_version(),
                        "rules": [_descriptor(metas[rule_id]) for rule_id in used],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
