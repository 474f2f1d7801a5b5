#!/usr/bin/env python3
"""Build the Spanish development corpus (docs/ and gold.jsonl) from its marked sources.

    python3 evaluation/es-corpus/build.py            # write docs/ and gold.jsonl
    python3 evaluation/es-corpus/build.py --check    # rebuild in memory, compare, write nothing
    python3 evaluation/es-corpus/build.py --counts   # print the README's count tables
    python3 evaluation/es-corpus/build.py --out DIR  # write docs/ and gold.jsonl under DIR

Each file in marked/ is a document with its gold spans written inline, in one of two forms:

    ⟦text|L|kk⟧        L is f (flag), o (ok) or x (optional); kk abbreviates the kind (KINDS)
    ⟦L:kind|text⟧      the same with the kind spelled out

The markers are removed; what remains is the document, written to docs/ under the same
name with "\\n" line endings. Each span's line and column are 1-based and count code points
of that document (an HTML entity counts as the characters literally there). A span may
run over a line break; its line and column are where it starts. Before anything is written,
every span's text is checked against the document at its position, and each document is
checked for the corpus's conventions (no tab, no carriage return, a final newline, 120-450
words of visible text). Any failure names the file and line and exits with status 2.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"f": "flag", "o": "ok", "x": "optional"}
KINDS = {"pl": "person-label", "as": "absolutist-status", "af": "abuse-framing", "mo": "moralizing",
         "tr": "treatment", "mh": "mental-health", "su": "suicide", "ju": "justice", "ho": "housing",
         "sw": "sex-work"}
KIND_ORDER = list(KINDS.values())
MARK = re.compile(r"⟦(.*?)⟧", re.S)
LABEL_FIRST = re.compile(r"([fox]):([a-z-]+)\|(.*)", re.S)
TEXT_FIRST = re.compile(r"(.*)\|([fox])\|([a-z]{2})", re.S)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.S | re.I)
MIN_WORDS, MAX_WORDS = 120, 450


class BuildError(Exception):
    pass


def parse(inner: str, where: str) -> tuple[str, str, str]:
    m = LABEL_FIRST.fullmatch(inner)
    if m:
        label, kind, text = m.groups()
    else:
        m = TEXT_FIRST.fullmatch(inner)
        if not m or m.group(3) not in KINDS:
            raise BuildError(f"{where}: bad annotation ⟦{inner}⟧")
        text, label, kind = m.group(1), m.group(2), KINDS[m.group(3)]
    if kind not in KIND_ORDER:
        raise BuildError(f"{where}: unknown kind {kind!r} in ⟦{inner}⟧")
    if not text or text != text.strip():
        raise BuildError(f"{where}: span text is empty or has outer spaces in ⟦{inner}⟧")
    return text, LABELS[label], kind


def words(body: str, name: str) -> int:
    if name.endswith((".html", ".htm")):
        body = TAG.sub(" ", body)
    return len(WORD.findall(body))


def build_one(src: Path) -> tuple[str, list[dict]]:
    raw = src.read_text(encoding="utf-8")
    pieces, spans, pos, length = [], [], 0, 0
    for m in MARK.finditer(raw):
        where = f"marked/{src.name}:{raw.count(chr(10), 0, m.start()) + 1}"
        pieces.append(raw[pos:m.start()])
        length += m.start() - pos
        text, label, kind = parse(m.group(1), where)
        spans.append((length, text, label, kind))
        pieces.append(text)
        length += len(text)
        pos = m.end()
    pieces.append(raw[pos:])
    body = "".join(pieces)
    for bad, what in (("⟦", "an unclosed marker ⟦"), ("⟧", "a stray ⟧"), ("\t", "a tab"), ("\r", "a carriage return")):
        if bad in body:
            line = body.count("\n", 0, body.index(bad)) + 1
            raise BuildError(f"marked/{src.name}:{line}: the document has {what}")
    if not body.endswith("\n"):
        raise BuildError(f"marked/{src.name}: the document does not end with a newline")
    n = words(body, src.name)
    if not MIN_WORDS <= n <= MAX_WORDS:
        raise BuildError(f"marked/{src.name}: {n} words, outside {MIN_WORDS}-{MAX_WORDS}")
    gold = []
    lines = body.split("\n")
    for offset, text, label, kind in spans:
        line = body.count("\n", 0, offset) + 1
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        entry = {"file": src.name, "line": line, "column": column, "text": text, "label": label, "kind": kind}
        if not check_position(lines, entry):
            raise BuildError(f"marked/{src.name}:{line}: {text!r} does not stand at column {column}")
        gold.append(entry)
    return body, gold


def check_position(lines: list[str], g: dict) -> bool:
    """The span's text stands in the document at (line, column); a span over a line break
    continues on the following lines."""
    start = g["line"] - 1
    text = "\n".join(lines[start:])[g["column"] - 1:] if 0 <= start < len(lines) else ""
    return g["column"] >= 1 and text.startswith(g["text"])


def build(marked: Path) -> tuple[dict[str, str], list[dict]]:
    docs, gold = {}, []
    sources = sorted(p for p in marked.iterdir() if p.is_file())
    if not sources:
        raise BuildError(f"{marked}: no marked sources")
    for src in sources:
        body, spans = build_one(src)
        docs[src.name] = body
        gold.extend(spans)
    return docs, gold


def gold_text(gold: list[dict]) -> str:
    return "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold)


def write(out: Path, docs: dict[str, str], gold: list[dict]) -> None:
    (out / "docs").mkdir(parents=True, exist_ok=True)
    for stale in (out / "docs").iterdir():
        if stale.name not in docs:
            stale.unlink()
    for name, body in docs.items():
        (out / "docs" / name).write_text(body, encoding="utf-8", newline="\n")
    (out / "gold.jsonl").write_text(gold_text(gold), encoding="utf-8", newline="\n")


def differences(out: Path, docs: dict[str, str], gold: list[dict]) -> list[str]:
    problems = []
    present = {p.name for p in (out / "docs").iterdir()} if (out / "docs").is_dir() else set()
    for name in sorted(present - set(docs)):
        problems.append(f"docs/{name}: no marked source")
    for name, body in docs.items():
        path = out / "docs" / name
        if not path.is_file() or path.read_bytes() != body.encode("utf-8"):
            problems.append(f"docs/{name}: differs from marked/{name}")
    path = out / "gold.jsonl"
    if not path.is_file() or path.read_text(encoding="utf-8") != gold_text(gold):
        problems.append("gold.jsonl: differs from the marked sources")
    return problems


def counts(gold: list[dict]) -> str:
    by_kind = Counter((g["kind"], g["label"]) for g in gold)
    by_file = Counter((g["file"], g["label"]) for g in gold)
    labels = Counter(g["label"] for g in gold)
    files = sorted({g["file"] for g in gold})
    out = [f"{len(gold)} spans in {len(files)} documents: **{labels['flag']} flag**, **{labels['ok']} ok**, "
           f"**{labels['optional']} optional** (traps, `ok`: {labels['ok'] / len(gold):.0%} of all spans).", "",
           "| kind | flag | ok | optional |", "|---|---:|---:|---:|"]
    for kind in KIND_ORDER:
        out.append(f"| {kind} | {by_kind[kind, 'flag']} | {by_kind[kind, 'ok']} | {by_kind[kind, 'optional']} |")
    out.append(f"| **total** | **{labels['flag']}** | **{labels['ok']}** | **{labels['optional']}** |")
    out += ["", "| file | flag | ok | optional |", "|---|---:|---:|---:|"]
    for name in files:
        out.append(f"| `{name}` | {by_file[name, 'flag']} | {by_file[name, 'ok']} | {by_file[name, 'optional']} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--marked", type=Path, default=HERE / "marked", help="the marked sources (default: marked/)")
    ap.add_argument("--out", type=Path, default=HERE, help="where docs/ and gold.jsonl go (default: this folder)")
    ap.add_argument("--check", action="store_true", help="compare with what is there, write nothing")
    ap.add_argument("--counts", action="store_true", help="print the count tables and exit")
    a = ap.parse_args(argv)
    try:
        docs, gold = build(a.marked)
    except (BuildError, OSError, UnicodeDecodeError) as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 2
    if a.counts:
        sys.stdout.write(counts(gold))
        return 0
    if a.check:
        problems = differences(a.out, docs, gold)
        for p in problems:
            print(f"build.py: {p}", file=sys.stderr)
        if not problems:
            print(f"{len(docs)} documents and {len(gold)} spans match their marked sources")
        return 1 if problems else 0
    write(a.out, docs, gold)
    print(f"{len(docs)} documents, {len(gold)} spans written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
