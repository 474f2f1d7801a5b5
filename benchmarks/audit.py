#!/usr/bin/env python3
"""Audit benchmark: crawl throughput against a local server, PDF reading speed, in one run.

    python benchmarks/audit.py [--pages 200] [--pdf-pages 200] [--repeat 3]

1. Crawl: a fixture site of --pages HTML pages on 127.0.0.1 (tests/website.py), each
   with navigation, a footer and a few paragraphs of our own text, linked as a tree and
   listed in a sitemap. hr-lint crawls it (`--crawl --delay 0`, in process, spaCy loaded
   beforehand) and is compared with a bare loop of GET requests (httpx, one connection)
   to the same pages: the ratio is the cost of robots.txt, scope checks, main-content
   extraction and linting on top of fetching.
2. PDF: a --pdf-pages document from tests/pdfmaker.py (two columns, running header and
   footer, uncompressed). hr-lint's reading and linting (`Linter.lint_bytes`) is compared
   with pdfminer.six's bare `extract_text` on the same bytes, as MB/s and a ratio.

Medians of --repeat runs. A benchmark, not a test: it prints, it judges nothing.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pdfmaker import make_pdf, two_column_page  # noqa: E402
from website import Page, Site  # noqa: E402

PARAS = [
    "Our outreach team meets people where they are, with water, naloxone and a ride to the clinic.",
    "The housing program found apartments for forty families this year; most still live there.",
    "Peer workers, many of them in recovery themselves, run the evening support group.",
    "Some visitors were once called addicts by the press; we say people who use drugs.",
]
NAV = ('<header><nav><a href="/">Home</a> <a href="/p/0">Programs</a> <a href="/about">About</a></nav></header>'
       '<div class="cookie-banner">This site uses cookies.</div>')
FOOT = "<footer>County Behavioral Health, 1 Main Street. Crisis line: call or text 988.</footer>"


def build_site(site: Site, n: int) -> list[str]:
    urls = []
    site.routes["/robots.txt"] = Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    for i in range(n):
        kids = [k for k in (2 * i + 1, 2 * i + 2) if k < n]
        links = " ".join(f'<a href="/p/{k}">Page {k}</a>' for k in kids)
        body = "".join(f"<p>{PARAS[(i + j) % len(PARAS)]}</p>" for j in range(6))
        site.routes[f"/p/{i}"] = Page(f"<!doctype html><html><head><title>Page {i}</title></head><body>{NAV}"
                                      f"<main><h1>Page {i}</h1>{body}<p>{links}</p></main>{FOOT}</body></html>")
        urls.append(site.url(f"/p/{i}"))
    return urls


def crawl_once(linter, start: str, n: int) -> tuple[float, int, int]:
    from hr_lint.sources.web import Audit, WebOptions

    audit = Audit(linter, WebOptions(crawl=True, max_pages=n, delay=0))
    t = time.perf_counter()
    result = audit.run([start])
    elapsed = time.perf_counter() - t
    audit.close()
    return elapsed, len(result.linted), len(result.findings)


def bare_fetch(urls: list[str]) -> float:
    import httpx

    t = time.perf_counter()
    with httpx.Client() as client:
        for u in urls:
            client.get(u).read()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--pdf-pages", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from hr_lint import Linter

    linter = Linter()
    linter.lint_text("Warm up: three addicts came by.", format="html")  # spaCy loaded before timing

    with Site() as site:
        urls = build_site(site, args.pages)
        crawls = [crawl_once(linter, urls[0], args.pages) for _ in range(args.repeat)]
        bare = [bare_fetch(urls) for _ in range(args.repeat)]
    seconds = statistics.median(c[0] for c in crawls)
    base = statistics.median(bare)
    pages, findings = crawls[0][1], crawls[0][2]
    print(f"crawl: {pages} pages, {findings} findings (main content only)")
    print(f"  hr-lint --crawl --delay 0   {seconds:.2f} s  {pages / seconds:.0f} pages/s")
    print(f"  bare GET loop (httpx)       {base:.2f} s  {len(urls) / base:.0f} pages/s")
    print(f"  ratio                       {seconds / base:.1f}x the bare fetch")

    from pdfminer.high_level import extract_text

    left = ["Our outreach team meets people where", "they are, and so does the van.",
            "Nobody should be called an ad-", "dict; we say a person who uses drugs."] * 9
    right = ["The second column is about housing and", "the families the program served."] * 18
    data = make_pdf([two_column_page(left, right, header="Annual Report", footer=f"Page {i + 1}")
                     for i in range(args.pdf_pages)], compress=False)
    mb = len(data) / 1e6
    ours = statistics.median(_timed(lambda: linter.lint_bytes(data, "report.pdf")) for _ in range(args.repeat))
    bare_pdf = statistics.median(_timed(lambda: extract_text(io.BytesIO(data))) for _ in range(args.repeat))
    found = len(linter.lint_bytes(data, "report.pdf"))
    print(f"pdf: {args.pdf_pages} pages, {mb:.2f} MB, {found} findings")
    print(f"  hr-lint (read + lint)       {ours:.2f} s  {mb / ours:.2f} MB/s  {args.pdf_pages / ours:.0f} pages/s")
    print(f"  pdfminer.six extract_text   {bare_pdf:.2f} s  {mb / bare_pdf:.2f} MB/s")
    print(f"  ratio                       {ours / bare_pdf:.2f}x the bare extraction")


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
