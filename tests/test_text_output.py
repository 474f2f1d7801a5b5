"""The text report stays readable: a window around the match on a long line, messages
wrapped to the terminal with the rule id never alone on its line."""
from __future__ import annotations

import re

from click.testing import CliRunner

from hr_lint.cli import lint_command
from hr_lint.finding import Finding
from hr_lint.output import text

MESSAGE = ("Calling someone an 'addict' reduces a person to their substance use; person-first wording "
           "such as 'person who uses drugs' keeps the person in view and says what you mean.")


def finding(path, line, column, end_column, word, message=MESSAGE, rule="addict-noun"):
    return Finding(path=path, line=line, column=column, end_line=line, end_column=end_column, rule=rule,
                   category="substance-use", severity="warning", message=message, text=word,
                   suggestions=["people who use drugs", "people with a substance use disorder"])


def caret_under(out: str, word: str) -> str:
    lines = out.splitlines()
    k = next(i for i, l in enumerate(lines) if set(l.strip()) == {"^"})
    start = lines[k].index("^")
    return lines[k - 1][start:start + lines[k].count("^")]


def test_a_finding_on_a_huge_line_shows_a_window_around_the_match(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = "word " * 400_000 + "Three addicts came by. " + "word " * 400_000  # 4 MB on one line
    (tmp_path / "long.txt").write_text(line + "\n")
    result = CliRunner().invoke(lint_command, ["--no-cache", "long.txt"])
    assert result.exit_code == 1
    assert len(result.stdout) < 2_000, len(result.stdout)  # was the whole line: 4 MB
    assert f"1:{line.index('addicts') + 1}" in result.stdout
    assert caret_under(result.stdout, "addicts") == "addicts"
    shown = next(l for l in result.stdout.splitlines() if "Three addicts" in l)
    assert shown.startswith("    \u2026") and shown.endswith("word\u2026") and len(shown) <= text.SOURCE_WIDTH


def test_window_keeps_the_match_whole_at_either_end_of_a_line():
    line = "addicts " + "x" * 500 + " junkies"
    for word in ("addicts", "junkies"):
        start = line.index(word)
        shown, at, wide = text.window(line, start, start + len(word), 60)
        assert len(shown) <= 60 and shown[at:at + wide] == word
    assert text.window("short line", 0, 5, 60) == ("short line", 0, 5)
    shown, at, wide = text.window("y" * 50 + "z" * 300, 50, 350, 60)  # a match longer than the window
    assert shown[at:at + wide] == "z" * 58 and shown.endswith("\u2026")


def test_messages_wrap_to_the_terminal_width_and_the_rule_id_never_dangles():
    source = "We met two addicts at the fair.\n"
    fs = [finding("a.md", 1, 12, 19, "addicts")]
    for width in (50, 60, 72, 80, 100):
        out = text.render(fs, sources={"a.md": source}, width=width)
        lines = out.splitlines()
        assert all(len(l) <= width for l in lines), (width, out)
        rule_line = next(l for l in lines if l.endswith("addict-noun"))
        assert re.search(r"\w.*  addict-noun$", rule_line.strip()), (width, out)  # words before it
        assert " ".join(" ".join(l.split()) for l in lines[1:lines.index(rule_line) + 1]).startswith(
            "1:12 warning Calling someone")
        assert caret_under(out, "addicts") == "addicts"


def test_without_a_terminal_each_message_stays_on_one_line():
    out = text.render([finding("a.md", 1, 12, 19, "addicts")], sources={"a.md": "We met two addicts at the fair.\n"})
    assert f"  1:12  warning  {MESSAGE}  addict-noun" in out.splitlines()
