"""An open document's text, its edits, and positions in the client's encoding.

LSP positions are (line, character): lines end at "\\n", "\\r\\n" or "\\r" (and no other
character, LSP 3.17), and characters count code units of the encoding negotiated at
`initialize`: UTF-16 (the default), UTF-8 or UTF-32. The text is kept as a Python string
(code points); this module turns positions into code-point offsets and back.
"""
from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """The length of `text` in code units of `encoding`."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def _char_units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == UTF16:
        return 2 if cp > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 1


class TextDocument:
    def __init__(self, uri: str, text: str, version: int | None = None, language_id: str | None = None,
                 encoding: str = UTF16):
        self.uri = uri
        self.version = version
        self.language_id = language_id
        self.encoding = encoding
        self.text = text
        self._starts: list[int] | None = None

    # -- lines ----------------------------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        return self._starts

    def _line_end(self, line: int) -> int:
        """Offset of the end of `line`'s text (before its line break)."""
        starts = self.line_starts
        if line + 1 < len(starts):
            end = starts[line + 1] - 1
            if self.text[end] == "\n" and end > starts[line] and self.text[end - 1] == "\r":
                end -= 1
            return end
        return len(self.text)

    # -- positions --------------------------------------------------------------------------
    def offset_at(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position. A character past the end of its line
        means the end of the line; a line past the last, the end of the text; a position
        inside a character (half of a UTF-16 surrogate pair) means the start of it."""
        starts = self.line_starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        start, end = starts[line], self._line_end(line)
        if character <= 0:
            return start
        if self.encoding == UTF32:
            return min(start + character, end)
        segment = self.text[start:end]
        if segment.isascii():
            return start + min(character, len(segment))
        count = 0
        for i, ch in enumerate(segment):
            count += _char_units(ch, self.encoding)
            if count > character:
                return start + i
        return end

    def position_at(self, offset: int) -> tuple[int, int]:
        """The LSP (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset) - 1
        if offset > starts[line] and self.text[offset - 1] == "\r" and offset < len(self.text) \
                and self.text[offset] == "\n":
            offset -= 1  # between the two characters of a CRLF: the end of the line
        return line, units(self.text[starts[line]:offset], self.encoding)

    # -- edits ------------------------------------------------------------------------------
    def apply(self, new_text: str, start: tuple[int, int] | None = None, end: tuple[int, int] | None = None) -> None:
        """Replace the text between two LSP positions (both None: the whole text)."""
        if start is None or end is None:
            self.text = new_text
        else:
            a, b = self.offset_at(*start), self.offset_at(*end)
            if b < a:
                a, b = b, a
            self.text = self.text[:a] + new_text + self.text[b:]
        self._starts = None

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        if not 0 <= line < len(starts):
            return ""
        return self.text[starts[line]:self._line_end(line)]
