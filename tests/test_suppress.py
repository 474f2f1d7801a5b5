"""Inline suppression comments in every format, through the real command line."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from hr_lint import suppress
from hr_lint.cli import lint_command

ADDICTS = "Three addicts came by."  # addict-noun (category substance-use)
SUICIDE = "He committed suicide last year."  # committed-suicide (category suicide)
ABUSE = "Substance abuse is rising."  # substance-abuse


def run(*args):
    return CliRunner().invoke(lint_command, ["--no-cache", *args])


def found(name, text, *args):
    """(rule, line) of each finding in a file `name` holding `text`."""
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(text)
    result = run("--format", "json", *args, name)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return [(f["rule"], f["line"]) for f in json.loads(result.stdout)]


@pytest.fixture(autouse=True)
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


# -- Markdown and HTML ----------------------------------------------------------------------

def test_disable_enable_hides_exactly_what_it_encloses():
    text = (f"{ADDICTS}\n\n"                       # 1
            "<!-- hr-lint disable -->\n\n"        # 3
            f"{ADDICTS}\n\n"                       # 5
            f"{SUICIDE}\n\n"                       # 7
            "<!-- hr-lint enable -->\n\n"         # 9
            f"{ADDICTS}\n\n{SUICIDE}\n")           # 11, 13
    assert found("a.md", text) == [("addict-noun", 1), ("addict-noun", 11), ("committed-suicide", 13)]


def test_without_the_comments_everything_is_reported():
    text = f"{ADDICTS}\n\n<!-- a note -->\n\n{ADDICTS}\n"
    assert found("a.md", text) == [("addict-noun", 1), ("addict-noun", 5)]


def test_block_inside_one_line():
    text = "We met addicts, <!-- hr-lint disable --> addicts <!-- hr-lint enable --> and addicts.\n"
    with open("a.md", "w", encoding="utf-8") as fh:
        fh.write(text)
    findings = json.loads(run("--format", "json", "a.md").stdout)
    assert [f["column"] for f in findings] == [text.index("addicts") + 1, text.rindex("addicts") + 1]


def test_disable_names_rules_and_categories():
    text = (f"<!-- hr-lint disable addict-noun, committed-suicide -->\n\n"
            f"{ADDICTS}\n\n{SUICIDE}\n\n{ABUSE}\n\n"
            "<!-- hr-lint enable -->\n\n"
            "<!-- hr-lint disable substance-use -->\n\n"
            f"{ADDICTS}\n\n{ABUSE}\n\n{SUICIDE}\n")
    assert found("a.md", text) == [("substance-abuse", 7), ("committed-suicide", 17)]


def test_rule_ids_separated_by_spaces_and_a_colon_form():
    text = f"<!-- hr-lint: disable addict-noun committed-suicide -->\n{ADDICTS} {SUICIDE} {ABUSE}\n"
    assert found("a.md", text) == [("substance-abuse", 2)]


def test_unclosed_disable_runs_to_the_end():
    text = f"{ADDICTS}\n\n<!-- hr-lint disable -->\n\n{ADDICTS}\n\n{SUICIDE}\n"
    assert found("a.md", text) == [("addict-noun", 1)]


def test_enable_one_rule_keeps_the_others_disabled():
    text = (f"<!-- hr-lint disable -->\n\n{ADDICTS} {SUICIDE}\n\n"
            "<!-- hr-lint enable addict-noun -->\n\n"
            f"{ADDICTS} {SUICIDE}\n\n"
            "<!-- hr-lint enable -->\n\n"
            f"{SUICIDE}\n")
    assert found("a.md", text) == [("addict-noun", 7), ("committed-suicide", 11)]
    text = (f"<!-- hr-lint disable addict-noun,committed-suicide -->\n{ADDICTS} {SUICIDE}\n"
            f"<!-- hr-lint enable committed-suicide -->\n{ADDICTS} {SUICIDE}\n")
    assert found("a.md", text) == [("committed-suicide", 4)]


def test_disable_next_line():
    text = (f"<!-- hr-lint disable-next-line -->\n{ADDICTS} {SUICIDE}\n"
            f"{ADDICTS}\n"
            f"<!-- hr-lint disable-next-line committed-suicide -->\n{ADDICTS} {SUICIDE}\n"
            f"<!-- hr-lint disable-next-line relapse -->\n{SUICIDE}\n")
    assert found("a.md", text) == [("addict-noun", 3), ("addict-noun", 5), ("committed-suicide", 7)]


def test_look_alike_comments_are_not_directives():
    text = (f"<!-- hr-lint disabled -->\n{ADDICTS}\n\n"
            "```markdown\n<!-- hr-lint disable -->\n```\n\n"
            f"Write `<!-- hr-lint disable -->` to switch it off.\n\n{SUICIDE}\n")
    assert found("a.md", text) == [("addict-noun", 2), ("committed-suicide", 10)]


def test_html_comments():
    text = (f"<html><body>\n<p>{ADDICTS}</p>\n<!-- hr-lint disable suicide -->\n"
            f"<p>{SUICIDE} {ADDICTS}</p>\n<!-- hr-lint enable -->\n"
            f"<!-- hr-lint disable-next-line -->\n<p>{ABUSE}</p>\n<p>{SUICIDE}</p>\n</body></html>\n")
    assert found("a.html", text) == [("addict-noun", 2), ("addict-noun", 4), ("committed-suicide", 8)]


# -- reStructuredText ------------------------------------------------------------------------

def test_rst_comments():
    text = (f"Notes\n=====\n\n{ADDICTS}\n\n"
            ".. hr-lint: disable addict-noun\n\n"
            f"{ADDICTS} {SUICIDE}\n\n"
            ".. hr-lint: enable\n\n"
            f"{ADDICTS}\n\n"
            ".. hr-lint: disable-next-line\n"
            f"{SUICIDE}\n\n"
            ".. hr-lint: disable\n\n"
            f"{ABUSE}\n")
    assert found("a.rst", text) == [("addict-noun", 4), ("committed-suicide", 8), ("addict-noun", 12)]


# -- plain text --------------------------------------------------------------------------------

def test_plain_text_ignore_and_ignore_next_line():
    text = (f"{ADDICTS}  hr-lint: ignore\n"
            f"{SUICIDE} {ADDICTS}  hr-lint: ignore addict-noun\n"
            "hr-lint: ignore-next-line\n"
            f"{ABUSE} {ADDICTS}\n"
            "hr-lint: ignore-next-line suicide\n"
            f"{SUICIDE} {ADDICTS}\n"
            f"{ADDICTS}\n")
    assert found("a.txt", text) == [("committed-suicide", 2), ("addict-noun", 6), ("addict-noun", 7)]


def test_plain_text_comments_are_not_prose():
    """A comment's own words are not linted, and adding one changes nothing but what it
    suppresses: its words do not run into the sentence of the next line."""
    assert found("a.txt", "hr-lint: ignore-next-line junkie\nWe met junkies.\n") == []
    assert found("b.txt", "Notes.\nhr-lint: ignore-next-line addict-noun\nWe met addicts.\n") == []
    text = "We met addicts and junkies.\nHe committed suicide.\n\tTabbed addicts here.\n"
    before = found("c.txt", text)
    assert ("addict-noun", 3) in before
    with_comment = text.replace("suicide.\n", "suicide.  hr-lint: ignore committed-suicide\n")
    assert found("d.txt", with_comment) == [f for f in before if f != ("committed-suicide", 2)]


def test_markdown_comments_do_nothing_in_plain_text_and_the_other_way():
    text = f"<!-- hr-lint disable -->\n\n{ADDICTS}\n"
    assert found("a.txt", text) == [("addict-noun", 3)]
    text = f"{ADDICTS} hr-lint: ignore\n"
    assert found("a.md", text) == [("addict-noun", 1)]


# -- unused suppressions -------------------------------------------------------------------------

def test_report_unused_suppressions():
    text = (f"<!-- hr-lint disable-next-line -->\n{ADDICTS}\n"
            "<!-- hr-lint disable-next-line relapse -->\n"
            f"{SUICIDE}\n"
            "<!-- hr-lint disable suicide -->\nClean the kitchen.\n<!-- hr-lint enable -->\n")
    assert found("a.md", text) == [("committed-suicide", 4)]
    reported = found("a.md", text, "--report-unused-suppressions")
    assert reported == [("unused-suppression", 3), ("committed-suicide", 4), ("unused-suppression", 5)]
    result = run("--report-unused-suppressions", "--fail-on", "error", "--format", "json", "a.md")
    assert result.exit_code == 0  # unused comments are warnings


def test_report_unused_suppressions_from_the_file(repo):
    (repo / ".hr-lint.yaml").write_text("report-unused-suppressions: true\n")
    text = "hr-lint: ignore-next-line\nNothing to see here.\n"
    assert found("a.txt", text) == [("unused-suppression", 1)]


def test_directive_parser_directly():
    (d,) = suppress.directives("x\n<!-- hr-lint disable-next-line a,b -->\ny\n", "markdown")
    assert (d.line, d.verb, d.rules) == (2, "disable-next-line", frozenset({"a", "b"}))
    assert suppress.directives("<!-- hr-lint disable -->", "docx") == []
    (d,) = suppress.directives("hr-lint: ignore.\n", "text")
    assert d.rules == frozenset()  # punctuation is not a rule id


def test_suppression_through_a_real_subprocess(repo):
    (repo / "a.md").write_text(f"<!-- hr-lint disable -->\n{ADDICTS}\n<!-- hr-lint enable -->\n{SUICIDE}\n")
    proc = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", "--format", "json", "a.md"],
                          capture_output=True, text=True, cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert [(f["rule"], f["line"]) for f in json.loads(proc.stdout)] == [("committed-suicide", 4)]
