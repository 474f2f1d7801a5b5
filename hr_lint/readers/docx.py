"""Word (.docx) reader.

A .docx has no text source to point into, so we build one: one paragraph per
line (body paragraphs in order, then table cells' paragraphs, then headers and
footers), joined with "\\n".  A finding's line is then the paragraph number and
its column the character within the paragraph.  Every paragraph is a segment.

The package is read with lxml directly, streaming: `word/document.xml` is parsed
one body element at a time and each is dropped once read, so memory holds the
paragraphs' text, not the XML tree, and time is linear (no per-paragraph style
look-up: the styles are read once). A paragraph's text is the text of its runs,
tracked insertions, hyperlinks, smart tags, fields and content controls included;
deleted and moved-away text, field codes, drawings and text boxes are not read.

Bounds: the XML parts read may inflate to MAX_INFLATED bytes in all (their sizes
are checked before any is inflated, and zipfile never inflates past the size the
archive declares), and a document may have MAX_PARAGRAPHS paragraphs; either
crossed is a `ReaderError` naming the limit. The XML parser resolves no entities,
loads no DTD and touches no network (XXE and "billion laughs" are inert).
"""
from __future__ import annotations

import io
import posixpath
import zipfile

from ..document import ProseBuilder, Segment
from .plaintext import Run, collect

MAX_INFLATED = 100 * 1024 * 1024  # bytes of XML read from one .docx, in all
MAX_PARAGRAPHS = 200_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

# inside a paragraph: not text a reader sees (properties, deletions, field codes, drawings,
# text boxes, footnote marks, alternative renderings)
_SKIP = frozenset(_W + t for t in (
    "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText", "drawing", "pict",
    "object", "txbxContent", "footnoteReference", "endnoteReference", "commentReference",
    "fldChar", "sym", "softHyphen", "annotationRef", "lastRenderedPageBreak", "sectPr",
    "customXmlPr", "sdtPr", "sdtEndPr", "smartTagPr", "p", "tbl",
)) | {_MC + "AlternateContent"}
# block-level wrappers whose content is body content
_WRAPPERS = frozenset(_W + t for t in ("sdt", "sdtContent", "customXml"))
_BODY_TAGS = frozenset(_W + t for t in ("p", "tbl", "sectPr"))


class ReaderError(Exception):
    """The file cannot be read in the format its name says."""


