"""Bounded stream decoding for pdfminer.six: a small PDF may not decode into gigabytes.

pdfminer decodes a stream's filters in `pdfminer.pdftypes.PDFStream.decode`, through names
of the `pdfminer.pdftypes` module: `zlib` (FlateDecode), `lzwdecode`, `ascii85decode`,
`asciihexdecode`, `rldecode`, `ccittfaxdecode` and `decompress_corrupted` (its fallback for a
damaged Flate stream, which inflates one input byte at a time into a growing bytes object:
quadratic). pdfminer has no hook for this, so while hr-lint reads a PDF (`bounded(limit)`, a
context manager) those names point to stand-ins that count every decoded byte against a
per-thread budget and raise `TooBig` past it:

- Flate: inflated in pieces of at most the budget left; a damaged stream gives what
  inflated before the damage (linear), never the byte-at-a-time fallback;
- LZW: pdfminer's own decoder, its output counted as it comes;
- RunLength: our decoder (pdfminer's builds a list of ints: 8 bytes a byte);
- ASCII85 (a "z" is four zero bytes), ASCIIHex: the most they can give is checked first;
- CCITTFax: the most a G4 stream can give (a row per bit, `Columns` bits a row) is checked
  first; text never needs it, so in practice it is refused.

The swap is scoped: the first reader in swaps the names, the last one out puts pdfminer's
back (a counted lock, so threads may read at once); a thread that uses pdfminer outside
`bounded` while the swap stands gets the stand-ins without a budget, which decode as
pdfminer does. Before the first swap, `check()` makes sure that this pdfminer release still
decodes through those names (each is a global that `PDFStream.decode` reads, and a small
stream of each kind of bomb trips a tiny budget); if not, PDFs are refused with a message
naming the version rather than read without bounds. tests/test_pdf.py holds a bomb of every
filter, so an upgrade that breaks this fails the tests too.
"""
from __future__ import annotations

import contextlib
import threading
import zlib

from .docx import ReaderError

NAMES = ("zlib", "lzwdecode", "ascii85decode", "asciihexdecode", "rldecode", "ccittfaxdecode",
         "decompress_corrupted")
_PIECE = 1 << 20


class TooBig(ReaderError):
    """A bound was crossed while reading."""


_budget = threading.local()


def _left() -> int | None:
    return getattr(_budget, "left", None)


def _refuse() -> None:
    limit = getattr(_budget, "limit", 0)
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    raise TooBig(f"PDF streams decode to more than {size}: not read")


def _check_room(n: int) -> None:
    """Refuse before decoding what could give more than the budget left."""
    left = _left()
    if left is not None and n > left:
        _refuse()


def _spend(n: int) -> None:
    left = _left()
    if left is None:
        return  # not inside `bounded`: decode as pdfminer would
    if n > left:
        _refuse()
    _budget.left = left - n


# -- Flate ----------------------------------------------------------------------------------

class _Inflater:
    """zlib.decompressobj, each call's output counted."""

    def __init__(self, *args):
        self._d = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        left = _left()
        if left is not None:
            max_length = min(max_length, left + 1) if max_length else left + 1
        out = self._d.decompress(data, max_length)
        _spend(len(out))
        return out

    def flush(self, *args) -> bytes:
        out = self._d.flush(*args)
        _spend(len(out))
        return out

    def __getattr__(self, name):
        return getattr(self._d, name)


def _inflate(data: bytes, *args) -> bytes:
    """zlib.decompress within the budget; a stream damaged part way gives what came before
    the damage (pdfminer's fallback would, at quadratic cost); damaged from the start, zlib.error."""
    d = zlib.decompressobj(*args[:1])  # (data, wbits, bufsize)
    parts: list[bytes] = []
    tail: bytes = data
    try:
        while True:
            left = _left()
            room = _PIECE if left is None else min(_PIECE, left + 1)
            out = d.decompress(tail, room)
            _spend(len(out))
            parts.append(out)
            tail = d.unconsumed_tail
            if d.eof or (not tail and len(out) < room):
                break
    except zlib.error:
        if not any(parts):
            raise
    return b"".join(parts)


