"""Linting an open document a piece at a time, so an edit re-lints only what it touched.

The text is cut where its reader can start afresh (`readers.blocks.Splitter`, which
re-parses Markdown's block structure only around an edit); each piece is
linted on its own through the `Linter` facade (suppression comments left out) and its
findings are kept by the piece's text. The next lint of the document lints only the
pieces whose text is new, moves the kept findings to where their piece now stands, and
applies the suppression comments to the whole text, as `Linter.lint_text` does. The
result is the same list of findings, in the same order, that linting the whole text
gives (`tests/test_lsp_blocks.py` checks it on every evaluation document).
"""
from __future__ import annotations

import bisect
import copy
from dataclasses import replace

from ..finding import Finding
from ..readers import blocks


class IncrementalLinter:
    """One per open document. Not thread-safe: call it from one thread."""

    def __init__(self) -> None:
        self._linter = None
        self._fmt: str | None = None
        self._pieces: dict[tuple, list[Finding]] = {}
        self._splitter = blocks.Splitter()
        self.relinted = 0  # pieces the last call linted (the others came from before)
        self.text: str | None = None  # the text of the last call
        self.starts: list[int] = []  # where its pieces start
        self.pieces = 0  # pieces the text was cut into

    def lint(self, linter, text: str, fmt: str, path: str, *, keep: bool = True) -> list[Finding]:
        """The findings in `text`, as `linter.lint_text(text, fmt, path)` gives them.
        `keep=False` lints a variant of the text (a code action's result) without
        forgetting the pieces of the document itself."""
        if linter is not self._linter or fmt != self._fmt:
            self._linter, self._fmt, self._pieces = linter, fmt, {}
        splitter = self._splitter if keep else copy.copy(self._splitter)
        starts, suffix = splitter.split(text, fmt)
        ends = starts[1:] + [len(text)]
        newline_at = _newlines(text)
        plan = linter.language_plan(text, fmt)  # a piece's language is what it is in the whole text
        pieces: dict[tuple, list[Finding]] = {}
        found: list[Finding] = []
        relinted = 0
        for a, b in zip(starts, ends):
            piece = text[a:b]
            piece_plan = plan.piece(a, b)
            key = (piece, suffix, piece_plan.key)
            local = pieces.get(key)
            if local is None:
                local = self._pieces.get(key)
            if local is None:
                relinted += 1
                local = [f for f in linter.lint_text(piece + suffix, fmt, path, suppress=False,
                                                     language_plan=piece_plan) if f.offset < len(piece)]
            pieces[key] = local
            if local:
                found.extend(_moved(f, a, newline_at) for f in local)
        if keep:
            self._pieces = pieces
            self.relinted, self.pieces = relinted, len(starts)
            self.text, self.starts = text, starts
        found.sort(key=Finding.sort_key)
        return linter.suppressed(found, text, fmt, path) if found or linter.config.report_unused_suppressions \
            else found


def _newlines(text: str) -> list[int]:
    """Offsets just after each "\\n" (where `Document.position` starts a line), with 0."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _moved(f: Finding, base: int, line_starts: list[int]) -> Finding:
    """A piece's finding placed in the whole text (the piece starts at offset `base`)."""
    start, end = f.offset + base, f.end_offset + base
    line = bisect.bisect_right(line_starts, start) - 1
    end_line = bisect.bisect_right(line_starts, end) - 1
    return replace(f, offset=start, end_offset=end,
                   line=line + 1, column=start - line_starts[line] + 1,
                   end_line=end_line + 1, end_column=end - line_starts[end_line] + 1)
