"""Configuration end to end through the real command line: discovery and precedence,
presets, extends, allow lists, voice policy, file types, globs, custom rules and every
validation error (one line naming the file and the line, exit 2, no traceback)."""
import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from hr_lint import Linter
from hr_lint.cli import lint_command
from hr_lint.config import Config, load_config

ADDICTS = "Three addicts came by."  # addict-noun, category substance-use
SUICIDE = "He committed suicide last year."  # committed-suicide, category suicide
ABUSE = "Substance abuse is rising."  # substance-abuse, category substance-use
DOC = f"# Notes\n\n{ADDICTS}\n\n{SUICIDE}\n\n{ABUSE}\n"

ORG_RULES = """\
category: our-policy
rules:
  - id: frequent-flyer
    severity: warning
    message: "'Frequent flyer' mocks people who need services often; describe the need instead."
    terms: [frequent flyer]
    alternatives: [person who visits often]
    context:
      not_before: [miles, program]
    sources:
      - title: Our style guide
        url: https://example.org/style
    examples:
      flag: ["He is a frequent flyer at the ER."]
      pass: ["Frequent flyer miles can be donated."]
"""


def run(*args, input=None):
    return CliRunner().invoke(lint_command, ["--no-cache", *args], input=input)


def lint(*args):
    """(exit code, findings) of a JSON run; fails on anything but exit 0 or 1."""
    result = run("--format", "json", *args)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr, result.output)
    return result.exit_code, json.loads(result.stdout)


def norm(path):
    return os.path.normpath(path).replace(os.sep, "/")


