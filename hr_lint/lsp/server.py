"""`hr-lint lsp`: the language server (pygls over stdio), a thin front end on `Linter`.

Threads: pygls runs the protocol on an asyncio loop; every use of a linter (loading
rules and spaCy, linting, checking a code action's edit) runs on one worker thread, in
order, so the loop keeps reading messages while a document is linted and spaCy is never
used from two threads. spaCy is loaded on that thread as soon as the client says
`initialized`.

Linting: on open and save at once; on change debounced (a change after a quiet spell is
linted at once, a burst of changes once it pauses for `debounce` ms). Diagnostics are
published only for the version they were computed on. A code action or hover request
first brings the document's findings up to date, so every edit it returns applies to the
text the client has.

Diagnostics are pushed (`textDocument/publishDiagnostics`) unless the client can pull them
(`textDocument/diagnostic`, LSP 3.17): then they are only answered when asked for (both
would show every finding twice), and a configuration change sends
`workspace/diagnostic/refresh` so the client asks again.
"""
from __future__ import annotations

import asyncio
import logging
import os
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.capabilities import ServerCapabilitiesBuilder
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES
from ..finding import Finding, severity_rank
from ..linter import MAX_FILE_BYTES
from ..readers import BINARY_FORMATS
from ..yamlload import ConfigError
from . import actions, config_edit
from .configs import Linters, Settings
from .incremental import IncrementalLinter
from .textdoc import UTF16, TextDocument

logger = logging.getLogger("hr_lint.lsp")

# languageId -> format, for documents whose file name does not say
LANGUAGE_FORMATS = {
    "markdown": "markdown", "md": "markdown", "mdx": "markdown",
    "html": "html", "xhtml": "html",
    "restructuredtext": "rst", "rst": "rst",
    "plaintext": "text", "text": "text", "txt": "text",
}
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
WATCHED = ["**/.hr-lint.yaml", "**/.hr-lint.yml", "**/hr-lint.yaml", "**/pyproject.toml", "**/*.yaml", "**/*.yml"]
SOURCE = "hr-lint"
# the findings a code-action request gets actions for (a selection may hold hundreds)
MAX_FINDINGS_PER_REQUEST = 10
# the diagnostics shown for one document (a pasted log or a generated page can hold
# hundreds of thousands of findings: megabytes of JSON the editor would choke on)
MAX_DIAGNOSTICS = 1000


@dataclass
class DocState:
    doc: TextDocument
    path: str | None  # the file, for a file: URI
    incremental: IncrementalLinter = field(default_factory=IncrementalLinter)
    findings: list[Finding] = field(default_factory=list)  # of `linted_version`, above the floor
    linted_version: object = None
    linted_text: str | None = None
    linter: object = None
    fmt: str | None = None
    timer: asyncio.TimerHandle | None = None
    task: asyncio.Task | None = None
    dirty: bool = False
    changes: int = 0  # configuration changes seen while the document was open
    linted_changes: int = 0  # of them, those `findings` were computed after
    last_change: float = float("-inf")
    closed: bool = False
    result_id: int = 0  # of `findings`, for pulled diagnostics


class _Protocol(LanguageServerProtocol):
    """pygls's protocol with hr-lint's own document store: LSP lines end at "\\n", "\\r\\n"
    or "\\r" only (pygls's store also splits at form feeds and Unicode line separators)."""

    def _user(self, method, params):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params):
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params):
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params):
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)


class HrLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("hr-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.docs: dict[str, DocState] = {}
        self.linters = Linters()
        self.settings = Settings()
        self.encoding = UTF16
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="hr-lint-lint")
        self.capabilities: types.ClientCapabilities | None = None
        self.roots: list[str] = []
        self.ready: asyncio.Future | None = None  # spaCy and the first linter loaded
        self._config_errors: dict[str, types.Diagnostic] = {}  # config file URI -> its problem, published
        self._messages_shown: set[str] = set()
        self._published: set[str] = set()  # documents that have diagnostics on the client
        self._init_problems: list[str] = []
        self._capped: set[str] = set()  # documents told that only MAX_DIAGNOSTICS are shown
        self._generation = 0  # of `linters` when the open documents were last linted
        self._stopping = False
        self.pull = False  # the client pulls diagnostics (textDocument/diagnostic)
        self._results = 0  # result ids of pulled diagnostics

    # -- helpers --------------------------------------------------------------------------------
    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    def run_locked(self, fn, *args):
        """Run `fn` on the linting thread."""
        return self.loop.run_in_executor(self.executor, fn, *args)

    def log(self, level: types.MessageType, message: str) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=level, message=message))
        except Exception:  # noqa: BLE001 - the client may be gone
            logger.debug("could not send a log message", exc_info=True)

    def show_once(self, level: types.MessageType, message: str) -> None:
        if message not in self._messages_shown:
            self._messages_shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=level, message=message))

    def supports(self, dotted: str) -> bool:
        value = self.capabilities
        for part in dotted.split("."):
            value = getattr(value, part, None)
            if value is None:
                return False
        return bool(value)

    def fallback_dir(self) -> str | None:
        """Where a document that is not a file looks for its configuration."""
        return self.roots[0] if self.roots else None

    # -- linting ------------------------------------------------------------------------------
    def _lint_job(self, state: DocState, text: str, language_id: str | None):
        """On the linting thread: (findings, linter, format, config error, crash)."""
        try:
            try:
                linter = self.linters.linter_for(state.path, self.fallback_dir())
            except ConfigError as exc:
                return [], None, None, exc, None
            if state.path and linter.config.is_excluded(os.path.abspath(state.path)):
                return [], linter, None, None, None
            fmt = self.format_of(linter, state.path, language_id, text)
            if fmt is None:
                return [], linter, None, None, None
            if len(text) > MAX_FILE_BYTES:  # as `hr-lint` refuses such a file
                raise ValueError(f"the document has {len(text):,} characters, over the limit of "
                                 f"{MAX_FILE_BYTES:,}")
            findings = state.incremental.lint(linter, text, fmt, state.path or state.doc.uri)
            logger.debug("%s: %d of %d pieces linted, %d findings", state.doc.uri,
                         state.incremental.relinted, state.incremental.pieces, len(findings))
            return findings, linter, fmt, None, None
        except Exception as exc:  # noqa: BLE001 - one document's crash must not stop the server
            logger.exception("linting %s failed", state.doc.uri)
            return [], None, None, None, exc

    @staticmethod
    def format_of(linter, path: str | None, language_id: str | None, text: str) -> str | None:
        if path:
            fmt = linter.format_for(path)
            if fmt in BINARY_FORMATS:
                return None  # .docx, PDF: not text; `hr-lint` reads them, an editor does not
            if fmt is not None:
                return linter.text_format(path, text)
        return LANGUAGE_FORMATS.get((language_id or "").lower())

    async def lint(self, uri: str) -> None:
        """Lint the document's current text once and publish if it is still current."""
        state = self.docs.get(uri)
        if state is None or self._stopping:
            return
        doc = state.doc
        version, text, changes = doc.version, doc.text, state.changes
        state.dirty = False
        if self.ready is not None:
            await asyncio.shield(self.ready)
        try:
            findings, linter, fmt, error, crash = await self.run_locked(self._lint_job, state, text, doc.language_id)
        except RuntimeError:  # the linting thread is gone: shutting down
            return
        if self.linters.generation != self._generation:
            # a configuration file changed on disk (seen without the editor's word): the
            # other documents may be governed by it too
            self._generation = self.linters.generation
            self.clear_config_errors()
            for other in list(self.docs):
                if other != uri:
                    self.docs[other].changes += 1
                    self.schedule(other, 0)
            self.refresh_pulled()
        if state.closed or self._stopping:
            return
        if error is not None:
            self.config_error(error)
        if crash is not None:
            self.log(types.MessageType.Error,
                     f"hr-lint: linting {uri} failed ({type(crash).__name__}: {crash}); no findings shown for it. "
                     + "".join(traceback.format_exception_only(type(crash), crash)).strip())
        floor = severity_rank(self.settings.minimum_severity)
        shown = [f for f in findings if severity_rank(f.severity) >= floor]
        if doc.version == version and doc.text == text:
            state.findings, state.linted_version, state.linted_text = shown, version, text
            state.linter, state.fmt = linter, fmt
            self._results += 1
            state.result_id, state.linted_changes = self._results, changes
            if self.pull:
                pass  # the client asks for them (`textDocument/diagnostic`)
            elif fmt is not None or error is not None or crash is not None or uri in self._published:
                self.publish(state)
        if state.dirty and state.timer is None:
            self.schedule(uri, self.settings.debounce_ms / 1000)

    def refresh_pulled(self) -> None:
        """Ask a client that pulls diagnostics to pull them again (the configuration changed)."""
        if self.pull and self.supports("workspace.diagnostics.refresh_support"):
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception:  # noqa: BLE001 - the client may be gone
                logger.debug("diagnostic refresh failed", exc_info=True)

    def publish(self, state: DocState) -> None:
        uri = state.doc.uri
        self._published.add(uri)
        diagnostics = self.diagnostics(state)
        if uri in self._config_errors:  # a configuration file open in the editor
            diagnostics.append(self._config_errors[uri])
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=state.linted_version if isinstance(state.linted_version, int) else None))

    def diagnostics(self, state: DocState) -> list[types.Diagnostic]:
        """The document's findings as diagnostics, the first MAX_DIAGNOSTICS of them."""
        uri, findings = state.doc.uri, state.findings
        if len(findings) > MAX_DIAGNOSTICS:
            if uri not in self._capped:
                self._capped.add(uri)
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=(
                    f"hr-lint: {os.path.basename(state.path or uri)} has {len(findings):,} findings; the first "
                    f"{MAX_DIAGNOSTICS:,} are shown (run hr-lint on the file for all of them)")))
            findings = findings[:MAX_DIAGNOSTICS]
        else:
            self._capped.discard(uri)
        return [self.diagnostic(f, state.doc) for f in findings]

    def diagnostic(self, f: Finding, doc: TextDocument) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.range(doc, f.offset, f.end_offset),
            message=f.message,
            severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.rule,
            code_description=types.CodeDescription(href=f.source) if f.source else None,
            source=SOURCE,
            tags=[types.DiagnosticTag.Unnecessary] if f.voice else None,
        )

    @staticmethod
    def range(doc: TextDocument, start: int, end: int) -> types.Range:
        sl, sc = doc.position_at(start)
        el, ec = doc.position_at(end)
        return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))

    def schedule(self, uri: str, delay: float) -> None:
        state = self.docs.get(uri)
        if state is None or self._stopping:
            return
        if state.timer is not None:
            state.timer.cancel()

        def fire():
            state.timer = None
            if state.task is not None and not state.task.done():
                state.dirty = True  # linted again when the running lint ends
                return
            state.task = self.loop.create_task(self.lint(uri))

        state.timer = self.loop.call_later(delay, fire)

    def changed(self, uri: str) -> None:
        """A change: linted at once after a quiet spell, else when the burst pauses."""
        state = self.docs[uri]
        now = self.loop.time()
        debounce = self.settings.debounce_ms / 1000
        quiet = now - state.last_change >= debounce and state.timer is None
        state.last_change = now
        self.schedule(uri, 0 if quiet else debounce)

    async def fresh(self, uri: str) -> DocState | None:
        """The document's state with findings of its current text (linted now if needed)."""
        for _ in range(5):
            state = self.docs.get(uri)
            if state is None:
                return None
            if state.linted_version == state.doc.version and state.linted_text == state.doc.text \
                    and state.linted_changes == state.changes:
                return state
            if state.timer is not None:
                state.timer.cancel()
                state.timer = None
            if state.task is None or state.task.done():
                state.task = self.loop.create_task(self.lint(uri))
            await asyncio.shield(state.task)
        return self.docs.get(uri)

    def relint_all(self) -> None:
        for uri, state in list(self.docs.items()):
            state.changes += 1
            self.schedule(uri, 0)
        self.refresh_pulled()

    # -- configuration --------------------------------------------------------------------------
    def config_error(self, exc: ConfigError) -> None:
        path = exc.path
        message = exc.message
        if path and os.path.isfile(path):
            uri = from_fs_path(os.path.abspath(path))
            if uri not in self._config_errors or self._config_errors[uri].message != message:
                try:
                    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
                        text = fh.read()
                except OSError:
                    text = ""
                # the line as the editor counts lines (a line past the end: the last one)
                doc = TextDocument(uri, text, encoding=self.encoding)
                line = min(max((exc.line or 1) - 1, 0), len(doc.line_starts) - 1)
                start = doc.line_starts[line]
                self._config_errors[uri] = types.Diagnostic(
                    range=self.range(doc, start, start + len(doc.line_text(line))), message=message,
                    severity=types.DiagnosticSeverity.Error, source=SOURCE, code="configuration")
                state = self.docs.get(uri)
                if state is not None and not self.pull:
                    self.publish(state)  # the file is open in the editor: with what it shows
                else:
                    self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                        uri=uri, diagnostics=[self._config_errors[uri]]))
        self.show_once(types.MessageType.Error,
                       f"hr-lint: {exc} - the documents it governs are not checked until it is fixed")

    def config_relevant(self, path: str) -> bool:
        """Whether a change to the file at `path` can change a linter: a configuration
        file, a custom rule file, or a YAML file a configuration file names (`extends`)."""
        name = os.path.basename(path)
        if name in CONFIG_NAMES or name == "pyproject.toml":
            return True
        deps = self.linters.dependencies()
        if os.path.abspath(path) in deps:
            return True
        if name.endswith((".yaml", ".yml")):
            for dep in deps:
                try:
                    with open(dep, encoding="utf-8", errors="replace") as fh:
                        if name in fh.read():
                            return True
                except OSError:
                    continue
        return False

    def reload(self) -> None:
        """Configuration files changed: forget every linter and lint the open documents again."""
        async def run():
            await self.run_locked(self.linters.clear)
            self._generation = self.linters.generation
            self.clear_config_errors()
            self.relint_all()

        self.loop.create_task(run())

    def clear_config_errors(self) -> None:
        """Withdraw the configuration problems shown: linting shows them again if they remain."""
        for uri in list(self._config_errors):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self._config_errors.clear()
        self._messages_shown.clear()

    def apply_settings(self, data) -> None:
        settings, problems = self.settings.updated(data)
        for problem in problems:
            self.show_once(types.MessageType.Warning, f"hr-lint: {problem}")
        changed = settings != self.settings
        self.settings = settings
        if changed:
            async def run():
                def set_preset():
                    self.linters.preset = settings.preset
                await self.run_locked(set_preset)
                self.relint_all()
            self.loop.create_task(run())

    async def pull_settings(self) -> None:
        if not self.supports("workspace.configuration"):
            return
        try:
            result = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="hr-lint")]))
        except Exception:  # noqa: BLE001 - a client may refuse
            logger.debug("workspace/configuration failed", exc_info=True)
            return
        if result and isinstance(result[0], dict):
            self.apply_settings(result[0])

    # -- code actions ---------------------------------------------------------------------------
    def code_actions(self, state: DocState, start: int, end: int, only: list[str] | None,
                     named: set[tuple[str, int, int]] | None = None) -> list[actions.Action]:
        """On the linting thread: the actions for findings touching [start, end] (at most
        MAX_FINDINGS_PER_REQUEST of them: those the client named as (rule, start, end)
        first, then from the start of the range)."""
        text, fmt, linter = state.linted_text, state.fmt, state.linter
        if text is None or fmt is None or linter is None:
            return []

        def allowed(kind):
            if only is None:
                return kind == actions.QUICKFIX
            return any(kind == o or kind.startswith(o + ".") for o in only)

        out: list[actions.Action] = []
        here = [f for f in state.findings if f.offset <= end and f.end_offset >= start]
        if len(here) > MAX_FINDINGS_PER_REQUEST:
            # a selection of a whole document (editors ask at every selection change):
            # each suppression comment is checked by linting, so the work is bounded
            first = {id(f) for f in here if (f.rule, f.offset, f.end_offset) in (named or ())}
            here = ([f for f in here if id(f) in first] + [f for f in here if id(f) not in first])[
                :MAX_FINDINGS_PER_REQUEST]
            here.sort(key=lambda f: f.offset)
        path = state.path or state.doc.uri
        if allowed(actions.QUICKFIX):
            for f in here:
                out.extend(actions.replacements(f))
            for f in here:
                if f.rule == "unused-suppression":
                    continue
                act = actions.suppress(text, fmt, f, lambda t: state.incremental.lint(linter, t, fmt, path, keep=False),
                                       state.findings,
                                       state.incremental.starts if state.incremental.text == text else None)
                if act is not None:
                    out.append(act)
            seen = set()
            for f in here:
                phrase = " ".join(f.text.split())
                if f.rule == "unused-suppression" or phrase.lower() in seen:
                    continue
                seen.add(phrase.lower())
                act = self.allow_action(state, f, phrase)
                if act is not None:
                    out.append(act)
            if here:
                act = actions.fix_all(text, state.findings, kind=actions.QUICKFIX)
                if act is not None and len(act.edits) > 1:
                    out.append(act)
        if only is not None and allowed(actions.FIX_ALL):
            act = actions.fix_all(text, state.findings)
            if act is not None:
                out.append(act)
        return out

    def allow_action(self, state: DocState, f: Finding, phrase: str) -> actions.Action | None:
        config_file = self.linters.config_file_for(state.path, self.fallback_dir())
        title = f"Allow '{phrase}' in {{}} (never reported)"
        if config_file is None:
            if not (self.supports("workspace.workspace_edit.document_changes")
                    and "create" in (getattr(getattr(getattr(self.capabilities, "workspace", None), "workspace_edit", None),
                                             "resource_operations", None) or [])):
                return None
            folder = self.new_config_dir(state.path)
            if folder is None:
                return None
            target = os.path.join(folder, config_edit.NEW_FILE)
            edit = actions.FileEdit(target, "", [actions.Edit(0, 0, config_edit.new_file_text(phrase))], create=True)
            return actions.Action(title.format(config_edit.NEW_FILE + " (new)"), actions.QUICKFIX, file_edit=edit, findings=[f])
        uri = from_fs_path(config_file)
        open_doc = self.docs.get(uri)
        if open_doc is not None:
            before = open_doc.doc.text
        else:
            try:
                with open(config_file, encoding="utf-8", newline="") as fh:
                    before = fh.read()
            except (OSError, UnicodeDecodeError):
                return None
        edits = config_edit.add_allow(config_file, before, phrase)
        if edits is None:
            reason = config_edit.why_not(config_file, before, phrase)
            logger.info("no allow edit for %s: %s", config_file, reason)
            if not self.supports("text_document.code_action.disabled_support"):
                return None
            return actions.Action(title.format(os.path.basename(config_file)), actions.QUICKFIX, findings=[f],
                                  disabled=reason)
        return actions.Action(title.format(os.path.basename(config_file)), actions.QUICKFIX,
                              file_edit=actions.FileEdit(config_file, before, edits), findings=[f])

    def new_config_dir(self, path: str | None) -> str | None:
        """Where a new .hr-lint.yaml is found by the CLI for this file: the repository root
        above it, else the workspace folder holding it, else its own folder."""
        if not path:
            return self.fallback_dir()
        folder = os.path.dirname(os.path.abspath(path))
        here = folder
        while True:
            if os.path.exists(os.path.join(here, ".git")):
                return here
            if here in self.roots:
                return here
            parent = os.path.dirname(here)
            if parent == here:
                return folder
            here = parent

    def to_code_action(self, state: DocState, act: actions.Action) -> types.CodeAction:
        doc = state.doc
        versioned = self.supports("workspace.workspace_edit.document_changes")
        changes: dict[str, list[types.TextEdit]] = {}
        document_changes: list = []
        if act.edits:
            edits = [types.TextEdit(range=self.range(doc, e.start, e.end), new_text=e.text) for e in act.edits]
            changes[doc.uri] = edits
            document_changes.append(types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
                edits=edits))
        if act.file_edit is not None:
            fe = act.file_edit
            uri = from_fs_path(fe.path)
            open_doc = self.docs.get(uri)
            target = open_doc.doc if open_doc is not None else TextDocument(uri, fe.before, encoding=self.encoding)
            edits = [types.TextEdit(range=self.range(target, e.start, e.end), new_text=e.text) for e in fe.edits]
            if fe.create:
                document_changes.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(overwrite=False,
                                                                                                  ignore_if_exists=False)))
            changes[uri] = edits
            document_changes.append(types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=uri, version=open_doc.doc.version if open_doc is not None else None),
                edits=edits))
        workspace_edit = types.WorkspaceEdit(document_changes=document_changes) if versioned \
            else types.WorkspaceEdit(changes=changes)
        return types.CodeAction(
            title=act.title, kind=act.kind, edit=None if act.disabled else workspace_edit,
            is_preferred=act.preferred or None,
            disabled=types.CodeActionDisabled(reason=act.disabled) if act.disabled else None,
            diagnostics=[self.diagnostic(f, doc) for f in act.findings] or None)


