"""Moderation: many short texts, each with an id, screened as a stream.

Every front end of moderation stands on this module: the Python API
(`Linter.moderate`, `Linter.moderate_texts`), `hr-lint moderate` (hr_lint/moderate_cli.py),
and the data engines (hr_lint/dask.py, and the PySpark recipe through `moderate_frames`).

A result is a dict, written as one JSON line:

    {"id": ..., "flagged": bool, "findings": [...], "error": null or "why"}

`findings` are the objects of `--format json` with `path` set to the record's id;
`flagged` is true when one of them is at or above `fail-on`; with `fix`, `fixed_text`
(the text with the safe fixes applied) follows. A record that cannot be checked has an
`error` and no findings, and is never dropped.

The work per record is the linter's own: the file gate sees the raw text first, so a post
without a term costs a regex scan; only the rest is parsed and tokenized.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .finding import Finding, severity_rank
from .sources.records import Fields, LineBlock, Record, block_records, from_mapping, mapping_records

RESULT_FIELDS = ("id", "flagged", "findings", "error")


class Moderator:
    """Checks records with one linter (load once, call many times)."""

    def __init__(self, linter, fail_on: str | None = None, fix: bool = False):
        self.linter = linter
        self.fail_on = fail_on or linter.config.fail_on
        self.threshold = severity_rank(self.fail_on)
        self.fix = fix

    def check(self, record: Record) -> tuple[list[Finding], str | None]:
        """The record's findings, or why it could not be checked."""
        if record.error is not None:
            return [], record.error
        try:
            return self.linter.lint_text(record.text, record.format, path="<record>"), None
        except Exception as exc:  # a bug must not end a run over millions of posts
            if os.environ.get("HR_LINT_DEBUG"):
                raise
            return [], f"internal error: {type(exc).__name__}: {exc} (set HR_LINT_DEBUG=1 for details)"

    def result(self, record: Record) -> dict:
        findings, error = self.check(record)
        return self._result(record, findings, error)

    def _result(self, record: Record, findings: list[Finding], error: str | None) -> dict:
        out: dict[str, Any] = {
            "id": record.id,
            "flagged": error is None and self.flags(findings),
            "findings": [_finding_dict(f, record.id) for f in findings],
            "error": error,
        }
        if self.fix:
            out["fixed_text"] = None if error is not None else fixed_text(record.text, findings)
        return out

    def flags(self, findings: list[Finding]) -> bool:
        return any(severity_rank(f.severity) >= self.threshold for f in findings)

    def line(self, record: Record) -> tuple[bytes, list[Finding], str | None]:
        """The record's result as a JSON line (bytes), with its findings and error."""
        findings, error = self.check(record)
        if not findings and error is None and not self.fix:  # most posts: no need to build a dict
            return b'{"id": %s, "flagged": false, "findings": [], "error": null}\n' % _encoded(record.id), findings, None
        return _encoded(self._result(record, findings, error)) + b"\n", findings, error


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False), one encoder


def _encoded(value: Any) -> bytes:
    """`value` as JSON in UTF-8. An id with an unpaired surrogate (JSON can escape one, no
    UTF-8 can hold it) is written back escaped, as it came."""
    try:
        return _dumps(value).encode()
    except UnicodeEncodeError:
        return json.dumps(value).encode()


def _finding_dict(finding: Finding, rid: Any) -> dict:
    d = finding.to_dict()
    d["path"] = rid
    return d


def fixed_text(text: str, findings: list[Finding]) -> str:
    """`text` with the safe fixes among `findings` applied (as `hr-lint --fix` would)."""
    if not any(f.fix for f in findings):
        return text
    from .fix import apply

    return apply(text, findings)[0]


# -- the Python API ----------------------------------------------------------------------------

