"""The `Finding`: one piece of stigmatizing language at one place in one file."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")  # ascending


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive: the column just after the last matched character
    rule: str
    category: str
    severity: str
    message: str
    text: str  # the matched characters exactly as they stand in the file
    suggestions: list[str] = field(default_factory=list)
    source: str | None = None  # URL of the guidance the rule rests on
    fix: str | None = None  # replacement for `text` when it is safe to apply unattended
    offset: int = 0  # source offsets of `text`, for --fix
    end_offset: int = 0
    page: int | None = None  # 1-based page of a paged document (PDF); line and column count within it
    # "quote" or "first-person" when quoted speech or self-description lowered the finding to
    # info (the `quotes`/`first-person` policy); None otherwise. Not part of the JSON output.
    voice: str | None = None

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "source": self.source,
            "fix": self.fix,
            **({"page": self.page} if self.page is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def sort_key(self):
        return (self.path, self.page or 0, self.line, self.column, self.rule)
