"""The integrations end to end, through the real command line.

pre-commit (`pre-commit try-repo` on this checkout), SARIF (against the official schema),
GitHub workflow commands, JUnit, GitLab Code Quality, --output-file, --diff/--fix as the
SARIF fixes describe them, standard input, and the composite GitHub Action (action.yml),
whose shell steps are run here with bash as the runner would run them.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# three findings, one per paragraph, on lines 3, 5 and 7
THREE = "# Notes\n\nThree addicts came by.\n\nHe committed suicide.\n\nSubstance abuse is rising.\n"
THREE_TEXTS = {3: "addicts", 5: "committed suicide", 7: "Substance abuse"}
GOOD = "Clean the kitchen before guests arrive.\n"

GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,]+,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[^:]+::.+$"
)


def hr_lint(*args, cwd, input=None, env=None, timeout=300):
    """The real command line, in a fresh process (`python -m hr_lint`)."""
    return subprocess.run(
        [sys.executable, "-m", "hr_lint", "--no-cache", *args],
        cwd=cwd, input=input, env=env, capture_output=True, text=True, timeout=timeout,
    )


def clean_env(**extra) -> dict:
    """The environment without GIT_* variables (set when the tests run inside a git hook)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(extra)
    return env


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "notes.md").write_text(THREE, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def sarif_validator():
    if not SCHEMA.is_file():
        pytest.skip(f"official SARIF 2.1.0 schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(log: dict) -> None:
    validator = sarif_validator()
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


# --- pre-commit --------------------------------------------------------------


def test_pre_commit_manifest_and_files_pattern():
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # raises on an invalid manifest
    assert [h["id"] for h in hooks] == ["hr-lint"]
    hook = hooks[0]
    assert hook["entry"] == "hr-lint" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])  # pre-commit uses re.search
    for name in ("bad.md", "good.md", "docs/Post.MD", "a.markdown", "b.html", "c.htm", "d.rst",
                 "e.txt", "f.docx", "Handout.DOCX", "brochure.pdf", "Report.PDF"):
        assert pattern.search(name), name
    for name in ("setup.py", "a.md.bak", "style.css", "notes.mdx", "md", "docx/README"):
        assert not pattern.search(name), name


