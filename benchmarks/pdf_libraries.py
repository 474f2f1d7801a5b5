#!/usr/bin/env python3
"""pdfminer.six against pypdf: speed and text quality on PDFs made for the comparison.

    python benchmarks/pdf_libraries.py [--pages 60] [--repeat 3]

Two documents, both our own text: one written by tests/pdfmaker.py (standard Helvetica,
ligature glyphs through the font encoding, two columns drawn row by row across the page,
running header and footer, hyphenated line ends), and, when Chromium and playwright are
installed, the same kind of page printed to PDF by headless Chromium (embedded subset
TrueType fonts, CSS columns, the browser's own shaping): two ragged columns, and four
justified ones (narrow columns stretch the gaps between words). Prints a table; judges nothing.
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pdfmaker import make_pdf, two_column_page  # noqa: E402

LEFT = ["Our outreach team meets people where", "they are. This year the team made its",
        "\ufb01rst visits to camps by the river and", "handed out a \ufb02yer about naloxone.",
        "Nobody should be called an ad-", "dict; we say a person who uses drugs."] * 4
RIGHT = ["The second column is about housing and", "the people the shelter served this",
         "winter, with a few words on staff", "training and respectful language."] * 5
HEADER = "Riverside County Behavioral Health - Annual Report"

HTML = """<!doctype html><meta charset="utf-8"><style>
body {{ font: 11pt/1.4 serif; }} .cols {{ column-count: {columns}; column-gap: 2em; hyphens: manual; text-align: {align}; }}
</style><body>{pages}</body>"""
PARA = ("<p>Our outreach team meets people where they are. This year the team made its first visits "
        "to camps by the river and handed out a flyer about naloxone. Nobody should be called an "
        "ad-<br>dict; we say a person who uses drugs. The efficient office staff finished the "
        "official filing.</p>")


def generated(pages: int) -> bytes:
    return make_pdf([two_column_page(LEFT, RIGHT, header=HEADER, footer=f"Page {i + 1}") for i in range(pages)])


def chromium_printed(pages: int, align: str = "left") -> bytes | None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not os.path.isfile(chromium):
        return None
    body = "".join(f'<div class="cols" style="break-after: page">{PARA * 9}</div>' for _ in range(pages))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content(HTML.format(pages=body, align=align, columns=2 if align == "left" else 4))
        data = page.pdf(format="Letter", display_header_footer=True,
                        header_template=f'<div style="font-size:8px;margin-left:1cm">{HEADER}</div>',
                        footer_template='<div style="font-size:8px;margin-left:1cm">Page '
                                        '<span class="pageNumber"></span></div>',
                        margin={"top": "2cm", "bottom": "2cm", "left": "1.5cm", "right": "1.5cm"})
        browser.close()
    return data


def pdfminer_text(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


def pypdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def hr_lint_text(data: bytes) -> list[str]:
    from hr_lint.readers.pdf import read

    source, segments = read(data)
    return [" ".join(s.text for s in segments)]


def quality(pages: list[str]) -> dict:
    first = pages[0]
    flat = " ".join(first.split())
    everything = " ".join(" ".join(pages).split())
    for glyph, letters in (("\ufb00", "ff"), ("\ufb01", "fi"), ("\ufb02", "fl"), ("\ufb03", "ffi"), ("\ufb04", "ffl")):
        everything = everything.replace(glyph, letters)  # ligatures are judged on their own below
    expected = everything.count("outreach")  # one word: no gap can split it
    # the left column's last words come before the right column's first
    left_first = flat.find("uses drugs") < flat.find("second column") if "second column" in flat else None
    return {
        # every line of every page read whole and in order: justified lines are not broken up
        "sentences whole": expected > 0 and all(everything.count(x) == expected for x in (
            "Our outreach team meets people where they are.", "we say a person who uses drugs.",
            "This year the team made its first visits to camps by the river and handed out a flyer about naloxone.")),
        "joins 'ad-/dict'": "addict" in flat,
        "ligature as letters": ("first" in flat and "\ufb01" not in flat),
        "columns in order": left_first if left_first is not None else flat.find("efficient") > flat.find("naloxone"),
        "header once per page": flat.count("Riverside County") <= 1,
        "drops running header": "Riverside County" not in flat,
    }


def timed(fn, data, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import pdfminer
    import pypdf

    print(f"pdfminer.six {pdfminer.__version__} (MIT), pypdf {pypdf.__version__} (BSD-3-Clause), "
          f"Python {sys.version.split()[0]}")
    docs = {"generated": generated(args.pages)}
    for align in ("left", "justify"):
        printed = chromium_printed(max(1, args.pages // 4), align)
        if printed:
            docs["chromium" + (", justified, 4 columns" if align == "justify" else "")] = printed
    libs = {"pdfminer.six": pdfminer_text, "pypdf": pypdf_text, "hr-lint reader (pdfminer.six)": hr_lint_text}
    for name, data in docs.items():
        mb = len(data) / 1e6
        print(f"\n## {name}: {mb:.2f} MB")
        print("| library | s | MB/s | " + " | ".join(quality(["x"]).keys()) + " |")
        print("|---|---|---|" + "---|" * len(quality(["x"])))
        for lib, fn in libs.items():
            seconds = timed(fn, data, args.repeat)
            q = quality(fn(data))
            print(f"| {lib} | {seconds:.3f} | {mb / seconds:.2f} | " + " | ".join("yes" if v else "no" for v in q.values()) + " |")


if __name__ == "__main__":
    main()
