"""Writing a file without harming it: for --fix and for reports (`--output-file`).

`replace(path, data)` puts `data` in the file at `path` and keeps everything else about
it as it was:

- a symbolic link stays a link and its target is written (a broken link is an error);
- the new content replaces the old atomically (a temporary file in the same folder,
  renamed over it) with the old file's mode, owner, group and extended attributes (ACLs
  among them), so a reader sees the old or the new file, never half of one;
- where that cannot keep everything (a file with hard links, whose other names would
  keep the old content; a folder the user cannot write; an owner or attribute only root
  could set), the file is rewritten in place instead, which keeps its inode and so all
  of the above;
- a file that did not exist is created with the mode the umask gives (0644 under the
  usual umask 022), as any program's new file is.

`expected` guards against another program changing the file between reading and
writing: the write is refused when the file no longer holds those bytes.
"""
from __future__ import annotations

import errno
import os
import secrets
import stat


class WriteError(Exception):
    """The file was not written; `str()` is the one line to show (`path: why, not fixed`)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class _CannotKeep(Exception):
    """Replacing the file would lose its owner, group or an attribute."""


def resolve(path: str) -> str:
    """The file a path names, through symbolic links; WriteError for a broken link."""
    if not os.path.islink(path):
        return path
    real = os.path.realpath(path)
    if not os.path.exists(real):
        raise WriteError(path, "broken symbolic link")
    return real


def writable(path: str, st: os.stat_result | None = None) -> bool:
    """Could the user write this file? A file without any write permission bit (0444)
    counts as read-only even for root, who could write it anyway: its owner said so."""
    st = st or os.stat(path)
    if not stat.S_IMODE(st.st_mode) & 0o222:
        return False
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def replace(path: str, data: bytes, expected: bytes | None = None, refuse_read_only: bool = True) -> None:
    """Write `data` as the content of `path`, keeping the file's links and attributes."""
    target = resolve(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(path, f"cannot write: {exc.strerror}") from None
    if st is None:
        _create(path, target, data)
        return
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(path, "not a regular file, not written")
    if refuse_read_only and not writable(target, st):
        raise WriteError(path, "read-only, not fixed")
    if expected is not None:
        try:
            with open(target, "rb") as fh:
                current = fh.read()
        except OSError as exc:
            raise WriteError(path, f"cannot read it again: {exc.strerror}, not fixed") from None
        if current != expected:
            raise WriteError(path, "changed while hr-lint was fixing it, not fixed")
    if st.st_nlink > 1:
        _in_place(path, target, data)
        return
    try:
        _atomic(target, data, st)
    except (_CannotKeep, PermissionError):
        _in_place(path, target, data)
    except OSError as exc:
        if exc.errno == errno.EROFS:
            raise WriteError(path, "read-only file system, not fixed") from None
        raise WriteError(path, f"cannot write: {exc.strerror}, not fixed") from None


def _temporary(directory: str, mode: int) -> tuple[int, str]:
    """A new file beside the target; `mode` is filtered by the umask, as for any new file."""
    for _ in range(100):
        name = os.path.join(directory, f".hr-lint-{secrets.token_hex(6)}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode), name
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary name")


def _atomic(target: str, data: bytes, st: os.stat_result) -> None:
    directory = os.path.dirname(os.path.abspath(target))
    fd, tmp = _temporary(directory, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _copy_attributes(target, fh.fileno(), st)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _copy_attributes(source: str, fd: int, st: os.stat_result) -> None:
    """Extended attributes, then owner and group, then mode (chown clears set-id bits)."""
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(source)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(fd, name, os.getxattr(source, name))
            except OSError:
                raise _CannotKeep(name) from None
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid if mine.st_uid != st.st_uid else -1,
                      st.st_gid if mine.st_gid != st.st_gid else -1)
        except OSError:
            raise _CannotKeep("owner") from None
    os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _in_place(path: str, target: str, data: bytes) -> None:
    """Rewrite the file's content through its own inode: keeps everything but atomicity.
    The space is reserved first, so a full disk fails before any byte changes."""
    try:
        with open(target, "r+b") as fh:
            if hasattr(os, "posix_fallocate") and data:
                try:
                    os.posix_fallocate(fh.fileno(), 0, len(data))
                except OSError as exc:
                    if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENODEV):
                        raise
            fh.write(data)
            fh.truncate()
    except PermissionError:
        raise WriteError(path, "read-only, not fixed") from None
    except OSError as exc:
        raise WriteError(path, f"cannot write: {exc.strerror}, not fixed") from None


def _create(path: str, target: str, data: bytes) -> None:
    """A new file, atomically, with the umask's mode."""
    directory = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = _temporary(directory, 0o666)
    except OSError as exc:
        raise WriteError(path, f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(path, f"cannot write: {exc.strerror}") from None
        raise
