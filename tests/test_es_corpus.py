"""The Spanish development corpus (evaluation/es-corpus).

The corpus is generated: build.py turns the annotated sources in marked/ into docs/ and
gold.jsonl. These tests check that what is committed is what the sources give, that every
gold span's text stands at its (line, column) in the document, that the spans work with the
development corpus's scorer, and that the README's counts are current. They never run
hr-lint: the corpus is the blind yardstick for the Spanish rules.
"""
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "evaluation" / "es-corpus"
SCORER = ROOT.parent / "shared" / "corpus" / "score.py"
LABELS = {"flag", "ok", "optional"}
KINDS = {"person-label", "absolutist-status", "abuse-framing", "moralizing", "treatment",
         "mental-health", "suicide", "justice", "housing", "sex-work"}


def load_build():
    spec = importlib.util.spec_from_file_location("es_corpus_build", CORPUS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_gold(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_build_reproduces_the_committed_docs_and_gold(tmp_path):
    proc = subprocess.run([sys.executable, str(CORPUS / "build.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    committed = sorted(p.name for p in (CORPUS / "docs").iterdir())
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == committed
    assert committed == sorted(p.name for p in (CORPUS / "marked").iterdir())
    for name in committed:
        assert (tmp_path / "docs" / name).read_bytes() == (CORPUS / "docs" / name).read_bytes(), name
    assert (tmp_path / "gold.jsonl").read_bytes() == (CORPUS / "gold.jsonl").read_bytes()
    check = subprocess.run([sys.executable, str(CORPUS / "build.py"), "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_every_gold_span_stands_at_its_position():
    gold = read_gold(CORPUS / "gold.jsonl")
    assert len(gold) >= 300
    texts = {}
    for g in gold:
        assert set(g) == {"file", "line", "column", "text", "label", "kind"}, g
        assert g["label"] in LABELS and g["kind"] in KINDS, g
        if g["file"] not in texts:
            raw = (CORPUS / "docs" / g["file"]).read_bytes()
            assert b"\r" not in raw and b"\t" not in raw, g["file"]
            texts[g["file"]] = raw.decode("utf-8")
        body = texts[g["file"]]
        lines = body.split("\n")
        offset = sum(len(line) + 1 for line in lines[:g["line"] - 1]) + g["column"] - 1
        assert g["column"] >= 1 and g["column"] - 1 <= len(lines[g["line"] - 1]), g
        assert body[offset:offset + len(g["text"])] == g["text"], (g, body[offset:offset + len(g["text"])])


def test_shape_of_the_corpus():
    gold = read_gold(CORPUS / "gold.jsonl")
    labels = Counter(g["label"] for g in gold)
    docs = sorted(p.name for p in (CORPUS / "docs").iterdir())
    assert len(docs) >= 24
    assert labels["ok"] >= len(gold) / 3, labels           # a third of the spans are traps
    assert {g["file"] for g in gold} == set(docs)            # every document is annotated
    assert {d.split("-")[0] for d in docs} >= {"md", "html", "txt", "rst", "mixed"}


def test_no_trap_overlaps_a_span_that_may_be_reported():
    """A finding on an ok span must be a false positive: no flag or optional span may share
    its place and text, or the scorer could not tell them apart."""
    gold = read_gold(CORPUS / "gold.jsonl")

    def same(a, b):
        x, y = (" ".join(t["text"].lower().split()) for t in (a, b))
        return (a["file"] == b["file"] and a["line"] == b["line"] and (x in y or y in x)
                and a["column"] < b["column"] + len(b["text"]) and b["column"] < a["column"] + len(a["text"]))

    clashes = [(o, g) for o in gold if o["label"] == "ok" for g in gold if g["label"] != "ok" and same(o, g)]
    assert not clashes, clashes


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/corpus/score.py is not present")
def test_the_scorer_reads_the_gold(tmp_path):
    """Findings on exactly the flag spans score 1.0/1.0; findings on the ok spans are all false
    positives. A span over a line break is reported as the part on its first line."""
    gold = read_gold(CORPUS / "gold.jsonl")

    def findings(label):
        return [{"path": str(CORPUS / "docs" / g["file"]), "line": g["line"], "column": g["column"],
                 "text": g["text"].split("\n")[0], "rule": "gold"} for g in gold if g["label"] == label]

    def score(found):
        path = tmp_path / "findings.json"
        path.write_text(json.dumps(found), encoding="utf-8")
        proc = subprocess.run([sys.executable, str(SCORER), str(CORPUS / "gold.jsonl"), str(path),
                               "--corpus", str(CORPUS / "docs")], capture_output=True, text=True)
        return re.search(r"tp (\d+) fp (\d+) fn (\d+)", proc.stdout).groups()

    flags = sum(g["label"] == "flag" for g in gold)
    oks = sum(g["label"] == "ok" for g in gold)
    assert score(findings("flag")) == (str(flags), "0", "0")
    assert score(findings("ok")) == ("0", str(oks), str(flags))


def test_build_reports_a_bad_source_and_exits_2(tmp_path):
    marked = tmp_path / "marked"
    marked.mkdir()
    body = " ".join(["palabra"] * 130)
    (marked / "a.txt").write_text(f"{body}\nlos ⟦adictos|f|zz⟧ de siempre\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(CORPUS / "build.py"), "--marked", str(marked), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "marked/a.txt:2" in proc.stderr and "Traceback" not in proc.stderr
    (marked / "a.txt").write_text(f"{body}\nlos ⟦adictos|f|pl⟧ de siempre", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(CORPUS / "build.py"), "--marked", str(marked), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "newline" in proc.stderr
    assert not (tmp_path / "gold.jsonl").exists()


def test_readme_counts_and_example_are_current():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    gold = read_gold(CORPUS / "gold.jsonl")
    assert load_build().counts(gold) in readme
    example = json.loads(re.search(r'^\{"file": "md-02[^\n]*\}$', readme, re.M).group(0))
    assert example in gold


REALTEXT = ROOT / "evaluation" / "es-realtext"


def test_realtext_manifest_and_gold_agree():
    """The real-text set's page texts are never committed; its manifest and gold spans are,
    and must agree with each other and with its README's counts."""
    manifest = read_gold(REALTEXT / "manifest.jsonl")
    gold = read_gold(REALTEXT / "gold.jsonl")
    ids = [m["id"] for m in manifest]
    assert len(ids) == len(set(ids)) and 30 <= len(ids) <= 50
    for m in manifest:
        assert {"id", "file", "query", "url", "rank", "start", "end", "sha256", "kind", "trap", "topic"} <= set(m), m
        assert m["file"] == f"{m['id']}.txt" and re.fullmatch(r"[0-9a-f]{64}", m["sha256"]), m
        assert 0 <= m["start"] < m["end"] and m["rank"] >= 1 and isinstance(m["trap"], bool), m
    assert sum(m["trap"] for m in manifest) >= 0.4 * len(manifest)
    flagged = {g["file"] for g in gold if g["label"] == "flag"}
    for m in manifest:   # a trap is an excerpt with no flag span, and every excerpt is annotated
        assert m["trap"] == (m["file"] not in flagged), m["id"]
        assert any(g["file"] == m["file"] for g in gold), m["id"]
    files = {m["file"] for m in manifest}
    for g in gold:
        assert set(g) == {"file", "line", "column", "text", "label", "kind"}, g
        assert g["file"] in files and g["label"] in LABELS and g["kind"] in KINDS, g
        assert g["line"] >= 1 and g["column"] >= 1 and g["text"], g
    committed = subprocess.run(["git", "ls-files", str(REALTEXT)], cwd=ROOT, capture_output=True, text=True)
    if committed.returncode == 0:
        assert not [p for p in committed.stdout.split() if p.endswith(".txt")], "page texts must not be committed"
    counts = subprocess.run([sys.executable, str(REALTEXT / "verify.py"), "--counts"], capture_output=True, text=True)
    assert counts.returncode == 0 and counts.stdout in (REALTEXT / "README.md").read_text(encoding="utf-8")


def test_realtext_verify_checks_sha_and_positions(tmp_path):
    """verify.py on a folder of wrong texts names each file and fails; it never needs the network."""
    manifest = read_gold(REALTEXT / "manifest.jsonl")
    first = manifest[0]
    (tmp_path / first["file"]).write_text("x" * (first["end"] - first["start"]), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(REALTEXT / "verify.py"), str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert f"{first['file']}: sha256 differs" in proc.stdout
    assert f"{manifest[1]['file']}: missing" in proc.stdout
    proc = subprocess.run([sys.executable, str(REALTEXT / "verify.py"), str(tmp_path / "nope")], capture_output=True, text=True)
    assert proc.returncode == 2 and "not a folder" in proc.stderr
