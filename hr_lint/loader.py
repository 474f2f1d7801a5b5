"""Reading files: bytes to text, with one clear error for anything we cannot read."""
from __future__ import annotations

import codecs


class InputError(Exception):
    """A file that cannot be linted; the CLI prints `path: message` and exits 2."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16 or UTF-32 with a BOM; anything else is an InputError."""
    return decode_with_encoding(data, path)[0]


# byte-order marks and the codec of the text after them; UTF-32 first (its little-endian
# mark starts with UTF-16's)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


def encode(text: str, encoding: str) -> bytes:
    """The inverse of `decode_with_encoding`: the same encoding, byte order and byte-order mark."""
    bom = _BOM_OF.get(encoding)
    if bom is None:
        return text.encode(encoding)
    return bom + text.encode("utf-8" if encoding == "utf-8-sig" else encoding)


def decode_with_encoding(data: bytes, path: str) -> tuple[str, str]:
    """The text and the encoding to write it back with: "utf-8", or with a byte-order mark
    "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le" or "utf-32-be"."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            name = "utf-8-sig" if encoding == "utf-8" else encoding
            data = data[len(bom):]
            break
    else:
        encoding = name = "utf-8"
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file (contains NUL bytes), not linted")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        raise InputError(
            path,
            f"line {line}: cannot decode byte 0x{data[exc.start]:02x} as {encoding.upper()} "
            "(hr-lint reads UTF-8, and UTF-8, UTF-16 or UTF-32 with a byte-order mark)",
        ) from None
    return text, name


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        import os

        raise InputError(path, "broken symbolic link" if os.path.islink(path) else "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