class _Zlib:
    """What pdfminer.pdftypes sees as `zlib`."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        return _inflate(data, *args)

    @staticmethod
    def decompressobj(*args, **kwargs):
        return _Inflater(*args)

    def __getattr__(self, name):
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    try:
        return _inflate(data)
    except zlib.error:
        return b""


# -- the other filters ------------------------------------------------------------------------

def _lzwdecode(data: bytes) -> bytes:
    import io

    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _spend(len(piece))
        out += piece
    return bytes(out)


def _rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 32000-1, 7.4.5): a length byte n, then n + 1 bytes to copy
    (n < 128) or one byte to repeat 257 - n times (n > 128); 128 ends the data."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        if length == 128:
            break
        if length < 128:
            piece = data[i + 1:i + 2 + length]
            i += 2 + length
        else:
            if i + 1 >= n:
                break
            piece = data[i + 1:i + 2] * (257 - length)
            i += 2
        _spend(len(piece))
        out += piece
    return bytes(out)


def _ascii85decode(data: bytes) -> bytes:
    from pdfminer import ascii85

    _check_room(4 * data.count(b"z") + len(data) * 4 // 5 + 4)
    out = ascii85.ascii85decode(data)
    _spend(len(out))
    return out


def _asciihexdecode(data: bytes) -> bytes:
    from pdfminer import ascii85

    out = ascii85.asciihexdecode(data)
    _spend(len(out))
    return out


def _ccittfaxdecode(data: bytes, params) -> bytes:
    from pdfminer import ccitt

    columns = params.get("Columns", 1728) if hasattr(params, "get") else 1728
    if not isinstance(columns, int) or columns < 1:
        raise ReaderError(f"not a valid PDF (CCITTFax stream with Columns {columns!r})")
    _check_room((8 * len(data) + 1) * ((columns + 7) // 8))  # at most a row per bit
    out = ccitt.ccittfaxdecode(data, params)
    _spend(len(out))
    return out


STAND_INS = {"zlib": _Zlib(), "lzwdecode": _lzwdecode, "ascii85decode": _ascii85decode,
             "asciihexdecode": _asciihexdecode, "rldecode": _rldecode, "ccittfaxdecode": _ccittfaxdecode,
             "decompress_corrupted": _decompress_corrupted}


# -- the scoped swap, checked once ---------------------------------------------------------------

_lock = threading.Lock()
_depth = 0
_originals: dict = {}
_problem: str | None = None
_checked = False


def _lzw_sample(codes: int = 90) -> bytes:
    """An LZW stream of 9-bit codes: clear, 0, then each new entry (0, 00, 000...): ~4 KB out."""
    seq = [256, 0] + list(range(258, 258 + codes))
    bits = "".join(format(c, "09b") for c in seq)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


def _samples() -> dict[str, bytes]:
    """Streams of each filter that decode to a few kilobytes from a few hundred bytes."""
    return {
        "FlateDecode": zlib.compress(bytes(8192)),
        "LZWDecode": _lzw_sample(),
        "RunLengthDecode": b"\x81\x00" * 64 + b"\x80",
        "ASCII85Decode": b"z" * 2048 + b"~>",
    }


def check() -> str | None:
    """None when pdfminer decodes through the stand-ins; else why PDFs cannot be read safely."""
    global _checked, _problem
    if _checked:
        return _problem
    from pdfminer import pdftypes

    problem = None
    try:
        import importlib.metadata as md

        version = md.version("pdfminer.six")
    except Exception:  # pragma: no cover - metadata missing
        version = "?"
    decode = getattr(getattr(pdftypes, "PDFStream", None), "decode", None)
    missing = [n for n in NAMES if not hasattr(pdftypes, n)]
    if decode is None or missing or getattr(decode, "__globals__", None) is not vars(pdftypes):
        problem = f"missing {', '.join(missing) or 'PDFStream.decode'}"
    else:
        unread = [n for n in NAMES if n not in decode.__code__.co_names and n != "decompress_corrupted"]
        if unread:
            problem = f"PDFStream.decode no longer uses {', '.join(unread)}"
    if problem is None:
        with _swapped():
            for name, data in _samples().items():
                stream = pdftypes.PDFStream({"Filter": pdftypes.LIT(name)}, data)
                _budget.left, _budget.limit = 1024, 1024
                try:
                    stream.get_data()
                    problem = f"{name} streams are decoded without a bound"
                except TooBig:
                    pass
                except Exception as exc:  # noqa: BLE001 - any other failure means the hook is broken
                    problem = f"{name} sample failed ({type(exc).__name__}: {exc})"
                finally:
                    del _budget.left, _budget.limit
                if problem:
                    break
    _problem = None if problem is None else (
        f"pdfminer.six {version} decodes PDF streams in a way hr-lint cannot bound ({problem}): "
        "PDF not read; install a pdfminer.six release hr-lint supports")
    _checked = True
    return _problem


@contextlib.contextmanager
def _swapped():
    global _depth
    from pdfminer import pdftypes

    with _lock:
        if _depth == 0:
            for name in NAMES:
                _originals[name] = getattr(pdftypes, name)
                setattr(pdftypes, name, STAND_INS[name])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for name, original in _originals.items():
                    setattr(pdftypes, name, original)
                _originals.clear()


@contextlib.contextmanager
def bounded(limit: int):
    """Decode PDF streams within `limit` bytes in all (this thread, this document)."""
    problem = check()
    if problem:
        raise ReaderError(problem)
    with _swapped():
        _budget.left, _budget.limit = limit, limit
        try:
            yield
        finally:
            del _budget.left, _budget.limit


def silence() -> None:
    """pdfminer logs every oddity of a broken file as a warning: the reader reports one line."""
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)

