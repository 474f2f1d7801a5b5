"""Format readers: source text -> `Document` of prose segments with source offsets."""
from __future__ import annotations

import os

from ..document import Document
from . import html, markdown, plaintext, rst
from .docx import ReaderError
from .docx import read as _read_docx

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".rst": "rst",
    ".txt": "text",
    ".docx": "docx",
}
FORMATS = ("markdown", "html", "rst", "text", "docx")

_TEXT_READERS = {
    "markdown": markdown.segments,
    "html": html.segments,
    "rst": rst.segments,
    "text": plaintext.segments,
}

__all__ = ["EXTENSIONS", "FORMATS", "ReaderError", "format_for_path", "parse", "parse_docx"]


def format_for_path(path: str) -> str | None:
    """The format named by a file's extension (case-insensitive), or None."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def parse(source: str, fmt: str) -> Document:
    """Read the text formats (markdown, html, rst, text)."""
    try:
        reader = _TEXT_READERS[fmt]
    except KeyError:
        raise ValueError(f"unknown text format {fmt!r}; expected one of {sorted(_TEXT_READERS)}") from None
    return Document(source, reader(source), fmt)


def parse_docx(data: bytes) -> Document:
    """Read a .docx file; raises ReaderError if it is not one."""
    source, segments = _read_docx(data)
    return Document(source, segments, "docx")
