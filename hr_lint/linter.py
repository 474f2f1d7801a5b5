"""The public API: `Linter(config).lint_text(...)` and `.lint_file(...)`."""
from __future__ import annotations

import os
import re

from . import readers, suppress
from .config import Config
from .engine import MATCH_FORM, Engine
from .finding import Finding
from .loader import InputError, decode, read_bytes

# A file larger than this is refused rather than read: hr-lint is for documents.
MAX_FILE_BYTES = 200 * 1024 * 1024
# Text larger than this is read and linted a chunk at a time, cut where no block can span.
CHUNK_CHARS = 2_000_000
_BLANK = re.compile(r"\n[ \t\r]*\n")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)", re.MULTILINE)


def _chunks(text: str, fmt: str):
    """(start, end) of chunks that each parse on their own: cut at a blank line (outside
    Markdown fences; before an unindented line in reStructuredText). HTML is not cut."""
    n = len(text)
    start = 0
    while start < n:
        target = start + CHUNK_CHARS
        cut = n if fmt == "html" or target >= n else None
        pos = target
        while cut is None:
            m = _BLANK.search(text, pos)
            if m is None:
                cut = n
                break
            at = m.end()
            if fmt == "markdown" and len(_FENCE.findall(text, start, at)) % 2:
                pos = at  # inside a fenced block: look further
                continue
            if fmt == "rst" and (at >= n or text[at] in " \t"):
                pos = at  # an indented block goes on
                continue
            cut = at
        yield start, cut
        start = cut


