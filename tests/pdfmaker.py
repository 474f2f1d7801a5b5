"""A small PDF writer for tests and benchmarks: pages of positioned text in Helvetica.

The documents it writes are our own (no third-party PDF in the repository) and shaped to
exercise a PDF reader the way real publications do: text drawn line by line across two
columns (so content-stream order is not reading order), running headers and footers,
words hyphenated at line ends, ligature glyphs (ﬁ, ﬂ through a font encoding's
/Differences), compressed content streams, image-only (scanned) pages, and bombs.

    make_pdf([[text(72, 720, "Hello"), ...], ...]) -> bytes
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

# ligatures drawn as glyphs of their own: code points of the font's encoding
LIGATURES = {"\ufb01": 0x1F, "\ufb02": 0x1E}


@dataclass
class Text:
    x: float
    y: float
    s: str
    size: float = 11


def text(x, y, s, size=11) -> Text:
    return Text(x, y, s, size)


@dataclass
class Image:
    """A small grey bitmap over the page: a scanned page has only this."""

    width: int = 16
    height: int = 16


def _escape(s: str) -> bytes:
    out = bytearray()
    for ch in s:
        if ch in LIGATURES:
            out.append(LIGATURES[ch])
            continue
        b = ch.encode("cp1252")
        if b in (b"(", b")", b"\\"):
            out += b"\\" + b
        else:
            out += b
    return bytes(out)


def _content(ops) -> bytes:
    parts = []
    for op in ops:
        if isinstance(op, Text):
            parts.append(b"BT /F1 %g Tf %g %g Td (" % (op.size, op.x, op.y) + _escape(op.s) + b") Tj ET")
        elif isinstance(op, Image):
            parts.append(b"q 500 0 0 700 50 50 cm /Im1 Do Q")
    return b"\n".join(parts) + b"\n"


def make_pdf(pages, compress: bool = True, bomb: int = 0, page_count: int | None = None,
             filters: list[str] | None = None, bomb_filters: list[str] | None = None) -> bytes:
    """A PDF with one page per list of ops. `bomb` adds a content stream of that many zero
    bytes (compressed) to the first page; `page_count` overrides /Count (a lie). `filters`
    encodes the content streams with that chain instead of Flate (the first filter named is
    the first a reader applies), `bomb_filters` the bomb."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"", deflate: bool = compress, chain: list[str] | None = None) -> bytes:
        if chain is None and filters and extra == b"":
            chain = filters
        if chain:
            data = encode(data, chain)
            extra += b" /Filter [" + b" ".join(b"/" + f.encode() for f in chain) + b"]"
        elif deflate:
            data = zlib.compress(data)
            extra += b" /Filter /FlateDecode"
        return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
               b"/BaseEncoding /WinAnsiEncoding /Differences [30 /fl /fi] >> >>")
    image = add(stream(bytes(range(256)) * 1, b" /Type /XObject /Subtype /Image /Width 16 /Height 16 "
                                             b"/ColorSpace /DeviceGray /BitsPerComponent 8"))
    bomb_ref = b""
    if bomb and bomb_filters:
        bomb_ref = b" %d 0 R" % add(stream(bytes(bomb), chain=bomb_filters))
    elif bomb:
        zeros = zlib.compressobj(9)
        chunk = bytes(1 << 20)
        data = b"".join(zeros.compress(chunk) for _ in range(bomb >> 20)) + zeros.flush()
        bomb_id = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        bomb_ref = b" %d 0 R" % bomb_id
    kids = []
    for i, ops in enumerate(pages):
        content = add(stream(_content(ops)))
        contents = b"[%d 0 R%s]" % (content, bomb_ref if i == 0 else b"")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %s "
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                        % (pages_id, contents, font, image)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    count = len(kids) if page_count is None else page_count
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % count)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def encode(data: bytes, chain: list[str]) -> bytes:
    """Encode `data` so that applying the filters of `chain` in order decodes it."""
    import base64

    for name in reversed(chain):
        if name == "FlateDecode":
            data = zlib.compress(data, 9)
        elif name == "LZWDecode":
            data = lzw_encode(data)
        elif name == "RunLengthDecode":
            data = rl_encode(data)
        elif name == "ASCII85Decode":
            data = base64.a85encode(data) + b"~>"
        elif name == "ASCIIHexDecode":
            data = data.hex().encode() + b">"
        else:
            raise ValueError(name)
    return data


