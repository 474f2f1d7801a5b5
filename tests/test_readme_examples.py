"""README.md's examples are what hr-lint really prints for examples/handout.txt."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args):
    return CliRunner().invoke(lint_command, ["--no-cache", "--isolated", *args])


def block(after: str, lang: str) -> str:
    return README.split(after, 1)[1].split(f"```{lang}\n", 1)[1].split("```", 1)[0]


def test_the_json_example_is_a_real_finding(in_repo):
    shown = json.loads(block("`json` is an array of objects:", "json"))
    real = json.loads(run("--format", "json", "examples/handout.txt").stdout)
    same = next(f for f in real if f["rule"] == shown["rule"] and f["text"] == shown["text"])
    assert list(shown) == list(same)  # every field, in order
    for key, value in shown.items():
        if isinstance(value, str) and value.endswith("..."):
            assert same[key].startswith(value[:-3]), key  # an abridged value
        else:
            assert same[key] == value, key


def test_the_console_example_is_the_real_output(in_repo):
    shown = block("people's descriptions of themselves", "console").splitlines()
    assert shown[0] == "$ hr-lint examples/handout.txt"
    real = run("examples/handout.txt").stdout.splitlines()
    at = 0
    for line in shown[1:]:
        if line == "...":
            continue
        if ", ..." in line:  # an abridged message: its start and its rule id
            head, tail = line.split(", ...")
            pattern = re.escape(head) + ",.*" + re.escape(tail) + "$"
        else:
            pattern = re.escape(line) + "$"
        at = next(i for i in range(at, len(real)) if re.match(pattern, real[i])) + 1  # in order


def test_the_examples_exit_1_as_the_readme_says(in_repo):
    assert "exits\nwith code 1" in README or "exits with code 1" in README
    result = run("examples/")
    assert result.exit_code == 1 and "findings in" in result.stdout
