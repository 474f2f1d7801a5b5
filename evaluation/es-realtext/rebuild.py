#!/usr/bin/env python3
"""Rebuild the Spanish real-text set's texts from saved answers of the `search` tool.

    python3 evaluation/es-realtext/rebuild.py ANSWERS_DIR OUT_DIR

ANSWERS_DIR holds one file per query of manifest.jsonl (any name, .json): the search tool's
answer to that query, saved as it came (a JSON object with "query" and "results"; each
result has "rank", "url" and "excerpt"). For every manifest entry, the result with the
same query and url is taken (its rank is reported if it moved), excerpt[start:end] is
written to OUT_DIR/<id>.txt as UTF-8 without newline translation, and its sha256 is
compared with the manifest. Then run verify.py on OUT_DIR. Exit status 0 when every text
was rebuilt and matches, 1 otherwise, 2 on bad arguments.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_answers(folder: Path) -> dict[tuple[str, str], dict]:
    found = {}
    for path in sorted(folder.glob("*.json")):
        try:
            answer = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            print(f"rebuild.py: {path.name}: not a saved search answer ({exc})")
            continue
        if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
            print(f"rebuild.py: {path.name}: no \"results\" list")
            continue
        for result in answer["results"]:
            if isinstance(result, dict) and "url" in result and "excerpt" in result:
                found.setdefault((answer.get("query", ""), result["url"]), result)
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    answers_dir, out = Path(argv[0]), Path(argv[1])
    if not answers_dir.is_dir():
        print(f"rebuild.py: {answers_dir}: not a folder", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    answers = load_answers(answers_dir)
    manifest = [json.loads(line) for line in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = 0
    for m in manifest:
        result = answers.get((m["query"], m["url"]))
        if result is None:
            print(f"rebuild.py: {m['id']}: no saved answer to {m['query']!r} has {m['url']}")
            bad += 1
            continue
        if result.get("rank") != m["rank"]:
            print(f"rebuild.py: {m['id']}: now at rank {result.get('rank')}, was {m['rank']}")
        text = result["excerpt"][m["start"]:m["end"]]
        (out / m["file"]).write_bytes(text.encode("utf-8"))
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != m["sha256"]:
            print(f"rebuild.py: {m['id']}: sha256 differs (the stored excerpt changed)")
            bad += 1
    print(f"{len(manifest) - bad} of {len(manifest)} texts rebuilt and matching in {out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
