#!/usr/bin/env python3
"""Language-server benchmark: how soon after an edit a writer sees diagnostics.

    python benchmarks/lsp.py [--edits 60] [--size 50000] [--pause 0.3]

Starts `hr-lint lsp` over stdio, opens a Markdown document of --size characters built
from the evaluation documents in tests/fixtures (about a finding every 250 characters),
waits until spaCy is loaded and the document is linted, then makes --edits one-character
edits at random places, each after a pause longer than the debounce (as a writer types
a word, stops, reads), and times each from sending `didChange` to receiving the
`publishDiagnostics` of that version. The baseline, measured in the same run in this
process: linting the whole document with `Linter.lint_text` (what a server that re-lints
everything would need per change). Then: code actions and hover at 20 findings, code
actions for a selection of the whole document, the server's resident memory when idle, and a burst of 1,000 edits without pauses (time to the
diagnostics of the last one).
This is a benchmark, not a test: it prints, it does not judge.
"""
from __future__ import annotations

import argparse
import asyncio
import glob
import os
import platform
import random
import statistics
import sys
import time

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def document(size: int) -> str:
    """--size characters of Markdown: the evaluation documents one after another (front
    matter dropped, as a document has one at most), from the start again if needed."""
    paths = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "*.md"), recursive=True))
    parts = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            part = fh.read().strip()
        if part.startswith("---"):
            end = part.find("\n---", 3)
            part = part[end + 4:].strip() if end != -1 else part
        if part and os.path.basename(path) != "README.md":
            parts.append(part)
    text, i = "", 0
    while len(text) < size:
        text += parts[i % len(parts)] + "\n\n"
        i += 1
    text = text[:size]
    return text[:text.rfind("\n\n")] + "\n"


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) in MB, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def main(args) -> None:
    text = document(args.size)
    received: dict[tuple[str, int], float] = {}
    client = LanguageClient("hr-lint-bench", "1")

    latest: dict[str, list] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls, params: types.PublishDiagnosticsParams):
        received[(params.uri, params.version)] = time.perf_counter()
        received[("count", params.version)] = len(params.diagnostics)
        latest[params.uri] = params.diagnostics

    async def wait(uri, version, timeout=120.0):
        deadline = time.perf_counter() + timeout
        while (uri, version) not in received:
            if time.perf_counter() > deadline:
                raise SystemExit(f"no diagnostics for version {version}")
            await asyncio.sleep(0.0005)
        return received[(uri, version)]

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "hr_lint", "lsp")
    pid = client._server.pid
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         process_id=os.getpid()))
    client.initialized(types.InitializedParams())
    uri = from_fs_path(os.path.join(ROOT, "bench-lsp-document.md"))
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    await wait(uri, 1)
    first = time.perf_counter() - started
    findings = received[("count", 1)]

    # the baseline: the whole document linted in this process
    from hr_lint import Linter

    linter = Linter()
    linter.lint_text(text, "markdown")
    whole = []
    for _ in range(7):
        t = time.perf_counter()
        linter.lint_text(text, "markdown")
        whole.append(time.perf_counter() - t)

    rng = random.Random(16)
    version = 1
    latencies = []
    lines = text.split("\n")
    for _ in range(args.edits):
        await asyncio.sleep(args.pause)
        line = rng.randrange(len(lines))
        col = rng.randint(0, len(lines[line]))
        lines[line] = lines[line][:col] + "x" + lines[line][col:]
        version += 1
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=col),
                                  end=types.Position(line=line, character=col)), text="x")]))
        latencies.append(await wait(uri, version) - sent)

    # code actions and hover on findings (each request brings the findings up to date first)
    action_times, hover_times, offered = [], [], []
    for d in rng.sample(list(latest[uri]), min(20, len(latest[uri]))):
        ident = types.TextDocumentIdentifier(uri=uri)
        t = time.perf_counter()
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=ident, range=types.Range(start=d.range.start, end=d.range.start),
            context=types.CodeActionContext(diagnostics=[d])))
        action_times.append(time.perf_counter() - t)
        offered.append(len(actions or []))
        t = time.perf_counter()
        await client.text_document_hover_async(types.HoverParams(text_document=ident, position=d.range.start))
        hover_times.append(time.perf_counter() - t)

    # a whole-document selection (editors ask for code actions at every selection change)
    whole_times = []
    for _ in range(3):
        t = time.perf_counter()
        await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0),
                              end=types.Position(line=len(lines), character=0)),
            context=types.CodeActionContext(diagnostics=list(latest[uri]))))
        whole_times.append(time.perf_counter() - t)

    await asyncio.sleep(2)
    idle, peak = rss_mb(pid)

    sent = time.perf_counter()
    for _ in range(1000):
        line = rng.randrange(len(lines))
        col = rng.randint(0, len(lines[line]))
        lines[line] = lines[line][:col] + "y" + lines[line][col:]
        version += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=col),
                                  end=types.Position(line=line, character=col)), text="y")]))
    burst = await wait(uri, version) - sent
    published = sum(1 for (u, v) in received if u == uri and v > version - 1000)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    lat = sorted(x * 1000 for x in latencies)
    base = statistics.median(whole) * 1000
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"document: {len(text):,} characters of Markdown, {text.count(chr(10)):,} lines, {findings} findings")
    print(f"first diagnostics after start (process, pygls, rules, spaCy): {first:.2f} s")
    print(f"baseline, whole document linted in process (median of 7): {base:.1f} ms")
    print(f"change -> diagnostics, {len(lat)} edits after a pause: median {statistics.median(lat):.1f} ms, "
          f"p90 {lat[int(len(lat) * 0.9) - 1]:.1f} ms, max {lat[-1]:.1f} ms "
          f"({statistics.median(lat) / base:.2f}x the whole-document lint)")
    print(f"code actions at a finding: median {statistics.median(action_times) * 1000:.1f} ms "
          f"({statistics.median(offered):.0f} actions); hover: median {statistics.median(hover_times) * 1000:.1f} ms")
    print(f"code actions for a whole-document selection: median {statistics.median(whole_times) * 1000:.0f} ms")
    print(f"server memory, idle with the document open: {idle:.0f} MB resident (peak {peak:.0f} MB)")
    print(f"1,000 edits sent at once: diagnostics of the last after {burst * 1000:.0f} ms "
          f"({published} publications for the 1,000 versions)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between edits (longer than the debounce)")
    asyncio.run(main(parser.parse_args()))
