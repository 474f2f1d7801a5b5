"""A fifth evaluation round on mixed topics in the style of public web pages: an obituary,
a church bulletin, school board minutes, a real-estate listing, podcast show notes, a workplace
EAP page, a true-crime book review, a county jail medical page, a food-bank newsletter and a
gaming forum FAQ (the last two mostly benign 'clean', 'users', 'abuse reports', 'commit').

tests/fixtures/heldout5/docs holds the documents and gold.jsonl the spans, generated from
tests/fixtures/heldout5/marked by build_gold.py with the development corpus's conventions.
Scored before any fix: precision 1.000, recall 0.938 (missed 'hooked on them' and a workplace
'clean sample').
"""
import json
from pathlib import Path

import pytest

from hr_lint import Linter
from scoring import score

HERE = Path(__file__).parent / "fixtures" / "heldout5"
DOCS = HERE / "docs"
GOLD = HERE / "gold.jsonl"

MIN_PRECISION = 0.96
MIN_RECALL = 0.96


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
