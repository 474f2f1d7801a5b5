"""Records: an id and a short text, many of them (posts, comments, messages).

Read from JSON Lines, CSV (or TSV) and Parquet, a piece at a time, so memory stays flat
however long the input. Reading a stream and parsing its records are separate steps:
a JSON Lines source yields `LineBlock`s (whole lines, undecoded), which `block_records`
turns into `Record`s, so a pool's workers parse the JSON while the main process only
cuts the input at line ends. CSV and Parquet sources yield `Record`s.

A record that cannot be read (a malformed line, a missing field, a text that is not a
string, a record over `MAX_RECORD_BYTES`) becomes a `Record` with an `error`: nothing is
dropped. An input that cannot be read at all (no such file, no such column) raises
`SourceError`.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..readers import TEXT_FORMATS  # the formats a record's text may be in

# A record larger than this is reported, not read: posts and messages are short, and a
# runaway line (a file that is not JSON Lines at all) must not fill memory.
MAX_RECORD_BYTES = 10 * 1024 * 1024
INPUT_FORMATS = ("jsonl", "csv", "tsv", "parquet")
_MARKUP_ALIASES = {"md": "markdown", "txt": "text", "plain": "text", "plaintext": "text", "htm": "html",
                   "restructuredtext": "rst"}
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "tsv",
               ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet"}
_READ_SIZE = 1 << 18  # bytes per read of a file: a block of about a thousand short posts
_PIPE_READ_SIZE = 1 << 16


class SourceError(Exception):
    """An input that cannot be read at all: `path: message`."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(slots=True)
class Record:
    id: Any  # as in the input: a string or a number; None when missing or unreadable
    text: str | None
    format: str = "text"
    error: str | None = None  # why the record cannot be checked (then `text` is None)
    where: str = ""  # "line 7", "row 7" or "record 7": for messages


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields hold what, and the markup of records that do not say."""

    text: str = "text"
    id: str = "id"
    format: str | None = "format"
    markup: str = "text"


@dataclass(slots=True)
class LineBlock:
    """Whole lines of a JSON Lines stream, undecoded; `line` is the first one's number.
    `data` None: one line over the size limit, skipped unread."""

    line: int
    data: bytes | None


def markup_name(value: str) -> str | None:
    """The text format a `format` field names (a few common aliases too), or None."""
    name = value.strip().lower()
    name = _MARKUP_ALIASES.get(name, name)
    return name if name in TEXT_FORMATS else None


def input_format_for(path: str) -> str | None:
    """The input format a file name implies (a `.gz` suffix aside), or None."""
    base = path[:-3] if path.lower().endswith(".gz") else path
    return _EXTENSIONS.get(os.path.splitext(base)[1].lower())


# -- one record -------------------------------------------------------------------------------

_MISSING = object()


def _field(obj: Mapping, name: str) -> Any:
    """obj[name]; a dotted name ("post.body") also reaches into nested objects."""
    try:
        return obj[name]
    except (KeyError, IndexError, TypeError):
        pass
    if "." in name:
        value: Any = obj
        for part in name.split("."):
            if isinstance(value, Mapping) and part in value:
                value = value[part]
            else:
                return _MISSING
        return value
    return _MISSING


def _absent(value: Any) -> bool:
    """Missing, null, or a data frame's missing value (NaN, pandas.NA, NaT)."""
    if value is _MISSING or value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")  # a line and its "\n" (the last may lack one)
_INF = float("inf")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unpaired(text: str) -> int | None:
    """Where `text` holds an unpaired surrogate (JSON may escape one, "\\ud800", and no
    UTF-8 can hold it), or None."""
    if text.isascii():
        return None
    m = _SURROGATE.search(text)
    return m.start() if m else None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"


