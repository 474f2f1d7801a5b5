"""`hr-lint --trace PATH...`: every occurrence of a term in the files, the rule it matched,
whether it is reported, and the stage that decided (text, or `--format json`)."""
from __future__ import annotations

import os
import sys

import click

from .loader import InputError
from .trace import render_json, render_text


def run_trace(run, targets: list[str], errors: list[str], report, stdin_filename: str | None) -> int:
    """Trace each file with the linter of its configuration and write the trace as `report`
    (a `cli.Report`: text or json, a file, colour) says; 0, or 2 when an input failed (the
    other files are still traced)."""
    formats = set(report.formats) or {"text"}
    output_file, color = report.output_file, report.color
    if len(formats) > 1 or not formats <= {"text", "json"}:
        raise click.UsageError("--trace writes text or json (--format json)")
    occurrences = []
    for path in targets:
        try:
            if path == "-":
                name = stdin_filename or "-"
                linter = run.linter_for(stdin_filename or os.getcwd())
                occurrences.extend(linter.trace_bytes(sys.stdin.buffer.read(), name))
            else:
                occurrences.extend(run.linter_for(path).trace_file(path))
        except InputError as exc:
            errors.append(str(exc))
    if "json" in formats:
        report = render_json(occurrences)
    else:
        use_color = color if color is not None else (not output_file and sys.stdout.isatty())
        report = render_text(occurrences, color=use_color)
    if output_file:
        from .safewrite import WriteError, replace

        try:
            replace(output_file, report.encode("utf-8"), refuse_read_only=False)
        except WriteError as exc:
            errors.append(str(exc))
        except OSError as exc:
            errors.append(f"{output_file}: cannot write report: {exc.strerror}")
    else:
        click.echo(report, nl=False)
    for message in errors:
        click.echo(f"hr-lint: {message}", err=True)
    return 2 if errors else 0
