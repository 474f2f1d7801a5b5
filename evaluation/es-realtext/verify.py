#!/usr/bin/env python3
"""Check the rebuilt texts of the Spanish real-text set against manifest.jsonl and gold.jsonl.

    python3 evaluation/es-realtext/verify.py TEXTS_DIR     # sha256, length, every gold span's position
    python3 evaluation/es-realtext/verify.py --counts      # print the README's count tables

For every manifest entry, TEXTS_DIR/<id>.txt must exist, hold end - start characters and
have the recorded sha256 (of its UTF-8 bytes, read without newline translation). For every
gold span, its text must stand at its (line, column) in that file (1-based, code points; a
span over a line break continues on the next line). One line per problem, naming the file;
exit status 0 when everything matches, 1 otherwise, 2 on a bad argument or manifest.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ["person-label", "absolutist-status", "abuse-framing", "moralizing", "treatment", "mental-health",
         "suicide", "justice", "housing", "sex-work"]


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"verify.py: {path.name}:{n}: not JSON ({exc.msg})") from None
    return rows


def stands_at(body: str, g: dict) -> bool:
    lines = body.split("\n")
    if not 1 <= g["line"] <= len(lines) or g["column"] < 1:
        return False
    rest = "\n".join(lines[g["line"] - 1:])[g["column"] - 1:]
    return rest.startswith(g["text"])


def verify(texts: Path, manifest: list[dict], gold: list[dict]) -> list[str]:
    problems, bodies = [], {}
    for m in manifest:
        path = texts / m["file"]
        if not path.is_file():
            problems.append(f"{m['file']}: missing (rebuild it, see README.md)")
            continue
        raw = path.read_bytes()
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{m['file']}: not UTF-8")
            continue
        if len(body) != m["end"] - m["start"]:
            problems.append(f"{m['file']}: {len(body)} characters, manifest says {m['end'] - m['start']}")
        if hashlib.sha256(raw).hexdigest() != m["sha256"]:
            problems.append(f"{m['file']}: sha256 differs from the manifest (the stored page changed, "
                            "or the excerpt was not saved exactly)")
            continue
        bodies[m["file"]] = body
    known = {m["file"] for m in manifest}
    for g in gold:
        if g["file"] not in known:
            problems.append(f"gold.jsonl: {g['file']} is not in the manifest")
        elif g["file"] in bodies and not stands_at(bodies[g["file"]], g):
            problems.append(f"{g['file']}:{g['line']}:{g['column']}: {g['text']!r} does not stand there")
    return problems


def counts(manifest: list[dict], gold: list[dict]) -> str:
    labels = Counter(g["label"] for g in gold)
    by_kind = Counter((g["kind"], g["label"]) for g in gold)
    traps = sum(m["trap"] for m in manifest)
    topics = Counter(m["topic"] for m in manifest)
    genres = Counter(m["kind"] for m in manifest)
    out = [f"{len(manifest)} excerpts, {traps} of them traps ({traps / len(manifest):.0%}); "
           f"{len(gold)} spans: **{labels['flag']} flag**, **{labels['ok']} ok**, **{labels['optional']} optional**.",
           "", "| kind | flag | ok | optional |", "|---|---:|---:|---:|"]
    for kind in KINDS:
        out.append(f"| {kind} | {by_kind[kind, 'flag']} | {by_kind[kind, 'ok']} | {by_kind[kind, 'optional']} |")
    out.append(f"| **total** | **{labels['flag']}** | **{labels['ok']}** | **{labels['optional']}** |")
    out += ["", "Excerpts by topic: " + ", ".join(f"{t} {n}" for t, n in sorted(topics.items())) + ".",
            "", "Excerpts by genre: " + ", ".join(f"{t} {n}" for t, n in sorted(genres.items())) + "."]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    manifest = read_jsonl(HERE / "manifest.jsonl")
    gold = read_jsonl(HERE / "gold.jsonl")
    if argv == ["--counts"]:
        sys.stdout.write(counts(manifest, gold))
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    texts = Path(argv[0])
    if not texts.is_dir():
        print(f"verify.py: {texts}: not a folder", file=sys.stderr)
        return 2
    problems = verify(texts, manifest, gold)
    for p in problems:
        print(f"verify.py: {p}")
    if not problems:
        print(f"{len(manifest)} texts match their sha256 and all {len(gold)} gold spans stand at their positions")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
