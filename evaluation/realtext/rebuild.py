#!/usr/bin/env python3
"""Cut real-text excerpts out of saved `search` answers and write them to a folder.

usage: rebuild.py --out DIR ANSWER.json [ANSWER.json ...]
       rebuild.py --out DIR --plain ID EXCERPT.txt
       rebuild.py --queries

The `search` tool is an agent tool, not a command, so a person or agent runs each query
of the manifest against the `pages` corpus and saves the answer, exactly as returned (a
JSON object with "query" and "results"), to a file. This script reads such answers,
finds every manifest record whose query is the answer's query, takes the result with the
record's rank and url, cuts excerpt[start:end], writes it as UTF-8 with the record's file
name, and checks its sha256. With --plain, EXCERPT.txt holds one result's excerpt text
itself (UTF-8), for one record ID.

--queries prints each distinct query once, with the ids it rebuilds: the list to run.

Exit status: 0 when every text written matches its sha256, 1 when one does not (it is
still written, so verify.py --reference can locate the difference), 2 when an answer,
the manifest or an argument cannot be used (one line naming the file).
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

from verify import load_manifest


def write(out_dir, rec, excerpt, say):
    text = excerpt[rec["start"]:rec["end"]]
    data = text.encode("utf-8")
    (out_dir / rec["file"]).write_bytes(data)
    if len(excerpt) < rec["end"]:
        say(f"DIFFERENT {rec['file']}: the excerpt has {len(excerpt)} characters, the cut ends at {rec['end']}")
        return False
    if hashlib.sha256(data).hexdigest() != rec["sha256"]:
        say(f"DIFFERENT {rec['file']}: sha256 does not match (the stored page may have changed)")
        return False
    say(f"ok        {rec['file']}")
    return True


def from_answer(path, records, out_dir, say):
    """Rebuild every record whose query is this answer's. Returns (written, matched, problems)."""
    try:
        answer = json.loads(path.read_text(encoding="utf-8"))
        query, results = answer["query"], answer["results"]
        if not isinstance(results, list):
            raise TypeError("results is not a list")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as e:
        return 0, 0, [f"{path}: not a saved search answer ({e.__class__.__name__}: {e})"]
    wanted = [r for r in records if r["query"] == query]
    if not wanted:
        return 0, 0, [f"{path}: no manifest text was taken from the query {query!r}"]
    written = matched = 0
    problems = []
    for rec in wanted:
        hit = [x for x in results if isinstance(x, dict) and x.get("rank") == rec["rank"] and x.get("url") == rec["url"]]
        if not hit:
            same_url = [x for x in results if isinstance(x, dict) and x.get("url") == rec["url"]]
            problems.append(f"{path}: no result with rank {rec['rank']} and url {rec['url']} for {rec['id']}"
                            + (f" (the url is at rank {same_url[0].get('rank')})" if same_url else ""))
            continue
        written += 1
        matched += write(out_dir, rec, hit[0].get("excerpt", ""), say)
    return written, matched, problems


def main(argv=None):
    ap = argparse.ArgumentParser(description="Cut real-text excerpts out of saved search answers.")
    ap.add_argument("answers", nargs="*", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--plain", nargs=2, metavar=("ID", "EXCERPT"))
    ap.add_argument("--queries", action="store_true", help="list each query once with the ids it rebuilds")
    ap.add_argument("--manifest", type=Path, default=Path(__file__).with_name("manifest.jsonl"))
    a = ap.parse_args(argv)
    records, problems = load_manifest(a.manifest)
    for p in problems:
        print(f"rebuild.py: {p}", file=sys.stderr)
    n_manifest = len(problems)
    if problems and not records:
        return 2
    if a.queries:
        seen = {}
        for r in records:
            seen.setdefault(r["query"], []).append(r["id"])
        for query, ids in seen.items():
            print(json.dumps({"query": query, "ids": ids}, ensure_ascii=False))
        return 2 if problems else 0
    if a.out is None or not (a.answers or a.plain):
        ap.error("give --out DIR and answer files (or --plain ID EXCERPT)")
    a.out.mkdir(parents=True, exist_ok=True)
    written = matched = 0
    if a.plain:
        rid, excerpt_path = a.plain
        rec = next((r for r in records if r["id"] == rid or r["file"] == rid), None)
        try:
            excerpt = Path(excerpt_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(f"{excerpt_path}: cannot read ({e.__class__.__name__})")
        else:
            if rec is None:
                problems.append(f"{rid}: no such id in {a.manifest}")
            else:
                written, matched = 1, write(a.out, rec, excerpt, print)
    for path in a.answers:
        w, m, p = from_answer(path, records, a.out, print)
        written, matched = written + w, matched + m
        problems.extend(p)
    for p in problems[n_manifest:]:
        print(f"rebuild.py: {p}", file=sys.stderr)
    print(f"{written} texts written, {matched} match the manifest")
    if problems:
        return 2
    return 0 if matched == written else 1


if __name__ == "__main__":
    sys.exit(main())
