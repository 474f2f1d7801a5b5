"""Format readers: source text -> `Document` of prose segments with source offsets."""
from __future__ import annotations

import importlib
import os

from ..document import Document
from .docx import ReaderError

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rst": "rst",
    ".rest": "rst",
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".pdf": "pdf",
}
FORMATS = ("markdown", "html", "rst", "text", "docx", "pdf")
# formats read from bytes into a synthetic text source (never rewritten by --fix)
BINARY_FORMATS = ("docx", "pdf")
# formats read from text (what a text box, a record or `Linter.lint_text` may hold)
TEXT_FORMATS = ("markdown", "text", "html", "rst")

# modules are imported on first use: a run that never parses Markdown never imports markdown-it
_TEXT_READERS = {"markdown": "markdown", "html": "html", "rst": "rst", "text": "plaintext"}

__all__ = ["BINARY_FORMATS", "EXTENSIONS", "FORMATS", "TEXT_FORMATS", "ReaderError", "format_for_path", "parse", "parse_binary",
           "parse_docx"]


def format_for_path(path: str) -> str | None:
    """The format named by a file's extension (case-insensitive), or None."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def parse(source: str, fmt: str, wanted: list[int] | None = None) -> Document:
    """Read the text formats (markdown, html, rst, text). `wanted` (sorted source offsets)
    says where the file gate found terms: a reader may leave out blocks that hold none."""
    try:
        module = _TEXT_READERS[fmt]
    except KeyError:
        raise ValueError(f"unknown text format {fmt!r}; expected one of {sorted(_TEXT_READERS)}") from None
    reader = _READER_FUNCTIONS.get(fmt)
    if reader is None:
        reader = _READER_FUNCTIONS[fmt] = importlib.import_module(f"{__name__}.{module}").segments
    return Document(source, reader(source, wanted), fmt)


_READER_FUNCTIONS: dict = {}  # format -> its reader's `segments`, once imported


def parse_docx(data: bytes) -> Document:
    """Read a .docx file; raises ReaderError if it is not one."""
    from .docx import read

    source, segments = read(data)
    return Document(source, segments, "docx")


def parse_binary(data: bytes, fmt: str) -> Document:
    """Read a .docx or PDF file; raises ReaderError if it is not one."""
    if fmt == "pdf":
        from .pdf import read

        source, segments = read(data)
        return Document(source, segments, "pdf")
    return parse_docx(data)
