"""A findings cache keyed by file content, effective configuration and hr-lint version.

One SQLite database in the cache folder: a run reads every entry it needs in one
connection and writes its new entries in one transaction, and SQLite's locking makes
two runs sharing the folder safe. A change to any rule, wordlist, check module or
setting changes the linter's fingerprint and so every key: stale results cannot be
served. A cache that cannot be opened or written only costs speed, never a run.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3

from .finding import Finding


def default_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hr-lint")


class Cache:
    def __init__(self, directory: str):
        self.directory = directory
        self._db: sqlite3.Connection | None = None
        self._broken = False

    @staticmethod
    def key(fingerprint: str, path: str, fmt: str | None, data: bytes) -> str:
        h = hashlib.sha256()
        for part in (fingerprint.encode(), path.encode("utf-8", "surrogateescape"), (fmt or "").encode()):
            h.update(part)
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                os.makedirs(self.directory, exist_ok=True)
                db = sqlite3.connect(os.path.join(self.directory, "findings.sqlite3"), timeout=30)
                db.execute("CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def get(self, key: str) -> list[Finding] | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM findings WHERE key = ?", (key,)).fetchone()
            return None if row is None else [Finding.from_dict(d) for d in json.loads(row[0])]
        except (sqlite3.Error, ValueError, TypeError, KeyError):
            return None

    def put_many(self, entries: list[tuple[str, list[Finding]]]) -> None:
        db = self._connect()
        if db is None or not entries:
            return
        rows = [(key, json.dumps([_full_dict(f) for f in findings], ensure_ascii=False)) for key, findings in entries]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO findings (key, data) VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _full_dict(f: Finding) -> dict:
    d = f.to_dict()
    d["offset"], d["end_offset"] = f.offset, f.end_offset
    return d
