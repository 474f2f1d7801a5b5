"""The public API: `Linter(config).lint_text(...)` and `.lint_file(...)`."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from . import gate, readers, suppress
from . import language as languages
from .config import Config
from .document import Document, Segment
from .engine import Engine
from .finding import Finding
from .gate import Hits, Screen
from .loader import InputError, decode, read_bytes

# A file larger than this is refused rather than read: hr-lint is for documents.
MAX_FILE_BYTES = 200 * 1024 * 1024
# Text larger than this is read and linted a chunk at a time, cut where no block can span.
CHUNK_CHARS = 2_000_000
# directives (".. note::"), hyperlink targets (".. _label:"), substitution definitions and
# interpreted text with a role (":doc:`intro`"): reStructuredText, not plain text
_RST_MARKUP = re.compile(r"^\.\. (?:[\w:-]+::|_[^\n:]+:|\|[^|\n]+\| [\w-]+::)|:[a-z][\w:+.-]*:`[^`\s]", re.M)
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


# an accented letter written as an entity (toxic&oacute;manos, ni&#241;o): words the file gate
# cannot see, as it blanks entities out
_LETTER_ENTITY = re.compile(r"&(?:[A-Za-z](?:acute|grave|tilde|uml|circ|cedil);|#(?:x[0-9a-fA-F]{2,3}|[0-9]{3});)")


def _offsets(hits: dict[str, Hits | None]) -> list[int] | None:
    """Where the terms of every language stand, for the reader (None: read everything)."""
    if any(h is None for h in hits.values()):
        return None
    if len(hits) == 1:
        return next(iter(hits.values())).offsets()
    return sorted({p for h in hits.values() for p in h.offsets()})


@dataclass
class Linted:
    """A document's findings and the text their offsets refer to (`Linter.lint_document`)."""

    text: str
    format: str
    findings: list[Finding]


@dataclass
class Prepared:
    """A file read, gated and parsed, waiting to be tokenized: a document holding only its
    candidate segments (None: no term anywhere). Small enough to send to another process.
    A big text is linted a chunk at a time as it is read, so memory stays bounded: its
    findings come ready."""

    path: str
    text: str
    fmt: str
    document: Document | None = None
    findings: list[Finding] | None = None

    @property
    def needs_spacy(self) -> bool:
        return self.document is not None and bool(self.document.segments)


