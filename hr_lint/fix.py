"""--fix and --diff: apply the fixes that are safe, and nothing else.

Only findings with a `fix` (a one-to-one replacement that fits any sentence, in the
writer's own voice, not a phrase mentioned as a phrase) are applied. The file is decoded
and re-encoded with the same encoding, byte order and BOM; line endings are untouched
because only the matched characters change. `safewrite.replace` writes the result
without harming the file: a link's target is written and the link kept; mode, owner,
group and extended attributes are kept; a read-only file is reported, not rewritten; a
file that changed meanwhile is left alone. Files with nothing to fix are not written.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .loader import InputError, decode_with_encoding, encode, read_bytes
from .safewrite import WriteError, replace


@dataclass
class FixResult:
    path: str
    before: str
    after: str
    applied: int  # fixes written (for --diff: that would be written)
    findings: list = field(default_factory=list)  # what is left: after the fix, or all when none was written
    data: bytes = b""  # the fixed bytes (for standard input)
    error: str | None = None  # why the fixes were not written
    found: list = field(default_factory=list)  # the findings before any fix


def planned(text: str, findings) -> list:
    """The findings whose fix `apply` makes, in order: each fixable finding whose span still
    holds its text; of overlapping ones, the first."""
    chosen, pos = [], 0
    for f in sorted((f for f in findings if f.fix), key=lambda f: f.offset):
        if f.offset < pos or text[f.offset:f.end_offset] != f.text:
            continue
        chosen.append(f)
        pos = f.end_offset
    return chosen


def apply(text: str, findings) -> tuple[str, int]:
    """Replace each fixable finding's span; overlapping fixes after the first are skipped."""
    pieces, pos = [], 0
    chosen = planned(text, findings)
    for f in chosen:
        pieces.append(text[pos:f.offset])
        pieces.append(f.fix)
        pos = f.end_offset
    pieces.append(text[pos:])
    return "".join(pieces), len(chosen)


def fix_bytes(linter, data: bytes, path: str, format: str | None = None, relint: bool = True) -> FixResult:
    """The fixed bytes of a document (same encoding, BOM and line endings) and, with
    `relint`, the findings left in them. A .docx or a PDF (standard input named so) is
    reported, never rewritten: its bytes come back as they came."""
    from .readers import BINARY_FORMATS

    if (format or linter.format_for(path)) in BINARY_FORMATS:
        linted = linter.lint_document(data, path, format)
        return FixResult(path, linted.text, linted.text, 0, linted.findings, data, found=linted.findings)
    text, encoding = decode_with_encoding(data, path)
    findings = linter.lint_bytes(data, path, format)
    after, applied = apply(text, findings)
    if not applied:
        return FixResult(path, text, text, 0, findings, data, found=findings)
    fixed = encode(after, encoding)
    left = linter.lint_bytes(fixed, path, format) if relint else []
    return FixResult(path, text, after, applied, left, fixed, found=findings)


def fix_file(linter, path: str, write: bool) -> FixResult:
    """Fix one file (write=False: only work out the fixes, for --diff). Unreadable input
    raises InputError; a fix that cannot be written is `error`, with the findings kept."""
    if linter.format_for(path) in ("docx", "pdf"):
        # rewriting .docx runs would lose formatting, and a PDF is a printed page: report only
        return FixResult(path, "", "", 0, linter.lint_file(path))
    data = read_bytes(path)
    result = fix_bytes(linter, data, path, relint=write)
    if write and result.applied:
        try:
            replace(path, result.data, expected=data)
        except WriteError as exc:
            return FixResult(path, result.before, result.before, 0, result.found, data, str(exc), result.found)
    return result


def unified_diff(result: FixResult) -> str:
    if result.before == result.after:
        return ""
    lines = difflib.unified_diff(
        result.before.splitlines(keepends=True), result.after.splitlines(keepends=True),
        fromfile=f"a/{result.path}", tofile=f"b/{result.path}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


__all__ = ["FixResult", "apply", "planned", "fix_bytes", "fix_file", "unified_diff", "InputError", "WriteError"]


def diff_paths(linter_for, paths: list[str], errors: list[str]) -> list[str]:
    """The unified diff --fix would make to each file (standard input is refused: --diff
    shows changes to files); unreadable files are reported in `errors`."""
    from .loader import InputError

    diffs = []
    for path in paths:
        if path == "-":
            errors.append("-: --diff needs files, not standard input")
            continue
        try:
            result = fix_file(linter_for(path), path, write=False)
        except InputError as exc:
            errors.append(str(exc))
            continue
        text = unified_diff(result)
        if text:
            diffs.append(text)
    return diffs
