#!/usr/bin/env python3
"""Check a folder of rebuilt real-text excerpts against the manifest.

usage: verify.py [--manifest PATH] [--reference DIR] [--half A|B] TEXTS_DIR

Every manifest record names a file; the file must exist in TEXTS_DIR and its bytes must
have the recorded sha256. Reports each MISSING or DIFFERENT file (with its length and
line count against the recorded ones, so a whitespace or line-ending slip is easy to
tell from a different excerpt) and every EXTRA .txt file the manifest does not name.
With --reference DIR (for example the annotators' copy), a different file is also
compared with the copy in DIR and the first differing line and column are shown.

Exit status: 0 when every file matches, 1 when a file is missing or different, 2 when
the manifest or the folder cannot be read (one line per problem, naming the file and
line); the other records are still checked.
"""
import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REQUIRED = ("id", "file", "query", "url", "rank", "start", "end", "sha256", "kind", "trap", "topic")
SHA = re.compile(r"^[0-9a-f]{64}$")


def load_manifest(path):
    """Return (records, problems). Each problem is a one-line message naming file and line."""
    records, problems, seen = [], [], {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        return [], [f"{path}: cannot read the manifest ({e.__class__.__name__}: {e})"]
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{path}:{n}: not JSON ({e.msg})")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{path}:{n}: not a JSON object")
            continue
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            problems.append(f"{path}:{n}: missing {', '.join(missing)}")
            continue
        name = rec["file"]
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            problems.append(f"{path}:{n}: file must be a plain file name, not {name!r}")
            continue
        if not isinstance(rec["sha256"], str) or not SHA.match(rec["sha256"]):
            problems.append(f"{path}:{n}: sha256 must be 64 lowercase hex digits")
            continue
        if name in seen:
            problems.append(f"{path}:{n}: {name} already listed on line {seen[name]}")
            continue
        seen[name] = n
        records.append(rec)
    if not records and not problems:
        problems.append(f"{path}: the manifest lists no texts")
    return records, problems


def first_difference(a, b):
    """1-based line and column of the first character where two texts differ."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    line = a.count("\n", 0, i) + 1
    column = i - (a.rfind("\n", 0, i) + 1) + 1
    return line, column, a[i:i + 20], b[i:i + 20]


def describe(data, rec):
    """Why the bytes differ from the record, as far as length and lines can tell."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    notes = []
    if "\r" in text:
        notes.append("has \\r line endings (the set uses \\n)")
    if text.startswith("\ufeff"):
        notes.append("starts with a byte-order mark")
    if "chars" in rec and len(text) != rec["chars"]:
        notes.append(f"{len(text)} characters, expected {rec['chars']}")
    if "lines" in rec and text.count("\n") + 1 != rec["lines"]:
        notes.append(f"{text.count(chr(10)) + 1} lines, expected {rec['lines']}")
    return "; ".join(notes) or "same length and lines, different characters"


def verify(texts, records, reference=None, out=print, known=None):
    """Check each record's file; `known` (all manifest file names) decides what is EXTRA."""
    ok = missing = different = 0
    for rec in records:
        path = texts / rec["file"]
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            out(f"MISSING   {rec['file']}")
            missing += 1
            continue
        except OSError as e:
            out(f"MISSING   {rec['file']}: cannot read ({e.strerror})")
            missing += 1
            continue
        if hashlib.sha256(data).hexdigest() == rec["sha256"]:
            ok += 1
            continue
        different += 1
        out(f"DIFFERENT {rec['file']}: {describe(data, rec)}")
        if reference is not None:
            try:
                ref = (reference / rec["file"]).read_bytes().decode("utf-8")
                got = data.decode("utf-8", errors="replace")
            except (OSError, UnicodeDecodeError) as e:
                out(f"          (no usable reference copy: {e.__class__.__name__})")
            else:
                if ref == got:
                    out("          (identical to the reference copy)")
                else:
                    line, column, ours, theirs = first_difference(got, ref)
                    out(f"          first difference at {line}:{column}: {ours!r} here, {theirs!r} in the reference")
    names = known if known is not None else {rec["file"] for rec in records}
    extra = sorted(p.name for p in texts.glob("*.txt") if p.name not in names)
    for name in extra:
        out(f"EXTRA     {name} (not in the manifest)")
    return ok, missing, different, extra


def main(argv=None):
    ap = argparse.ArgumentParser(description="Check rebuilt real-text excerpts against the manifest (sha256).")
    ap.add_argument("texts", type=Path, help="folder holding the rebuilt .txt files")
    ap.add_argument("--manifest", type=Path, default=Path(__file__).with_name("manifest.jsonl"))
    ap.add_argument("--reference", type=Path, help="another copy of the texts, to locate differences")
    ap.add_argument("--half", choices=("A", "B"), help="check only one annotator's half")
    a = ap.parse_args(argv)
    if not a.texts.is_dir():
        print(f"verify.py: {a.texts}: not a folder", file=sys.stderr)
        return 2
    if a.reference is not None and not a.reference.is_dir():
        print(f"verify.py: {a.reference}: not a folder", file=sys.stderr)
        return 2
    records, problems = load_manifest(a.manifest)
    for p in problems:
        print(f"verify.py: {p}", file=sys.stderr)
    known = {r["file"] for r in records}
    if a.half:
        records = [r for r in records if r.get("half") == a.half]
    ok, missing, different, extra = verify(a.texts, records, a.reference, known=known)
    print(f"{len(records)} texts: {ok} match, {missing} missing, {different} different"
          + (f", {len(extra)} extra" if extra else ""))
    if problems:
        return 2
    return 0 if missing == different == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
