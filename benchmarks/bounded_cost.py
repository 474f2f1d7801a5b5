#!/usr/bin/env python3
"""Bounded-cost benchmark: the inputs issue 11 named, timed against a baseline in the same run.

    python benchmarks/bounded_cost.py [--sizes 1,2,20] [--paragraphs 30000] [--big-kb 1000]

0. Growth: the CPU time of an input eight times larger against the smaller one, in every
   text format, for one long paragraph and for markup that never closes (the tests count
   work instead, tests/growth.py, which cannot see a regular expression that backtracks).
1. Markdown, one paragraph on one line of 1, 2 and 20 MB with a term at its end: CPU time
   of `Linter.lint_text(text, "markdown")`, against the same text linted as plain text.
2. A .docx of --paragraphs paragraphs, each with a style (the default template's "Body
   Text", built with python-docx): CPU time of reading it (`readers.parse_docx`) against
   parsing the same paragraphs as plain text, and of linting it whole.
3. The server (`hr-lint serve` in a child process on 127.0.0.1): the latency of a small
   request alone, then of small requests sent while a --big-kb Markdown request with a
   finding every 20 characters is being linted, and that large request's own time.

Timings on a shared machine are noisy: read the ratios. This is a benchmark, not a test:
it prints, it does not judge.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

WORDS = "the clinic staff met people in recovery and offered support with housing and food every week".split()


def words(n: int) -> str:
    out, size, k = [], 0, 0
    while size < n:
        w = WORDS[k % len(WORDS)]
        out.append(w)
        size += len(w) + 1
        k += 1
    return " ".join(out)


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def best_cpu(fn, repeat: int = 3) -> float:
    import gc

    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            best = min(best, cpu(fn))
        finally:
            gc.enable()
    return best


def growth(factor: int = 8) -> None:
    from hr_lint import Linter

    linter = Linter()
    linter.lint_text("Three addicts came by.", "markdown")
    cases = [(fmt, "one paragraph", lambda n: words(n) + " Three addicts came by.\n")
             for fmt in ("markdown", "html", "rst", "text")]
    cases += [(fmt, f"{unit.strip()} never closed", lambda n, u=unit: "The addict. " + u * (n // len(u)) + "\n")
              for fmt, unit in (("markdown", "<!-- "), ("html", "<a "), ("html", "<!-- "), ("html", "<a title='"),
                                ("rst", "*a "), ("rst", "``a "))]
    print(f"Growth: CPU time of {factor}x the input against 32 KB, best of 3, gc paused "
          f"(linear about {factor}x, quadratic about {factor * factor}x):")
    for fmt, name, make in cases:
        small, big = make(32_000), make(32_000 * factor)
        linter.lint_text(small, fmt)
        a = best_cpu(lambda: linter.lint_text(small, fmt))
        b = best_cpu(lambda: linter.lint_text(big, fmt))
        ratio = b / max(a, 1e-4)
        verdict = "linear" if ratio < 3 * factor else "SUPERLINEAR"
        print(f"  {fmt:8} {name:22} {a * 1000:7.1f} ms -> {b * 1000:8.1f} ms: {ratio:5.1f}x  {verdict}")


def markdown(sizes: list[float]) -> None:
    from hr_lint import Linter

    linter = Linter()
    linter.lint_text("Three addicts came by.", "markdown")  # rules and spaCy loaded
    print("Markdown, one paragraph on one line (CPU seconds):")
    for mb in sizes:
        text = words(int(mb * 1_000_000)) + " Three addicts came by.\n"
        base = cpu(lambda: linter.lint_text(text, "text"))
        t = cpu(lambda: linter.lint_text(text, "markdown"))
        print(f"  {mb:g} MB: {t:.2f} s ({t / max(base, 1e-3):.2f}x the same text as plain text, {base:.2f} s)")


def docx(paragraphs: int) -> None:
    import docx as python_docx

    from hr_lint import Linter, readers

    d = python_docx.Document()
    for k in range(paragraphs):
        d.add_paragraph(f"Paragraph {k}: the clinic staff met people in recovery and offered housing support.",
                        style="Body Text")
    d.add_paragraph("Three addicts came by.")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    text = "\n\n".join(p.text for p in d.paragraphs)
    base = min(cpu(lambda: readers.parse(text, "text")) for _ in range(3))
    read = min(cpu(lambda: readers.parse_docx(data)) for _ in range(3))
    linter = Linter()
    linter.lint_text("Three addicts came by.", "text")
    whole = cpu(lambda: linter.lint_bytes(data, "doc.docx"))
    print(f".docx of {paragraphs:,} styled paragraphs ({len(data) // 1024} KB):")
    print(f"  read: {read:.2f} s CPU ({read / paragraphs * 1e6:.0f} us a paragraph; "
          f"{read / max(base, 1e-3):.1f}x parsing the same text as plain text, {base:.2f} s)")
    print(f"  linted whole: {whole:.2f} s CPU")


def server(big_kb: int) -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    proc = subprocess.Popen([sys.executable, "-m", "hr_lint", "serve", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/lint"

    def post(body: bytes) -> float:
        req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        start = time.monotonic()
        with urllib.request.urlopen(req, timeout=900) as r:
            r.read()
        return time.monotonic() - start

    small = json.dumps({"text": "# Note\n\nThree addicts came by.\n", "format": "markdown"}).encode()
    unit = "Three addicts came by and the junkies left. "
    big = json.dumps({"text": unit * (big_kb * 1000 // len(unit)), "format": "markdown"}).encode()
    try:
        for _ in range(300):
            try:
                post(small)
                break
            except OSError:
                time.sleep(0.2)
        alone = min(post(small) for _ in range(5))
        took: dict = {}
        thread = threading.Thread(target=lambda: took.setdefault("big", post(big)))
        thread.start()
        time.sleep(1.0)  # the large request is being linted
        during = []
        while thread.is_alive() and len(during) < 5:
            during.append(post(small))
        thread.join()
    finally:
        proc.terminate()
        proc.wait()
    print("Server:")
    print(f"  a small request alone: {alone * 1000:.0f} ms")
    print(f"  a {big_kb:,} KB Markdown request ({2 * big_kb * 1000 // len(unit):,} findings): {took['big']:.1f} s")
    print("  small requests sent while it ran: " + ", ".join(f"{t * 1000:.0f} ms" for t in during))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,2,20", help="Markdown paragraph sizes in MB")
    ap.add_argument("--paragraphs", type=int, default=30_000)
    ap.add_argument("--big-kb", type=int, default=1000)
    args = ap.parse_args()
    growth()
    markdown([float(x) for x in args.sizes.split(",")])
    docx(args.paragraphs)
    server(args.big_kb)


if __name__ == "__main__":
    main()
