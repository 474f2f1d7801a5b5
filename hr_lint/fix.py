"""--fix and --diff: apply the fixes that are safe, and nothing else.

Only findings with a `fix` (a one-to-one replacement that fits any sentence) are
applied. The file is decoded and re-encoded with the same encoding and BOM, line
endings are untouched because only the matched characters change, and the new
file replaces the old one atomically. Files with nothing to fix are not written.
"""
from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass

from .loader import InputError, decode_with_encoding, encode, read_bytes


@dataclass
class FixResult:
    path: str
    before: str
    after: str
    applied: int


def apply(text: str, findings) -> tuple[str, int]:
    """Replace each fixable finding's span; overlapping fixes after the first are skipped."""
    pieces, pos, applied = [], 0, 0
    for f in sorted((f for f in findings if f.fix), key=lambda f: f.offset):
        if f.offset < pos or text[f.offset:f.end_offset] != f.text:
            continue
        pieces.append(text[pos:f.offset])
        pieces.append(f.fix)
        pos = f.end_offset
        applied += 1
    pieces.append(text[pos:])
    return "".join(pieces), applied


def fix_file(linter, path: str, write: bool) -> FixResult:
    if linter.format_for(path) in ("docx", "pdf"):
        # rewriting .docx runs would lose formatting, and a PDF is a printed page: report only
        return FixResult(path, "", "", 0)
    data = read_bytes(path)
    text, encoding = decode_with_encoding(data, path)
    findings = linter.lint_bytes(data, path)
    after, applied = apply(text, findings)
    if write and applied:
        write_atomic(path, encode(after, encoding))
    return FixResult(path, text, after, applied)


def write_atomic(path: str, data: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".hr-lint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            shutil.copymode(path, tmp)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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


__all__ = ["FixResult", "apply", "fix_file", "unified_diff", "write_atomic", "InputError"]