def moderate(linter, records: Iterable[Any], text: str = "text", id: str = "id", format: str | None = "format",
             markup: str = "text", fix: bool = False, fail_on: str | None = None) -> Iterator[dict]:
    """One result per record, in order (see `Linter.moderate`)."""
    moderator = Moderator(linter, fail_on, fix)
    fields = Fields(text=text, id=id, format=format, markup=markup)
    for record in mapping_records(records, fields):
        yield moderator.result(record)


def moderate_texts(texts: Iterable[str], linter=None, config: Any = None, markup: str = "text", fix: bool = False,
                   fail_on: str | None = None) -> list[dict]:
    """A result per string, for callers who have only strings; the id of each is its index
    in `texts`. Without `linter`, the one for `config` (built once per process)."""
    return list(moderate(linter or linter_for(config), ({"id": i, "text": t} for i, t in enumerate(texts)),
                         format=None, markup=markup, fix=fix, fail_on=fail_on))


# -- linters built once per process (data engines) ----------------------------------------------

_LINTERS: dict[str, Any] = {}
LINTERS_BUILT = 0  # how many linters this process has built (tests check it stays at one)


def linter_for(config: Any = None):
    """The linter for `config`, built once per process and kept: the data engines call this
    in every partition, on every worker. `config` is None (the built-in default policy), a
    mapping of settings (as in .hr-lint.yaml), the path of a configuration file, or a
    `Config`. A configuration file and the custom rule files it names must be readable
    where the linter is built (on every worker)."""
    global LINTERS_BUILT
    key = config_key(config)
    linter = _LINTERS.get(key)
    if linter is None:
        from .config import Config, load_config
        from .linter import Linter

        if config is None:
            built = load_config(None)
        elif isinstance(config, Config):
            built = config
        elif isinstance(config, Mapping):
            built = load_config(None)
            built.merge(dict(config), "<config>", os.getcwd())
        else:
            built = load_config(os.fspath(config))
        linter = Linter(built)
        linter.engine.warm()
        _LINTERS[key] = linter
        LINTERS_BUILT += 1
    return linter


