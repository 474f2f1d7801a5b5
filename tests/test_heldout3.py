"""A third evaluation set in the style of the held-out corpora, on substance use, recovery
and treatment, in genres not used before (settlement press release, recovery forum post,
sheriff's social post, pharmacy naloxone page, recovery high newsletter, medical-examiner
summary, drug-court article, syringe-services volunteer FAQ, hospital consult page, and
software release notes where the trigger words are benign).

tests/fixtures/heldout3/docs holds the documents and gold.jsonl the spans, annotated with the
conventions of the development corpus (flag / ok / optional, smallest span, whose voice).
They are generated from tests/fixtures/heldout3/marked by build_gold.py. The matching below
is the development corpus's score.py, reimplemented so the test runs without ../shared.
"""
import json
from pathlib import Path

import pytest

from hr_lint import Linter
from scoring import score

HERE = Path(__file__).parent / "fixtures" / "heldout3"
DOCS = HERE / "docs"
GOLD = HERE / "gold.jsonl"

MIN_PRECISION = 0.95
MIN_RECALL = 0.97


@pytest.fixture(scope="module")
def result():
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    linter = Linter()
    found = []
    for path in sorted(DOCS.iterdir()):
        for f in linter.lint_file(str(path)):
            found.append({"file": path.name, "line": f.line, "column": f.column, "text": f.text,
                          "rule": f.rule})
    return gold, found, score(gold, found)


def test_gold_positions_match_the_documents():
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        text = (DOCS / g["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        first = g["text"].split("\n")[0]
        assert lines[g["line"] - 1][g["column"] - 1:g["column"] - 1 + len(first)] == first, g
        assert g["label"] in ("flag", "ok", "optional")


def test_heldout_precision_and_recall(result):
    gold, found, (tp, fp, fn, misses, wrongs) = result
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    report = "\n".join([f"MISS  {g['file']}:{g['line']} {g['text']!r}" for g in misses]
                       + [f"FALSE {f['file']}:{f['line']} {f['text']!r} [{f['rule']}]" for f in wrongs])
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (
        f"precision {precision:.3f} recall {recall:.3f} (tp {tp} fp {fp} fn {fn})\n{report}")
