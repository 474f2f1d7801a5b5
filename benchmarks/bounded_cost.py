#!/usr/bin/env python3
"""Bounded-cost benchmark: the inputs issue 11 named, timed against a baseline in the same run.

    python benchmarks/bounded_cost.py [--sizes 1,2,20] [--paragraphs 30000] [--inflated-mb 200] [--big-kb 1000]
                                      [--only growth,markdown,docx,bomb,server]

0. Growth: the CPU time of an input eight times larger against the smaller one, in every
   text format, for one long paragraph and for markup that never closes (the tests count
   work instead, tests/growth.py, which cannot see a regular expression that backtracks).
1. Markdown, one paragraph on one line of 1, 2 and 20 MB with a term at its end: CPU time
   of `Linter.lint_text(text, "markdown")`, against the same text linted as plain text.
2. A .docx of --paragraphs paragraphs, each with a style (the default template's "Body
   Text", built with python-docx): CPU time of reading it (`readers.parse_docx`) against
   parsing the same paragraphs as plain text, and of linting it whole.
3. A .docx a few hundred KB on disk whose XML inflates to --inflated-mb MB: the command line
   (exit code, time, peak resident memory, its one line) and the server (status, peak
   resident memory, its answer).
4. The server (`hr-lint serve` in a child process on 127.0.0.1): the latency of a small
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
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))
from texts import DOCUMENT, END, package, words  # noqa: E402


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


def start_server():
    """`hr-lint serve` on a free port, answering; (process, port)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    proc = subprocess.Popen([sys.executable, "-m", "hr_lint", "serve", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def bomb_docx(inflated_mb: int = 200) -> bytes:
    """A .docx a few hundred KB on disk whose word/document.xml inflates to `inflated_mb` MB."""
    para = f'<w:p><w:r><w:t>{"x" * 4000}</w:t></w:r></w:p>'
    return package([DOCUMENT, *(para for _ in range(inflated_mb * 1024 * 1024 // len(para))), END])


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bomb(inflated_mb: int = 200) -> None:
    import resource
    import tempfile

    data = bomb_docx(inflated_mb)
    print(f".docx of {len(data) // 1024} KB whose word/document.xml inflates to {inflated_mb} MB:")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bomb.docx")
        with open(path, "wb") as fh:
            fh.write(data)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", path], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        err = proc.stderr.strip().splitlines()
        print(f"  command line: exit {proc.returncode} in {wall:.2f} s "
              f"({after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime:.2f} s CPU), "
              f"peak {after.ru_maxrss / 1024:.0f} MB resident; {err[0] if err else ''!r}")
    proc, port = start_server()
    try:
        url = f"http://127.0.0.1:{port}/api/lint-file"
        idle = peak_rss_mb(proc.pid)
        boundary = "hrlintbenchmark"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bomb.docx\"\r\n\r\n"
                .encode() + data + f"\r\n--{boundary}--\r\n".encode())
        req = urllib.request.Request(url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=600) as r:
                status, answer = r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, exc.read().decode()
        wall = time.monotonic() - start
        print(f"  server: {status} in {wall:.2f} s, peak {peak_rss_mb(proc.pid):.0f} MB resident "
              f"({idle:.0f} MB before the upload); {json.loads(answer).get('error', answer)[:160]!r}")
    finally:
        proc.terminate()
        proc.wait()


def server(big_kb: int) -> None:
    proc, port = start_server()
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
        post(small)
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
    ap.add_argument("--inflated-mb", type=int, default=200)
    ap.add_argument("--big-kb", type=int, default=1000)
    ap.add_argument("--only", default="growth,markdown,docx,bomb,server", help="sections to run")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if "growth" in only:
        growth()
    if "markdown" in only:
        markdown([float(x) for x in args.sizes.split(",")])
    if "docx" in only:
        docx(args.paragraphs)
    if "bomb" in only:
        bomb(args.inflated_mb)
    if "server" in only:
        server(args.big_kb)


if __name__ == "__main__":
    main()
