"""A fourth evaluation set: mental health, suicide, justice, housing and sex work.

tests/fixtures/heldout4/docs holds 10 documents in genres the other sets do not use: a TV
station's web story about a bridge death with a crisis box (HTML), a university counseling
page (Markdown), a prison-reform blog (Markdown), a city press release on a shelter opening and
an encampment sweep, a letter to the editor, a mental-health first-aid course (rST), court
briefs about an insanity verdict, a peer warmline page (HTML), a sex-worker clinic FAQ
(Markdown) and a benign theatre review (One Flew Over the Cuckoo's Nest, Psycho). gold.jsonl
uses the development corpus's conventions and is generated from tests/fixtures/heldout4/marked
by tests/fixtures/build_gold.py, which computes line and column from the markup.
"""
import json
import pathlib
import subprocess
import sys

import pytest
from scoring import overlaps, same_place

HERE = pathlib.Path(__file__).resolve().parent
SET = HERE / "fixtures" / "heldout4"
DOCS = SET / "docs"
GOLD = SET / "gold.jsonl"


def _gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run(paths):
    proc = subprocess.run(
        [sys.executable, "-m", "hr_lint", "--no-cache", "--isolated", "--format", "json"] + [str(p) for p in paths],
        capture_output=True, text=True, encoding="utf-8", cwd=str(HERE.parent),
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_benign_page_has_no_warnings():
    """The theatre review: nothing above info outside an annotated span."""
    benign = ["theatre-10-review.md"]
    annotated = [g for g in _gold() if g["label"] in ("flag", "optional")]
    loud = []
    for f in _run([DOCS / name for name in benign]):
        f = dict(f, file=pathlib.Path(f["path"]).name)
        if f["severity"] == "info":
            continue
        if not any(f["file"] == g["file"] and f["line"] == g["line"] and overlaps(f["text"], g["text"])
                   and same_place(f, g) for g in annotated):
            loud.append((f["file"], f["line"], f["text"], f["rule"]))
    assert not loud, loud


@pytest.mark.parametrize("sentence, rule", [
    ("Officers spent two hours talking a jumper down from the roof of the parking garage.", "suicide-jumper"),
    ("The old mission took in fallen women from the docks.", "fallen-woman"),
])
def test_new_senses_are_reported(sentence, rule):
    from hr_lint import Linter

    assert rule in {f.rule for f in Linter().lint_text(sentence, format="text")}


@pytest.mark.parametrize("sentence", [
    "Leave the jumper cables in the trunk until the tow truck arrives.",
    "The Olympic ski jumper crossed the bridge to the hill for practice.",
    "A knitted jumper hung over the balcony rail to dry.",
    "An ambulance crew helped a fallen woman off the icy sidewalk.",
    "The museum tour covers the history of county asylums and their architecture.",
    "Students often arrive assuming that people with psychosis are dangerous; we show them the data.",
])
def test_benign_senses_stay_silent(sentence):
    from hr_lint import Linter

    loud = [(f.rule, f.text) for f in Linter().lint_text(sentence, format="text") if f.severity != "info"]
    assert not loud, loud
