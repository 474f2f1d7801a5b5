"""A sixth evaluation set: mixed topics in the style of real public web pages.

tests/fixtures/heldout6/docs holds 10 documents: a local TV story on a "mental health
call", a homeless veteran's profile with his own quotes, a campus op-ed about "crazy"
exam weeks and a student's suicide, a county agenda summary on a jail expansion, a
sex-trafficking awareness page, a hospital ER wait-times page, a library reading list on
addiction and recovery, a blog about a parent with schizophrenia, a city parks notice on
camping and vagrancy, and a benign film-festival program (Psycho, Cuckoo's Nest, mad
scientists, a rugby hooker). gold.jsonl annotates them with the conventions of the
development corpus; both are generated from tests/fixtures/heldout6/marked by
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
SET = HERE / "fixtures" / "heldout6"
DOCS = SET / "docs"
GOLD = SET / "gold.jsonl"


def _gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_benign_pages_have_no_warnings():
    """The pages where the words are benign: nothing above info outside an annotated span."""
    benign = {"festival-10-program.html"}
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
    "If you hear someone say that schizophrenics are dangerous, tell them about my mother.",
    "The claim that people who use drugs are dangerous does not survive contact with the data.",
    "The county counted roughly 140 homeless vets in January.",
])
def test_refuted_stereotypes_and_adjectives_are_quiet(sentence):
    from hr_lint import Linter

    rules = {f.rule for f in Linter().lint_text(sentence, format="text")}
    assert not rules & {"stereotype-dangerous-untrustworthy", "the-homeless"}, rules


def test_psych_patients_is_a_label():
    from hr_lint import Linter

    found = Linter().lint_text("Psych patients are boarded here for 31 hours.", format="text")
    assert any(f.text == "Psych patients" for f in found)
