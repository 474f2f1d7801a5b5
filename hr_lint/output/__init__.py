"""Output renderers.

Every renderer is a function ``render(findings, rules, **kwargs) -> str``:

* ``findings``: ``list[hr_lint.finding.Finding]`` (path as the user gave it,
  1-based line/column counted in code points, ``end_column`` exclusive);
* ``rules``: ``dict[str, RuleMeta]`` (or any objects with the same attributes),
  keyed by rule id; a finding whose rule is missing falls back to
  :func:`rule_meta_for` so no renderer ever fails on it;
* ``kwargs``: ignored unless a renderer knows them (``paths=`` is the list of
  every linted file, used by ``junit`` for passing test cases).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from hr_lint.finding import Finding

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "html")

TOOL_NAME = "hr-lint"
INFORMATION_URI = "https://github.com/hr-lint/hr-lint"


@dataclass(frozen=True)
class RuleMeta:
    id: str
    category: str
    severity: str  # default severity: error | warning | info
    message: str  # full description
    summary: str  # one line
    url: str | None = None  # helpUri

    @classmethod
    def from_rule(cls, rule) -> "RuleMeta":
        """Best-effort conversion from a rulebook rule (duck-typed)."""
        message = " ".join(str(getattr(rule, "message", "") or "").split())
        url = getattr(rule, "url", None) or getattr(rule, "source", None)
        if not url:
            for source in getattr(rule, "sources", None) or []:
                url = source.get("url") if isinstance(source, dict) else getattr(source, "url", None)
                if url:
                    break
        return cls(
            id=rule.id,
            category=getattr(rule, "category", "") or "",
            severity=getattr(rule, "severity", "warning") or "warning",
            message=message,
            summary=getattr(rule, "summary", None) or summarize(message),
            url=url or None,
        )


def summarize(message: str) -> str:
    """First sentence of ``message`` on one line."""
    text = " ".join(message.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def rule_meta_for(finding: Finding, rules: dict) -> RuleMeta:
    """The rule of ``finding`` from ``rules``, or one made from the finding itself."""
    meta = rules.get(finding.rule) if rules else None
    if meta is not None:
        return meta
    message = " ".join(finding.message.split())
    return RuleMeta(
        id=finding.rule,
        category=finding.category,
        severity=finding.severity,
        message=message,
        summary=summarize(message),
        url=finding.source,
    )


def tool_version() -> str:
    try:
        from hr_lint import __version__  # type: ignore[attr-defined]

        return str(__version__)
    except Exception:
        pass
    try:
        from importlib.metadata import version

        return version("hr-lint")
    except Exception:
        return "0.1.0"


def describe(finding: Finding) -> str:
    """The finding's message with its suggestions: ``"... Consider: a; b"``."""
    message = finding.message.strip()
    if finding.suggestions:
        message += " Consider: " + "; ".join(finding.suggestions)
    return message


def is_url(path: str) -> bool:
    """A finding's path that is a web address rather than a file."""
    return bool(re.match(r"^https?://", path, re.I))


def display_path(path: str, cwd: str | None = None) -> str:
    """A POSIX path, relative to the working directory when possible, without ``./``.

    Absolute paths outside ``cwd`` stay absolute (in POSIX form); a URL (a fetched page)
    stays as it is.
    """
    if not path or is_url(path):
        return path
    if os.sep == "\\":
        path = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path, cwd or os.getcwd())
        except ValueError:  # another drive on Windows
            rel = None
        if rel is None or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return Path(path).as_posix()
        path = rel
    return os.path.normpath(path).replace(os.sep, "/")


def source_text(path: str, cache: dict, sources: dict | None = None) -> str | None:
    """The text a finding's line and column count in: from `sources` (text that is not a
    file on disk: standard input, a fetched URL), else the file's (for a PDF, its page
    texts joined by form feeds). None when it cannot be had (a .docx, an unreadable file)."""
    if path not in cache:
        text = (sources or {}).get(path)
        lower = path.lower()
        try:
            if text is None and lower.endswith(".pdf"):
                from hr_lint.readers.pdf import read

                with open(path, "rb") as fh:
                    text = read(fh.read())[0]
            elif text is None and not lower.endswith(".docx"):
                with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
                    text = fh.read()
        except Exception:  # context is a courtesy: an unreadable file has none
            text = None
        cache[path] = text
    return cache[path]


def source_lines(path: str, page: int | None, cache: dict, sources: dict | None = None) -> list[str] | None:
    """The lines of a document (of one page of a paged one), split once per document: a
    report of thousands of findings in one big file must not split it thousands of times."""
    key = ("\0lines", path, bool(page))
    if key not in cache:
        text = source_text(path, cache, sources)
        if text is None:
            cache[key] = None
        elif page:
            cache[key] = [page_text.split("\n") for page_text in text.split("\f")]
        else:
            cache[key] = [text.split("\n")]
    pages = cache[key]
    if pages is None:
        return None
    number = page or 1
    return pages[number - 1] if number <= len(pages) else None


def source_line(finding: Finding, cache: dict, sources: dict | None = None) -> str | None:
    """The line of `finding`'s start as it stands in its document (within its page)."""
    lines = source_lines(finding.path, finding.page, cache, sources)
    if lines is None or not 0 < finding.line <= len(lines):
        return None
    return lines[finding.line - 1].rstrip("\r")


def location(finding: Finding) -> str:
    """`line:column`, after the page for a paged document: `page 2, 7:25`."""
    where = f"{finding.line}:{finding.column}"
    return f"page {finding.page}, {where}" if finding.page else where


def occurrences(findings: list[Finding], key: Callable[[Finding], tuple]) -> list[int]:
    """For each finding (in the order given), how many earlier findings share its key."""
    seen: dict[tuple, int] = {}
    result = []
    for finding in findings:
        k = key(finding)
        result.append(seen.get(k, 0))
        seen[k] = seen.get(k, 0) + 1
    return result


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (display_path(f.path), f.page or 0, f.line, f.column, f.end_line, f.end_column, f.rule),
    )


_MODULES = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github",
            "junit": "junit", "gitlab": "gitlab", "html": "html"}


def get_renderer(name: str) -> Callable[..., str]:
    """The ``render(findings, rules, **kwargs)`` function of output format ``name``."""
    if name in _MODULES:
        import importlib

        return importlib.import_module(f"hr_lint.output.{_MODULES[name]}").render
    raise ValueError(f"unknown output format {name!r}; choose from {', '.join(FORMATS)}")


__all__ = [
    "FORMATS",
    "RuleMeta",
    "get_renderer",
    "rule_meta_for",
    "describe",
    "location",
    "source_line",
    "display_path",
    "summarize",
    "tool_version",
]
