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
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is an InputError."""
    return decode_with_encoding(data, path)[0]


def encode(text: str, encoding: str) -> bytes:
    """The inverse of `decode_with_encoding`: the same encoding and byte-order mark."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)  # "utf-16" writes its BOM itself


def decode_with_encoding(data: bytes, path: str) -> tuple[str, str]:
    """The text and the encoding to write it back with ("utf-8", "utf-8-sig" or "utf-16")."""
    name = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        encoding = name = "utf-8"
        name = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = name = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file (contains NUL bytes), not linted")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"line {line}: cannot decode byte 0x{data[exc.start]:02x} as {encoding.upper()} "
            "(hr-lint reads UTF-8, UTF-8 with BOM and UTF-16 with BOM)",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, name


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
