#!/usr/bin/env python3
"""Precision and recall on the real-text set by kind of page, trap class and topic.

usage: by_kind.py --scorer SCORE.py --texts DIR [--manifest PATH] GOLD.jsonl FINDINGS.json

Splits the gold spans and hr-lint's JSON findings by the manifest's kind, trap and topic
of each text, and runs the unchanged scorer on each part, so every number means exactly
what the overall score means. Prints one table row per group.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from verify import load_manifest

LINE = re.compile(r"precision ([\d.]+) recall ([\d.]+) f1 [\d.]+ \(tp (\d+) fp (\d+) fn (\d+)")


def relative(path, texts):
    """The finding's path as a file name inside the texts folder (None when outside it)."""
    p = os.path.abspath(path)
    base = os.path.abspath(texts)
    if p.startswith(base + os.sep):
        return os.path.relpath(p, base).replace("\\", "/")
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def score(scorer, gold, findings, texts):
    with tempfile.TemporaryDirectory() as tmp:
        g, f = Path(tmp, "gold.jsonl"), Path(tmp, "findings.json")
        g.write_text("".join(json.dumps(x) + "\n" for x in gold), encoding="utf-8")
        f.write_text(json.dumps(findings), encoding="utf-8")
        run = subprocess.run([sys.executable, scorer, str(g), str(f), "--corpus", str(texts)],
                             capture_output=True, text=True)
    m = LINE.search(run.stdout)
    if not m:
        raise RuntimeError(f"{scorer}: unexpected output: {run.stdout.strip()[-200:]} {run.stderr.strip()[-200:]}")
    p, r, tp, fp, fn = m.groups()
    return float(p), float(r), int(tp), int(fp), int(fn)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("findings", type=Path)
    ap.add_argument("--scorer", required=True)
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--manifest", type=Path, default=Path(__file__).with_name("manifest.jsonl"))
    a = ap.parse_args(argv)
    records, problems = load_manifest(a.manifest)
    if problems:
        for p in problems:
            print(f"by_kind.py: {p}", file=sys.stderr)
        return 2
    try:
        gold = [json.loads(line) for line in a.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        raw = json.loads(a.findings.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"by_kind.py: cannot read the gold or the findings ({e.__class__.__name__}: {e})", file=sys.stderr)
        return 2
    findings = raw.get("findings", []) if isinstance(raw, dict) else raw
    by_file = {r["file"]: r for r in records}
    groups = {}
    for r in records:
        for key in (f"kind={r['kind']}", "traps" if r["trap"] else "non-traps", f"topic={r['topic']}"):
            groups.setdefault(key, set()).add(r["file"])
    order = sorted(groups, key=lambda k: (not k.startswith("kind="), k not in ("traps", "non-traps"), k))
    print(f"{'group':28s} {'texts':>5s} {'tp':>5s} {'fp':>5s} {'fn':>5s} {'precision':>9s} {'recall':>7s}")
    for key in order:
        files = groups[key]
        g = [x for x in gold if x.get("file", "").replace("\\", "/").rsplit("/", 1)[-1] in files]
        f = [x for x in findings if relative(x.get("path", ""), a.texts) in files]
        try:
            p, r, tp, fp, fn = score(a.scorer, g, f, a.texts)
        except RuntimeError as e:
            print(f"by_kind.py: {e}", file=sys.stderr)
            return 2
        print(f"{key:28s} {len(files):5d} {tp:5d} {fp:5d} {fn:5d} {p:9.3f} {r:7.3f}")
    unknown = sorted({relative(x.get("path", ""), a.texts) for x in findings} - set(by_file))
    if unknown:
        print(f"({len(unknown)} files with findings are not in the manifest: {', '.join(unknown[:5])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