def config_key(config: Any) -> str:
    """A stable key for a configuration (for the per-process cache)."""
    if config is None:
        return "default"
    if isinstance(config, Mapping):
        return "mapping:" + json.dumps(config, sort_keys=True, default=str)
    if isinstance(config, (str, os.PathLike)):
        path = os.path.abspath(os.fspath(config))
        try:
            with open(path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            digest = "?"
        return f"file:{path}:{digest}"
    from dataclasses import fields as dataclass_fields

    settings = {f.name: getattr(config, f.name, None) for f in dataclass_fields(config)
                if not f.name.startswith("_") and f.name != "origins"} if hasattr(config, "__dataclass_fields__") else config
    return "config:" + hashlib.sha256(repr(settings).encode()).hexdigest()


# -- data frames (Dask partitions, Spark's mapInPandas batches) ----------------------------------

def moderate_frame(frame, text: str = "text", id: str = "id", format: str | None = "format", markup: str = "text",
                   config: Any = None, fix: bool = False, fail_on: str | None = None, keep: Iterable[str] = ()):
    """A pandas DataFrame of results for a pandas DataFrame of records: the id column (its
    name kept), then `flagged` (bool), `findings` (JSON text, as in `hr-lint moderate`),
    `error` (missing, or the message) and, with `fix`, `fixed_text`; `keep` names input
    columns to carry along. The linter is `linter_for(config)`: built once per process."""
    import pandas as pd

    moderator = Moderator(linter_for(config), fail_on, fix)
    fields = Fields(text=text, id=id, format=format if format and format in frame.columns else None, markup=markup)
    ids = frame[id].tolist() if id in frame.columns else [None] * len(frame)
    texts = frame[text].tolist() if text in frame.columns else [None] * len(frame)
    formats = frame[fields.format].tolist() if fields.format else None
    flagged, findings, errors, fixed, out_ids = [], [], [], [], []
    for i in range(len(frame)):
        row = {id: ids[i], text: texts[i]}
        if formats is not None:
            row[fields.format] = formats[i]
        record = from_mapping(row, fields)
        result = moderator.result(record)
        out_ids.append(ids[i])
        flagged.append(result["flagged"])
        findings.append(_dumps(result["findings"]))
        errors.append(result["error"])
        if fix:
            fixed.append(result["fixed_text"])
    columns: dict[str, Any] = {id: frame[id].to_numpy() if id in frame.columns else out_ids}
    for name in keep:
        columns[name] = frame[name].to_numpy()
    columns["flagged"] = pd.array(flagged, dtype=bool)
    columns["findings"] = pd.array(findings, dtype="string")
    columns["error"] = pd.array(errors, dtype="string")
    if fix:
        columns["fixed_text"] = pd.array(fixed, dtype="string")
    return pd.DataFrame(columns, index=frame.index)


def moderate_frames(frames: Iterable, **options) -> Iterator:
    """`moderate_frame` over an iterator of pandas DataFrames: the function Spark's
    `mapInPandas` wants (see the PySpark recipe in README.md)."""
    for frame in frames:
        yield moderate_frame(frame, **options)


# -- batches (the command line, in one process or in a pool's workers) ---------------------------

@dataclass
class Batch:
    """What a batch of records gave: the JSON lines to write, and counts for the summary."""

    lines: list[bytes] = field(default_factory=list)
    anonymous: list[int] = field(default_factory=list)  # indexes in `lines` of errors without an id
    records: int = 0  # records checked (not those skipped on resume)
    flagged: int = 0
    errors: int = 0
    skipped: int = 0  # already in the output being resumed
    categories: Counter = field(default_factory=Counter)  # category -> records flagged for it
    messages: list[tuple[int, str]] = field(default_factory=list)  # (index in lines, "where: error")
    # records whose id is in the output being resumed, left for the main process to skip or
    # check in input order (an id may come more often in the input than in the output):
    # (index in lines, where None stands for now, the id's key, the record)
    held: list = field(default_factory=list)


MAX_MESSAGES = 20  # error messages kept per batch (and printed per run)


class DoneIds:
    """The ids of the results already in an output file, for --resume: 8 bytes per id
    (a sorted array of 64-bit hashes), and counts of what they were."""

    def __init__(self, keys, anonymous: int = 0):
        self.keys = keys
        self.taken = bytearray(len(keys))  # which of `keys` a record of this run has matched
        self.anonymous = anonymous  # results without an id (unreadable records), in order
        self.records = 0
        self.flagged = 0
        self.errors = 0
        self.categories: Counter = Counter()
        self.threshold = 0

    def __contains__(self, rid: Any) -> bool:
        import numpy as np

        key = id_key(rid)
        i = int(np.searchsorted(self.keys, key))
        return i < len(self.keys) and int(self.keys[i]) == key

    def __len__(self) -> int:
        return len(self.keys)

    def take(self, key: int) -> bool:
        """Match one result in the output with the id's `key` not matched yet, if there is
        one (in input order: an id that comes twice in the input and once in the output is
        skipped once and checked once, as a run that was never stopped would have)."""
        import numpy as np

        lo = int(np.searchsorted(self.keys, key, "left"))
        hi = int(np.searchsorted(self.keys, key, "right"))
        for j in range(lo, hi):
            if not self.taken[j]:
                self.taken[j] = 1
                return True
        return False

    @classmethod
    def load(cls, path: str, threshold: int) -> DoneIds:
        """Read an output file of `hr-lint moderate`. A last line cut short (the run was
        killed while writing it) is removed from the file, so that it is written again."""
        from array import array

        import numpy as np

        keys = array("q")
        counts = Counter()
        categories: Counter = Counter()
        anonymous = 0
        try:
            fh = open(path, "rb+")  # noqa: SIM115
        except FileNotFoundError:
            done = cls(np.array([], dtype=np.int64))
            return done
        with fh:
            offset = 0
            for raw in fh:
                if not raw.endswith(b"\n"):
                    try:
                        result = json.loads(raw)
                    except ValueError:
                        fh.truncate(offset)  # a line cut short: its record is checked again
                        break
                    fh.write(b"\n")
                else:
                    try:
                        result = json.loads(raw)
                    except ValueError:
                        raise ValueError(f"{path}: line {counts['records'] + 1}: not a result of hr-lint moderate") from None
                offset += len(raw)
                if not isinstance(result, dict) or not set(RESULT_FIELDS) <= result.keys():
                    raise ValueError(f"{path}: line {counts['records'] + 1}: not a result of hr-lint moderate")
                counts["records"] += 1
                if result.get("error"):
                    counts["errors"] += 1
                if result["id"] is None:
                    anonymous += 1
                else:
                    keys.append(id_key(result["id"]))
                if result.get("flagged"):
                    counts["flagged"] += 1
                    for category in {f.get("category") for f in result.get("findings") or ()
                                     if isinstance(f, dict) and severity_rank(f.get("severity", "info")) >= threshold}:
                        categories[category] += 1
        done = cls(np.sort(np.frombuffer(keys, dtype=np.int64)) if keys else np.array([], dtype=np.int64), anonymous)
        done.records, done.flagged, done.errors = counts["records"], counts["flagged"], counts["errors"]
        done.categories = categories
        return done


def id_key(rid: Any) -> int:
    """A 64-bit hash of an id as JSON writes it (the string "7" and the number 7 differ)."""
    digest = hashlib.blake2b(_dumps(rid).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def run_batch(moderator: Moderator, items: list, fields: Fields, only_flagged: bool = False,
              done: DoneIds | None = None) -> Batch:
    """Check a batch of `LineBlock`s and `Record`s; the lines come out in input order. A
    record whose id is in `done` is held (`Batch.held`) for the main process to decide."""
    batch = Batch()
    for item in items:
        for record in (block_records(item, fields) if isinstance(item, LineBlock) else (item,)):
            if done is not None and record.id is not None and len(done) and record.id in done:
                batch.held.append((len(batch.lines), id_key(record.id), record))
                batch.lines.append(None)
                continue
            add_result(batch, moderator, record, only_flagged)
    return batch


def add_result(batch: Batch, moderator: Moderator, record: Record, only_flagged: bool = False,
               slot: int | None = None) -> None:
    """Check `record` and put its line in `batch` (at the end, or in place of a held one)."""
    line, findings, error = moderator.line(record)
    index = len(batch.lines) if slot is None else slot
    batch.records += 1
    is_flagged = False
    if error is not None:
        batch.errors += 1
        if len(batch.messages) < MAX_MESSAGES:
            shown = f" (id {_dumps(record.id)})" if record.id is not None else ""
            batch.messages.append((index, f"{record.where}: {error}{shown}"))
        if record.id is None:
            batch.anonymous.append(index)
    elif findings and moderator.flags(findings):
        is_flagged = True
        batch.flagged += 1
        for category in {f.category for f in findings if severity_rank(f.severity) >= moderator.threshold}:
            batch.categories[category] += 1
    if only_flagged and not is_flagged and error is None:
        return
    if slot is None:
        batch.lines.append(line)
    else:
        batch.lines[slot] = line


def settle_held(batch: Batch, moderator: Moderator, done: DoneIds, only_flagged: bool = False) -> None:
    """In the main process, in input order: each held record is skipped when an unmatched
    result with its id is in the output, else checked now."""
    for slot, key, record in batch.held:
        if done.take(key):
            batch.skipped += 1
        else:
            add_result(batch, moderator, record, only_flagged, slot)
    if batch.held:
        batch.messages.sort(key=lambda m: m[0])
        batch.held = []
