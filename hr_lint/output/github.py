"""GitHub Actions workflow commands: one annotation per finding."""
from __future__ import annotations

from hr_lint.finding import Finding
from hr_lint.output import describe, display_path, sorted_findings

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape the message of a workflow command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (file, title, ...) of a workflow command."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def message(finding: Finding) -> str:
    page = f"page {finding.page}: " if finding.page else ""
    return f"{page}'{finding.text}': {describe(finding)}"


def command(finding: Finding) -> str:
    name = COMMANDS.get(finding.severity, "warning")
    props = [
        ("file", display_path(finding.path)),
        ("line", str(finding.line)),
        ("endLine", str(finding.end_line or finding.line)),
        ("col", str(finding.column)),
        ("endColumn", str(finding.end_column)),
        ("title", finding.rule),
    ]
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{name} {joined}::{escape_data(message(finding))}"


def render(findings: list[Finding], rules: dict, **kwargs) -> str:
    lines = [command(f) for f in sorted_findings(findings)]
    return "".join(line + "\n" for line in lines)