def test_pre_commit_try_repo_blocks_bad_and_passes_good(tmp_path, pytestconfig):
    """`pre-commit try-repo <this checkout> hr-lint --files ...` in a scratch git repository.

    try-repo snapshots uncommitted changes of the checkout, builds a virtualenv and
    pip-installs the snapshot into it (spaCy included). try-repo always uses a temporary
    store, so that environment is built on every run whatever PRE_COMMIT_HOME says; the two
    runs are made concurrently to halve the wall time. PRE_COMMIT_HOME still keeps
    pre-commit's own files (its log on a crash) out of the home directory.
    """
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout, which pre-commit try-repo needs")

    repo = tmp_path / "repo"
    repo.mkdir()
    cache = getattr(pytestconfig, "cache", None)  # None under -p no:cacheprovider
    home = cache.mkdir("pre-commit") if cache is not None else tmp_path / "pre-commit-home"
    env = clean_env(PRE_COMMIT_HOME=str(home),
                    PRE_COMMIT_COLOR="never", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    for args in (["init", "-q"], ["config", "user.email", "tests@example.org"],
                 ["config", "user.name", "hr-lint tests"], ["config", "commit.gpgsign", "false"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "bad.md").write_text("Three addicts came by.\n", encoding="utf-8")
    (repo / "good.md").write_text(GOOD, encoding="utf-8")

    def start(name):
        return subprocess.Popen(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "hr-lint", "--color", "never",
             "--files", name],
            cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    started = time.monotonic()
    bad, good = start("bad.md"), start("good.md")
    try:
        bad_out, _ = bad.communicate(timeout=900)
        good_out, _ = good.communicate(timeout=900)
    finally:
        for proc in (bad, good):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    print(f"pre-commit try-repo (two concurrent runs): {time.monotonic() - started:.0f} s")

    assert bad.returncode != 0, bad_out
    assert re.search(r"^hr-lint\.+Failed$", bad_out, re.M), bad_out
    assert "bad.md" in bad_out and "addicts" in bad_out and "addict-noun" in bad_out, bad_out
    assert "1 finding in 1 file" in bad_out, bad_out

    assert good.returncode == 0, good_out
    # "Passed", not "(no files to check)Skipped": the `files:` pattern picked good.md
    assert re.search(r"^hr-lint\.+Passed$", good_out, re.M), good_out
    assert "Skipped" not in good_out and "addict" not in good_out, good_out


# --- SARIF ---------------------------------------------------------------------


def test_sarif_from_the_command_line(docs):
    proc = hr_lint("--format", "sarif", "notes.md", cwd=docs)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    log = json.loads(proc.stdout)  # stdout is the report and nothing else
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    results = run["results"]
    assert len(results) == 3
    seen = {}
    for result in results:
        assert result["ruleId"] in rule_ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert uri == "notes.md" and not uri.startswith("/")
        region = location["region"]
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(region[key], int) and region[key] >= 1, region
        assert region["endLine"] == region["startLine"]
        assert region["endColumn"] - region["startColumn"] == len(region["snippet"]["text"])
        seen[region["startLine"]] = region["snippet"]["text"]
        assert result["partialFingerprints"]
    assert seen == THREE_TEXTS
    assert {"addict-noun", "committed-suicide"} <= {r["ruleId"] for r in results}
    assert set(rule_ids) == {r["ruleId"] for r in results}  # only the rules used


def test_sarif_uris_are_relative_however_the_path_is_given(docs):
    (docs / "sub dir").mkdir()
    shutil.copy(docs / "notes.md", docs / "sub dir" / "Über.md")
    for arg in ("sub dir/Über.md", "./sub dir/Über.md", str(docs / "sub dir" / "Über.md"), "sub dir"):
        proc = hr_lint("--format", "sarif", arg, cwd=docs)
        log = json.loads(proc.stdout)
        uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for res in log["runs"][0]["results"]}
        assert uris == {"sub%20dir/%C3%9Cber.md"}, (arg, uris)
    assert_valid_sarif(log)


def test_sarif_without_findings_is_valid(docs):
    proc = hr_lint("--format", "sarif", "good.md", cwd=docs)
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# --- GitHub workflow commands ------------------------------------------------------


def test_github_annotations_from_the_command_line(docs):
    proc = hr_lint("--format", "github", "notes.md", "good.md", cwd=docs)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 3, proc.stdout
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert lines[0].startswith(
        "::warning file=notes.md,line=3,endLine=3,col=7,endColumn=14,title=addict-noun::'addicts': ")
    assert [int(re.search(r",line=(\d+),", line).group(1)) for line in lines] == [3, 5, 7]
    assert proc.stdout.endswith("\n") and "\r" not in proc.stdout


def test_github_annotation_properties_are_escaped(tmp_path):
    (tmp_path / "we,ird:name.md").write_text("Three addicts came by.\n", encoding="utf-8")
    proc = hr_lint("--format", "github", "we,ird:name.md", cwd=tmp_path)
    line = proc.stdout.rstrip("\n")
    assert GITHUB_LINE.match(line), line
    assert line.startswith("::warning file=we%2Cird%3Aname.md,line=1,")


# --- JUnit, GitLab and --output-file ----------------------------------------------------


def test_junit_from_the_command_line(docs):
    proc = hr_lint("--format", "junit", "notes.md", "good.md", cwd=docs)
    assert proc.returncode == 1, proc.stderr
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    suite = root.find("testsuite")
    failures = suite.findall("testcase/failure")
    assert len(failures) == 3
    assert suite.get("failures") == "3" and suite.get("tests") == "4"  # + good.md, passing
    cases = {c.get("file") for c in suite.findall("testcase") if c.find("failure") is None}
    assert cases == {"good.md"}
    assert {c.get("line") for c in suite.findall("testcase") if c.find("failure") is not None} == {"3", "5", "7"}
    assert any("addicts" in f.get("message") for f in failures)


def test_gitlab_from_the_command_line(docs):
    proc = hr_lint("--format", "gitlab", "notes.md", "good.md", cwd=docs)
    assert proc.returncode == 1, proc.stderr
    issues = json.loads(proc.stdout)
    assert len(issues) == 3
    assert {i["location"]["path"] for i in issues} == {"notes.md"}
    assert sorted(i["location"]["lines"]["begin"] for i in issues) == [3, 5, 7]
    assert len({i["fingerprint"] for i in issues}) == 3
    assert all(i["type"] == "issue" and i["severity"] in {"info", "minor", "major", "critical", "blocker"}
               for i in issues)


def test_fingerprints_survive_lines_added_above(docs):
    """Code scanning and GitLab match findings across commits by fingerprint."""
    def prints():
        sarif_log = json.loads(hr_lint("--format", "sarif", "notes.md", cwd=docs).stdout)
        issues = json.loads(hr_lint("--format", "gitlab", "notes.md", cwd=docs).stdout)
        return ({json.dumps(r["partialFingerprints"]) for r in sarif_log["runs"][0]["results"]},
                {i["fingerprint"] for i in issues}, sorted(i["location"]["lines"]["begin"] for i in issues))

    sarif_before, gitlab_before, lines_before = prints()
    (docs / "notes.md").write_text("Intro paragraph.\n\nAnother one.\n\n" + THREE, encoding="utf-8")
    sarif_after, gitlab_after, lines_after = prints()
    assert lines_after == [line + 4 for line in lines_before]
    assert sarif_after == sarif_before and len(sarif_after) == 3
    assert gitlab_after == gitlab_before and len(gitlab_after) == 3


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "gitlab", "json", "text"])
def test_output_file_gets_the_report_and_stdout_stays_empty(docs, fmt):
    report = docs / "reports" / f"hr-lint.{fmt}"
    report.parent.mkdir()
    proc = hr_lint("--format", fmt, "--output-file", str(report), "notes.md", cwd=docs)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    written = report.read_text(encoding="utf-8")
    same = hr_lint("--format", fmt, "notes.md", cwd=docs).stdout
    assert written == same
    if fmt == "text":
        assert "addicts" in written and "3 findings in 1 file" in written and "\x1b[" not in written
    elif fmt == "junit":
        assert len(ET.fromstring(written.encode("utf-8")).findall("testsuite/testcase/failure")) == 3
    elif fmt == "github":
        assert len(written.splitlines()) == 3
    else:
        parsed = json.loads(written)
        assert len(parsed["runs"][0]["results"] if fmt == "sarif" else parsed) == 3
    assert [p.name for p in report.parent.iterdir()] == [report.name]  # no temporary file left


