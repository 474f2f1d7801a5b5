"""PDF reader (pdfminer.six; see docs/pdf-libraries.md for why this library).

A PDF has no text source to point into, so we build one, as for .docx: the text of
each page as pdfminer's layout analysis orders it (text boxes in reading order, so two
columns read one after the other), one text line per line, a blank line between boxes,
pages separated by a form feed ("\\f"). A finding's `page` is 1-based and its `line`
and `column` count within that page's text (`paginate`).

Prose is built from that text with exact offsets:
- the lines of a box are one segment, joined by spaces;
- a word hyphenated at a line end ("ad-" / "dict") is joined ("addict"); the finding's
  `text` is then the source as it stands, "ad-\\ndict". Compound prefixes ("co-",
  "self-", "non-"...) keep their hyphen;
- ligature glyphs (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ, ﬆ) read as their letters, each mapped to the glyph;
- running headers and footers (a short box at the top or bottom of a page whose text,
  digits aside, repeats on at least half of the pages) stay in the page text but are not
  linted: they would repeat one finding on every page.

Bounds: at most MAX_PAGES pages, at most MAX_INFLATED bytes of decoded streams per
document, whatever their filters (`pdf_bounds`: a "zip bomb" stream stops reading), and the
file size limit every input has.
Encrypted files, files without a text layer and malformed files raise `ReaderError`.
"""
from __future__ import annotations

import bisect
import io
import re
import zlib

from ..document import ProseBuilder, Segment
from .docx import ReaderError
from . import pdf_layout
from .pdf_bounds import TooBig, bounded, silence

MAX_PAGES = 2000
MAX_INFLATED = 256 * 1024 * 1024
PAGE_BREAK = "\f"

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
# hyphens that join the two halves of a compound, kept when a line breaks after them
COMPOUND_PREFIXES = frozenset(
    "self non co ex well anti all cross half high low long short full multi pre post re semi "
    "sub inter intra over under out part peer one two three four five six seven eight nine ten".split()
)
_WORD_END = re.compile(r"([A-Za-z\u00c0-\u024f]+)-$")
_WORD_START = re.compile(r"[a-z\u00df-\u024f]")


# -- reading --------------------------------------------------------------------------------

def _boxes(data: bytes):
    """[(page boxes)] where a box is (y0, y1, [line texts]) in reading order."""
    silence()
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException
    from pdfminer.pdfexceptions import PDFException

    if b"%PDF-" not in data[:1024]:
        raise ReaderError("not a PDF file (no %PDF- header)")
    pages = []
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
        if not document.is_extractable:
            pass  # the author's "no copying" flag does not stop a reader from reading
        manager = PDFResourceManager(caching=True)
        device = pdf_layout.aggregator(manager, LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            if number > MAX_PAGES:
                raise TooBig(f"PDF has more than {MAX_PAGES} pages: not read")
            interpreter.process_page(page)
            layout = device.get_result()
            boxes = []
            for item in layout:
                if isinstance(item, LTTextBox):
                    lines = [pdf_layout.line_text(line) for line in item if isinstance(line, LTTextLine)]
                    lines = [ln for ln in lines if ln.strip()]
                    if lines:
                        boxes.append((item.y0, item.y1, lines))
            pages.append(boxes)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReaderError("encrypted PDF (needs a password): not linted") from None
    except ReaderError:
        raise
    except (PDFException, PSException) as exc:
        raise ReaderError(f"not a valid PDF ({type(exc).__name__}: {exc})"[:300]) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError,
            RecursionError, zlib.error, OverflowError, UnicodeError) as exc:
        # pdfminer lets plain exceptions through on some broken files
        raise ReaderError(f"not a valid PDF ({type(exc).__name__}: {exc})"[:300]) from None
    if not pages:
        raise ReaderError("not a valid PDF (no pages)")
    if not any(pages):
        raise ReaderError("no text layer: scanned image? (run OCR first, for example with ocrmypdf)")
    return pages


def _norm(lines: list[str]) -> str:
    return re.sub(r"\d+", "#", " ".join(" ".join(lines).lower().split()))


