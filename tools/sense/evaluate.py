#!/usr/bin/env python3
"""End-to-end precision and recall of hr-lint with the sense model under different policies.

    python tools/sense/evaluate.py --realtext /tmp/realtext          # the standard comparison
    python tools/sense/evaluate.py --realtext /tmp/realtext --per-sense   # each sense's options alone

Each configuration lints every text with the whole engine (gates, rules, voice, overlaps,
suppression) through `Linter.lint_file`, with the shipped model's weights and the policy
the configuration names, and scores the findings with the development corpus's unchanged
scorer (../shared/corpus/score.py, as evaluation/realtext/score.sh does). Sets: the
real-text set (all, and the halves A and B of its manifest), the development corpus and
the held-out fixtures. The real-text texts are read from the folder given and nothing of
them is written anywhere.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import data  # noqa: E402

from hr_lint import Linter, sense  # noqa: E402

SCORER = data.SHARED / "corpus" / "score.py"
SHIPPED = "shipped"
RULES_ONLY = {s: sense.Policy("rules") for s in sense.SENSES}
# the options measured per sense (each alone, the other senses left to the rules)
PER_SENSE = [sense.Policy("model"), sense.Policy("veto", veto_below=0.5), sense.Policy("veto", veto_below=0.2),
             sense.Policy("rescue", rescue_above=0.5), sense.Policy("rescue", rescue_above=0.8),
             sense.Policy("both", veto_below=0.2, rescue_above=0.8)]


def describe(p: sense.Policy) -> str:
    if p.mode == "veto":
        return f"veto <{p.veto_below}"
    if p.mode == "rescue":
        return f"rescue >={p.rescue_above}"
    if p.mode == "both":
        return f"both <{p.veto_below}/>={p.rescue_above}"
    return p.mode


def linter_with(policies: dict[str, sense.Policy] | None) -> Linter:
    """A default linter whose engine uses the shipped weights under `policies` (None: the
    shipped policies)."""
    linter = Linter()
    model = sense.SenseModel.load()
    if policies is not None:
        model = copy.deepcopy(model)
        for s, p in policies.items():
            if s in model.senses:
                model.senses[s].policy = p
    linter.engine.sense_model = model
    return linter


def score(linter: Linter, docs: Path, gold: Path, files: list[Path] | None = None) -> dict:
    files = files if files is not None else sorted(p for p in docs.iterdir() if p.suffix.lower() in data.EXTENSIONS)
    findings = []
    for path in files:
        for f in linter.lint_file(path):
            d = f.to_dict()
            d["path"] = path.name
            findings.append(d)
    names = {p.name for p in files}
    gold_lines = [ln for ln in gold.read_text(encoding="utf-8").splitlines() if ln.strip()
                  and json.loads(ln)["file"] in names]
    with tempfile.TemporaryDirectory() as tmp:
        fj, gj = os.path.join(tmp, "findings.json"), os.path.join(tmp, "gold.jsonl")
        Path(fj).write_text(json.dumps(findings), encoding="utf-8")
        Path(gj).write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
        out = subprocess.run([sys.executable, str(SCORER), gj, fj], capture_output=True, text=True).stdout
    # "precision 0.730 recall 0.793 f1 0.760 (tp 146 fp 54 fn 38; ..."
    words = out.replace("(", " ").replace(";", " ").split()
    get = {words[i]: words[i + 1] for i in range(len(words) - 1)}
    return {"p": float(get["precision"]), "r": float(get["recall"]), "tp": int(get["tp"]), "fp": int(get["fp"]),
            "fn": int(get["fn"])}


def sets(realtext: Path | None) -> list[tuple[str, Path, Path, list[Path] | None]]:
    out = []
    if realtext is not None:
        halves = {}
        manifest = data.ROOT / "evaluation" / "realtext" / "manifest.jsonl"
        for r in map(json.loads, manifest.read_text(encoding="utf-8").splitlines()):
            halves[r["file"]] = r["half"]
        gold = data.ROOT / "evaluation" / "realtext" / "gold.jsonl"
        files = sorted(realtext.glob("*.txt"))
        out.append(("realtext", realtext, gold, files))
        for half in ("A", "B"):
            out.append((f"realtext-{half}", realtext, gold, [f for f in files if halves.get(f.name) == half]))
    out.append(("corpus", data.SHARED / "corpus" / "docs", data.SHARED / "corpus" / "gold.jsonl", None))
    for d in sorted((data.ROOT / "tests" / "fixtures").glob("heldout*")):
        out.append((d.name, d / "docs", d / "gold.jsonl", None))
    return out


def cell(r: dict) -> str:
    return f"{r['p']:.3f}/{r['r']:.3f} ({r['tp']},{r['fp']},{r['fn']})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realtext", metavar="DIR", help="the real-text set's rebuilt texts")
    ap.add_argument("--per-sense", action="store_true", help="also each sense's options, one sense at a time")
    ap.add_argument("--only", help="comma-separated set names to score (default: all)")
    a = ap.parse_args(argv)
    configs: list[tuple[str, dict | None]] = [("rules only", RULES_ONLY), (SHIPPED, None)]
    if a.per_sense:
        for s in sense.SENSES:
            for p in PER_SENSE:
                configs.append((f"{s}: {describe(p)}", {**RULES_ONLY, s: p}))
    chosen = sets(Path(a.realtext) if a.realtext else None)
    if a.only:
        keep = set(a.only.split(","))
        chosen = [c for c in chosen if c[0] in keep]
    shipped = sense.SenseModel.load()
    print("shipped policies: " + ", ".join(f"{s} {describe(x.policy)}" for s, x in shipped.senses.items()))
    print(f"{'configuration':24s} " + " ".join(f"{name:>26s}" for name, *_ in chosen))
    for label, policies in configs:
        linter = linter_with(policies)
        cells = [cell(score(linter, docs, gold, files)) for _, docs, gold, files in chosen]
        print(f"{label:24s} " + " ".join(f"{c:>26s}" for c in cells), flush=True)
    print("cells: precision/recall (tp, fp, fn), every finding counted, as score.sh counts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
