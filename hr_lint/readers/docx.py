"""Word (.docx) reader.

A .docx has no text source to point into, so we build one: one paragraph per
line (body paragraphs in order, then table cells' paragraphs, then headers and
footers), joined with "\\n".  A finding's line is then the paragraph number and
its column the character within the paragraph.  Every paragraph is a segment.
"""
from __future__ import annotations

import io
import zipfile

from ..document import ProseBuilder, Segment
from .plaintext import Run, collect


# what the parts of a package may inflate to in all: python-docx holds every part in memory
MAX_INFLATED = 256 * 1024 * 1024


class ReaderError(Exception):
    """The file cannot be read in the format its name says."""


def _check_inflated(data: bytes) -> None:
    """Refuse a "zip bomb" before python-docx inflates it: zipfile never gives more than a
    member's declared size (and checks its CRC), so the declared sizes bound what is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx names the problem below
    if total > MAX_INFLATED:
        raise ReaderError(f".docx parts inflate to more than {MAX_INFLATED // (1024 * 1024)} MB: not read")


def _open(data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_inflated(data)

    try:
        from lxml.etree import XMLSyntaxError
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        XMLSyntaxError = ValueError
    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReaderError("not a valid .docx file (bad zip)") from None
    except PackageNotFoundError:
        raise ReaderError("not a valid .docx file (not a Word package)") from None
    except KeyError as e:
        raise ReaderError(f"not a valid .docx file (missing part {e})") from None
    except XMLSyntaxError as e:
        raise ReaderError(f"not a valid .docx file (bad XML: {e})") from None
    except Exception as e:  # python-docx raises ValueError and others for odd packages
        raise ReaderError(f"not a valid .docx file ({type(e).__name__}: {e})") from None


def _table_paragraphs(tables, seen: set):
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                # a merged cell shows up once per grid column; keeping the element
                # itself (not its id) keeps lxml's proxy alive, so identity holds
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                yield from cell.paragraphs
                yield from _table_paragraphs(cell.tables, seen)


def _paragraphs(doc):
    """(paragraph, kind) in the order of the synthetic source."""
    for p in doc.paragraphs:
        style = (p.style.name if p.style is not None else "") or ""
        heading = style.startswith("Heading") or style == "Title"
        yield p, "heading" if heading else "prose"
    seen: set = set()
    for p in _table_paragraphs(doc.tables, seen):
        yield p, "cell"
    parts = []
    for section in doc.sections:
        for part in (
            section.header, section.first_page_header, section.even_page_header,
            section.footer, section.first_page_footer, section.even_page_footer,
        ):
            # a linked header is the previous section's: read each definition once
            if not part.is_linked_to_previous and not any(x is part.part for x in parts):
                parts.append(part.part)
                for p in part.paragraphs:
                    yield p, "prose"
                for p in _table_paragraphs(part.tables, seen):
                    yield p, "cell"


def read(data: bytes) -> tuple[str, list[Segment]]:
    doc = _open(data)
    try:
        paras = list(_paragraphs(doc))
        # a line break or carriage return inside a paragraph stays one char, a space
        texts = [p.text.replace("\r", " ").replace("\n", " ") for p, _ in paras]
    except Exception as e:
        raise ReaderError(f"not a valid .docx file ({type(e).__name__}: {e})") from None
    source = "\n".join(texts)
    b = ProseBuilder(source)
    at = 0
    for text, (_, kind) in zip(texts, paras):
        run = Run()
        run.copy(source, at, at + len(text))
        run.flush(b)
        b.kind(kind)
        b.end_block()
        at += len(text) + 1
    return source, collect(b)
