"""A findings cache keyed by file content, effective configuration and hr-lint version.

One SQLite database in the cache folder: a run reads every entry it needs in one
connection and writes its new entries in one transaction, and SQLite's locking makes
two runs sharing the folder safe. A change to any rule, wordlist, check module or
setting changes the linter's fingerprint and so every key: stale results cannot be
served. A cache that cannot be opened or written only costs speed, never a run; a damaged
database (not SQLite, or corrupt pages) is rebuilt empty once, with a one-line notice.
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


_CORRUPT = ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def _corrupt(exc: sqlite3.Error) -> bool:
    """Is this error the database's own damage (not a lock, a full disk or a permission)?"""
    return getattr(exc, "sqlite_errorname", "") in _CORRUPT or "malformed" in str(exc) or "not a database" in str(exc)


def _notify(message: str) -> None:
    import sys

    print(f"hr-lint: {message}", file=sys.stderr)


class Cache:
    def __init__(self, directory: str, notify=_notify):
        self.directory = directory
        self.path = os.path.join(directory, "findings.sqlite3")
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._rebuilt = False
        self._notify = notify

    @staticmethod
    def key(fingerprint: str, path: str, fmt: str | None, data: bytes) -> str:
        h = hashlib.sha256()
        for part in (fingerprint.encode(), path.encode("utf-8", "surrogateescape"), (fmt or "").encode()):
            h.update(part)
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _open(self) -> sqlite3.Connection:
        os.makedirs(self.directory, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        except BaseException:
            db.close()
            raise
        return db

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self._db = self._open()
            except sqlite3.Error as exc:
                if not (_corrupt(exc) and self._rebuild(exc)):
                    self._broken = True
            except OSError:
                self._broken = True
        return self._db

    def _rebuild(self, exc: sqlite3.Error) -> bool:
        """A damaged database is replaced by an empty one, once, with a one-line notice
        (left as it was, every later run would be cold without a word)."""
        if self._rebuilt:
            return False
        self._rebuilt = True
        if self._db is not None:
            self._db.close()
            self._db = None
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                try:
                    os.unlink(self.path + suffix)
                except FileNotFoundError:
                    pass
            self._db = self._open()
        except (OSError, sqlite3.Error):
            self._broken = True
            return False
        self._notify(f"{self.path}: the findings cache was damaged ({exc}); rebuilt it empty")
        return True

    def get(self, key: str) -> list[Finding] | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM findings WHERE key = ?", (key,)).fetchone()
            return None if row is None else [Finding.from_dict(d) for d in json.loads(row[0])]
        except sqlite3.Error as exc:
            if _corrupt(exc):
                self._rebuild(exc)
            return None
        except (ValueError, TypeError, KeyError):
            return None

    def put_many(self, entries: list[tuple[str, list[Finding]]]) -> None:
        db = self._connect()
        if db is None or not entries:
            return
        rows = [(key, json.dumps([_full_dict(f) for f in findings], ensure_ascii=False)) for key, findings in entries]
        for _ in range(2):
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO findings (key, data) VALUES (?, ?)", rows)
                return
            except sqlite3.Error as exc:
                if not (_corrupt(exc) and self._rebuild(exc)):
                    return
                db = self._db  # rebuilt: write the entries again

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _full_dict(f: Finding) -> dict:
    d = f.to_dict()
    d["offset"], d["end_offset"] = f.offset, f.end_offset
    return d
