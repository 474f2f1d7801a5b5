"""Which files to lint: walk folders, skip what is not documentation, honour .gitignore."""
from __future__ import annotations

import fnmatch
import os
import subprocess

from . import readers

SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv", "env", ".venv", ".env",
             "build", "dist", ".tox", ".nox"}


def _is_venv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def matches(path: str, patterns: list[str]) -> bool:
    """Glob patterns against the path and each of its trailing parts ('drafts/**', '*.txt')."""
    norm = path.replace(os.sep, "/")
    if norm.startswith("./"):
        norm = norm[2:]
    parts = norm.split("/")
    for pat in patterns:
        pat = pat.rstrip("/")
        for i in range(len(parts)):
            tail = "/".join(parts[i:])
            if fnmatch.fnmatch(tail, pat) or fnmatch.fnmatch(tail, pat + "/*") or fnmatch.fnmatch(tail, pat.replace("**/", "")):
                return True
    return False


def walk(root: str, extensions: set[str], errors: list[str] | None = None):
    """Files under `root` with a known extension, in a deterministic order. A folder that
    cannot be read is added to `errors` (one line naming it), not skipped in silence."""
    def unreadable(exc: OSError) -> None:
        if errors is not None:
            errors.append(f"{exc.filename or root}: cannot read folder: {exc.strerror or exc}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and d not in SKIP_DIRS and not _is_venv(os.path.join(dirpath, d))
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in extensions:
                yield os.path.join(dirpath, name)


def _work_tree(folder: str, memo: dict[str, str | None]) -> str | None:
    """The root of the git work tree `folder` lies in (the nearest folder up holding
    .git, a folder or, in a submodule or linked worktree, a file), or None."""
    chain, d, root = [], folder, None
    while True:
        if d in memo:
            root = memo[d]
            break
        chain.append(d)
        if os.path.exists(os.path.join(d, ".git")):
            root = d
            break
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    for c in chain:
        memo[c] = root
    return root


def gitignored(paths: list[str]) -> set[str]:
    """The paths git would ignore, each by the ignore files of the repository it belongs
    to (not the one the command runs in: `hr-lint path/to/repo` from elsewhere honours
    that repository's .gitignore). Empty when git is absent."""
    if not paths:
        return set()
    groups: dict[str | None, dict[str, str]] = {}
    memo: dict[str, str | None] = {}
    for p in paths:
        full = os.path.abspath(p)
        root = _work_tree(os.path.dirname(full), memo)
        groups.setdefault(root, {})[os.path.relpath(full, root) if root else p] = p
    out: set[str] = set()
    for root, names in groups.items():
        try:
            proc = subprocess.run(
                ["git", "check-ignore", "--no-index", "--stdin", "-z"],
                input="\0".join(names) + "\0", capture_output=True, text=True, timeout=30,
                cwd=root or os.getcwd(),
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if proc.returncode not in (0, 1):
            continue
        out.update(names[n] for n in proc.stdout.split("\0") if n in names)
    return out


def extensions_for(file_types: dict[str, str]) -> set[str]:
    return set(readers.EXTENSIONS) | set(file_types)


def choose(paths: list[str], config_for, errors: list[str], warn=None) -> list[str]:
    """The files to lint, in order: folders walked (for the extensions of the configuration
    that governs each folder), missing paths reported in `errors`, then `exclude`,
    `include` and .gitignore applied per the configuration that governs each file. A file
    named on the command line is linted even when `include` would not pick it, or git
    ignores it. '-' (standard input) stays. A folder that cannot be read is reported in
    `errors`. `warn(message)` hears of a folder with nothing to lint."""
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            found.append("-")
            continue
        if os.path.isdir(path):
            unreadable = len(errors)
            walked = list(walk(path, extensions_for(config_for(path).file_types), errors))
            if not walked and warn is not None and len(errors) == unreadable:
                warn(f"{path}: no Markdown, HTML, reStructuredText, text, .docx or PDF files to lint")
            found.extend(f for f in walked if f not in seen)
            seen.update(walked)
        elif os.path.exists(path) or os.path.islink(path):
            if path not in seen:
                found.append(path)
                seen.add(path)
        else:
            errors.append(f"{path}: no such file or directory")
    kept = []
    for path in found:
        if path != "-":
            config = config_for(path)
            if config.is_excluded(path) or (path not in paths and not config.is_included(path)):
                continue
        kept.append(path)
    ignored = gitignored([p for p in kept if p != "-" and p not in paths and config_for(p).respect_gitignore])
    return [p for p in kept if p not in ignored]