def rl_encode(data: bytes) -> bytes:
    """RunLengthDecode's encoding: runs of a repeated byte, else literal stretches."""
    out = bytearray()
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and j - i < 128 and data[j] == data[i]:
            j += 1
        if j - i > 1:
            out += bytes([257 - (j - i), data[i]])
            i = j
            continue
        j = i + 1
        while j < len(data) and j - i < 128 and (j + 1 >= len(data) or data[j] != data[j + 1]):
            j += 1
        out += bytes([j - i - 1]) + data[i:j]
        i = j
    return bytes(out + b"\x80")


def lzw_encode(data: bytes) -> bytes:
    """LZWDecode's encoding (early change 1: the code width grows one code early, as
    pdfminer and Acrobat read it), with a clear code whenever the table fills."""
    out_bits: list[str] = []
    table: dict[bytes, int] = {}
    codes_since_clear = 0

    def width() -> int:
        size = 257 + codes_since_clear  # the reader's table after the codes read so far
        return 9 if size < 511 else 10 if size < 1023 else 11 if size < 2047 else 12

    def emit(code: int) -> None:
        nonlocal codes_since_clear
        out_bits.append(format(code, f"0{width()}b"))
        codes_since_clear += 1

    def clear() -> None:
        nonlocal codes_since_clear
        out_bits.append(format(256, f"0{width()}b"))
        table.clear()
        table.update({bytes([i]): i for i in range(256)})
        codes_since_clear = 0

    clear()
    w = b""
    for byte in data:
        c = bytes([byte])
        if w + c in table:
            w += c
            continue
        emit(table[w])
        if 258 + codes_since_clear - 1 < 4095:
            table[w + c] = 258 + codes_since_clear - 1
        else:
            clear()
        w = c
    if w:
        emit(table[w])
    out_bits.append(format(257, f"0{width()}b"))
    bits = "".join(out_bits)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""


def lines_page(lines, x=72, top=720, leading=14, size=11):
    """One column of lines from the top of the page."""
    return [text(x, top - i * leading, s, size) for i, s in enumerate(lines)]


def two_column_page(left, right, header=None, footer=None, top=700, leading=14):
    """Two columns drawn row by row across the page (content order is not reading order)."""
    ops = []
    if header:
        ops.append(text(72, 750, header, 9))
    for i in range(max(len(left), len(right))):
        y = top - i * leading
        if i < len(left):
            ops.append(text(72, y, left[i]))
        if i < len(right):
            ops.append(text(320, y, right[i]))
    if footer:
        ops.append(text(72, 40, footer, 9))
    return ops


def text_width(s: str, size: float = 11) -> float:
    """Width of `s` in Helvetica (the standard font's metrics, as a reader computes them)."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths.get(ch, 556) for ch in s) * size / 1000


def justified_page(left, right, width=200, top=700, leading=14, size=11, gutter=24):
    """Two justified columns as a browser or a word processor prints them: each word drawn
    on its own with its space glyph, the gaps widened to fill the column, the left column
    drawn before the right one. The last line of each column is not stretched."""
    ops = []
    for x0, lines in ((72, left), (72 + width + gutter, right)):
        for i, line in enumerate(lines):
            words = line.split()
            natural = sum(text_width(w + " ", size) for w in words) - text_width(" ", size)
            extra = 0 if i == len(lines) - 1 or len(words) < 2 else (width - natural) / (len(words) - 1)
            x = x0
            for j, word in enumerate(words):
                drawn = word + (" " if j < len(words) - 1 else "")
                ops.append(text(x, top - i * leading, drawn, size))
                x += text_width(drawn, size) + extra
    return ops


def encrypt(data: bytes, password: str = "secret") -> bytes:
    """The same PDF encrypted with a user password (pypdf writes it)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