def read_limited(path: str) -> bytes:
    """A file's bytes, refused (InputError) over MAX_FILE_BYTES without reading it."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    if size > MAX_FILE_BYTES:
        raise InputError(path, f"file is {size // (1024 * 1024)} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
    return read_bytes(path)


class Linter:
    """Load once, call many times. `config` is a `Config`, a mapping of settings, or None."""

    def __init__(self, config: Config | dict | None = None, cache_dir: str | None = None, lazy: bool = False,
                 private_pipeline: bool = False):
        """`cache_dir` lets a later process skip loading the rules for files with no trigger
        word at all; `lazy` defers loading (and validating) the rules until they are needed;
        `private_pipeline` gives each of its engines a spaCy pipeline of its own."""
        if config is None:
            config = Config()
        elif isinstance(config, dict):
            config = Config.from_mapping(config)
        self.config = config
        self.cache_dir = cache_dir
        self.private_pipeline = private_pipeline
        self._rules: list | None = None
        self._engines: dict[str, Engine] = {}
        self._gates: dict[str, gate.GateStore] = {}
        self._trace_engines: dict[str, Engine] = {}
        self._fingerprint: str | None = None
        if not lazy:
            self.engine  # noqa: B018 - load and validate now, so errors surface at construction

    @property
    def rules(self) -> list:
        if self._rules is None:
            self._rules = self.config.active_rules()
        return self._rules

    @property
    def language(self) -> str:
        """The language of text that declares none, when it is not detected: the
        configured one, else English (whose engine the command line warms up)."""
        return self.config.language if self.config.language in languages.LANGUAGES else languages.DEFAULT

    @property
    def engine(self) -> Engine:
        """The engine of the main language (`language`); see `engine_for`."""
        return self.engine_for(self.language)

    def engine_for(self, language: str) -> Engine:
        """The engine of one language: its rules, gates and spaCy pipeline, built when first
        needed (a run over English text never loads the Spanish rules)."""
        engine = self._engines.get(language)
        if engine is None:
            engine = self._engines[language] = self._make_engine(language)
        return engine

    def likely_languages(self, paths: list[str], sample: int = 24) -> list[str]:
        """The languages a run over `paths` will most likely need, the main one first: the
        configured language, and those the first kilobytes of a sample of the files show.
        The command line prepares and warms their engines before its workers start, so a
        Spanish tree loads the Spanish rules and pipeline once, in parallel with the work."""
        found = [self.language]
        step = max(1, len(paths) // sample)
        for path in paths[::step][:sample]:
            try:
                with open(path, "rb") as fh:
                    head = fh.read(8192).decode("utf-8", "replace")
            except OSError:
                continue
            fmt = self.format_for(path) or "text"
            if fmt in readers.BINARY_FORMATS:
                continue
            for lang in languages.plan(head, fmt, self.config.language).languages:
                if lang not in found and lang in languages.LANGUAGES:
                    found.append(lang)
        return found

    # True: each engine gets a spaCy pipeline of its own (the server: one linter per request)
    private_pipeline = False

    def _make_engine(self, language: str) -> Engine:
        engine = Engine(self.config.active_rules(language), self.config.engine_options(), language=language)
        engine.private_pipeline = self.private_pipeline
        return engine

    def lint_text(self, text: str, format: str = "markdown", path: str = "<text>", *,
                  suppress: bool = True, language: str | None = None,
                  language_plan: languages.Plan | None = None) -> list[Finding]:
        """Lint a string in one of the text formats (markdown, html, rst, text).
        `suppress=False` leaves the suppression comments to the caller (`suppressed`),
        for a front end that lints a document a piece at a time. `language` ('en', 'es')
        sets the language of text that declares none, as the configuration's `language`
        does; by default it is the configuration's (detected when 'auto'). A front end
        that lints a piece of a document passes the whole document's plan for that piece
        (`language_plan(document).piece(start, end)`), so the piece's language is what it
        is in the document (its front matter, its `<html lang>`, its sections)."""
        if format not in readers.FORMATS or format in readers.BINARY_FORMATS:
            raise ValueError(f"unknown format '{format}': expected markdown, html, rst or text")
        if language is not None and language not in languages.SETTINGS:
            raise ValueError(f"unknown language '{language}': expected {', '.join(languages.SETTINGS)}")
        return self.finish(self._prepare_source(text, format, path, language, language_plan), suppress=suppress)

    def language_plan(self, text: str, format: str, language: str | None = None) -> languages.Plan:
        """How the languages of `text` are read (see hr_lint/language.py)."""
        return languages.plan(text, format, language or self.config.language)

    def moderate(self, records, text: str = "text", id: str = "id", format: str | None = "format",
                 markup: str = "text", fix: bool = False, fail_on: str | None = None):
        """Screen records (mappings with an id and a text): a generator of one result dict
        per record, in order: `id`, `flagged`, `findings` (as `--format json`, `path` set to
        the id), `error` (None, or why the record could not be checked) and, with `fix`,
        `fixed_text`. See hr_lint/moderate.py."""
        from .moderate import moderate

        return moderate(self, records, text=text, id=id, format=format, markup=markup, fix=fix, fail_on=fail_on)

    def moderate_texts(self, texts, markup: str = "text", fix: bool = False, fail_on: str | None = None) -> list[dict]:
        """`moderate` for plain strings: a result per string, its id the string's index."""
        from .moderate import moderate_texts

        return moderate_texts(texts, linter=self, markup=markup, fix=fix, fail_on=fail_on)

    def lint_bytes(self, data: bytes, path: str, format: str | None = None) -> list[Finding]:
        return self.finish(self.prepare_bytes(data, path, format))

    def lint_document(self, data: bytes, path: str, format: str | None = None, newlines: bool = False,
                      language: str | None = None) -> Linted:
        """Lint a file's bytes and keep the text the findings' offsets refer to: the decoded
        text, or for a .docx its paragraphs and for a PDF its pages (form feeds between).
        `newlines` reads CR LF and CR as LF first, as a browser's text box would hold the
        text. Unreadable input raises `InputError`."""
        fmt = format or self.format_for(path) or "text"
        if fmt not in readers.BINARY_FORMATS and newlines:
            text = decode(data, path)
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if format is None:
                fmt = self._sniffed(fmt, path, text)
            return Linted(text, fmt, self.finish(self._prepare_source(text, fmt, path, language)))
        prepared = self.prepare_bytes(data, path, format, language=language)
        return Linted(prepared.text, prepared.fmt, self.finish(prepared))

    def lint_file(self, path: str | os.PathLike, format: str | None = None) -> list[Finding]:
        """Lint one file; unreadable input raises `InputError` naming the file."""
        return self.finish(self.prepare_file(path, format))

    # Linting in two steps: `prepare_*` reads, gates and parses (no spaCy), `finish`
    # tokenizes what is left. The CLI's workers prepare files while spaCy loads.

    def prepare_file(self, path: str | os.PathLike, format: str | None = None) -> Prepared:
        path = os.fspath(path)
        return self.prepare_bytes(read_limited(path), path, format)

    def prepare_bytes(self, data: bytes, path: str, format: str | None = None,
                      language: str | None = None) -> Prepared:
        """`language` as for `lint_text`."""
        fmt = format or self.format_for(path) or "text"
        if fmt in readers.BINARY_FORMATS:
            try:
                document = readers.parse_binary(data, fmt)
            except readers.ReaderError as exc:
                raise InputError(path, str(exc)) from None
            plan = languages.plan(document.source, fmt, language or self.config.language)
            hits = {lang: None for lang in plan.languages}
            return Prepared(path, document.source, fmt, self._worth_tokenizing(document, hits, plan))
        text = decode(data, path)
        del data  # a big file's bytes need not stay in memory beside its text
        if format is None:
            fmt = self._sniffed(fmt, path, text)
        return self._prepare_source(text, fmt, path, language)

    def text_format(self, path: str, text: str) -> str | None:
        """The format a text file at `path` is read in, as `lint_file` reads it (its
        extension, `file-types`, and a .txt file written in reStructuredText); None for a
        file hr-lint does not read or that is not text (.docx)."""
        fmt = self.format_for(path)
        if fmt is None or fmt in readers.BINARY_FORMATS:
            return None
        return self._sniffed(fmt, path, text)

    def _sniffed(self, fmt: str, path: str, text: str) -> str:
        """A .txt file written in reStructuredText (Sphinx projects such as Django name their
        sources so) is read as reStructuredText, unless `file-types` maps .txt itself."""
        if fmt == "text" and path.lower().endswith(".txt") and ".txt" not in self.config.file_types \
                and _RST_MARKUP.search(text):
            return "rst"
        return fmt

    def _prepare_source(self, text: str, fmt: str, path: str, language: str | None = None,
                        plan: languages.Plan | None = None) -> Prepared:
        if plan is None:
            plan = languages.plan(text, fmt, language or self.config.language)
        verdicts = {lang: self._screen(text, fmt, lang) for lang in plan.languages}
        hits = {lang: v.hits for lang, v in verdicts.items() if v.parse}
        if not hits:
            return Prepared(path, text, fmt)
        if len(text) <= CHUNK_CHARS:
            document = readers.parse(text, fmt, _offsets(hits))
            return Prepared(path, text, fmt, self._worth_tokenizing(document, hits, plan))
        findings: list[Finding] = []
        line_base = 0
        for start, end in _chunks(text, fmt):
            piece = text[start:end]
            piece_hits = {lang: h.shifted(start, end) if h else None for lang, h in hits.items()}
            document = readers.parse(piece, fmt, _offsets(piece_hits))
            piece_plan = plan.shifted(start) if plan.spans else plan
            for f in self._lint_prepared(self._worth_tokenizing(document, piece_hits, piece_plan), path):
                f.line += line_base
                f.end_line += line_base
                f.offset += start
                f.end_offset += start
                findings.append(f)
            line_base += piece.count("\n")
        return Prepared(path, text, fmt, findings=findings)

    def _worth_tokenizing(self, document: Document, hits: dict[str, Hits | None], plan: languages.Plan) -> Document:
        """The document with only the segments that hold a term that counts in their
        language, each marked with its language (`Segment.lang`)."""
        if plan.single:  # one language throughout: every segment is in it
            lang = plan.default
            kept = self.engine_for(lang).candidates(document, hits[lang]) if lang in hits else []
            for seg in kept:
                seg.lang = lang
            return Document(document.source, kept, document.format)
        by_language: dict[str, list[Segment]] = {}
        segments = [seg for seg in document.segments if seg.text]
        for seg, lang in zip(segments, plan.assign(segments)):
            if lang in hits:
                seg.lang = lang
                by_language.setdefault(lang, []).append(seg)
        kept = set()
        for lang, segments in by_language.items():
            part = Document(document.source, segments, document.format)
            kept.update(id(seg) for seg in self.engine_for(lang).candidates(part, hits[lang]))
        return Document(document.source, [seg for seg in document.segments if id(seg) in kept], document.format)

    def _lint_prepared(self, document: Document, path: str) -> list[Finding]:
        """Tokenize and check the candidate segments, each with its language's engine."""
        by_language: dict[str, list[Segment]] = {}
        for seg in document.segments:
            by_language.setdefault(seg.lang or self.language, []).append(seg)
        if len(by_language) == 1:
            (lang, _), = by_language.items()
            return self.engine_for(lang).lint_segments(document, path)
        findings: list[Finding] = []
        for lang, segments in by_language.items():
            findings.extend(self.engine_for(lang).lint_segments(Document(document.source, segments, document.format), path))
        findings.sort(key=Finding.sort_key)
        return findings

    def finish(self, prepared: Prepared, suppress: bool = True) -> list[Finding]:
        """The findings in a prepared file: its candidate segments tokenized and checked."""
        if prepared.findings is not None:
            findings = prepared.findings
        elif prepared.document is not None:
            findings = self._lint_prepared(prepared.document, prepared.path)
        else:
            return []  # no term anywhere: not even parsed
        if prepared.fmt == "pdf":
            from .readers.pdf import paginate

            findings = sorted(paginate(findings, prepared.text), key=Finding.sort_key)
        if not suppress:
            return findings
        return self.suppressed(findings, prepared.text, prepared.fmt, prepared.path)

    # -- the decision trace ----------------------------------------------------------------------
    # Every occurrence of every rule's term, reported or not, and the stage that decided
    # (see hr_lint/trace.py). A separate engine with every rule and no gates: a run that
    # does not ask for the trace never builds it.

    def trace_text(self, text: str, format: str = "markdown", path: str = "<text>",
                   language: str | None = None) -> list:
        """The decision trace of a string (a list of `trace.Occurrence`); `language` as for
        `lint_text`."""
        if format not in readers.FORMATS or format in readers.BINARY_FORMATS:
            raise ValueError(f"unknown format '{format}': expected markdown, html, rst or text")
        return self._trace_source(text, format, path, language=language)

    def trace_bytes(self, data: bytes, path: str, format: str | None = None) -> list:
        fmt = format or self.format_for(path) or "text"
        if fmt in readers.BINARY_FORMATS:
            try:
                document = readers.parse_binary(data, fmt)
            except readers.ReaderError as exc:
                raise InputError(path, str(exc)) from None
            return self._trace_source(document.source, fmt, path, document)
        text = decode(data, path)
        if format is None:
            fmt = self._sniffed(fmt, path, text)
        return self._trace_source(text, fmt, path)

    def trace_file(self, path: str | os.PathLike, format: str | None = None) -> list:
        """The decision trace of one file; unreadable input raises `InputError`."""
        path = os.fspath(path)
        return self.trace_bytes(read_limited(path), path, format)

    @property
    def _trace_engine(self) -> Engine | None:
        """The trace engine of the main language, if it has been built."""
        return self._trace_engines.get(self.language)

    @property
    def trace_engine(self) -> Engine:
        """The trace's engine of the main language (see `trace_engine_for`)."""
        return self.trace_engine_for(self.language)

    def trace_engine_for(self, language: str) -> Engine:
        """Every rule of one language, selected or not, and no gates."""
        engine = self._trace_engines.get(language)
        if engine is None:
            engine = self._trace_engines[language] = Engine(
                self.config.all_rules(language), self.config.engine_options(), screens=False, language=language)
            engine.private_pipeline = self.private_pipeline
        return engine

    def _tracer(self):
        from .trace import Tracer

        config = self.config
        active = {r.id for r in self.rules}
        rules = {r.id: r for r in config.all_rules()}

        def why_unselected(rule_id: str) -> str:
            rule = rules[rule_id]
            if rule.debated and config.debated == "ignore":
                return ("a debated term (guides disagree on it), which this policy does not report"
                        f" (debated: ignore; {config.origins.get('debated', 'the default')})")
            for sel in config.ignore:
                if sel in (rule.id, rule.category):
                    return f"'{sel}' is in ignore ({config.origins.get('ignore', 'the configuration')})"
            return (f"the rule is not in select ({config.origins.get('select', 'the configuration')}:"
                    f" {', '.join(config.select or [])})")

        def skip_segment(kind: str) -> str | None:
            if not config.lint_attributes and kind in ("alt", "title"):
                return f"{kind} text, which this configuration does not lint (lint-attributes: false)"
            return None

        return Tracer(active, why_unselected, skip_segment)

    def _trace_document(self, document: Document, plan: languages.Plan, path: str, tracer) -> None:
        """Trace every segment with the engine of its language."""
        by_language: dict[str, list[Segment]] = {}
        segments = [seg for seg in document.segments if seg.text]
        for seg, lang in zip(segments, plan.assign(segments)):
            if lang in languages.LANGUAGES:
                by_language.setdefault(lang, []).append(seg)
        for lang, segments in by_language.items():
            self.trace_engine_for(lang).lint_segments(Document(document.source, segments, document.format), path,
                                                      trace=tracer)

    def _trace_source(self, text: str, fmt: str, path: str, document: Document | None = None,
                      language: str | None = None) -> list:
        tracer = self._tracer()
        plan = languages.plan(text, fmt, language or self.config.language)
        if document is not None:
            self._trace_document(document, plan, path, tracer)
        else:
            line_base = 0
            for start, end in _chunks(text, fmt):
                piece = text[start:end]
                first = len(tracer.occurrences)
                piece_plan = plan.shifted(start) if plan.spans else plan
                self._trace_document(readers.parse(piece, fmt), piece_plan, path, tracer)
                for o in tracer.occurrences[first:]:
                    f = o.finding
                    f.line += line_base
                    f.end_line += line_base
                    f.offset += start
                    f.end_offset += start
                line_base += piece.count("\n")
        occurrences = tracer.occurrences
        if fmt == "pdf":
            from .readers.pdf import paginate

            paginate([o.finding for o in occurrences], text)
        found = suppress.directives(text, fmt)
        if found:
            for o in occurrences:
                if o.reported:
                    covering = next((d for d in found if d.covers(o.finding)), None)
                    if covering is not None:
                        o.reported, o.stage = False, "suppression"
                        o.reason = f"the hr-lint comment on line {covering.line} turns it off"
        if self.config.debated == "once":
            debated = {r.id for r in self.rules if r.debated}
            seen: set[str] = set()
            for o in sorted(occurrences, key=lambda o: o.sort_key()):
                if o.reported and o.rule in debated:
                    if o.rule in seen:
                        o.reported, o.stage = False, "selection"
                        o.reason = "a debated term already reported in this document (debated: once)"
                    seen.add(o.rule)
        occurrences.sort(key=lambda o: o.sort_key())
        return occurrences

    def _screen(self, text: str, fmt: str, language: str = languages.DEFAULT) -> Screen:
        """The file gate's verdict on a text for the terms of `language` (see
        hr_lint/gate.py). A text that writes accented letters as entities, which the gate
        blanks out, is parsed whole for Spanish. With `report-unused-suppressions`, a text
        with an hr-lint comment is parsed for it alone."""
        if language != "en" and fmt in ("html", "markdown") and "&" in text and _LETTER_ENTITY.search(text):
            return gate.EVERYTHING
        store = self._gates.get(language)
        if store is None:
            store = self._gates[language] = gate.GateStore(lambda: self._gate_file(language),
                                                           lambda: self.engine_for(language).file_gate)
        verdict = gate.screen(store.gate(language in self._engines), text, fmt)
        if not verdict.parse and self.config.report_unused_suppressions and "hr-lint" in text:
            return gate.Screen(True, Hits([], []))
        return verdict

    def _gate_file(self, language: str) -> str | None:
        """Where the file gate for this rule set is cached: keyed by the fingerprint, which
        covers the wordlists, the checks' `needs` and the code that builds the gate."""
        if not self.cache_dir:
            return None
        suffix = "" if language == "en" else f"-{language}"
        return os.path.join(self.cache_dir, f"gate-{self.fingerprint[:32]}{suffix}.json")

    def suppressed(self, findings: list[Finding], source: str, fmt: str, path: str) -> list[Finding]:
        """`findings` (in `source`, sorted) without those its suppression comments cover;
        with `debated: once`, only the first finding of each debated rule that is left;
        with `report-unused-suppressions`, a finding for each comment that covers none."""
        found = suppress.directives(source, fmt)
        findings = suppress.apply(findings, found)
        if self.config.debated == "once":
            findings = self._first_of_debated(findings)
        if self.config.report_unused_suppressions:
            for d in found:
                if not d.used:
                    lines = source.split("\n") if source else [""]
                    line_text = lines[d.line - 1]
                    start = sum(len(x) + 1 for x in lines[:d.line - 1])
                    shown = line_text.rstrip("\r")
                    findings.append(Finding(
                        path=path, line=d.line, column=1, end_line=d.line, end_column=len(line_text) + 1,
                        rule="unused-suppression", category="hr-lint", severity="warning",
                        message="This hr-lint comment suppresses nothing; remove it or name the right rule.",
                        text=shown, offset=start, end_offset=start + len(shown),
                    ))
            findings.sort(key=Finding.sort_key)
        return findings

    def _first_of_debated(self, findings: list[Finding]) -> list[Finding]:
        """The first finding of each debated rule in a document, and every other finding."""
        debated = {r.id for r in self.rules if r.debated}
        seen: set[str] = set()
        kept = []
        for f in findings:
            if f.rule in debated:
                if f.rule in seen:
                    continue
                seen.add(f.rule)
            kept.append(f)
        return kept

    def format_for(self, path: str) -> str | None:
        return self.config.format_for(path)

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that could change a finding changes: for the cache."""
        if self._fingerprint is None:
            import hashlib
            from pathlib import Path

            from .fingerprint import package_digest

            h = hashlib.sha256(package_digest().encode())
            for rule_file in self.config.rule_files:
                h.update(Path(rule_file).read_bytes())
            c = self.config
            h.update(repr((c.select, sorted(c.ignore), sorted(c.extend_select), sorted(c.severity.items()), c.allow, c.quotes,
                           c.first_person, sorted(c.file_types.items()), c.report_unused_suppressions,
                           c.lint_attributes, c.debated) + ((c.language,) if c.language != "auto" else ())).encode())
            self._fingerprint = h.hexdigest()
        return self._fingerprint
