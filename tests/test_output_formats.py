"""The sarif, github, junit and gitlab renderers, on hand-made findings."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hr_lint.finding import Finding
from hr_lint.output import FORMATS, RuleMeta, display_path, get_renderer
from hr_lint.output import github, gitlab, junit, sarif

SCHEMA = Path(__file__).resolve().parents[2] / "shared/schemas/sarif-schema-2.1.0.json"

TRICKY = "Labels, like 'addict': reduce a person to 100% of one trait,\nand nothing else."
ODD_PATH = "./docs/Über notes.md"

RULES = {
    "addict-noun": RuleMeta(
        id="addict-noun",
        category="substance-use",
        severity="warning",
        message="Labels such as 'addict' reduce a person to their substance use.",
        summary="Person-first language for substance use.",
        url="https://nida.nih.gov/research-topics/addiction-science/words-matter",
    ),
    "committed-suicide": RuleMeta(
        id="committed-suicide",
        category="suicide",
        severity="error",
        message="'Committed suicide' echoes the time when suicide was a crime.",
        summary="Say 'died by suicide'.",
        url=None,
    ),
    "unused-rule": RuleMeta(
        id="unused-rule",
        category="other",
        severity="info",
        message="Never reported.",
        summary="Never reported.",
    ),
}


def make(path, line, column, rule, severity, message, text, suggestions=(), fix=None, category=None):
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(text),
        rule=rule,
        category=category or rule,
        severity=severity,
        message=message,
        text=text,
        suggestions=list(suggestions),
        fix=fix,
    )


@pytest.fixture
def findings():
    return [
        make(ODD_PATH, 3, 7, "addict-noun", "warning", TRICKY, "addicts",
             ["people who use drugs", "people with a substance use disorder"], category="substance-use"),
        # the same words twice in the same file: fingerprints must still differ
        make(ODD_PATH, 9, 1, "addict-noun", "warning", TRICKY, "addicts", category="substance-use"),
        make("README.md", 1, 12, "committed-suicide", "error", "'Committed suicide' echoes a crime.",
             "committed suicide", ["died by suicide"], fix="died by suicide", category="suicide"),
        # a quoted use: info, reported as a note/notice
        make("README.md", 4, 2, "addict-noun", "info", "Quoted speech.", "addict", category="substance-use"),
        # a rule unknown to `rules`: renderers fall back to the finding
        make("notes.txt", 2, 5, "custom-rule", "warning", "Custom rule message.", "junkie"),
    ]


def test_formats_and_renderers():
    assert FORMATS == ("text", "json", "sarif", "github", "junit", "gitlab", "html")
    assert get_renderer("sarif") is sarif.render
    assert get_renderer("github") is github.render
    assert get_renderer("junit") is junit.render
    assert get_renderer("gitlab") is gitlab.render
    with pytest.raises(ValueError):
        get_renderer("xml")


@pytest.mark.parametrize("name", ["sarif", "github", "junit", "gitlab"])
def test_renderers_accept_extra_keywords(name, findings):
    out = get_renderer(name)(findings, RULES, paths=["README.md"], color=False)
    assert isinstance(out, str) and out.endswith("\n")


def test_display_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path("./a/b.md") == "a/b.md"
    assert display_path("a/./c/../b.md") == "a/b.md"
    assert display_path(str(tmp_path / "docs" / "x y.md")) == "docs/x y.md"
    outside = str(tmp_path.parent / "elsewhere.md")
    assert display_path(outside) == Path(outside).as_posix()


# --- SARIF -----------------------------------------------------------------


def sarif_validator():
    if not SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # the published file declares draft-04; validator_for picks the matching class
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates_against_official_schema(findings):
    validator = sarif_validator()
    log = json.loads(sarif.render(findings, RULES))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    empty = json.loads(sarif.render([], RULES))
    assert not list(validator.iter_errors(empty))
    assert empty["runs"][0]["results"] == [] and empty["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_content(findings, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = make(str(tmp_path / "sub dir" / "a.md"), 1, 1, "addict-noun", "warning", "m", "addict")
    log = json.loads(sarif.render(findings + [absolute], RULES))
    assert log["$schema"] and log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "hr-lint" and driver["informationUri"] and driver["version"]

    rule_ids = [r["id"] for r in driver["rules"]]
    assert set(rule_ids) == {"addict-noun", "committed-suicide", "custom-rule"}  # only used rules
    assert len(rule_ids) == len(set(rule_ids))
    by_id = {r["id"]: r for r in driver["rules"]}
    addict = by_id["addict-noun"]
    assert addict["shortDescription"]["text"] == RULES["addict-noun"].summary
    assert addict["fullDescription"]["text"] == RULES["addict-noun"].message
    assert addict["helpUri"] == RULES["addict-noun"].url
    assert addict["defaultConfiguration"]["level"] == "warning"
    assert addict["properties"]["tags"] == ["substance-use"]
    assert "helpUri" not in by_id["committed-suicide"]
    assert by_id["committed-suicide"]["defaultConfiguration"]["level"] == "error"
    assert by_id["custom-rule"]["fullDescription"]["text"] == "Custom rule message."

    results = run["results"]
    assert len(results) == len(findings) + 1
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(region[key], int) and region[key] >= 1
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith(("./", "/")) and " " not in uri
        assert result["partialFingerprints"]

    uris = {r["artifactLocation"]["uri"] for res in results for r in [res["locations"][0]["physicalLocation"]]}
    assert "docs/%C3%9Cber%20notes.md" in uris
    assert "sub%20dir/a.md" in uris
    assert "README.md" in uris

    levels = {(r["ruleId"], r["level"]) for r in results}
    assert ("addict-noun", "note") in levels  # info -> note
    assert ("committed-suicide", "error") in levels

    first = next(r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3)
    assert first["message"]["text"] == TRICKY + " Consider: people who use drugs; people with a substance use disorder"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 14, "snippet": {"text": "addicts"},
    }

    prints = [json.dumps(r["partialFingerprints"], sort_keys=True) for r in results]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprints_are_stable(findings):
    def prints(items):
        log = json.loads(sarif.render(items, RULES))
        return sorted(json.dumps(r["partialFingerprints"]) for r in log["runs"][0]["results"])

    assert prints(findings) == prints(list(reversed(findings)))
    moved = [make(f.path, f.line + 5, f.column, f.rule, f.severity, f.message, f.text, f.suggestions, f.fix,
                  f.category) for f in findings]
    assert prints(moved) == prints(findings)  # no line numbers in the SARIF fingerprint


# --- GitHub workflow commands ----------------------------------------------


def test_github_commands_and_escaping(findings):
    out = github.render(findings, RULES)
    lines = out.splitlines()
    assert len(lines) == len(findings)
    assert lines[0] == (
        "::warning file=README.md,line=1,endLine=1,col=12,endColumn=29,title=committed-suicide"
        "::'committed suicide': 'Committed suicide' echoes a crime. Consider: died by suicide"
    ).replace("::warning", "::error")
    assert lines[1] == "::notice file=README.md,line=4,endLine=4,col=2,endColumn=8,title=addict-noun::'addict': Quoted speech."
    assert lines[2] == (
        "::warning file=docs/Über notes.md,line=3,endLine=3,col=7,endColumn=14,title=addict-noun"
        "::'addicts': Labels, like 'addict': reduce a person to 100%25 of one trait,%0Aand nothing else."
        " Consider: people who use drugs; people with a substance use disorder"
    )
    assert lines[4].startswith("::warning file=notes.txt,line=2,endLine=2,col=5,endColumn=11,title=custom-rule::")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert "\r" not in out and out.count("\n") == len(findings)


def test_github_escaping_helpers():
    assert github.escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert github.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    weird = make("dir,x/a:b%.md", 1, 1, "r", "warning", "m", "t")
    assert github.render([weird], {}).startswith("::warning file=dir%2Cx/a%3Ab%25.md,line=1,")
    assert github.render([], RULES) == ""


# --- JUnit -----------------------------------------------------------------


def test_junit_counts_and_structure(findings):
    out = junit.render(findings, RULES, paths=["README.md", "./clean.md", ODD_PATH, "notes.txt"])
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["hr-lint"]
    suite = suites[0]
    cases = suite.findall("testcase")
    failures = suite.findall("testcase/failure")
    assert len(cases) == len(findings) + 1  # + clean.md
    assert len(failures) == len(findings)
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == str(len(failures))
    assert root.get("tests") == str(len(cases)) and root.get("failures") == str(len(failures))
    assert suite.get("errors") == "0"

    clean = [c for c in cases if c.find("failure") is None]
    assert [c.get("classname") for c in clean] == ["clean.md"]

    # grouped by file: each classname's cases are contiguous
    names = [c.get("classname") for c in cases]
    assert names == sorted(names, key=names.index)
    assert len({n for n in names}) == len([n for i, n in enumerate(names) if i == 0 or names[i - 1] != n])

    odd = [c for c in cases if c.get("classname") == "docs/Über notes.md"]
    assert [c.get("name") for c in odd] == ["addict-noun 3:7", "addict-noun 9:1"]
    failure = odd[0].find("failure")
    assert failure.get("type") == "addict-noun"
    assert TRICKY in failure.get("message")  # newline survives attribute escaping
    assert "Consider: people who use drugs" in failure.text
    assert RULES["addict-noun"].url in failure.text


def test_junit_without_findings():
    root = ET.fromstring(junit.render([], RULES).encode("utf-8"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None
    assert suite.get("tests") == "1" and suite.get("failures") == "0"

    root = ET.fromstring(junit.render([], RULES, paths=["a.md", "b.md"]).encode("utf-8"))
    suite = root.find("testsuite")
    assert [c.get("classname") for c in suite.findall("testcase")] == ["a.md", "b.md"]
    assert suite.get("tests") == "2" and suite.get("failures") == "0"


def test_junit_escapes_markup():
    nasty = make("a&b<c>.md", 1, 1, "r", "warning", 'Use "x" <not> y & z]]>', "t")
    out = junit.render([nasty], {})
    failure = ET.fromstring(out.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message").endswith('Use "x" <not> y & z]]>')
    assert 'Use "x" <not> y & z]]>' in failure.text


# --- GitLab Code Quality ---------------------------------------------------


def test_gitlab_code_quality(findings):
    issues = json.loads(gitlab.render(findings, RULES))
    assert isinstance(issues, list) and len(issues) == len(findings)
    for issue in issues:
        for key in ("description", "check_name", "fingerprint", "severity", "location"):
            assert key in issue
        assert issue["categories"] == ["Style"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert len(issue["fingerprint"]) == 32 and int(issue["fingerprint"], 16) >= 0
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    severities = {(i["check_name"], i["location"]["lines"]["begin"]): i["severity"] for i in issues}
    assert severities[("committed-suicide", 1)] == "major"
    assert severities[("addict-noun", 3)] == "minor"
    assert severities[("addict-noun", 4)] == "info"
    paths = {i["location"]["path"] for i in issues}
    assert paths == {"README.md", "docs/Über notes.md", "notes.txt"}
    assert json.loads(gitlab.render([], RULES)) == []


def test_gitlab_fingerprints_distinguish_repeats_on_one_line():
    a = make("x.md", 1, 1, "r", "warning", "m", "addict")
    b = make("x.md", 1, 20, "r", "warning", "m", "addict")
    issues = json.loads(gitlab.render([a, b], {}))
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    again = json.loads(gitlab.render([b, a], {}))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_context_lines_split_each_document_once():
    # a report of many findings in one big document: the text is split once, not per finding
    class Counting(str):
        splits = 0

        def split(self, *args, **kwargs):
            Counting.splits += 1
            return super().split(*args, **kwargs)

    text = Counting("".join(f"Line {i}: three addicts came by.\n" for i in range(300)))
    findings = [Finding(path="big.md", line=i + 1, column=19, end_line=i + 1, end_column=26, rule="addict-noun",
                        category="substance-use", severity="warning", message="m", text="addicts")
                for i in range(300)]
    for fmt in ("text", "html"):
        Counting.splits = 0
        out = get_renderer(fmt)(findings, {}, files_linted=1, sources={"big.md": text})
        assert "Line 299: three " in out  # the context line of the last finding
        assert Counting.splits <= 2, (fmt, Counting.splits)


@pytest.mark.parametrize("fmt", ["html", "json", "sarif", "text"])
@pytest.mark.parametrize("umask,new_mode", [(0o022, 0o644), (0o027, 0o640)])
def test_a_report_file_gets_the_mode_a_new_file_gets(tmp_path, monkeypatch, fmt, umask, new_mode):
    # issue 11: -o report.json was created 0600 and turned an existing 0644 report into 0600
    import os

    from click.testing import CliRunner

    from hr_lint.cli import lint_command

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Three addicts came by.\n", encoding="utf-8")
    report = tmp_path / f"report.{fmt}"
    old = os.umask(umask)
    try:
        result = CliRunner().invoke(lint_command, ["--no-cache", "--format", fmt, "-o", report.name, "a.md"])
        assert result.exit_code == 1, result.output
        assert "addicts" in report.read_text(encoding="utf-8")
        assert report.stat().st_mode & 0o777 == new_mode  # the umask's mode, readable by those it is for
        os.chmod(report, 0o664)
        CliRunner().invoke(lint_command, ["--no-cache", "--format", fmt, "-o", report.name, "a.md"])
        assert report.stat().st_mode & 0o777 == 0o664  # a report written again keeps its mode
    finally:
        os.umask(old)