class TooBig(ReaderError):
    """A bound was crossed while reading."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


class _Package:
    """The parts of the zip, read within the inflation budget."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = {info.filename: info for info in self.zip.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
            raise ReaderError("not a valid .docx file (bad zip)") from None
        self.left = MAX_INFLATED

    def info(self, name: str):
        return self.names.get(name)

    def open(self, name: str):
        """A stream of the part, counted against the budget before it is inflated."""
        info = self.names.get(name)
        if info is None:
            raise ReaderError(f"not a valid .docx file (missing part '{name}')")
        if info.file_size > self.left:
            size = _mb(info.file_size) if info.file_size >= 1024 * 1024 else f"{info.file_size} bytes"
            raise TooBig(f"{name} inflates to {size}, over the {_mb(MAX_INFLATED)} limit for the text of "
                         "a .docx: not read")
        self.left -= info.file_size
        try:
            return self.zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError) as e:
            raise ReaderError(f"not a valid .docx file ({e})") from None

    def xml(self, name: str):
        from lxml import etree

        with self.open(name) as fh:
            try:
                return etree.parse(fh, _parser()).getroot()
            except etree.XMLSyntaxError as e:
                raise ReaderError(f"not a valid .docx file (bad XML in {name}: {e})") from None
            except (zipfile.BadZipFile, EOFError, OSError) as e:
                raise ReaderError(f"not a valid .docx file ({name}: {e})") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, part name) for the relationships of `part` ("" for the package)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if self.info(rels) is None:
            return {}
        out = {}
        for rel in self.xml(rels).iter(_PKG_REL + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return out


def _text(p, out: list[str]) -> None:
    """The text of paragraph element p's runs, as python-docx reads a run: w:t, tabs,
    text-wrapping breaks and carriage returns, non-breaking hyphens."""
    for child in p:
        tag = child.tag
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        elif tag == _W + "tab" or tag == _W + "ptab":
            out.append("\t")
        elif tag == _W + "br":
            if child.get(_W + "type", "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == _W + "cr":
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        else:  # w:r, w:hyperlink, w:ins, w:smartTag, w:fldSimple, w:sdt, w:sdtContent ...
            _text(child, out)


def _paragraph_text(p) -> str:
    out: list[str] = []
    _text(p, out)
    # a line break or carriage return inside a paragraph stays one char, a space
    return "".join(out).replace("\r", " ").replace("\n", " ")


def _children(el, tag: str):
    """Children of `el` with this tag, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _is_toc(sdt) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and (gallery.get(_W + "val") or "").lower().startswith("table of contents")


class _Reader:
    def __init__(self, data: bytes):
        self.pkg = _Package(data)
        self.paragraphs: list[tuple[str, str]] = []  # (text, kind)
        self.tables: list[tuple[str, str]] = []  # table cells' paragraphs, after the body's
        self.count = 0

    def add(self, text: str, kind: str, into: list) -> None:
        self.count += 1
        if self.count > MAX_PARAGRAPHS:
            raise TooBig(f"more than {MAX_PARAGRAPHS:,} paragraphs, the limit for a .docx: not read")
        into.append((text, kind))

    def table(self, tbl, into: list) -> None:
        """A table's cells' paragraphs, row by row; a cell merged into the one above is read
        there; a cell's own paragraphs come before the tables nested in it."""
        for tr in _children(tbl, _W + "tr"):
            for tc in _children(tr, _W + "tc"):
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                if merge is not None and merge.get(_W + "val", "continue") == "continue":
                    continue
                for p in _children(tc, _W + "p"):
                    self.add(_paragraph_text(p), "cell", into)
                for inner in _children(tc, _W + "tbl"):
                    self.table(inner, into)

    def read(self) -> list[tuple[str, str]]:
        from lxml import etree

        pkg = self.pkg
        main = next((name for kind, name in pkg.relationships("").values() if kind == _OFFICE_DOCUMENT), None)
        if main is None or pkg.info(main) is None:
            raise ReaderError("not a valid .docx file (not a Word package)")
        related = pkg.relationships(main)
        self.styles = self.heading_styles(related)
        sections: list = []
        body = None
        try:
            with pkg.open(main) as fh:
                context = etree.iterparse(fh, events=("start", "end"), resolve_entities=False, no_network=True,
                                          load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
                for event, el in context:
                    if event == "start":
                        if body is None:
                            if el.tag == _W + "body":
                                body = el
                            elif el.getparent() is None and el.tag != _W + "document":
                                raise ReaderError("not a valid .docx file (its main part is not a Word document)")
                        continue
                    if body is None:
                        continue
                    if el.tag in _BODY_TAGS:
                        self._body_element(el, body, sections)
                    if el.getparent() is body:
                        self._drop(el, body)
        except etree.XMLSyntaxError as e:
            raise ReaderError(f"not a valid .docx file (bad XML: {e})") from None
        except (zipfile.BadZipFile, EOFError, OSError) as e:
            raise ReaderError(f"not a valid .docx file ({e})") from None
        if body is None:
            raise ReaderError("not a valid .docx file (no document body)")
        out = self.paragraphs + self.tables
        self.headers_and_footers(sections, related, out)
        return out

    def _body_element(self, el, body, sections: list) -> None:
        """A paragraph, table or section mark that has just been parsed, if it belongs to
        the body (directly or through sdt/customXml wrappers) and not to a table of contents
        (whose entries repeat the headings); paragraphs inside tables are read with them."""
        parent = el.getparent()
        while parent is not body:
            if parent is None or parent.tag not in _WRAPPERS:
                return
            if parent.tag == _W + "sdt" and _is_toc(parent):
                return
            parent = parent.getparent()
        tag = el.tag
        if tag == _W + "p":
            self.add(_paragraph_text(el), self._kind(el), self.paragraphs)
            sect = el.find(f"{_W}pPr/{_W}sectPr")
            if sect is not None:
                sections.append(self._references(sect))
        elif tag == _W + "tbl":
            self.table(el, self.tables)
        elif el.getparent() is body:  # w:sectPr: the last section's properties
            sections.append(self._references(el))

    @staticmethod
    def _drop(el, body) -> None:
        """A body element read: free it and everything before it, so memory stays bounded."""
        el.clear()
        while el.getprevious() is not None:
            del body[0]

    def _kind(self, p) -> str:
        """A paragraph in a heading style (its own, or the default one) is a heading."""
        headings, known, default = self.styles
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(_W + "val") if style is not None else None
        if style_id in known:
            return "heading" if style_id in headings else "prose"
        return "heading" if default else "prose"

    @staticmethod
    def _references(sect) -> dict:
        refs = {}
        for kind in ("header", "footer"):
            for ref in sect.findall(f"{_W}{kind}Reference"):
                refs[(kind, ref.get(_W + "type", "default"))] = ref.get(_R + "id")
        return refs

    def heading_styles(self, related) -> tuple[set, set, bool]:
        """(ids of heading styles, 'heading N' or 'Title'; every paragraph style id; whether
        the default paragraph style is a heading style), from the styles part, read once."""
        name = next((n for kind, n in related.values() if kind == _STYLES), None)
        headings: set = set()
        known: set = set()
        default = False
        if name is None or self.pkg.info(name) is None:
            return headings, known, default
        for style in self.pkg.xml(name).iter(_W + "style"):
            if style.get(_W + "type") != "paragraph":
                continue
            node = style.find(_W + "name")
            label = ((node.get(_W + "val") if node is not None else "") or "").lower()
            heading = label.startswith("heading") or label == "title"
            known.add(style.get(_W + "styleId"))
            if heading:
                headings.add(style.get(_W + "styleId"))
            if style.get(_W + "default") in ("1", "true", "on"):
                default = heading
        return headings, known, default

    def headers_and_footers(self, sections, related, out) -> None:
        """Each header and footer part once, in the order of the sections and, within one,
        header, first-page header, even-page header, then the footers likewise."""
        seen: set[str] = set()
        for refs in sections:
            for kind in ("header", "footer"):
                for which in ("default", "first", "even"):
                    rid = refs.get((kind, which))
                    if rid is None or rid not in related:
                        continue
                    part = related[rid][1]
                    if part in seen or self.pkg.info(part) is None:
                        continue
                    seen.add(part)
                    root = self.pkg.xml(part)
                    for p in _children(root, _W + "p"):
                        self.add(_paragraph_text(p), "prose", out)
                    for tbl in _children(root, _W + "tbl"):
                        self.table(tbl, out)


def read(data: bytes) -> tuple[str, list[Segment]]:
    paras = _Reader(data).read()
    texts = [text for text, _ in paras]
    source = "\n".join(texts)
    b = ProseBuilder(source)
    at = 0
    for text, kind in paras:
        run = Run()
        run.copy(source, at, at + len(text))
        run.flush(b)
        b.kind(kind)
        b.end_block()
        at += len(text) + 1
    return source, collect(b)
