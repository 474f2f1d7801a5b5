#!/usr/bin/env python3
"""Assemble the real-text set from transcribed search results: write the texts and the manifest.

usage: assemble.py --staging DIR --texts DIR [--manifest PATH]

The collector copies each chosen search result into a staging file (staging/batch-N.txt,
kept outside the repository because it holds third-party text), one record per text:

    === slug: overdose-butler-county
    query: <the query exactly as sent to the `pages` corpus>
    url: <the result's url>
    rank: <the result's rank>
    kind: news | treatment | recovery | harm-reduction | glossary | history | government |
          faq | clinical | benign
    trap: true | false
    topic: drugs | mental-health | suicide | justice | housing | sex-work | mixed
    start_at: <optional: the kept text begins at the first occurrence of this string>
    --- text
    <the result's excerpt from its first character up to the last kept character>
    === end

The kept text is excerpt[start:end], where start is 0 or the offset of `start_at` and end
is the length of what was copied. Records are numbered in staging order (batch number,
then position), so ids stay stable when batches are appended. A record's half (A or B,
for two annotators) is kept from the existing manifest; new records are balanced within
their kind and trap class.
"""
import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

KINDS = ("news", "treatment", "recovery", "harm-reduction", "glossary", "history", "government", "faq",
         "clinical", "benign")
TOPICS = ("drugs", "mental-health", "suicide", "justice", "housing", "sex-work", "mixed")
FIELDS = ("query", "url", "rank", "kind", "trap", "topic")


class StagingError(Exception):
    pass


def records(staging):
    batches = sorted(staging.glob("batch-*.txt"), key=lambda p: int(p.stem.split("-", 1)[1]))
    if not batches:
        raise StagingError(f"{staging}: no batch-*.txt files")
    for batch in batches:
        data = batch.read_text(encoding="utf-8")
        if "\r" in data:
            raise StagingError(f"{batch}: carriage returns (the texts use \\n line endings)")
        pos = 0
        while (i := data.find("=== slug: ", pos)) >= 0:
            line = data.count("\n", 0, i) + 1
            j = data.find("\n--- text\n", i)
            k = data.find("\n=== end\n", j)
            if j < 0 or k < 0:
                raise StagingError(f"{batch}:{line}: record without '--- text' or '=== end'")
            head = data[i:j].split("\n")
            meta = {"slug": head[0][len("=== slug: "):], "where": f"{batch}:{line}"}
            for entry in head[1:]:
                key, sep, value = entry.partition(": ")
                if not sep:
                    raise StagingError(f"{batch}:{line}: bad header line {entry!r}")
                meta[key] = value
            meta["excerpt"] = data[j + len("\n--- text\n"):k]
            pos = k + 1
            yield meta


def build(staging, texts, manifest):
    old_half = {}
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("half"):
                    old_half[rec["id"]] = rec["half"]
    out = []
    for n, m in enumerate(records(staging), 1):
        missing = [f for f in FIELDS if f not in m]
        if missing:
            raise StagingError(f"{m['where']}: missing {', '.join(missing)}")
        if m["kind"] not in KINDS or m["topic"] not in TOPICS or m["trap"] not in ("true", "false"):
            raise StagingError(f"{m['where']}: bad kind, topic or trap")
        excerpt = m["excerpt"]
        start = 0
        if m.get("start_at"):
            start = excerpt.find(m["start_at"])
            if start < 0:
                raise StagingError(f"{m['where']}: start_at not found in the excerpt")
        text = excerpt[start:]
        rid = f"rt-{n:03d}-{m['kind']}-{m['slug']}"
        data = text.encode("utf-8")
        out.append({"id": rid, "file": f"{rid}.txt", "query": m["query"], "url": m["url"], "rank": int(m["rank"]),
                    "start": start, "end": len(excerpt), "sha256": hashlib.sha256(data).hexdigest(),
                    "chars": len(text), "lines": text.count("\n") + 1, "words": len(text.split()),
                    "kind": m["kind"], "trap": m["trap"] == "true", "topic": m["topic"],
                    "half": old_half.get(rid), "_data": data})
    urls = Counter(o["url"] for o in out)
    for url, count in urls.items():
        if count > 1:
            print(f"warning: {count} texts from {url}", file=sys.stderr)
    # halves: keep what annotators already have; balance the rest within kind and trap class
    tally = defaultdict(Counter)
    for o in out:
        if o["half"]:
            tally[(o["kind"], o["trap"])][o["half"]] += 1
    overall = Counter(o["half"] for o in out if o["half"])
    for o in out:
        if not o["half"]:
            t = tally[(o["kind"], o["trap"])]
            if t["A"] != t["B"]:
                o["half"] = "A" if t["A"] < t["B"] else "B"
            else:
                o["half"] = "A" if overall["A"] <= overall["B"] else "B"
            t[o["half"]] += 1
            overall[o["half"]] += 1
    texts.mkdir(parents=True, exist_ok=True)
    names = set()
    for o in out:
        (texts / o["file"]).write_bytes(o.pop("_data"))
        names.add(o["file"])
    for stale in texts.glob("rt-*.txt"):
        if stale.name not in names:
            stale.unlink()
    with open(manifest, "w", encoding="utf-8", newline="\n") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--staging", type=Path, required=True)
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--manifest", type=Path, default=Path(__file__).with_name("manifest.jsonl"))
    a = ap.parse_args()
    try:
        out = build(a.staging, a.texts, a.manifest)
    except (StagingError, OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"assemble.py: error: {e}", file=sys.stderr)
        sys.exit(2)
    traps = sum(o["trap"] for o in out)
    print(f"{len(out)} texts, {traps} traps ({traps / len(out):.0%})")
    print("kinds:", dict(Counter(o["kind"] for o in out)))
    print("topics:", dict(Counter(o["topic"] for o in out)))
    print("halves:", dict(Counter(o["half"] for o in out)))


if __name__ == "__main__":
    main()
