"""`--format text`: findings grouped by file, the source line underlined, a summary.

A long source line is shown as a window around the match (a finding on a 20 MB line must
not print the line), and on a terminal, messages wrap to its width with the rule id kept
on the last line with the message's last word.
"""
from __future__ import annotations

import textwrap
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


SOURCE_WIDTH = 120  # the longest source line shown whole when no terminal width is known
_GLUE = "\x00\x00"  # between the message's last word and the rule id: wrapping never parts them


def window(line: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """(what to show of `line`, where the match starts in it, how wide it is) for a match
    at line[start:end]: the whole line when it fits `width`, else the part around the
    match with an ellipsis where the line goes on."""
    end = max(start + 1, min(end, len(line)))
    if len(line) <= width:
        return line, start, end - start
    room = width - 2  # the two ellipses
    if end - start >= room:
        a = start
    else:
        a = max(0, start - (room - (end - start)) // 2)
    b = min(len(line), a + room)
    a = max(0, min(a, b - room))
    head, tail = ("\u2026" if a > 0 else ""), ("\u2026" if b < len(line) else "")
    return head + line[a:b] + tail, len(head) + start - a, min(end, b) - start


def _header(f, style, width: int | None) -> list[str]:
    plain = f"  {location(f)}  {f.severity}  "
    sev = style(f.severity, fg=_COLOURS.get(f.severity), bold=True)
    styled = f"  {location(f)}  {sev}  "
    rule = style(f.rule, dim=True)
    message = " ".join(f.message.split())
    if not width or len(plain) + len(message) + 2 + len(f.rule) <= width:
        return [f"{styled}{f.message}  {rule}"]
    lines = textwrap.wrap(message + _GLUE + f.rule, width=width, initial_indent=plain,
                          subsequent_indent=" " * 6, break_long_words=False, break_on_hyphens=False)
    lines[0] = styled + lines[0][len(plain):]
    lines[-1] = lines[-1][: -len(_GLUE + f.rule)] + "  " + rule
    return lines


def render(findings, rules=None, color: bool = False, files_linted: int = 0, sources: dict | None = None,
           width: int | None = None, **kwargs) -> str:
    """`sources` maps a path to its text when the file is not on disk (standard input);
    `width` is the terminal's, when the report goes to one."""
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
        out.extend(_header(f, style, width))
        src = source_line(f, cache, sources)
        if src is not None:
            end = (f.end_column - 1) if f.end_line == f.line else len(src)
            shown, at, wide = window(src, f.column - 1, end, max(40, (width or SOURCE_WIDTH) - 4))
            out.append("    " + shown.replace("\t", " "))
            out.append("    " + " " * at + style("^" * wide, fg=_COLOURS.get(f.severity)))
        if f.suggestions:
            consider = "; ".join(f'"{s}"' for s in f.suggestions)
            lines = textwrap.wrap(consider, width=width, initial_indent=" " * 14, subsequent_indent=" " * 6,
                                  break_long_words=False, break_on_hyphens=False) if width else [" " * 14 + consider]
            lines[0] = "    " + style("consider: ", fg="green") + lines[0][14:]
            out.extend(lines)
        if f.fix:
            out.append("    " + style("fixable with --fix", dim=True))
    if out:
        out.append("")
    out.append(style(summary(findings, files_linted), bold=True))
    return "\n".join(out) + "\n"
