"""A findings cache keyed by file content, effective configuration and hr-lint version.

One small JSON file per key, written to a temporary name and renamed into place, so
two runs sharing the folder never read a half-written entry. A change to any rule,
wordlist, check module or setting changes the linter's fingerprint and so every key:
stale results cannot be served.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile

from .finding import Finding


def default_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hr-lint")


class Cache:
    def __init__(self, directory: str):
        self.directory = directory

    @staticmethod
    def key(fingerprint: str, path: str, fmt: str | None, data: bytes) -> str:
        h = hashlib.sha256()
        for part in (fingerprint.encode(), path.encode("utf-8", "surrogateescape"), (fmt or "").encode()):
            h.update(part)
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key + ".json")

    def get(self, key: str) -> list[Finding] | None:
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                return [Finding.from_dict(d) for d in json.load(fh)]
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        target = self._file(key)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([_full_dict(f) for f in findings], fh, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs speed


def _full_dict(f: Finding) -> dict:
    d = f.to_dict()
    d["offset"], d["end_offset"] = f.offset, f.end_offset
    return d
