"""The real-text development set (evaluation/realtext): its manifest and its scripts.

The texts themselves are third-party page excerpts and are not in the repository; these
tests check the manifest the set is rebuilt from, and that verify.py, rebuild.py and
score.sh behave on small folders written here.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "evaluation" / "realtext"
MANIFEST = SET / "manifest.jsonl"
KINDS = {"news", "treatment", "recovery", "harm-reduction", "glossary", "history", "government", "faq",
         "clinical", "benign"}
TOPICS = {"drugs", "mental-health", "suicide", "justice", "housing", "sex-work", "mixed"}


def manifest():
    return [json.loads(line) for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_manifest_describes_a_set_the_issue_accepts():
    rows = manifest()
    assert len(rows) >= 120
    assert sum(r["trap"] for r in rows) / len(rows) >= 0.40
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == KINDS and min(kinds.values()) >= 10, kinds
    assert {r["topic"] for r in rows} <= TOPICS
    assert {"mental-health", "suicide", "justice", "housing", "sex-work"} <= {r["topic"] for r in rows}
    halves = Counter(r["half"] for r in rows)
    assert set(halves) == {"A", "B"} and abs(halves["A"] - halves["B"]) <= 2


def test_manifest_records_are_complete_and_consistent():
    rows = manifest()
    assert len({r["id"] for r in rows}) == len(rows) == len({r["file"] for r in rows})
    for r in rows:
        assert r["file"] == r["id"] + ".txt", r["id"]
        assert r["id"].startswith("rt-") and f"-{r['kind']}-" in r["id"], r["id"]
        assert len(r["sha256"]) == 64 and int(r["sha256"], 16) >= 0, r["id"]
        assert 0 <= r["start"] < r["end"] and r["end"] - r["start"] == r["chars"], r["id"]
        assert r["query"].strip() and r["url"].startswith(("http://", "https://")), r["id"]
        assert isinstance(r["rank"], int) and 1 <= r["rank"] <= 12, r["id"]
        assert isinstance(r["trap"], bool) and r["half"] in ("A", "B"), r["id"]


def write_set(folder, texts):
    """A small set of our own texts: folder/texts/*.txt and folder/manifest.jsonl."""
    (folder / "texts").mkdir(parents=True)
    rows = []
    for i, (name, text) in enumerate(texts.items(), 1):
        data = text.encode("utf-8")
        (folder / "texts" / name).write_bytes(data)
        rows.append({"id": name[:-4], "file": name, "query": f"query {i % 2}", "url": f"https://example.org/{i}",
                     "rank": i, "start": 0, "end": len(text), "sha256": hashlib.sha256(data).hexdigest(),
                     "chars": len(text), "lines": text.count("\n") + 1, "kind": "news" if i % 2 else "benign",
                     "trap": not i % 2, "topic": "drugs", "half": "A" if i % 2 else "B"})
    (folder / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


TEXTS = {
    "t-1.txt": "The market opened at nine.\nStalls sold bread and pears.",
    "t-2.txt": "Rinse the jars, then dry them on a rack.",
    "t-3.txt": "A short note: the library closes early on Fridays.",
}


def run(script, *args, cwd=None, env=None):
    return subprocess.run([sys.executable, str(SET / script), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env)


def test_verify_accepts_an_exact_copy_and_reports_what_differs(tmp_path):
    write_set(tmp_path, TEXTS)
    m, texts = tmp_path / "manifest.jsonl", tmp_path / "texts"
    ok = run("verify.py", "--manifest", m, texts)
    assert ok.returncode == 0 and "3 texts: 3 match, 0 missing, 0 different" in ok.stdout

    ref = tmp_path / "reference"
    shutil.copytree(texts, ref)
    (texts / "t-1.txt").write_bytes(TEXTS["t-1.txt"].replace("\n", "\r\n").encode())
    (texts / "t-2.txt").unlink()
    (texts / "t-3.txt").write_text(TEXTS["t-3.txt"].replace("Fridays", "Mondays"), encoding="utf-8")
    (texts / "stray.txt").write_text("left over", encoding="utf-8")
    bad = run("verify.py", "--manifest", m, "--reference", ref, texts)
    assert bad.returncode == 1
    out = bad.stdout
    assert "MISSING   t-2.txt" in out
    assert "DIFFERENT t-1.txt: has \\r line endings" in out and "56 characters, expected 55" in out
    assert "DIFFERENT t-3.txt: same length and lines, different characters" in out
    assert "first difference at 1:43: 'Mondays.' here, 'Fridays.' in the reference" in out
    assert "EXTRA     stray.txt" in out
    assert "3 texts: 0 match, 1 missing, 2 different, 1 extra" in out


def test_verify_checks_one_half_without_calling_the_other_half_extra(tmp_path):
    write_set(tmp_path, TEXTS)
    r = run("verify.py", "--manifest", tmp_path / "manifest.jsonl", "--half", "B", tmp_path / "texts")
    assert r.returncode == 0 and "1 texts: 1 match" in r.stdout and "EXTRA" not in r.stdout


def test_verify_names_bad_manifest_lines_and_still_checks_the_rest(tmp_path):
    write_set(tmp_path, TEXTS)
    m = tmp_path / "manifest.jsonl"
    lines = m.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "{not json")
    lines.append(json.dumps({"id": "x", "file": "../escape.txt"}))
    m.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("verify.py", "--manifest", m, tmp_path / "texts")
    assert r.returncode == 2
    errors = r.stderr.strip().splitlines()
    assert errors[0] == f"verify.py: {m}:2: not JSON (Expecting property name enclosed in double quotes)"
    assert errors[1] == f"verify.py: {m}:5: missing query, url, rank, start, end, sha256, kind, trap, topic"
    assert "3 texts: 3 match" in r.stdout and "Traceback" not in r.stderr


def test_verify_refuses_a_missing_folder_in_one_line(tmp_path):
    r = run("verify.py", tmp_path / "nowhere")
    assert r.returncode == 2 and r.stderr == f"verify.py: {tmp_path / 'nowhere'}: not a folder\n"


def test_rebuild_cuts_each_text_out_of_a_saved_search_answer(tmp_path):
    rows = write_set(tmp_path, TEXTS)
    m = tmp_path / "manifest.jsonl"
    # the record cuts text 2 out of the middle of a longer excerpt
    rows[1].update(start=6, end=6 + len(TEXTS["t-2.txt"]))
    m.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    answer = {"corpus": "pages", "query": "query 0", "count": 2, "results": [
        {"rank": 1, "url": "https://example.org/other", "excerpt": "unrelated"},
        {"rank": 2, "url": "https://example.org/2", "excerpt": "Tip 4 " + TEXTS["t-2.txt"] + " More tips follow."},
    ]}
    saved = tmp_path / "answer.json"
    saved.write_text(json.dumps(answer), encoding="utf-8")
    out = tmp_path / "rebuilt"
    r = run("rebuild.py", "--manifest", m, "--out", out, saved)
    assert r.returncode == 0, r.stderr
    assert (out / "t-2.txt").read_text(encoding="utf-8") == TEXTS["t-2.txt"]
    assert "ok        t-2.txt" in r.stdout and "1 texts written, 1 match the manifest" in r.stdout

    answer["results"][1]["excerpt"] = "Tip 4 " + TEXTS["t-2.txt"].replace("rack", "rail") + " More."
    saved.write_text(json.dumps(answer), encoding="utf-8")
    r = run("rebuild.py", "--manifest", m, "--out", out, saved)
    assert r.returncode == 1 and "DIFFERENT t-2.txt: sha256 does not match" in r.stdout

    answer["results"][1]["rank"] = 5
    saved.write_text(json.dumps(answer), encoding="utf-8")
    r = run("rebuild.py", "--manifest", m, "--out", out, saved)
    assert r.returncode == 2 and "(the url is at rank 5)" in r.stderr


def test_rebuild_lists_each_query_once_with_the_texts_it_gives(tmp_path):
    write_set(tmp_path, TEXTS)
    r = run("rebuild.py", "--manifest", tmp_path / "manifest.jsonl", "--queries")
    assert [json.loads(line) for line in r.stdout.splitlines()] == [
        {"query": "query 1", "ids": ["t-1", "t-3"]}, {"query": "query 0", "ids": ["t-2"]}]


def test_rebuild_reports_an_unusable_answer_file_in_one_line(tmp_path):
    write_set(tmp_path, TEXTS)
    junk = tmp_path / "junk.json"
    junk.write_text("<html>", encoding="utf-8")
    r = run("rebuild.py", "--manifest", tmp_path / "manifest.jsonl", "--out", tmp_path / "o", junk)
    assert r.returncode == 2 and r.stderr.startswith(f"rebuild.py: {junk}: not a saved search answer")
    assert "Traceback" not in r.stderr


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "score.py").exists(), reason="needs ../shared")
def test_score_sh_scores_a_folder_overall_and_by_kind(tmp_path):
    write_set(tmp_path, TEXTS)
    (tmp_path / "gold.jsonl").write_text("", encoding="utf-8")
    env = dict(os.environ, GOLD=str(tmp_path / "gold.jsonl"), MANIFEST=str(tmp_path / "manifest.jsonl"),
               HR_LINT=str(Path(sys.executable).with_name("hr-lint")))
    r = subprocess.run(["bash", str(SET / "score.sh"), str(tmp_path / "texts")], capture_output=True, text=True,
                       env=env)
    assert r.returncode == 0, r.stderr
    assert "precision 1.000 recall 1.000" in r.stdout
    rows = {line.split()[0]: line.split()[1:] for line in r.stdout.splitlines()[1:]}
    assert rows["kind=news"][0] == "2" and rows["kind=benign"][0] == "1" and rows["traps"][0] == "1"

    missing = subprocess.run(["bash", str(SET / "score.sh"), str(tmp_path / "texts")], capture_output=True,
                             text=True, env=dict(env, GOLD=str(tmp_path / "none.jsonl")))
    assert missing.returncode == 2 and "no gold file" in missing.stderr
