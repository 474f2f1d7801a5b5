"""The decision trace: every occurrence of a term, whether it is reported, and the stage that
decided, from the Python API and the command line. What the trace reports is exactly what
linting reports, under every preset."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hr_lint import Linter
from hr_lint.cli import lint_command
from hr_lint.config import builtin_rules
from hr_lint.readers import format_for_path
from hr_lint.trace import STAGES, REPORTED_STAGES

FIXTURES = Path(__file__).parent / "fixtures"
ES_CORPUS = Path(__file__).parent.parent / "evaluation" / "es-corpus" / "docs"
DOCUMENTS = [p for p in sorted(FIXTURES.glob("heldout*/docs/*")) + sorted((FIXTURES / "positions").iterdir())
             + sorted(ES_CORPUS.iterdir())  # Spanish and bilingual: each segment traced in its language
             if format_for_path(str(p)) not in (None, "docx", "pdf")]
KEYS = {"path", "line", "column", "end_line", "end_column", "text", "rule", "reported", "severity", "stage", "reason"}


def _place(f):
    return (f.path, f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.text)


LINTERS = {preset: Linter({"extends": preset}) for preset in ("default", "identity-first", "strict")}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_the_trace_reports_exactly_what_linting_reports(path):
    linter = LINTERS["default"]
    traced = [_place(o.finding) for o in linter.trace_file(path) if o.reported]
    assert traced == [_place(f) for f in linter.lint_file(path)]


@pytest.mark.parametrize("preset", sorted(LINTERS))
def test_the_trace_agrees_with_linting_on_every_rule_example(preset):
    linter = LINTERS[preset]
    for rule in builtin_rules():
        for sentence in rule.examples.get("flag", []) + rule.examples.get("pass", []):
            traced = linter.trace_text(sentence, "text")
            assert [_place(o.finding) for o in traced if o.reported] == \
                [_place(f) for f in linter.lint_text(sentence, "text")], (preset, sentence)
            # every occurrence says where it stopped, and why
            for o in traced:
                assert o.stage in (REPORTED_STAGES if o.reported else STAGES), o
                assert o.reason.strip(), o


def _stages(occurrences):
    return [(o.finding.text, o.rule, o.reported, o.stage) for o in occurrences]


def test_every_stage_that_drops_a_match_is_named():
    linter = Linter({"allow": ["the addict role"]})
    text = ("Frequent flyer miles pay for the trip. Alcoholics Anonymous meets on Tuesdays. "
            "Volunteers clean the kitchen. We studied the addict role in family systems. "
            "A former addict spoke. Avoid the word \"junkie\" in your notes. "
            "Suicide is not a selfish act.\n\n<!-- hr-lint disable-next-line -->\nThree addicts came by.\n")
    seen = _stages(linter.trace_text(text, "markdown"))
    for expected in [("Frequent flyer", "frequent-flyer", False, "context"),
                     ("Alcoholics", "alcoholic-noun", False, "name"),
                     ("clean", "clean-substance-status", False, "check"),
                     ("addict", "addict-noun", False, "allow"),
                     ("former addict", "former-addict", True, "check"),
                     ("addict", "addict-noun", False, "overlap"),
                     ("junkie", "junkie", False, "voice"),
                     ("selfish act", "suicide-choice-blame", False, "negation"),
                     ("addicts", "addict-noun", False, "suppression")]:
        assert expected in seen, (expected, seen)
    overlap = [o for o in linter.trace_text("A former addict spoke.", "text") if o.rule == "addict-noun"]
    assert [(o.stage, o.reported) for o in overlap] == [("overlap", False)]
    assert "'former addict' (former-addict)" in overlap[0].reason


def test_reasons_name_the_check_and_the_sense():
    occ = {o.rule: o for o in Linter().trace_text("Volunteers clean the kitchen after lunch.", "text")}
    reason = occ["clean-substance-status"].reason
    assert reason.startswith("check 'clean-status': not a person's substance use")
    assert "clean the kitchen" in reason
    kept = [o for o in Linter().trace_text("She has been clean for two years.", "text") if o.reported]
    assert [(o.rule, o.stage) for o in kept] == [("clean-substance-status", "check")]
    assert "stretch of time" in kept[0].reason


def test_policy_selection_severity_and_voice_are_traced():
    first = Linter({"extends": "identity-first"}).trace_text(
        "Drug users met at noon. \"I was a junkie,\" he said.", "text")
    by_rule = {o.rule: o for o in first}
    assert (by_rule["drug-user-identity"].reported, by_rule["drug-user-identity"].stage) == (False, "selection")
    assert "identity-first" in by_rule["drug-user-identity"].reason
    assert (by_rule["junkie"].stage, by_rule["junkie"].reported) == ("voice", False)
    assert "quotes: ignore" in by_rule["junkie"].reason
    strict = Linter({"extends": "strict"}).trace_text("He committed suicide in 1994.", "text")
    assert [(o.stage, o.finding.severity) for o in strict] == [("severity", "error")]
    quoted = Linter().trace_text("He said \"they are all junkies\" at the meeting.", "text")
    assert [(o.reported, o.stage, o.finding.severity) for o in quoted] == [(True, "voice", "info")]
    off = Linter({"lint-attributes": False}).trace_text('<img src="a.png" alt="Three addicts at the van">', "html")
    assert [(o.reported, o.stage) for o in off] == [(False, "selection")]
    assert "lint-attributes: false" in off[0].reason


def test_the_trace_says_what_fix_does_under_the_rules_fix_policy():
    text = ("He committed suicide in 1994.\n\n| Instead of | Say |\n|---|---|\n"
            "| committed suicide | died by suicide |\n\nThree addicts came by.\n")
    occurrences = Linter().trace_text(text, "markdown")
    fixable = [o for o in occurrences if o.rule == "committed-suicide"]
    assert [(o.reported, o.stage) for o in fixable] == [(True, "check"), (True, "check")]
    assert fixable[0].reason.endswith("; --fix writes 'died by suicide' (the rule's fix policy)")
    assert fixable[1].reason.endswith("; --fix leaves it: in a table cell (a guide's 'instead of' column is a mention)")
    assert ["--fix" in o.reason for o in occurrences if o.rule == "addict-noun"] == [False]  # a rule without fix
    linted = [f.fix for f in Linter().lint_text(text, "markdown") if f.rule == "committed-suicide"]
    assert linted == ["died by suicide", None]  # what linting (and so --fix) does


def test_the_trace_costs_nothing_when_not_asked():
    linter = Linter()
    linter.lint_text("Three addicts came by. Volunteers clean the kitchen.", "text")
    assert linter._trace_engine is None  # linting never builds the trace's engine


def run(*args, input=None):
    return CliRunner().invoke(lint_command, ["--no-cache", *args], input=input)


def test_trace_on_the_command_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Notes\n\nVolunteers clean the kitchen.\n\nThree addicts came by.\n", encoding="utf-8")
    result = run("--trace", str(page))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "5:7" in out and "addict-noun" in out and "reported (warning)" in out
    assert "3:12" in out and "not reported" in out and "[check]" in out
    assert "occurrences of a term in 1 file" in out
    as_json = json.loads(run("--trace", "--format", "json", str(page)).stdout)
    assert all(set(o) == KEYS for o in as_json)
    assert [(o["line"], o["column"], o["text"], o["rule"], o["reported"]) for o in as_json if o["reported"]] == [
        (5, 7, "addicts", "addict-noun", True)]
    assert {o["stage"] for o in as_json if not o["reported"]} == {"check"}


def test_trace_errors_are_one_line_and_the_other_files_are_traced(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Three addicts came by.\n", encoding="utf-8")
    result = run("--trace", str(tmp_path / "missing.md"), str(page))
    assert result.exit_code == 2
    assert "addicts" in result.stdout
    assert result.stderr.strip().splitlines() == [f"hr-lint: {tmp_path / 'missing.md'}: no such file or directory"]
    wrong = run("--trace", "--format", "sarif", str(page))
    assert wrong.exit_code == 2 and "--trace writes text or json" in wrong.stderr
    assert run("--trace", "--fix", str(page)).exit_code == 2


def test_trace_reads_standard_input():
    result = run("--trace", "--format", "json", "--stdin-filename", "draft.md", "-", input="Three addicts came by.\n")
    assert result.exit_code == 0
    assert [(o["path"], o["text"]) for o in json.loads(result.stdout)] == [("draft.md", "addicts")]


def test_debated_terms_are_traced_as_the_policy_says():
    text = "He went to rehab in May. She went to rehab in June."
    default = [o for o in Linter().trace_text(text, "text") if o.finding.text == "went to rehab"]
    assert [(o.reported, o.stage) for o in default] == [(False, "selection")] * 2
    assert "debated: ignore" in default[0].reason
    once = [o for o in Linter({"debated": "once"}).trace_text(text, "text") if o.finding.text == "went to rehab"]
    assert [(o.reported, o.stage) for o in once] == [(True, "check"), (False, "selection")]
    assert "debated: once" in once[1].reason
    linted = Linter({"debated": "once"}).lint_text(text, "text")
    assert [f.text for f in linted] == ["went to rehab"]
