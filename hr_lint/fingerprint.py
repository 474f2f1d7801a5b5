"""One digest of hr-lint's own sources: what the findings cache, the file gate's cache and
the memo of passed custom-rule examples are keyed on, so that any change to the code, the
built-in wordlists or the sense model invalidates them. Computed once per process."""
from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent
SOURCE_SUFFIXES = (".py", ".yaml", ".json")  # sense_model.json: retrained weights change findings
_digest: str | None = None


def package_digest() -> str:
    """sha256 of the version and of every file of the package that can change a finding
    (path and bytes): its code, wordlists and presets, and the sense model's weights."""
    global _digest
    if _digest is None:
        from . import __version__

        h = hashlib.sha256(__version__.encode())
        for source in sorted(PACKAGE.rglob("*")):
            if source.suffix in SOURCE_SUFFIXES and "__pycache__" not in source.parts:
                h.update(str(source.relative_to(PACKAGE)).encode())
                h.update(source.read_bytes())
        _digest = h.hexdigest()
    return _digest


def files_digest(paths, base: str | None = None) -> str | None:
    """sha256 of `base` (a digest) and the bytes of each file, in sorted order; None when a
    file cannot be read."""
    h = hashlib.sha256((base or "").encode())
    for path in sorted(paths):
        try:
            with open(path, "rb") as fh:
                h.update(fh.read())
        except OSError:
            return None
    return h.hexdigest()