def create_server() -> HrLintServer:
    server = HrLintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: HrLintServer, params: types.InitializeParams):
        ls.capabilities = params.capabilities
        ls.pull = ls.supports("text_document.diagnostic")
        chosen = ServerCapabilitiesBuilder.choose_position_encoding(params.capabilities)  # as pygls announces it
        ls.encoding = str(getattr(chosen, "value", chosen))
        roots = [to_fs_path(f.uri) for f in params.workspace_folders or []]
        if not roots and params.root_uri:
            roots = [to_fs_path(params.root_uri)]
        elif not roots and params.root_path:
            roots = [params.root_path]
        ls.roots = [os.path.abspath(r) for r in roots if r]
        settings, problems = ls.settings.updated(params.initialization_options)
        ls.settings = settings
        ls.linters.preset = settings.preset
        ls._init_problems = problems

    @server.feature(types.INITIALIZED)
    async def initialized(ls: HrLintServer, params: types.InitializedParams):
        for problem in ls._init_problems:
            ls.show_once(types.MessageType.Warning, f"hr-lint: {problem}")

        def warm():
            # spaCy and the rules, once, before the first document needs them
            from ..linter import Linter
            from ..config import load_config

            try:
                linter = ls.linters.linter_for(None, ls.fallback_dir())
            except ConfigError:
                linter = Linter(load_config(None, preset=ls.linters.preset))
            linter.engine.warm()
            # spaCy's vocabulary and the rules live as long as the server: kept out of the
            # cyclic collector's view, whose full passes over them took a tenth of a second
            import gc

            gc.collect()
            gc.freeze()

        async def load():
            token = "hr-lint-loading"
            shown = False
            if ls.supports("window.work_done_progress"):
                try:
                    await ls.work_done_progress.create_async(token)
                    ls.work_done_progress.begin(token, types.WorkDoneProgressBegin(
                        title="hr-lint", message="loading the rules and spaCy"))
                    shown = True
                except Exception:  # noqa: BLE001 - the client may refuse
                    logger.debug("no progress token", exc_info=True)
            try:
                await ls.run_locked(warm)
            except Exception:  # noqa: BLE001 - a document's lint will report the problem
                logger.exception("loading spaCy failed")
            if shown:
                ls.work_done_progress.end(token, types.WorkDoneProgressEnd(message="ready"))

        ls.ready = ls.loop.create_task(load())
        if ls.supports("workspace.did_change_watched_files.dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                    id="hr-lint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
            except Exception:  # noqa: BLE001
                logger.debug("file watcher registration refused", exc_info=True)
        await ls.pull_settings()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HrLintServer, params: types.DidOpenTextDocumentParams):
        item = params.text_document
        old = ls.docs.pop(item.uri, None)
        if old is not None:
            old.closed = True
        doc = TextDocument(item.uri, item.text, item.version, item.language_id, encoding=ls.encoding)
        ls.docs[item.uri] = DocState(doc, to_fs_path(item.uri) if item.uri.startswith("file:") else None)
        ls.schedule(item.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HrLintServer, params: types.DidChangeTextDocumentParams):
        state = ls.docs.get(params.text_document.uri)
        if state is None:
            return
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                state.doc.apply(change.text, (r.start.line, r.start.character), (r.end.line, r.end.character))
            else:
                state.doc.apply(change.text)
        state.doc.version = params.text_document.version
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: HrLintServer, params: types.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path and ls.config_relevant(path):
            ls.reload()
        elif uri in ls.docs:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HrLintServer, params: types.DidCloseTextDocumentParams):
        state = ls.docs.pop(params.text_document.uri, None)
        if state is None:
            return
        state.closed = True
        if state.timer is not None:
            state.timer.cancel()
        if params.text_document.uri in ls._published:
            ls._published.discard(params.text_document.uri)
            # a configuration file's problem stays shown while the file is broken
            problem = ls._config_errors.get(params.text_document.uri)
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=params.text_document.uri, diagnostics=[problem] if problem is not None else []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: HrLintServer, params: types.DidChangeWatchedFilesParams):
        for change in params.changes:
            path = to_fs_path(change.uri) if change.uri.startswith("file:") else None
            if path is not None and ls.config_relevant(path):
                ls.reload()
                return

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_workspace_folders(ls: HrLintServer, params: types.DidChangeWorkspaceFoldersParams):
        removed = {os.path.abspath(to_fs_path(f.uri) or "") for f in params.event.removed}
        added = [os.path.abspath(p) for p in (to_fs_path(f.uri) for f in params.event.added) if p]
        ls.roots = [r for r in ls.roots if r not in removed] + [a for a in added if a not in ls.roots]

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: HrLintServer, params: types.DidChangeConfigurationParams):
        if params.settings:
            ls.apply_settings(params.settings)
        else:
            await ls.pull_settings()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=False))
    async def code_action(ls: HrLintServer, params: types.CodeActionParams):
        try:
            state = await ls.fresh(params.text_document.uri)
            if state is None:
                return None
            doc = state.doc
            start = doc.offset_at(params.range.start.line, params.range.start.character)
            end = doc.offset_at(params.range.end.line, params.range.end.character)
            only = [str(k.value if hasattr(k, "value") else k) for k in params.context.only] \
                if params.context.only else None
            named = {(str(d.code), doc.offset_at(d.range.start.line, d.range.start.character),
                      doc.offset_at(d.range.end.line, d.range.end.character))
                     for d in params.context.diagnostics or []}
            found = await ls.run_locked(ls.code_actions, state, start, end, only, named)
            if state.doc.version != doc.version or state.doc.text != state.linted_text:
                return []  # changed meanwhile: the edits would not apply
            return [ls.to_code_action(state, a) for a in found]
        except Exception as exc:  # noqa: BLE001
            logger.exception("code actions for %s failed", params.text_document.uri)
            ls.log(types.MessageType.Error, f"hr-lint: code actions failed ({type(exc).__name__}: {exc})")
            return []

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False))
    async def pull_diagnostics(ls: HrLintServer, params: types.DocumentDiagnosticParams):
        try:
            state = await ls.fresh(params.text_document.uri)
        except Exception:  # noqa: BLE001
            logger.exception("diagnostics for %s failed", params.text_document.uri)
            state = None
        if state is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = str(state.result_id)
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(
            items=ls.diagnostics(state), result_id=result_id)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: HrLintServer, params: types.HoverParams):
        try:
            state = await ls.fresh(params.text_document.uri)
            if state is None or not state.findings:
                return None
            doc = state.doc
            at = doc.offset_at(params.position.line, params.position.character)
            here = [f for f in state.findings if f.offset <= at < f.end_offset or (f.offset == f.end_offset == at)]
            if not here:
                return None
            rules = {r.id: r for r in state.linter.rules} if state.linter is not None else {}
            text = "\n\n---\n\n".join(actions.hover(f, rules.get(f.rule)) for f in here)
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                               range=ls.range(doc, min(f.offset for f in here), max(f.end_offset for f in here)))
        except Exception as exc:  # noqa: BLE001
            logger.exception("hover for %s failed", params.text_document.uri)
            ls.log(types.MessageType.Error, f"hr-lint: hover failed ({type(exc).__name__}: {exc})")
            return None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: HrLintServer, params):
        ls._stopping = True
        for state in ls.docs.values():
            if state.timer is not None:
                state.timer.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server
