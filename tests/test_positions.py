"""End to end: exact line and column in the original file, through every format's markup.

Fixtures hold trigger words in code, URLs, attributes, comments, front matter, script and
style (never reported) and in prose through entities, CRLF, tabs, emoji, bold markers and
line breaks (reported at the raw characters).
"""
from pathlib import Path

import pytest

from hr_lint import Linter

FIXTURES = Path(__file__).parent / "fixtures" / "positions"
LINTER = Linter()

EXPECTED = {
    "sample.md": [
        (2, 17, "addicts"),
        (8, 22, "substance\nabuse"),
        (9, 25, "substance **abuse"),
        (11, 16, "addicts"),
        (21, 3, "junkies"),
        (23, 7, "addicts"),
        (23, 60, "substance abuse"),
        (26, 6, "committed suicide"),
    ],
    "sample.html": [
        (1, 20, "Addicts"),
        (3, 69, "junkie&rsquo;s"),  # the possessive is part of the finding ("person's")
        (3, 104, "addicts"),
        (4, 29, "Junkies"),
        (4, 57, "substance abuse"),
        (5, 4, "substance <em>abuse"),
    ],
    "sample.rst": [
        (1, 14, "addicts"),
        (4, 28, "substance abuse"),
        (19, 18, "junkies"),
    ],
    "sample.txt": [
        (3, 29, "junkies"),
        (4, 1, "committed suicide"),
        (6, 15, "substance abuse"),
        (6, 33, "addicts"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_positions(name):
    path = FIXTURES / name
    findings = LINTER.lint_file(path)
    assert [(f.line, f.column, f.text) for f in findings] == EXPECTED[name]
    raw = path.read_bytes().decode("utf-8")
    lines = raw.split("\n")
    for f in findings:
        # the reported span is exactly the characters at line/column .. end_line/end_column
        start = sum(len(l) + 1 for l in lines[: f.line - 1]) + f.column - 1
        end = sum(len(l) + 1 for l in lines[: f.end_line - 1]) + f.end_column - 1
        assert raw[start:end] == f.text


def test_phrases_split_by_markup_or_line_breaks_are_found_in_otherwise_quiet_files(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our neighbor committed\nsuicide last year.\n\nHe *committed* suicide.\n", encoding="utf-8")
    found = [(f.line, f.text) for f in LINTER.lint_file(page)]
    assert found == [(1, "committed\nsuicide"), (4, "committed* suicide")]


@pytest.mark.parametrize("fmt,ext", [("markdown", ".md"), ("text", ".txt"), ("rst", ".rst")])
def test_large_texts_read_in_chunks_give_the_same_findings(tmp_path, monkeypatch, fmt, ext):
    """Chunks are cut only where no block spans (never inside a fence or an indented block)."""
    from hr_lint import linter as linter_module

    blocks = []
    for i in range(60):
        blocks.append(f"Paragraph {i}: three addicts came by, and one man committed\nsuicide last year.")
        if fmt == "markdown":
            blocks.append("```\naddicts = 1\n\nsubstance abuse in code\n```")
        if fmt == "rst":
            blocks.append("Example::\n\n    addicts = 1\n\n    substance abuse in a literal block")
    path = tmp_path / f"big{ext}"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    whole = [(f.line, f.column, f.end_line, f.end_column, f.text, f.offset) for f in LINTER.lint_file(path)]
    monkeypatch.setattr(linter_module, "CHUNK_CHARS", 300)
    chunked = [(f.line, f.column, f.end_line, f.end_column, f.text, f.offset) for f in LINTER.lint_file(path)]
    assert len(whole) == 120 and chunked == whole