def _running(pages) -> set[tuple[int, int]]:
    """(page index, box index) of running headers and footers."""
    if len(pages) < 2:
        return set()
    edges: dict[str, list[tuple[int, int]]] = {}
    for p, boxes in enumerate(pages):
        if not boxes:
            continue
        top = max(range(len(boxes)), key=lambda i: boxes[i][1])
        bottom = min(range(len(boxes)), key=lambda i: boxes[i][0])
        for b in {top, bottom}:
            if len(boxes[b][2]) <= 2:
                edges.setdefault(_norm(boxes[b][2]), []).append((p, b))
    need = max(2, (len(pages) + 1) // 2)
    return {place for places in edges.values() if len({p for p, _ in places}) >= need for place in places}


def _add_line(b: ProseBuilder, source: str, start: int, end: int) -> None:
    """Copy source[start:end], ligatures as their letters."""
    i = start
    for k in range(start, end):
        ch = source[k]
        if ch in LIGATURES:
            b.copy(i, k)
            for letter in LIGATURES[ch]:
                b.char(letter, k, k + 1)
            i = k + 1
        elif ch == "\u00ad":  # a soft hyphen is not text
            b.copy(i, k)
            i = k + 1
    b.copy(i, end)


def read(data: bytes) -> tuple[str, list[Segment]]:
    """(the page texts joined by form feeds, the prose segments)."""
    try:
        with bounded(MAX_INFLATED):
            pages = _boxes(data)
    except MemoryError:
        raise TooBig("PDF too large to read in memory") from None
    running = _running(pages)
    parts: list[str] = []
    places: list[tuple[int, int, list[tuple[int, int]]]] = []  # page, box, line spans
    at = 0
    for p, boxes in enumerate(pages):
        if p:
            parts.append(PAGE_BREAK)
            at += 1
        for k, (_, _, lines) in enumerate(boxes):
            if k:
                parts.append("\n\n")
                at += 2
            spans = []
            for j, line in enumerate(lines):
                if j:
                    parts.append("\n")
                    at += 1
                line = line.replace("\f", " ").replace("\r", " ").replace("\n", " ")
                parts.append(line)
                spans.append((at, at + len(line)))
                at += len(line)
            if (p, k) not in running:
                places.append((p, k, spans))
    source = "".join(parts)
    b = ProseBuilder(source)
    for _, _, spans in places:
        for j, (s, e) in enumerate(spans):
            nxt = spans[j + 1] if j + 1 < len(spans) else None
            m = _WORD_END.search(source, s, e) if nxt else None
            if m and _WORD_START.match(source, nxt[0]) and m.group(1).lower() not in COMPOUND_PREFIXES:
                _add_line(b, source, s, e - 1)  # "ad-" + "dict": the hyphen and the break go
                continue
            _add_line(b, source, s, e)
            if nxt and not (m and _WORD_START.match(source, nxt[0])):
                b.gap(e)  # a line break is a space between words
        b.end_block()
    return source, b.finish()


def paginate(findings, source: str):
    """Set each finding's page, and its line and columns within that page's text."""
    breaks = [i for i, ch in enumerate(source) if ch == PAGE_BREAK] if PAGE_BREAK in source else []
    newlines = [i for i, ch in enumerate(source) if ch == "\n"]

    def locate(offset: int) -> tuple[int, int, int]:
        page = bisect.bisect_right(breaks, offset - 1) if breaks else 0
        page_start = breaks[page - 1] + 1 if page else 0
        first = bisect.bisect_left(newlines, page_start)
        k = bisect.bisect_left(newlines, offset)  # newlines before offset, in this page: first..k
        line_start = newlines[k - 1] + 1 if k > first else page_start
        return page + 1, k - first + 1, offset - line_start + 1

    for f in findings:
        f.page, f.line, f.column = locate(f.offset)
        _, f.end_line, f.end_column = locate(f.end_offset)
    return findings


def page_lines(source: str) -> list[list[str]]:
    """Each page's text as lines, for showing a finding's context."""
    return [page.split("\n") for page in source.split(PAGE_BREAK)]