def plain_id(value: Any) -> Any:
    """An id as JSON writes it: numpy and pandas scalars become Python ones, and a whole
    float (a data frame reads an integer column with gaps as floats) an int."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def from_mapping(obj: Any, fields: Fields, where: str = "") -> Record:
    """A record from a parsed object: its id, its text and its markup, or why not."""
    if type(obj) is dict:
        # the common case, told in a few looks: a string text, an id that is a non-empty
        # string or an integer, no format field; what the checks below give it
        rid, text = obj.get(fields.id), obj.get(fields.text)
        if type(text) is str and (type(rid) is int or type(rid) is str and rid) \
                and (fields.format is None or fields.format not in obj) \
                and (text.isascii() or _SURROGATE.search(text) is None) \
                and (type(rid) is int or rid.isascii() or _SURROGATE.search(rid) is None):
            return Record(rid, text, fields.markup, None, where)
    if not isinstance(obj, Mapping):
        return Record(None, None, fields.markup, f"the record is {_kind(obj)}, not an object", where)
    rid = _field(obj, fields.id)
    error = None
    if _absent(rid):
        rid, error = None, f"'{fields.id}' is missing"
    elif isinstance(rid, bool) or not isinstance(rid, (str, int, float)) and not hasattr(rid, "item"):
        error = f"'{fields.id}' is {_kind(rid)}; expected a string or a number"
        rid = None
    else:
        rid = plain_id(rid)
        if rid == "":
            error = f"'{fields.id}' is empty"
        elif isinstance(rid, float) and rid in (_INF, -_INF):
            error, rid = f"'{fields.id}' is {rid}; expected a string or a finite number", None
        elif isinstance(rid, str) and (bad := _unpaired(rid)) is not None:
            # kept: written back as the \ud800 escape it came as, so --resume finds it
            error = f"'{fields.id}' is not valid Unicode (an unpaired surrogate, \\u{ord(rid[bad]):04x}, at character {bad + 1})"
    text = _field(obj, fields.text)
    if error is None:
        if _absent(text):
            error = f"'{fields.text}' is missing"
        elif not isinstance(text, str):
            error = f"'{fields.text}' is {_kind(text)}; expected a string"
        elif (bad := _unpaired(text)) is not None:
            error = f"'{fields.text}' is not valid Unicode (an unpaired surrogate, \\u{ord(text[bad]):04x}, at character {bad + 1})"
    fmt = fields.markup
    if fields.format:
        given = _field(obj, fields.format)
        if not _absent(given) and error is None:
            fmt = markup_name(given) if isinstance(given, str) else None
            if fmt is None:
                shown = repr(given) if isinstance(given, str) else _kind(given)
                error = f"'{fields.format}' is {shown}; expected markdown, html, rst or text"
    if error is not None:
        return Record(rid, None, fields.markup, error, where)
    return Record(rid, text, fmt, None, where)


def from_json_line(line: bytes, fields: Fields, where: str = "") -> Record:
    if len(line) > MAX_RECORD_BYTES:
        return Record(None, None, fields.markup, _too_big(len(line)), where)
    try:
        text = line.decode("utf-8")
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        obj = _decode(text)
    except UnicodeDecodeError as exc:
        return Record(None, None, fields.markup, f"not valid UTF-8 (byte {exc.start + 1} of the line)", where)
    except json.JSONDecodeError as exc:
        return Record(None, None, fields.markup, f"malformed JSON: {exc.msg} (column {exc.colno})", where)
    except _NotJSON as exc:
        return Record(None, None, fields.markup, f"malformed JSON: {exc} is not a JSON value", where)
    except RecursionError:
        return Record(None, None, fields.markup, "malformed JSON: nested too deeply", where)
    return from_mapping(obj, fields, where)


class _NotJSON(ValueError):
    pass


def _not_json(name: str):
    """Python's json reads NaN and Infinity, which JSON does not have (and cannot write back)."""
    raise _NotJSON(name)


_decode = json.JSONDecoder(parse_constant=_not_json).decode  # one decoder (json.loads builds one per call)


def _too_big(size: int | None) -> str:
    limit = _size(MAX_RECORD_BYTES)
    if size is None:
        return f"the record is over the {limit} limit; not read"
    return f"the record is {_size(size)}, over the {limit} limit; not read"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB") if n >= 1024 * 1024 else f"{n:,} bytes"