class Linter:
    """Load once, call many times. `config` is a `Config`, a mapping of settings, or None."""

    def __init__(self, config: Config | dict | None = None, cache_dir: str | None = None, lazy: bool = False):
        """`cache_dir` lets a later process skip loading the rules for files with no trigger
        word at all; `lazy` defers loading (and validating) the rules until they are needed."""
        if config is None:
            config = Config()
        elif isinstance(config, dict):
            config = Config.from_mapping(config)
        self.config = config
        self.cache_dir = cache_dir
        self._rules: list | None = None
        self._engine: Engine | None = None
        self._file_gate = None
        self._fingerprint: str | None = None
        if not lazy:
            self.engine  # noqa: B018 - load and validate now, so errors surface at construction

    @property
    def rules(self) -> list:
        if self._rules is None:
            self._rules = self.config.active_rules()
        return self._rules

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.rules, self.config.engine_options())
        return self._engine

    def lint_text(self, text: str, format: str = "markdown", path: str = "<text>") -> list[Finding]:
        """Lint a string in one of the text formats (markdown, html, rst, text)."""
        if format not in readers.FORMATS or format == "docx":
            raise ValueError(f"unknown format '{format}': expected markdown, html, rst or text")
        return self._lint_source(text, format, path)

    def lint_bytes(self, data: bytes, path: str, format: str | None = None) -> list[Finding]:
        fmt = format or self.format_for(path) or "text"
        if fmt == "docx":
            try:
                document = readers.parse_docx(data)
            except readers.ReaderError as exc:
                raise InputError(path, str(exc)) from None
            return self._lint_document(document, path)
        text = decode(data, path)
        del data  # a big file's bytes need not stay in memory beside its text
        return self._lint_source(text, fmt, path)

    def _lint_source(self, text: str, fmt: str, path: str) -> list[Finding]:
        """A text format, read in chunks when it is large so memory stays bounded."""
        if not self._worth_reading(text):
            return []
        if len(text) <= CHUNK_CHARS:
            return self._lint_document(readers.parse(text, fmt), path)
        findings: list[Finding] = []
        line_base = 0
        for start, end in _chunks(text, fmt):
            piece = text[start:end]
            for f in self.engine.lint(readers.parse(piece, fmt), path):
                f.line += line_base
                f.end_line += line_base
                f.offset += start
                f.end_offset += start
                findings.append(f)
            line_base += piece.count("\n")
        return self._suppressed(findings, text, fmt, path)

    def _worth_reading(self, text: str) -> bool:
        """Most files hold no trigger at all, even in markup: they need no parsing."""
        if self.config.report_unused_suppressions and "hr-lint" in text:
            return True
        gate = self._gate()
        if gate is None:
            return False
        # a window at a time, overlapping by more than any word, so a huge text is never copied whole
        step, overlap = 1 << 20, 256
        for i in range(0, max(len(text), 1), step):
            if gate.search(text[i:i + step + overlap].lower().translate(MATCH_FORM)):
                return True
        return False

    def _gate_file(self) -> str | None:
        """Where the file prefilter for this rule set is cached, keyed by what shapes it."""
        if not self.cache_dir:
            return None
        import hashlib
        from pathlib import Path

        from . import __version__
        from .rulebook import WORDLIST_DIR

        h = hashlib.sha256(__version__.encode())
        for path in sorted(WORDLIST_DIR.glob("*.yaml")) + [Path(p) for p in self.config.rule_files]:
            st = path.stat()
            h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode())
        c = self.config
        h.update(repr((c.select, sorted(c.ignore), sorted(c.extend_select))).encode())
        return os.path.join(self.cache_dir, f"gate-{h.hexdigest()[:32]}.txt")

    def _gate(self):
        """The file prefilter, from the engine or, before the rules are loaded, from the cache."""
        if self._engine is not None or self._file_gate is False:
            return self.engine.file_prefilter
        if self._file_gate is None:
            import re

            try:
                cached = self._gate_file()
            except OSError:
                cached = None
            pattern = None
            if cached:
                try:
                    with open(cached, encoding="utf-8") as fh:
                        pattern = fh.read()
                except OSError:
                    pattern = None
            if pattern is None:
                gate = self.engine.file_prefilter
                if cached and gate is not None:
                    from .fix import write_atomic

                    try:
                        os.makedirs(os.path.dirname(cached), exist_ok=True)
                        write_atomic(cached, gate.pattern.encode("utf-8"))
                    except OSError:
                        pass
                self._file_gate = False
                return gate
            self._file_gate = re.compile(pattern) if pattern else False
        return self._file_gate or None

    def _lint_document(self, document, path: str) -> list[Finding]:
        return self._suppressed(self.engine.lint(document, path), document.source, document.format, path)

    def _suppressed(self, findings: list[Finding], source: str, fmt: str, path: str) -> list[Finding]:
        found = suppress.directives(source, fmt)
        findings = suppress.apply(findings, found)
        if self.config.report_unused_suppressions:
            for d in found:
                if not d.used:
                    line_text = source.split("\n")[d.line - 1] if source else ""
                    findings.append(Finding(
                        path=path, line=d.line, column=1, end_line=d.line, end_column=len(line_text) + 1,
                        rule="unused-suppression", category="hr-lint", severity="warning",
                        message="This hr-lint comment suppresses nothing; remove it or name the right rule.",
                        text=line_text.rstrip("\r"),
                    ))
            findings.sort(key=Finding.sort_key)
        return findings

    def lint_file(self, path: str | os.PathLike, format: str | None = None) -> list[Finding]:
        """Lint one file; unreadable input raises `InputError` naming the file."""
        path = os.fspath(path)
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file is {size // (1024 * 1024)} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
        return self.lint_bytes(read_bytes(path), path, format)

    def format_for(self, path: str) -> str | None:
        return self.config.format_for(path)

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that could change a finding changes: for the cache."""
        if self._fingerprint is None:
            import hashlib
            from pathlib import Path

            from . import __version__

            h = hashlib.sha256(__version__.encode())
            package = Path(__file__).parent
            for source in sorted(package.rglob("*")):
                if source.suffix in (".py", ".yaml") and "__pycache__" not in source.parts:
                    h.update(str(source.relative_to(package)).encode())
                    h.update(source.read_bytes())
            for rule_file in self.config.rule_files:
                h.update(Path(rule_file).read_bytes())
            c = self.config
            h.update(repr((c.select, sorted(c.ignore), sorted(c.extend_select), sorted(c.severity.items()), c.allow, c.quotes,
                           c.first_person, sorted(c.file_types.items()), c.report_unused_suppressions,
                           c.lint_attributes)).encode())
            self._fingerprint = h.hexdigest()
        return self._fingerprint