def rules_in(findings, path=None):
    return sorted(f["rule"] for f in findings if path is None or norm(f["path"]) == path)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def assert_config_error(result, name, line=None, *needles):
    """Exit 2 and exactly one line naming the file (and the line) with the expected words."""
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.stdout)
    err = result.stderr
    assert "Traceback" not in err and "Traceback" not in result.stdout
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert name in lines[0], err
    if line is not None:
        assert f"{name}:{line}:" in lines[0], err
    for needle in needles:
        assert needle in lines[0], err
    return lines[0]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with one document that trips three rules."""
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / "docs" / "sub" / "page.md", DOC)
    return tmp_path


# -- discovery ----------------------------------------------------------------------------

def test_without_configuration_every_rule_reports(repo):
    code, findings = lint("docs/sub/page.md")
    assert code == 1
    assert rules_in(findings) == ["addict-noun", "committed-suicide", "substance-abuse"]


@pytest.mark.parametrize("name", [".hr-lint.yaml", ".hr-lint.yml", "hr-lint.yaml"])
def test_config_file_found_from_a_subfolder(repo, name):
    write(repo / name, "ignore: [addict-noun]\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide", "substance-abuse"]


def test_config_found_when_run_inside_the_subfolder(repo, monkeypatch):
    write(repo / ".hr-lint.yaml", "ignore: [suicide]\n")
    monkeypatch.chdir(repo / "docs" / "sub")
    _, findings = lint("page.md")
    assert rules_in(findings) == ["addict-noun", "substance-abuse"]
    _, findings = lint(".")
    assert rules_in(findings) == ["addict-noun", "substance-abuse"]


def test_pyproject_tool_table(repo):
    write(repo / "pyproject.toml", """\
        [project]
        name = "clinic-site"

        [tool.hr-lint]
        ignore = ["addict-noun"]

        [tool.hr-lint.severity]
        suicide = "error"
        """)
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide", "substance-abuse"]
    assert {f["rule"]: f["severity"] for f in findings}["committed-suicide"] == "error"


def test_pyproject_without_our_table_is_passed_over(repo):
    write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    write(repo / "docs" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    write(repo / ".hr-lint.yaml", "ignore: [substance-abuse]\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["addict-noun", "committed-suicide"]


def test_someone_elses_broken_pyproject_is_not_ours_to_judge(repo):
    write(repo / "docs" / "pyproject.toml", "[tool.black\nline-length = \n")
    code, findings = lint("docs/sub/page.md")
    assert code == 1 and len(findings) == 3


def test_yaml_wins_over_pyproject_in_the_same_folder(repo):
    write(repo / "pyproject.toml", '[tool.hr-lint]\nignore = ["suicide"]\n')
    write(repo / ".hr-lint.yaml", "ignore: [addict-noun]\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide", "substance-abuse"]


def test_nearest_configuration_governs_each_file(repo):
    write(repo / ".hr-lint.yaml", "ignore: [addict-noun]\n")
    write(repo / "docs" / "sub" / ".hr-lint.yaml", "ignore: [committed-suicide]\n")
    write(repo / "top.md", DOC)
    _, findings = lint(".")
    assert rules_in(findings, "top.md") == ["committed-suicide", "substance-abuse"]
    assert rules_in(findings, "docs/sub/page.md") == ["addict-noun", "substance-abuse"]


def test_discovery_stops_at_the_repository_root(tmp_path, monkeypatch):
    outer = tmp_path / "outer"
    write(outer / ".hr-lint.yaml", "ignore: [addict-noun]\n")
    inner = outer / "repo"
    write(inner / "page.md", DOC)
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    monkeypatch.chdir(inner)
    _, findings = lint("page.md")
    assert "addict-noun" in rules_in(findings)


def test_config_option_names_the_file(repo):
    write(repo / ".hr-lint.yaml", "ignore: [addict-noun]\n")
    write(repo / "ci" / "strict-review.yaml", "ignore: [substance-abuse]\n")
    _, findings = lint("--config", "ci/strict-review.yaml", "docs/sub/page.md")
    assert rules_in(findings) == ["addict-noun", "committed-suicide"]


def test_config_option_accepts_a_pyproject(repo):
    write(repo / "other" / "pyproject.toml", '[tool.hr-lint]\nselect = ["suicide"]\n')
    _, findings = lint("--config", "other/pyproject.toml", "docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide"]


def test_missing_config_option_file(repo):
    assert_config_error(run("--config", "nope.yaml", "docs"), "nope.yaml", None, "not found")


def test_isolated_ignores_every_configuration_file(repo):
    write(repo / ".hr-lint.yaml", "ignore: [addict-noun]\n")
    write(repo / "docs" / "sub" / ".hr-lint.yaml", "ignroe: broken\n")
    _, findings = lint("--isolated", "docs/sub/page.md")
    assert len(findings) == 3


# -- settings -----------------------------------------------------------------------------

def test_select_by_category_and_by_id(repo):
    write(repo / ".hr-lint.yaml", "select: [suicide, substance-abuse]\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide", "substance-abuse"]


def test_ignore_by_category(repo):
    write(repo / ".hr-lint.yaml", "ignore: [substance-use]\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide"]


def test_extend_select_adds_to_a_selection(repo):
    write(repo / ".hr-lint.yaml", "select: [suicide]\nextend-select: [addict-noun]\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["addict-noun", "committed-suicide"]


def test_comma_separated_string_is_a_list(repo):
    write(repo / ".hr-lint.yaml", "ignore: addict-noun, suicide\n")
    _, findings = lint("docs/sub/page.md")
    assert rules_in(findings) == ["substance-abuse"]


def test_severity_per_category_and_per_rule(repo):
    write(repo / ".hr-lint.yaml", """\
        severity:
          substance-use: error
          addict-noun: info
        """)
    _, findings = lint("docs/sub/page.md")
    severities = {f["rule"]: f["severity"] for f in findings}
    assert severities["addict-noun"] == "info"  # the rule's own setting beats its category's
    assert severities["substance-abuse"] == "error"
    assert severities["committed-suicide"] == "warning"


def test_fail_on_in_the_file(repo):
    write(repo / "docs" / "only.md", f"{ADDICTS}\n")
    write(repo / ".hr-lint.yaml", "fail-on: error\n")
    code, findings = lint("docs/only.md")
    assert code == 0 and rules_in(findings) == ["addict-noun"]


def test_file_types_mapping(repo):
    write(repo / "docs" / "page.mdx", f"<!-- hr-lint disable -->\n\n{SUICIDE}\n\n<!-- hr-lint enable -->\n\n{ADDICTS}\n")
    write(repo / "docs" / "note.txt", f"<!-- hr-lint disable suicide -->\n\n{SUICIDE}\n")
    _, findings = lint("docs")
    assert rules_in(findings, "docs/page.mdx") == []  # not walked: not a known extension
    assert rules_in(findings, "docs/note.txt") == ["committed-suicide"]  # plain text: the comment is text
    _, findings = lint("docs/page.mdx")
    assert rules_in(findings) == ["addict-noun", "committed-suicide"]  # named: read as plain text
    write(repo / ".hr-lint.yaml", "file-types:\n  .mdx: markdown\n  txt: markdown\n")
    _, findings = lint("docs")
    assert rules_in(findings, "docs/page.mdx") == ["addict-noun"]
    assert rules_in(findings, "docs/note.txt") == []


SPHINX_TXT = """\
Models
======