# --- --diff and --fix, as the SARIF fixes describe them ----------------------------------------

FIXABLE = (
    "# Visit notes\r\n"
    "\r\n"
    "Her brother committed suicide in 2019. Three addicts came by.\r\n"
    "\r\n"
    "Café 😀 staff hand out clean needles; `committed suicide` stays in code.\r\n"
)


def apply_sarif_fixes(text: str, log: dict) -> str:
    """Apply every SARIF fix (regions in Unicode code points, 1-based, end exclusive)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    edits = []
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for rep in change["replacements"]:
                    r = rep["deletedRegion"]
                    start = starts[r["startLine"] - 1] + r["startColumn"] - 1
                    end = starts[r["endLine"] - 1] + r["endColumn"] - 1
                    edits.append((start, end, rep["insertedContent"]["text"]))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_diff_fix_and_sarif_fixes_agree(tmp_path):
    path = tmp_path / "visit.md"
    path.write_bytes(FIXABLE.encode("utf-8"))

    sarif_log = json.loads(hr_lint("--format", "sarif", "visit.md", cwd=tmp_path).stdout)
    fixed_by_sarif = apply_sarif_fixes(FIXABLE, sarif_log)
    assert "died by suicide" in fixed_by_sarif and "sterile needles" in fixed_by_sarif

    diff = hr_lint("--diff", "visit.md", cwd=tmp_path)
    assert diff.returncode == 1, diff.stderr
    assert "+Her brother died by suicide in 2019. Three addicts came by." in diff.stdout
    assert path.read_bytes() == FIXABLE.encode("utf-8")  # --diff writes nothing

    fix = hr_lint("--fix", "visit.md", cwd=tmp_path)
    assert "Fixed 2 findings in 1 file." in fix.stderr
    after = path.read_bytes().decode("utf-8")
    assert after == fixed_by_sarif  # --fix writes exactly what the SARIF fixes describe
    assert "Three addicts came by." in after and "`committed suicide`" in after and after.count("\r\n") == 5

    again = json.loads(hr_lint("--format", "json", "visit.md", cwd=tmp_path).stdout)
    assert [f for f in again if f["fix"] is not None] == []
    assert [f["text"] for f in again] == ["addicts"]
    rerun = hr_lint("--diff", "visit.md", cwd=tmp_path)
    assert rerun.returncode == 0 and rerun.stdout == ""
    annotations = hr_lint("--format", "github", "visit.md", cwd=tmp_path).stdout.splitlines()
    assert len(annotations) == 1 and "title=addict-noun::" in annotations[0]


# --- standard input ------------------------------------------------------------------


def test_stdin_is_read_with_a_dash(tmp_path):
    proc = hr_lint("--format", "json", "-", cwd=tmp_path, input="Three addicts came by.\n")
    assert proc.returncode == 1, proc.stderr
    assert [(f["path"], f["line"], f["column"], f["text"]) for f in json.loads(proc.stdout)] == [
        ("-", 1, 7, "addicts")]
    clean = hr_lint("-", cwd=tmp_path, input=GOOD)
    assert clean.returncode == 0 and "No findings in 1 file." in clean.stdout


def test_stdin_filename_chooses_the_format(tmp_path):
    page = "<p>Three addicts came by.</p>\n<script>var addicts = 1; // Three addicts came by.</script>\n"
    html = hr_lint("--format", "json", "--stdin-filename", "draft.html", "-", cwd=tmp_path, input=page)
    found = json.loads(html.stdout)
    assert [(f["path"], f["line"], f["column"], f["text"]) for f in found] == [("draft.html", 1, 10, "addicts")]
    # the same characters as plain text: the script is prose now
    as_text = json.loads(hr_lint("--format", "json", "--stdin-filename", "draft.txt", "-",
                                 cwd=tmp_path, input=page).stdout)
    assert any(f["line"] == 2 for f in as_text)

    quiet_script = "<p>Fine words.</p><script>addicts</script>"
    none = hr_lint("--stdin-filename", "draft.html", "-", cwd=tmp_path, input=quiet_script)
    assert none.returncode == 0 and "No findings" in none.stdout

    github = hr_lint("--format", "github", "--stdin-filename", "draft.html", "-", cwd=tmp_path, input=page)
    assert github.stdout.startswith("::warning file=draft.html,line=1,endLine=1,col=10,endColumn=17,")
    sarif_log = json.loads(hr_lint("--format", "sarif", "--stdin-filename", "draft.html", "-",
                                   cwd=tmp_path, input=page).stdout)
    assert_valid_sarif(sarif_log)
    assert sarif_log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "draft.html"}
    text = hr_lint("--stdin-filename", "draft.html", "-", cwd=tmp_path, input=page)
    assert "draft.html" in text.stdout and "<p>Three addicts came by.</p>" in text.stdout  # source line shown


# --- the GitHub Action ------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def cli_options() -> set[str]:
    from hr_lint.cli import lint_command

    return {opt for param in lint_command.params for opt in (*param.opts, *param.secondary_opts)}


def test_action_yml_is_a_composite_action():
    action = load_action()
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert {"paths", "args", "sarif-file", "python-version"} <= set(inputs)
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert spec.get("required") is False and "default" in spec, name
    assert inputs["paths"]["default"] == "."
    assert action["outputs"]["sarif-file"]["value"] == "${{ inputs.sarif-file }}"

    steps = action["runs"]["steps"]
    setup = [s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python@")]
    assert len(setup) == 1 and setup[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    assert steps.index(setup[0]) == 0
    runs = [s for s in steps if "run" in s]
    for step in runs:
        assert step.get("shell") == "bash", step.get("name")  # composite run steps need a shell
        # inputs reach scripts through env, never pasted into the script (injection)
        assert "${{" not in step["run"], step.get("name")
    install = next(s for s in runs if "pip install" in s["run"])
    assert "${{ github.action_path }}" in install.get("env", {}).values()
    assert "hr-lint --format github" in "\n".join(s["run"] for s in runs)
    sarif_step = next(s for s in runs if "--format sarif" in s["run"])
    assert "always()" in sarif_step["if"] and "inputs.sarif-file != ''" in sarif_step["if"]

    # every option the descriptions give as an example is a real hr-lint option
    known = cli_options()
    for name, spec in inputs.items():
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", spec["description"]):
            assert option in known, f"input {name!r} mentions unknown option {option}"


def substitute(value: str, context: dict) -> str:
    def one(match):
        expr = match.group(1)
        if expr not in context:
            raise AssertionError(f"test does not know the expression {expr!r}")
        return context[expr]

    return EXPRESSION.sub(one, str(value))


def checkout_copy(dest: Path) -> Path:
    """What a checkout of the action would hold: the tracked and unignored files."""
    listed = None
    if shutil.which("git") and (ROOT / ".git").exists():
        proc = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                              capture_output=True, env=clean_env())
        if proc.returncode == 0:
            listed = [p for p in proc.stdout.decode("utf-8").split("\0") if p]
    if listed is None:
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
            "node_modules", ".hr-lint-cache"))
        return dest
    for rel in listed:
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


@pytest.fixture(scope="module")
def action_runner(tmp_path_factory):
    """Run the action's steps locally: a venv stands in for actions/setup-python.

    The venv sees this interpreter's site-packages through a .pth file, so the install
    step finds spaCy and the other dependencies already there and only builds hr-lint from
    the copy of the checkout that plays $GITHUB_ACTION_PATH (the editable install of the
    tree under test is neither used nor touched).
    """
    if shutil.which("bash") is None:
        pytest.skip("bash is not on PATH")
    base = tmp_path_factory.mktemp("action")
    action_path = checkout_copy(base / "hr-lint-action")
    venv = base / "python"
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot create a virtual environment: {made.stderr.strip()}")
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    purelib = subprocess.run([str(bindir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    outer = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(purelib, "_outer_site_packages.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")

    action = load_action()
    installed: dict[str, subprocess.CompletedProcess] = {}  # the install step runs once per job

    def run(workspace: Path, **given):
        inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
        inputs.update(given)
        context = {f"inputs.{k}": v for k, v in inputs.items()}
        context["github.action_path"] = str(action_path)
        context["github.workspace"] = str(workspace)
        env = clean_env(
            PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
            VIRTUAL_ENV=str(venv),
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=str(action_path),
            GITHUB_WORKSPACE=str(workspace),
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_NO_INPUT="1",
        )
        env.pop("PYTHONHOME", None)
        env.pop("PYTHONPATH", None)
        outcomes: dict[str, subprocess.CompletedProcess] = {}
        failed = False
        for number, step in enumerate(action["runs"]["steps"]):
            if "uses" in step:
                continue  # actions/setup-python: the venv on PATH
            condition = step.get("if")
            if condition:
                # the one condition action.yml uses; any other must be taught to this test
                assert condition == ("always() && steps.install.outcome == 'success' "
                                     "&& inputs.sarif-file != ''"), condition
                if not (outcomes.get("install") and outcomes["install"].returncode == 0
                        and inputs["sarif-file"] != ""):
                    continue
            elif failed:
                continue
            key = step.get("id", step["name"])
            if key == "install" and key in installed:
                proc = installed[key]
            else:
                script = base / f"step-{number}.sh"
                script.write_text(step["run"], encoding="utf-8")
                step_env = dict(env, **{k: substitute(v, context) for k, v in step.get("env", {}).items()})
                if key != "install":  # hr-lint's findings cache, away from the real home (pip keeps its own)
                    step_env["XDG_CACHE_HOME"] = str(base / "cache")
                # how the runner invokes `shell: bash`
                proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                      cwd=workspace, env=step_env, capture_output=True, text=True, timeout=600)
                if key == "install":
                    installed[key] = proc
            outcomes[key] = proc
            failed = failed or proc.returncode != 0
        return outcomes

    return run


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text(THREE, encoding="utf-8")
    (tmp_path / "docs" / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "README.md").write_text("Three addicts came by.\n", encoding="utf-8")  # not in `paths`
    return tmp_path


def test_action_steps_run_with_a_real_hr_lint(action_runner, workspace):
    outcomes = action_runner(workspace, paths="docs", **{"sarif-file": "reports/hr-lint.sarif"})
    install = outcomes["install"]
    assert install.returncode == 0, install.stdout + install.stderr
    lint = outcomes["Run hr-lint"]
    assert lint.returncode == 1, lint.stderr  # findings fail the step
    lines = lint.stdout.splitlines()
    assert len(lines) == 3 and all(GITHUB_LINE.match(line) for line in lines), lint.stdout
    assert all(" file=docs/notes.md," in line for line in lines)
    assert lines[0].startswith("::warning file=docs/notes.md,line=3,endLine=3,col=7,endColumn=14,title=addict-noun::")

    sarif_step = outcomes["Write SARIF report"]
    assert sarif_step.returncode == 0, sarif_step.stderr  # findings alone do not fail it
    assert sarif_step.stdout == ""
    log = json.loads((workspace / "reports" / "hr-lint.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"docs/notes.md"} and len(log["runs"][0]["results"]) == 3


def test_action_args_and_wildcard_paths(action_runner, workspace):
    outcomes = action_runner(workspace, paths="docs/*.md\nREADME.md", args="--fail-on error  --ignore addict-noun")
    assert "Write SARIF report" not in outcomes  # no sarif-file, no SARIF step
    lint = outcomes["Run hr-lint"]
    assert lint.returncode == 0, lint.stdout + lint.stderr  # only warnings, and --fail-on error
    lines = lint.stdout.splitlines()
    assert len(lines) == 2 and all(GITHUB_LINE.match(line) for line in lines), lint.stdout
    assert not any("addict-noun" in line for line in lines)


def test_action_args_are_not_glob_expanded(action_runner, workspace):
    # `--exclude docs/*` must reach hr-lint as written: expanded, docs/notes.md would become
    # a path to lint instead of part of the pattern
    outcomes = action_runner(workspace, paths="docs", args="--exclude docs/*",
                             **{"sarif-file": "out.sarif"})
    lint = outcomes["Run hr-lint"]
    assert lint.returncode == 0 and lint.stdout == "", lint.stdout + lint.stderr
    assert outcomes["Write SARIF report"].returncode == 0
    assert json.loads((workspace / "out.sarif").read_text())["runs"][0]["results"] == []


def test_action_reports_hr_lint_errors(action_runner, workspace):
    outcomes = action_runner(workspace, paths="missing-folder", **{"sarif-file": "out.sarif"})
    assert outcomes["Run hr-lint"].returncode == 2
    assert "missing-folder" in outcomes["Run hr-lint"].stderr
    assert outcomes["Write SARIF report"].returncode == 2  # an error, unlike findings, fails it too
