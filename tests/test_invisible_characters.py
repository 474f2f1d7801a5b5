"""A soft hyphen or a zero-width character inside a word does not hide it: prose reads
through them, and the finding's span is exact in the original (it covers them)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from hr_lint import Linter
from hr_lint.cli import lint_command

LINTER = Linter()

HIDDEN = {
    "soft hyphen": "jun\u00adkie",
    "zero-width space": "junk\u200bie",
    "zero-width non-joiner": "ju\u200cnkie",
    "zero-width joiner": "junki\u200de",
    "word joiner": "j\u2060unkie",
    "several": "j\u00adun\u200b\u00adkie",
}


def check(source: str, fmt: str, expected: list[str]):
    findings = LINTER.lint_text(source, fmt)
    assert [f.text for f in findings] == expected
    lines = source.split("\n")
    for f in findings:
        start = sum(len(l) + 1 for l in lines[: f.line - 1]) + f.column - 1
        end = sum(len(l) + 1 for l in lines[: f.end_line - 1]) + f.end_column - 1
        assert source[start:end] == f.text  # exact, as an editor counts
        assert source[f.offset:f.end_offset] == f.text


@pytest.mark.parametrize("name", sorted(HIDDEN))
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "rst"])
def test_a_word_with_an_invisible_character_is_found(fmt, name):
    word = HIDDEN[name]
    source = f"Title\n\nThe {word} left the shelter.\n" if fmt != "html" else f"<p>The {word} left the shelter.</p>\n"
    check(source, fmt, [word])


def test_entities_for_invisible_characters_in_html():
    check("<p>The jun&shy;kie and the junk&#8203;ies left.</p>\n", "html", ["jun&shy;kie", "junk&#8203;ies"])


def test_a_phrase_with_invisible_characters_is_found_and_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "Her brother commit\u00adted sui\u200bcide in 2019.\n"
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    check(text, "markdown", ["commit\u00adted sui\u200bcide"])
    result = CliRunner().invoke(lint_command, ["--no-cache", "--fix", "post.md"])
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == "Her brother died by suicide in 2019.\n"
    assert "Fixed 1 finding in 1 file." in result.stderr


def test_invisible_characters_between_words_change_nothing():
    check("Clean\u00ad water for the kitchen. Drug\u200b users.\n", "text", ["Drug\u200b users"])
