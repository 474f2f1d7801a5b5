"""A second, independent evaluation set: mental health, suicide, justice, housing and sex work.

tests/fixtures/heldout2/docs holds 22 documents written in the voice of public web pages
(local news, county and hospital pages, a crisis-line handout, obituaries, reentry and
homeless-services pages, council minutes, sex-worker outreach, a family guide, a school
newsletter, a peer blog) and pages where the trigger words are benign (a legal explainer,
software docs, film and book reviews, a rugby report). gold.jsonl annotates them with the
conventions of the development corpus (flag / ok / optional; spans, voice, quotes,
attributes, names). Both are generated from tests/fixtures/heldout2/marked by
tests/fixtures/build_gold.py, which computes line and column from the markup.

Precision and recall on the whole set are checked in tests/test_evaluation_sets.py;
these tests pin the senses the set taught us.
"""
import json
import pathlib
import subprocess
import sys

import pytest
from scoring import overlaps, same_place

HERE = pathlib.Path(__file__).resolve().parent
SET = HERE / "fixtures" / "heldout2"
DOCS = SET / "docs"
GOLD = SET / "gold.jsonl"


def _gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_benign_pages_have_no_warnings():
    """The pages where the words are benign: nothing above info outside an annotated span."""
    benign = {"legal-11-plain-language-guide.md", "software-12-quickload-tuning.rst",
              "rugby-14-match-report.txt", "hospital-15-early-psychosis.html",
              "review-13-weekend-arts.html"}
    proc = subprocess.run(
        [sys.executable, "-m", "hr_lint", "--no-cache", "--isolated", "--format", "json"]
        + [str(DOCS / name) for name in sorted(benign)],
        capture_output=True, text=True, encoding="utf-8", cwd=str(HERE.parent),
    )
    annotated = [g for g in _gold() if g["label"] in ("flag", "optional")]
    loud = []
    for f in json.loads(proc.stdout):
        f = dict(f, file=pathlib.Path(f["path"]).name)
        if f["severity"] == "info":
            continue
        if not any(f["file"] == g["file"] and f["line"] == g["line"] and overlaps(f["text"], g["text"])
                   and same_place(f, g) for g in annotated):
            loud.append((f["file"], f["line"], f["text"], f["rule"]))
    assert not loud, loud


@pytest.mark.parametrize("sentence", [
    "Show off the issue, not the crazy customizations you've made to your browser.",
    "The results were insane, with a 40% speedup on every benchmark.",
    "Quickload is crazy fast out of the box.",
    "When the limit is reached the worker finishes its job, commits suicide, and the supervisor forks a new one.",
])
def test_figures_of_speech_in_software_docs_are_info_at_most(sentence):
    from hr_lint import Linter

    assert all(f.severity == "info" for f in Linter().lint_text(sentence, format="text"))
