"""`--format text`: findings grouped by file, the source line underlined, a summary."""
from __future__ import annotations

from collections import Counter

import click

from hr_lint.output import location, source_line

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary(findings, files_linted: int) -> str:
    if not findings:
        return f"No findings in {files_linted} file{'s' if files_linted != 1 else ''}."
    counts = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    parts = []
    for sev, word in (("error", "error"), ("warning", "warning"), ("info", "info")):
        if counts[sev]:
            parts.append(f"{counts[sev]} {word}{'s' if counts[sev] != 1 and sev != 'info' else ''}")
    n = len(findings)
    return f"{n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}: {', '.join(parts)}"


def render(findings, rules=None, color: bool = False, files_linted: int = 0, sources: dict | None = None,
           **kwargs) -> str:
    """`sources` maps a path to its text when the file is not on disk (standard input)."""
    out: list[str] = []
    cache: dict = {}
    style = (lambda s, **kw: click.style(s, **kw)) if color else (lambda s, **kw: s)
    current = None
    for f in findings:
        if f.path != current:
            if current is not None:
                out.append("")
            out.append(style(f.path, bold=True, underline=True))
            current = f.path
        sev = style(f.severity, fg=_COLOURS.get(f.severity), bold=True)
        out.append(f"  {location(f)}  {sev}  {f.message}  {style(f.rule, dim=True)}")
        src = source_line(f, cache, sources)
        if src is not None:
            width = (f.end_column - f.column) if f.end_line == f.line else len(src) - f.column + 1
            shown = src.replace("\t", " ")
            out.append("    " + shown)
            out.append("    " + " " * (f.column - 1) + style("^" * max(1, width), fg=_COLOURS.get(f.severity)))
        if f.suggestions:
            out.append("    " + style("consider: ", fg="green") + "; ".join(f'"{s}"' for s in f.suggestions))
        if f.fix:
            out.append("    " + style("fixable with --fix", dim=True))
    if out:
        out.append("")
    out.append(style(summary(findings, files_linted), bold=True))
    return "\n".join(out) + "\n"