.. note::

   Three addicts came by.

Call :meth:`Model.clean` to clean the data; ``substance abuse`` is a field name.
"""


def test_txt_written_in_restructuredtext_is_read_as_such(repo):
    # Sphinx projects (Django's docs) name their reStructuredText sources .txt
    write(repo / "docs" / "models.txt", SPHINX_TXT)
    _, findings = lint("docs/models.txt")
    found = sorted((f["line"], f["rule"]) for f in findings)
    assert (6, "addict-noun") in found  # the note's body is prose
    assert all(line != 8 for line, _ in found)  # role targets and inline literals are code
    # without reStructuredText markup a .txt file stays plain text
    write(repo / "docs" / "plain.txt", "Notes\n=====\n\n``Three addicts came by.``\n")
    _, findings = lint("docs/plain.txt")
    assert [f["line"] for f in findings] == [4]
    # and file-types decides when it maps .txt
    write(repo / ".hr-lint.yaml", "file-types:\n  .txt: text\n")
    _, findings = lint("docs/models.txt")
    assert any(f["line"] == 8 for f in findings)  # ``substance abuse`` read as plain text


def test_exclude_and_include_globs(repo):
    write(repo / "docs" / "drafts" / "draft.md", f"{ADDICTS}\n")
    write(repo / "docs" / "site.min.html", f"<p>{ADDICTS}</p>\n")
    write(repo / "notes" / "n.md", f"{ADDICTS}\n")
    write(repo / ".hr-lint.yaml", 'exclude: ["drafts/**", "*.min.html"]\n')
    _, findings = lint(".")
    assert sorted({norm(f["path"]) for f in findings}) == ["docs/sub/page.md", "notes/n.md"]
    write(repo / ".hr-lint.yaml", 'include: ["notes/**"]\n')
    _, findings = lint(".")
    assert sorted({norm(f["path"]) for f in findings}) == ["notes/n.md"]


def test_exclude_on_the_command_line_adds_to_the_file(repo):
    write(repo / "notes" / "n.md", f"{ADDICTS}\n")
    write(repo / ".hr-lint.yaml", 'exclude: ["sub"]\n')
    _, findings = lint("--exclude", "notes/*", ".")
    assert findings == []


def test_globs_are_relative_to_their_configuration_file(repo, monkeypatch):
    write(repo / ".hr-lint.yaml", 'exclude: ["docs/drafts/**"]\ninclude: ["docs/**"]\n')
    config = load_config(str(repo / ".hr-lint.yaml")).with_overrides(exclude=["*.tmp.md"])
    (repo / "docs" / "drafts").mkdir()
    monkeypatch.chdir(repo / "docs" / "drafts")
    assert config.is_excluded("a.md") and config.is_excluded("../drafts/b.md")
    assert not config.is_excluded("../sub/page.md") and config.is_included("../sub/page.md")
    assert config.is_excluded("../sub/x.tmp.md")  # command-line globs: from the working folder
    assert not config.is_included(str(repo / "notes" / "n.md"))
    assert "command line" in config.origins["exclude"] and ".hr-lint.yaml:1" in config.origins["exclude"]


def test_gitignore_is_honoured_unless_switched_off(repo):
    write(repo / ".gitignore", "private/\n")
    write(repo / "private" / "p.md", f"{ADDICTS}\n")
    _, findings = lint(".")
    assert "private/p.md" not in {norm(f["path"]) for f in findings}
    write(repo / ".hr-lint.yaml", "respect-gitignore: false\n")
    _, findings = lint(".")
    assert "private/p.md" in {norm(f["path"]) for f in findings}


def test_gitignore_of_each_repository_is_honoured_from_outside_it(tmp_path, monkeypatch):
    # `cd elsewhere && hr-lint path/to/repo`: the repository's own ignore files decide,
    # for each of two repositories in one run, a nested .gitignore included
    for name, ignored in (("one", "private/\n"), ("two", "*.draft.md\n")):
        subprocess.run(["git", "init", "-q", str(tmp_path / name)], check=True)
        write(tmp_path / name / ".gitignore", ignored)
        write(tmp_path / name / "private" / "p.md", f"{ADDICTS}\n")
        write(tmp_path / name / "docs" / "a.draft.md", f"{ADDICTS}\n")
        write(tmp_path / name / "docs" / "kept.md", f"{ADDICTS}\n")
    write(tmp_path / "two" / "docs" / ".gitignore", "kept.md\n")
    write(tmp_path / "plain" / "p.md", f"{ADDICTS}\n")  # in no repository: linted
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    _, findings = lint("../one", "../two", "../plain")
    assert sorted({norm(f["path"]) for f in findings}) == ["../one/docs/a.draft.md", "../one/docs/kept.md",
                                                            "../plain/p.md", "../two/private/p.md"]
    _, findings = lint(str(tmp_path / "one"))  # an absolute path too
    assert sorted({os.path.relpath(f["path"], tmp_path) for f in findings}) == ["one/docs/a.draft.md",
                                                                                 "one/docs/kept.md"]


def test_allow_list_is_honoured_by_every_rule(repo):
    write(repo / ".hr-lint.yaml", 'allow: ["addicts", "substance abuse"]\n')
    _, findings = lint("docs/sub/page.md")
    assert [(f["rule"], f["line"]) for f in findings] == [("committed-suicide", 5)]


@pytest.mark.parametrize("policy,expected", [("ignore", None), ("info", "info"), ("report", "warning")])
def test_quotes_policy(repo, policy, expected):
    write(repo / "docs" / "q.md", 'Her brother told us, "I saw three addicts on the corner today."\n')
    write(repo / ".hr-lint.yaml", f"quotes: {policy}\n")
    _, findings = lint("docs/q.md")
    severities = [f["severity"] for f in findings if f["rule"] == "addict-noun"]
    assert severities == ([] if expected is None else [expected])


@pytest.mark.parametrize("policy,expected", [("ignore", None), ("info", "info"), ("report", "warning")])
def test_first_person_policy(repo, policy, expected):
    write(repo / "docs" / "me.md", "I am an addict and proud of my recovery.\n")
    write(repo / ".hr-lint.yaml", f"first-person: {policy}\n")
    _, findings = lint("docs/me.md")
    severities = [f["severity"] for f in findings if f["rule"] == "addict-noun"]
    assert severities == ([] if expected is None else [expected])


# -- presets and extends ---------------------------------------------------------------------

def test_default_preset_is_the_base(repo):
    config = load_config(None)
    assert (config.quotes, config.first_person, config.fail_on) == ("info", "info", "warning")
    assert config.origins["quotes"].startswith("preset default")


def test_identity_first_preset(repo):
    write(repo / "docs" / "me.md", f"I am an addict and proud of my recovery.\n\n{ADDICTS}\n")
    write(repo / ".hr-lint.yaml", "extends: identity-first\n")
    _, findings = lint("docs/me.md")
    assert [(f["rule"], f["line"]) for f in findings] == [("addict-noun", 3)]  # self-description dropped
    config = load_config(str(repo / ".hr-lint.yaml"))
    assert config.quotes == "ignore" and config.first_person == "ignore"
    assert config.ignore  # the identity-first wording rules are off


def test_strict_preset(repo):
    write(repo / "docs" / "s.md", f"{SUICIDE}\n")
    write(repo / ".hr-lint.yaml", "extends: strict\n")
    result = run("--format", "json", "docs/s.md")
    assert result.exit_code == 1
    assert [f["severity"] for f in json.loads(result.stdout)] == ["error"]
    assert load_config(str(repo / ".hr-lint.yaml")).fail_on == "info"


def test_extends_a_file_and_own_settings_win(repo):
    write(repo / "shared" / "base.yaml", "ignore: [addict-noun]\nfail-on: error\nrules: [org.yaml]\n")
    write(repo / "shared" / "org.yaml", ORG_RULES)  # relative to the file that names it
    write(repo / "docs" / ".hr-lint.yaml", "extends: ../shared/base.yaml\nfail-on: warning\n")
    write(repo / "docs" / "f.md", "She is a frequent flyer here.\n")
    code, findings = lint("docs/sub/page.md", "docs/f.md")
    assert code == 1
    assert rules_in(findings) == ["committed-suicide", "frequent-flyer", "substance-abuse"]


def test_extends_a_preset_and_a_file_in_order(repo):
    write(repo / "base.yaml", "quotes: report\n")
    write(repo / ".hr-lint.yaml", "extends: [identity-first, base.yaml]\n")
    config = load_config(str(repo / ".hr-lint.yaml"))
    assert config.quotes == "report" and config.first_person == "ignore"


def test_extends_loop_is_an_error(repo):
    write(repo / "a.yaml", "extends: .hr-lint.yaml\n")
    write(repo / ".hr-lint.yaml", "\nextends: a.yaml\n")
    assert_config_error(run("docs"), "a.yaml", 1, "loops")


# -- command line wins ---------------------------------------------------------------------

def test_command_line_select_replaces_the_file(repo):
    write(repo / ".hr-lint.yaml", "select: [addict-noun]\nextend-select: [substance-abuse]\n")
    _, findings = lint("--select", "suicide", "docs/sub/page.md")
    assert rules_in(findings) == ["committed-suicide"]


def test_command_line_ignore_and_extend_select_add(repo):
    write(repo / ".hr-lint.yaml", "select: [suicide]\nignore: [substance-abuse]\n")
    _, findings = lint("--extend-select", "substance-use", "--ignore", "committed-suicide", "docs/sub/page.md")
    assert rules_in(findings) == ["addict-noun"]
    _, findings = lint("--ignore", "addict-noun,committed-suicide", "--extend-select", "substance-use",
                       "docs/sub/page.md")
    assert rules_in(findings) == []


def test_command_line_fail_on_wins(repo):
    write(repo / ".hr-lint.yaml", "fail-on: error\n")
    assert run("docs/sub/page.md").exit_code == 0
    assert run("--fail-on", "warning", "docs/sub/page.md").exit_code == 1
    write(repo / ".hr-lint.yaml", "fail-on: info\n")
    assert run("--fail-on", "error", "docs/sub/page.md").exit_code == 0


def test_unknown_rule_on_the_command_line(repo):
    line = assert_config_error(run("--ignore", "adict-noun", "docs"), "--ignore", None)
    assert "unknown rule or category 'adict-noun'" in line and "did you mean 'addict-noun'?" in line


# -- --show-config -------------------------------------------------------------------------

def test_show_config_names_where_each_setting_came_from(repo):
    write(repo / ".hr-lint.yaml", "extends: identity-first\nignore:\n  - suicide\nfail-on: error\n")
    result = run("--show-config", "--ignore", "substance-abuse", "docs/sub/page.md")
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert ".hr-lint.yaml" in rows["configuration"]
    assert "error" in rows["fail-on"] and "# .hr-lint.yaml:4" in rows["fail-on"]
    assert "ignore" in rows["quotes"] and "# preset identity-first" in rows["quotes"]
    assert "suicide" in rows["ignore"] and "substance-abuse" in rows["ignore"]
    assert "preset identity-first" in rows["ignore"] and ".hr-lint.yaml:2" in rows["ignore"]
    assert "command line" in rows["ignore"]
    assert "# preset default" in rows["first-person"] or "# preset identity-first" in rows["first-person"]


def test_show_config_without_a_file(repo):
    result = run("--show-config")
    assert result.exit_code == 0
    assert "(none)" in result.stdout and "preset default" in result.stdout


def test_show_config_pyproject_lines(repo):
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.hr-lint]\nquotes = "report"\n')
    result = run("--show-config", "docs")
    assert "pyproject.toml:5" in result.stdout


# -- custom rules --------------------------------------------------------------------------

def test_custom_rules_are_linted(repo):
    write(repo / "org-rules.yaml", ORG_RULES)
    write(repo / ".hr-lint.yaml", "rules: [org-rules.yaml]\n")
    write(repo / "docs" / "f.md", "He is a frequent flyer at the ER.\n\nFrequent flyer miles can be donated.\n")
    _, findings = lint("docs/f.md")
    (f,) = findings
    assert (f["rule"], f["category"], f["line"], f["text"]) == ("frequent-flyer", "our-policy", 1, "frequent flyer")
    assert f["suggestions"] == ["person who visits often"] and f["source"] == "https://example.org/style"
    _, findings = lint("--ignore", "our-policy", "docs/f.md")
    assert findings == []
    _, findings = lint("--select", "frequent-flyer", "docs/f.md", "docs/sub/page.md")
    assert rules_in(findings) == ["frequent-flyer"]


def test_custom_rule_options_case_and_context(repo):
    write(repo / "org-rules.yaml", """\
        category: our-policy
        rules:
          - id: noncompliant-label
            severity: error
            message: "Say what happened rather than labelling the person."
            terms: [NC]
            inflect: none
            case_sensitive: true
            context:
              after: [patient, client]
            examples:
              flag: ["The patient NC again."]
              pass: ["The patient nc again.", "We met in NC."]
        """)
    write(repo / ".hr-lint.yaml", "rules:\n  - org-rules.yaml\n")
    write(repo / "docs" / "c.md", "The client NC twice.\n\nThe client nc twice.\n\nA trip to NC.\n")
    _, findings = lint("docs/c.md")
    assert [(f["rule"], f["line"], f["severity"]) for f in findings] == [("noncompliant-label", 1, "error")]


def test_check_rules_runs_custom_examples(repo):
    write(repo / "org-rules.yaml", ORG_RULES)
    write(repo / ".hr-lint.yaml", "rules: [org-rules.yaml]\n")
    result = run("--check-rules", "--select", "our-policy")
    assert result.exit_code == 0, result.stderr
    assert "0 example problems in 1 rules" in result.stdout


def test_custom_rule_with_an_unsatisfied_example(repo):
    bad = ORG_RULES.replace('pass: ["Frequent flyer miles can be donated."]',
                            'pass:\n        - "Frequent flyer miles can be donated."\n'
                            '        - "She is a frequent flyer at the shelter."')
    write(repo / "org-rules.yaml", bad)
    write(repo / ".hr-lint.yaml", "rules: [org-rules.yaml]\n")
    line = assert_config_error(run("--check-rules"), "org-rules.yaml", 17, "frequent-flyer")
    assert "She is a frequent flyer at the shelter." in line
    assert_config_error(run("docs"), "org-rules.yaml", 17)  # a broken rule stops a normal run too
    write(repo / "org-rules.yaml", ORG_RULES.replace("He is a frequent flyer", "He flies often"))
    line = assert_config_error(run("docs"), "org-rules.yaml", 14, "expected the flag example to be flagged")


def test_python_api_takes_a_mapping(repo):
    linter = Linter({"ignore": ["addict-noun"], "severity": {"suicide": "error"}})
    found = {f.rule: f.severity for f in linter.lint_text(DOC)}
    assert found == {"committed-suicide": "error", "substance-abuse": "warning"}
    assert Config.from_mapping({"allow": ["addicts"]}).allow == ["addicts"]


# -- validation: one line, file and line, what was expected, exit 2 --------------------------

BAD_CONFIGS = [
    # (file text, line, words the message must contain)
    ("ignore: [addict-noun\nselect: [suicide]\n", 2, ["malformed YAML"]),
    ("select: [suicide]\n  ignore: x\n", 2, ["malformed YAML"]),
    ("quotes: info\n\tfail-on: error\n", 2, ["malformed YAML"]),
    ("- ignore\n- select\n", 1, ["expected a mapping"]),
    ("fail-on: warning\nignroe: [addict-noun]\n", 2, ["unknown setting 'ignroe'", "did you mean 'ignore'?"]),
    ("select: [suicide]\nselect: [addict-noun]\n", 2, ["duplicate key 'select'"]),
    ("ignore:\n  - suicide\n  - adict-noun\n", 3, ["unknown rule or category 'adict-noun'", "did you mean 'addict-noun'?"]),
    ("select: [suicid]\n", 1, ["unknown rule or category 'suicid'", "did you mean 'suicide'?"]),
    ("extend-select: [substance-usage]\n", 1, ["'substance-usage'", "did you mean 'substance-use'?"]),
    ("severity:\n  suicide: error\n  suicde: error\n", 3, ["unknown rule or category 'suicde'", "did you mean 'suicide'?"]),
    ("severity:\n  suicide: critical\n", 2, ["must be error, warning or info", "'critical'"]),
    ("severity:\n  addict-noun: warn\n", 2, ["did you mean 'warning'?"]),
    ("severity: [suicide]\n", 1, ["'severity' must map"]),
    ("fail-on: warn\n", 1, ["'fail-on' must be one of info, warning, error", "did you mean 'warning'?"]),
    ("quotes: hide\n", 1, ["'quotes' must be one of ignore, info, report"]),
    ("\nfirst-person: reprot\n", 2, ["did you mean 'report'?"]),
    ("respect-gitignore: maybe\n", 1, ["'respect-gitignore' must be true or false"]),
    ("exclude: 3\n", 1, ["'exclude' must be a list of strings"]),
    ("file-types:\n  .mdx: mdx\n", 2, ["unknown format 'mdx'", "markdown"]),
    ("extends: identity\n", 1, ["cannot extend 'identity'", "did you mean 'identity-first'?"]),
    ("extends: missing.yaml\n", 1, ["cannot extend 'missing.yaml'"]),
    ("rules:\n  - org.yaml\n  - missing-rules.yaml\n", 3, ["custom rule file 'missing-rules.yaml' not found"]),
]


@pytest.mark.parametrize("text,line,needles", BAD_CONFIGS, ids=[str(i) for i in range(len(BAD_CONFIGS))])
def test_bad_configuration(repo, text, line, needles):
    write(repo / "org.yaml", ORG_RULES)
    (repo / ".hr-lint.yaml").write_text(text, encoding="utf-8")
    assert_config_error(run("docs"), ".hr-lint.yaml", line, *needles)


def test_unknown_rule_in_an_extended_file_names_that_file(repo):
    write(repo / "base.yaml", "quotes: info\nignore: [adict-noun]\n")
    write(repo / ".hr-lint.yaml", "extends: base.yaml\nignore: [suicide]\n")
    assert_config_error(run("docs"), "base.yaml", 2, "'adict-noun'")


RULE = """\
category: our-policy
rules:
  - id: frequent-flyer
    message: "Describe the need instead."
    terms: [frequent flyer]
