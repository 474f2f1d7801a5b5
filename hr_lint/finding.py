"""The `Finding`: one piece of stigmatizing language at one place in one file."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")  # ascending


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


# the fields of a finding in `--format json` (and the HTTP API), in order; `page` follows
# them for a paged document (PDF)
JSON_FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "category", "severity",
               "message", "text", "suggestions", "source", "fix", "voice")


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
    # info (the `quotes`/`first-person` policy); None otherwise.
    voice: str | None = None

    def to_dict(self) -> dict:
        """The object of `--format json`: JSON_FIELDS, and `page` for a paged document."""
        out = {name: getattr(self, name) for name in JSON_FIELDS}
        out["suggestions"] = list(self.suggestions)
        if self.page is not None:
            out["page"] = self.page
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def sort_key(self):
        return (self.path, self.page or 0, self.line, self.column, self.rule)
