"""An independent evaluation set in the style of the held-out corpora (substance use,
recovery and treatment language, plus pages where the trigger words are benign).

tests/fixtures/heldout/docs holds the documents and gold.jsonl the spans, annotated with the
conventions of the development corpus (flag / ok / optional, smallest span, whose voice).
They are generated from tests/fixtures/heldout/marked by build_gold.py. The matching below
is the development corpus's score.py, reimplemented so the test runs without ../shared.
"""
import json
from pathlib import Path

import pytest

from hr_lint import Linter

HERE = Path(__file__).parent / "fixtures" / "heldout"
DOCS = HERE / "docs"
GOLD = HERE / "gold.jsonl"

MIN_PRECISION = 0.94
MIN_RECALL = 0.96


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a) and bool(b) and (a in b or b in a)


def _same_place(f: dict, g: dict) -> bool:
    if g.get("column") is None or f.get("column") is None:
        return True
    fs, gs = int(f["column"]), int(g["column"])
    return fs < gs + len(g["text"]) and gs < fs + max(len(f["text"]), 1)


def score(gold: list[dict], found: list[dict]):
    """(tp, fp, fn, misses, false positives) exactly as score.py counts them."""
    flag_hit = [False] * len(gold)
    fp, wrongs = 0, []
    for f in found:
        hit = None
        for i, g in enumerate(gold):
            if f["file"] == g["file"] and f["line"] == g["line"] and _overlaps(f["text"], g["text"]) \
                    and _same_place(f, g):
                if g["label"] in ("flag", "optional"):
                    hit = i
                    if g["label"] == "flag" and not flag_hit[i]:
                        break
        if hit is None:
            fp += 1
            wrongs.append(f)
        elif gold[hit]["label"] == "flag":
            flag_hit[hit] = True
    misses = [g for i, g in enumerate(gold) if g["label"] == "flag" and not flag_hit[i]]
    tp = sum(1 for i, g in enumerate(gold) if g["label"] == "flag" and flag_hit[i])
    return tp, fp, len(misses), misses, wrongs


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