def block_records(block: LineBlock, fields: Fields) -> Iterator[Record]:
    """The records in a block of JSON Lines (blank lines are not records)."""
    if block.data is None:
        yield Record(None, None, fields.markup, _too_big(None), f"line {block.line}")
        return
    lines = block.data.split(b"\n")
    if block.data.endswith(b"\n"):
        lines.pop()
    number = block.line
    for line in lines:
        if line and not line.isspace():
            yield from_json_line(line, fields, f"line {number}")
        number += 1


def mapping_records(records: Iterable[Any], fields: Fields) -> Iterator[Record]:
    """Records from any iterable of mappings (the Python API)."""
    for number, obj in enumerate(records, 1):
        yield from_mapping(obj, fields, f"record {number}")


# -- streams ----------------------------------------------------------------------------------

def _chunks(stream, on_idle: Callable[[], None] | None) -> Iterator[bytes]:
    """The bytes of a binary stream as they come. Before a read that would wait (a pipe or
    a terminal with nothing to read yet), `on_idle` is called, so that what is done so far
    can be written out: the command can sit in a live pipe."""
    fd = None
    try:
        fd = stream.fileno()
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        regular = True
    if fd is not None and not regular and on_idle is not None:
        try:
            import select
        except ImportError:  # pragma: no cover - every POSIX system has it
            select = None
        if select is not None and hasattr(select, "poll"):
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            while True:
                if not poller.poll(0):
                    on_idle()
                try:
                    data = os.read(fd, _PIPE_READ_SIZE)
                except InterruptedError:  # pragma: no cover - retried by Python itself
                    continue
                if not data:
                    return
                yield data
    read = getattr(stream, "read1", None) or stream.read
    while True:
        data = read(_READ_SIZE)
        if not data:
            return
        yield data


def line_blocks(chunks: Iterable[bytes], limit: int | None = None) -> Iterator[LineBlock]:
    """Blocks of whole lines, as they are read; a byte-order mark at the start is dropped.
    A line that grows past `limit` (default MAX_RECORD_BYTES) without ending is skipped to
    its end, unread, and comes as one `LineBlock` whose data is None."""
    if limit is None:
        limit = MAX_RECORD_BYTES
    number = 1
    partial: list[bytes] = []  # the start of a line not yet ended
    partial_size = 0
    skipping = False
    first = True
    for data in chunks:
        if first:
            first = False
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
        if skipping:
            end = data.find(b"\n")
            if end < 0:
                continue
            data = data[end + 1:]
            skipping = False
            number += 1
        cut = data.rfind(b"\n")
        if cut < 0:
            partial.append(data)
            partial_size += len(data)
            if partial_size > limit:
                yield LineBlock(number, None)
                partial, partial_size, skipping = [], 0, True
            continue
        if partial:
            block = b"".join(partial) + data[:cut + 1]
            partial, partial_size = [], 0
        else:
            block = data[:cut + 1]
        rest = data[cut + 1:]
        if rest:
            partial, partial_size = [rest], len(rest)
        yield LineBlock(number, block)
        number += block.count(b"\n")
    if partial:
        yield LineBlock(number, b"".join(partial))