"""
BAD_RULES = [
    (RULE.replace("terms:", "term:"), 5, ["unknown key 'term'", "did you mean 'terms'?"]),
    (RULE.replace("[frequent flyer]", "[]"), 5, ["non-empty 'terms'"]),
    (RULE + "    severity: high\n", 6, ["severity must be error, warning or info", "'high'"]),
    (RULE + "    inflect: nouns\n", 6, ["did you mean 'noun'?"]),
    (RULE + "    context:\n      not_befor: [miles]\n", 7, ["unknown context key 'not_befor'", "did you mean 'not_before'?"]),
    (RULE + "    examples:\n      flags: [x]\n", 7, ["unknown examples key 'flags'", "did you mean 'flag'?"]),
    (RULE + "    case_sensitive: sometimes\n", 6, ["'case_sensitive' must be true or false"]),
    (RULE + "    alternatives:\n      singlar: [x]\n", 7, ["unknown alternatives form 'singlar'", "did you mean 'singular'?"]),
    (RULE.replace("frequent-flyer", "Frequent Flyer"), 3, ["kebab-case"]),
    (RULE + RULE.split("rules:\n")[1], 6, ["'frequent-flyer' is defined twice"]),
    (RULE.replace("category:", "categroy:"), 1, ["unknown top-level key 'categroy'", "did you mean 'category'?"]),
    (RULE + "    examples: {flag: [x\n", 7, ["malformed YAML"]),
    (RULE + "    check: drug-contxt\n", 6, ["rule 'frequent-flyer': unknown check 'drug-contxt'",
                                            "did you mean 'drug-context'?"]),
    (RULE + "    check: clean-status\n", 6, ["rule 'frequent-flyer': check 'clean-status' is bound to rule "
                                             "'clean-substance-status', not to this rule", "drug-context"]),
    (RULE + "    check: [drug-context]\n", 6, ["rule 'frequent-flyer': 'check' must name a check"]),
]


@pytest.mark.parametrize("text,line,needles", BAD_RULES, ids=[str(i) for i in range(len(BAD_RULES))])
def test_bad_custom_rule(repo, text, line, needles):
    write(repo / ".hr-lint.yaml", "rules: [org-rules.yaml]\n")
    (repo / "org-rules.yaml").write_text(text, encoding="utf-8")
    assert_config_error(run("docs"), "org-rules.yaml", line, *needles)


def test_a_custom_rule_replaces_the_built_in_rule_of_the_same_id(repo):
    write(repo / ".hr-lint.yaml", "rules: [org-rules.yaml]\n")
    (repo / "org-rules.yaml").write_text(RULE.replace("frequent-flyer", "addict-noun")
                                         .replace("[frequent flyer]", "[regular]"), encoding="utf-8")
    (repo / "docs" / "regular.md").write_text("Three addicts came by. A regular came by.\n", encoding="utf-8")
    result = run("--format", "json", "docs/regular.md")
    assert [(f["rule"], f["text"]) for f in json.loads(result.stdout)] == [("addict-noun", "regular")]


def test_pyproject_errors_name_their_line(repo):
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.hr-lint]\nfail-on = "error"\nignroe = ["x"]\n')
    assert_config_error(run("docs"), "pyproject.toml", 6, "unknown setting 'ignroe'", "did you mean 'ignore'?")
    write(repo / "pyproject.toml", '[tool.hr-lint]\nignore = [\n  "suicide",\n  "adict-noun",\n]\n')
    assert_config_error(run("docs"), "pyproject.toml", 4, "did you mean 'addict-noun'?")
    write(repo / "pyproject.toml", '[tool.hr-lint]\nquotes = "info"\n\n[tool.hr-lint.severity]\nsuicide = "fatal"\n')
    assert_config_error(run("docs"), "pyproject.toml", 5, "must be error, warning or info")
    write(repo / "pyproject.toml", '[tool.hr-lint]\nquotes = "info"\nselect = [suicide]\n')
    assert_config_error(run("docs"), "pyproject.toml", 3, "malformed TOML")


def test_errors_through_a_real_subprocess(repo):
    write(repo / ".hr-lint.yaml", "ignore: [addict-noun]\n")
    proc = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", "--format", "json", "."],
                          capture_output=True, text=True, cwd=repo / "docs" / "sub")
    assert proc.returncode == 1, proc.stderr
    assert rules_in(json.loads(proc.stdout)) == ["committed-suicide", "substance-abuse"]
    write(repo / ".hr-lint.yaml", "ignore: [addict-noun\nfail-on: error\n")
    proc = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", "docs"],
                          capture_output=True, text=True, cwd=repo)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert re.search(r"\.hr-lint\.yaml:2: malformed YAML", proc.stderr), proc.stderr


def test_lint_attributes_can_be_switched_off(repo):
    write(repo / "docs" / "page.html", '<p>Welcome.</p><img src="a.png" alt="Three addicts at the van">\n')
    on = json.loads(run("--format", "json", "docs/page.html").stdout)
    assert [f["text"] for f in on] == ["addicts"]
    write(repo / ".hr-lint.yaml", "lint-attributes: false\n")
    assert json.loads(run("--format", "json", "docs/page.html").stdout) == []
