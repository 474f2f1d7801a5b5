"""Debated terms (rules marked `debated: true`): the `debated` policy and the presets.

Guides disagree on 'rehab', 'alcoholism', 'relapse', 'MAT', 'opioid crisis' and a few more,
and mainstream clinical, government and news writing uses them respectfully. The default
policy does not report them; `debated: once` reports the first of each rule in a document,
`debated: report` (and the strict preset) every one.
"""
import subprocess
import sys

import pytest

from hr_lint import Linter
from hr_lint.config import builtin_rules, load_config

PAGE = (
    "Our rehab center in Millbrook takes adults of any age.\n\n"
    "Most people who go to rehab have tried to quit before, and a relapse is common.\n\n"
    "Alcoholism is treated with counseling and medication; my cousin went to rehab twice.\n"
)

DEBATED = {"rehab-detox", "alcoholism", "dsm-iv-dependence", "medication-assisted-treatment",
           "relapse", "drug-problem", "opioid-epidemic", "drug-free"}


def rules_found(linter, text, fmt="markdown"):
    return [f.rule for f in linter.lint_text(text, format=fmt)]


def test_the_debated_rules_are_marked():
    assert {r.id for r in builtin_rules("en") if r.debated} == DEBATED
    assert {r.id for r in builtin_rules("es") if r.debated} == {"es-recaida"}  # 'recaída', like 'relapse'


def test_default_policy_does_not_report_debated_terms():
    assert rules_found(Linter(), PAGE) == []
    assert rules_found(Linter(load_config(None)), PAGE) == []
    # the slang beside them is not debated
    assert rules_found(Linter(), "He spent the night in the drunk tank.", "text") == ["drying-out-drunk-tank"]


def test_once_reports_the_first_of_each_debated_rule_in_a_document():
    found = Linter({"debated": "once"}).lint_text(PAGE, format="markdown")
    assert [(f.rule, f.line) for f in found] == [("rehab-detox", 1), ("relapse", 3), ("alcoholism", 5)]
    # each document (and each record) starts again
    linter = Linter({"debated": "once"})
    assert rules_found(linter, "She went to rehab in May.", "text") == ["rehab-detox"]
    assert rules_found(linter, "He went to rehab in June.", "text") == ["rehab-detox"]


def test_once_keeps_the_first_occurrence_that_is_not_suppressed():
    text = "<!-- hr-lint disable-next-line -->\nShe went to rehab in May.\n\nHe went to rehab in June.\n"
    found = Linter({"debated": "once"}).lint_text(text, format="markdown")
    assert [(f.rule, f.line) for f in found] == [("rehab-detox", 4)]


def test_report_and_strict_report_every_one():
    assert rules_found(Linter({"debated": "report"}), PAGE).count("rehab-detox") == 3
    strict = load_config(None, preset="strict")
    assert strict.debated == "report"
    assert rules_found(Linter(strict), PAGE).count("rehab-detox") == 3


def test_identity_first_does_not_report_them():
    assert rules_found(Linter(load_config(None, preset="identity-first")), PAGE) == []


def test_selecting_a_debated_rule_by_id_turns_it_on():
    assert set(rules_found(Linter({"extend-select": ["relapse"]}), PAGE)) == {"relapse"}
    assert set(rules_found(Linter({"select": ["alcoholism"]}), PAGE)) == {"alcoholism"}
    # a category or ALL does not name it
    assert rules_found(Linter({"select": ["recovery"]}), PAGE) == []
    assert rules_found(Linter({"select": ["ALL"]}), PAGE) == []


def test_a_custom_rule_may_be_debated(tmp_path):
    rules = tmp_path / "ours.yaml"
    rules.write_text(
        "category: our-policy\nrules:\n  - id: client-word\n    severity: info\n    debated: true\n"
        "    message: Some of our programs prefer 'participant'.\n    terms: [client]\n"
        "    examples:\n      flag: [Every client gets a locker., A client called.]\n"
        "      pass: [The email app crashed., Nothing here.]\n", encoding="utf-8")
    assert rules_found(Linter({"rules": [str(rules)]}), "Every client gets a locker.", "text") == []
    assert rules_found(Linter({"rules": [str(rules)], "debated": "report"}),
                       "Every client gets a locker.", "text") == ["client-word"]


def test_bad_policy_is_a_configuration_error(tmp_path):
    cfg = tmp_path / ".hr-lint.yaml"
    cfg.write_text("debated: sometimes\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("She went to rehab.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "hr_lint", "--config", str(cfg), str(tmp_path / "a.md")],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "'debated' must be one of ignore, once, report" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("policy, count", [("ignore", 0), ("once", 1), ("report", 2)])
def test_command_line_follows_the_configuration(tmp_path, policy, count):
    (tmp_path / ".hr-lint.yaml").write_text(f"debated: {policy}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("She went to rehab.\n\nHe went to rehab too.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", "--format", "json", str(tmp_path / "a.md")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.stdout.count('"rehab-detox"') == count, run.stdout + run.stderr


def test_list_rules_and_explain_say_which_terms_are_debated():
    out = subprocess.run([sys.executable, "-m", "hr_lint", "--list-rules"], capture_output=True, text=True).stdout
    assert "(debated) 'Relapse'" in out and "9 debated" in out  # 8 English, 1 Spanish
    explained = subprocess.run([sys.executable, "-m", "hr_lint", "--explain", "relapse"],
                               capture_output=True, text=True).stdout
    assert "(recovery, info, debated)" in explained and "debated: once" in explained