class Source:
    """One input of records: a path ('-' for standard input) in one input format.

    Iterating yields `LineBlock`s (JSON Lines) or `Record`s (CSV, TSV, Parquet). `done`
    and `total` measure progress (bytes, or rows for Parquet; `total` None when unknown)."""

    def __init__(self, path: str, input_format: str | None, fields: Fields,
                 on_idle: Callable[[], None] | None = None, stdin=None, delimiter: str | None = None):
        self.path = path
        self.delimiter = delimiter  # CSV: None means ',' (TSV: a tab), or what the header shows
        self.name = "<stdin>" if path == "-" else path
        self.format = input_format or (input_format_for(path) if path != "-" else None) or "jsonl"
        if self.format not in INPUT_FORMATS:
            raise SourceError(self.name, f"unknown input format '{self.format}': expected {', '.join(INPUT_FORMATS)}")
        self.fields = fields
        self.on_idle = on_idle
        self.done = 0
        self.total: int | None = None
        self._stream = None
        if self.format == "parquet":
            if path == "-":
                raise SourceError(self.name, "Parquet cannot be read from standard input; give the file")
            self._parquet = _open_parquet(path, fields)
            self.total = self._parquet.metadata.num_rows
            return
        if path == "-":
            import sys

            self._stream = stdin if stdin is not None else sys.stdin.buffer
            self.total = _regular_size(self._stream)  # `< posts.jsonl`: a file after all
            return
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        except FileNotFoundError:
            raise SourceError(path, "no such file") from None
        except IsADirectoryError:
            raise SourceError(path, "is a directory, not a file of records") from None
        except OSError as exc:
            raise SourceError(path, exc.strerror or str(exc)) from None
        self.total = _regular_size(raw)
        self._stream = raw

    def close(self) -> None:
        if self._stream is not None and self.path != "-":
            self._stream.close()

    def __iter__(self):
        if self.format == "parquet":
            return self._parquet_rows()
        if self.format == "jsonl":
            return self._jsonl()
        return self._csv(self.delimiter or ("\t" if self.format == "tsv" else ","))

    def _bytes(self) -> Iterator[bytes]:
        """The input's bytes as they come, decompressed when they start as gzip does (a
        file, a pipe or standard input alike: `zcat` is not needed)."""
        try:
            for data in _gunzipped(_chunks(self._stream, self.on_idle), self):
                yield data
        except OSError as exc:  # a truncated gzip file, a read error
            raise SourceError(self.name, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
        except EOFError as exc:
            raise SourceError(self.name, f"cannot read: {exc}") from None

    def _jsonl(self) -> Iterator[LineBlock]:
        return line_blocks(self._bytes())

    def _csv(self, delimiter: str) -> Iterator[Record]:
        fields = self.fields
        bad_lines: set[int] = set()  # lines that are not UTF-8
        long_lines: list[int] = []  # lines over the size limit, skipped

        def lines() -> Iterator[str]:
            for block in line_blocks(self._bytes()):
                if block.data is None:
                    long_lines.append(block.line)
                    yield "\n"
                    continue
                try:
                    text = block.data.decode("utf-8")
                except UnicodeDecodeError:
                    pieces = block.data.split(b"\n")
                    text_lines = []
                    for i, piece in enumerate(pieces):
                        try:
                            text_lines.append(piece.decode("utf-8"))
                        except UnicodeDecodeError:
                            bad_lines.add(block.line + i)
                            text_lines.append(piece.decode("utf-8", "replace"))
                    text = "\n".join(text_lines)
                # lines end at "\n" only: str.splitlines would also cut at a form feed, U+2028
                # or U+0085, which may stand inside a field and are not line ends to CSV
                yield from _LINE.findall(text)

        if csv.field_size_limit() < MAX_RECORD_BYTES:
            csv.field_size_limit(MAX_RECORD_BYTES)
        stream = lines()
        first = next(stream, None)
        if first is None:
            return
        if self.delimiter is None:
            delimiter = _sniffed_delimiter(first, delimiter, (fields.id, fields.text))
        reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(self.name, f"line 1: malformed header: {exc}") from None
        for name in (fields.id, fields.text):
            if name not in header:
                shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
                hint = "" if self.delimiter is not None or len(header) > 1 else \
                    f"; read with the delimiter {delimiter!r}: give another with --delimiter"
                raise SourceError(self.name, f"no column '{name}' in the header (columns: {shown}){hint}")
        if fields.format and fields.format not in header:
            fields = Fields(fields.text, fields.id, None, fields.markup)
        width = len(header)
        previous = reader.line_num
        while True:
            start = previous + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                record = Record(None, None, fields.markup, f"malformed CSV: {exc}", f"line {start}")
            else:
                if not row:  # a blank line
                    previous = reader.line_num
                    yield from self._long(long_lines, fields)
                    continue
                if len(row) != width:
                    record = Record(None, None, fields.markup,
                                    f"{len(row)} field{'s' if len(row) != 1 else ''}; the header has {width}", f"line {start}")
                else:
                    record = from_mapping(dict(zip(header, row)), fields, f"line {start}")
                    if bad_lines and any(n in bad_lines for n in range(start, reader.line_num + 1)):
                        record = Record(record.id, None, fields.markup, "not valid UTF-8", record.where)
            previous = reader.line_num
            yield from self._long(long_lines, fields)
            yield record
        yield from self._long(long_lines, fields)

    @staticmethod
    def _long(long_lines: list[int], fields: Fields) -> Iterator[Record]:
        while long_lines:
            yield Record(None, None, fields.markup, _too_big(None), f"line {long_lines.pop(0)}")

    def _parquet_rows(self) -> Iterator[Record]:
        pf = self._parquet
        names = pf.schema_arrow.names
        fields = self.fields
        columns = [fields.id, fields.text]
        if fields.format and fields.format in names:
            columns.append(fields.format)
        else:
            fields = Fields(fields.text, fields.id, None, fields.markup)
        row = 0
        for batch in pf.iter_batches(batch_size=1024, columns=list(dict.fromkeys(columns))):
            for obj in batch.to_pylist():
                row += 1
                text = obj.get(fields.text)
                if isinstance(text, str) and len(text) > MAX_RECORD_BYTES:
                    yield Record(plain_id(obj.get(fields.id)), None, fields.markup, _too_big(len(text.encode())),
                                 f"row {row}")
                else:
                    yield from_mapping(obj, fields, f"row {row}")
            self.done = row


_DELIMITERS = (",", ";", "\t", "|")


def _sniffed_delimiter(header: str, default: str, names) -> str:
    """The delimiter of a CSV header line: `default`, unless the columns `names` are only
    found when it is split at another common one (';' in much of Europe, '|', a tab)."""
    def columns(delimiter):
        try:
            return next(csv.reader([header], delimiter=delimiter))
        except (csv.Error, StopIteration):
            return []

    if all(n in columns(default) for n in names):
        return default
    for other in _DELIMITERS:
        if other != default and all(n in columns(other) for n in names):
            return other
    return default


def _regular_size(stream) -> int | None:
    """The size of a stream that is a regular file; None for a pipe, a terminal, a device."""
    try:
        st = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


_GZIP_MAGIC = b"\x1f\x8b"
_INFLATE_STEP = 1 << 20  # most bytes one step of decompression may make (a small bomb stays small)


def _gunzipped(chunks: Iterable[bytes], source: Source) -> Iterator[bytes]:
    """`chunks`, decompressed if they begin with gzip's magic bytes (members one after
    another, as `cat a.gz b.gz` makes, are read in turn); `source.done` counts the bytes
    read, compressed or not."""
    import zlib

    chunks = iter(chunks)
    head = b""
    for data in chunks:
        source.done += len(data)
        head += data
        if len(head) >= 2:
            break
    if not head.startswith(_GZIP_MAGIC):
        if head:
            yield head
        for data in chunks:
            source.done += len(data)
            yield data
        return
    inflater = None  # None: between members
    pending = head
    while True:
        while pending:
            if inflater is None:
                pending = pending.lstrip(b"\0")  # zero padding between or after members, as gzip allows
                if not pending:
                    break
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                out = inflater.decompress(pending, _INFLATE_STEP)
                while out:
                    yield out
                    if inflater.eof or inflater.unconsumed_tail:
                        break
                    out = inflater.decompress(b"", _INFLATE_STEP)  # what the last step held back
            except zlib.error as exc:
                raise OSError(f"not gzip data, or damaged ({exc})") from None
            if inflater.eof:
                pending = inflater.unused_data
                inflater = None
            else:
                pending = inflater.unconsumed_tail
        data = next(chunks, None)
        if data is None:
            break
        source.done += len(data)
        pending = data
    if inflater is not None:
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")


def _open_parquet(path: str, fields: Fields):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise SourceError(path, "reading Parquet needs pyarrow: pip install 'hr-lint[parquet]'") from None
    if not os.path.exists(path):
        raise SourceError(path, "no such file")
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own errors for a file that is not Parquet
        raise SourceError(path, f"not a readable Parquet file ({exc})") from None
    names = pf.schema_arrow.names
    for name in (fields.id, fields.text):
        if name not in names:
            shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
            raise SourceError(path, f"no column '{name}' (columns: {shown})")
    return pf
