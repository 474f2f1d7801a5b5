"""JUnit XML report (GitLab test reports, Jenkins, Azure Pipelines)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from hr_lint.finding import Finding
from hr_lint.output import TOOL_NAME, describe, display_path, location, rule_meta_for, sorted_findings

PASSING_NAME = "no findings"


def _detail(finding: Finding, path: str, meta) -> str:
    lines = [
        f"{path}:{location(finding)}: {finding.severity} [{finding.rule}] '{finding.text}'",
        finding.message.strip(),
    ]
    if finding.suggestions:
        lines.append("Consider: " + "; ".join(finding.suggestions))
    url = finding.source or getattr(meta, "url", None)
    if url:
        lines.append(f"See: {url}")
    return "\n".join(lines)


def render(findings: list[Finding], rules: dict, paths: list[str] | None = None, **kwargs) -> str:
    ordered = sorted_findings(findings)
    by_file: dict[str, list[Finding]] = {}
    for finding in ordered:
        by_file.setdefault(display_path(finding.path), []).append(finding)
    clean = []
    for path in paths or []:
        shown = display_path(str(path))
        if shown not in by_file and shown not in clean:
            clean.append(shown)

    suite = ET.Element("testsuite", name=TOOL_NAME)
    tests = failures = 0
    for path in sorted(set(by_file) | set(clean)):
        if path not in by_file:
            ET.SubElement(suite, "testcase", classname=path, name=PASSING_NAME, file=path, time="0")
            tests += 1
            continue
        for finding in by_file[path]:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=f"{finding.rule} {location(finding)}",
                file=path,
                line=str(finding.line),
                time="0",
            )
            failure = ET.SubElement(
                case,
                "failure",
                type=finding.rule,
                message=f"'{finding.text}': {describe(finding)}",
            )
            failure.text = _detail(finding, path, rule_meta_for(finding, rules))
            tests += 1
            failures += 1
    if tests == 0:
        ET.SubElement(suite, "testcase", classname=TOOL_NAME, name=PASSING_NAME, time="0")
        tests = 1

    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0", "time": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name=TOOL_NAME, tests=counts["tests"], failures=counts["failures"],
                      errors="0", time="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
