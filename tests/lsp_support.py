"""Helpers for the language-server tests: a pytest-lsp client that keeps every
publishDiagnostics it receives (with its version), and small waits on it."""
from __future__ import annotations

import asyncio
import os
import sys
import time

from lsprotocol import types
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter

SERVER = [sys.executable, "-m", "hr_lint", "lsp"]
HERE = os.path.dirname(os.path.abspath(__file__))


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    features = {k: v for k, v in DEFAULT_CLIENT_FEATURES.items() if k != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}
    register_lsp_features(client, features)
    client.published = []  # every PublishDiagnosticsParams, in order
    client.registrations = []  # every Registration the server asked for

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: LanguageClient, params: types.RegistrationParams):
        ls.registrations.extend(params.registrations)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams):
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    return client


def capabilities(encodings: list[str] | None = None, pull: bool = False) -> types.ClientCapabilities:
    """A client like VS Code: versioned workspace edits with file creation, dynamic file
    watching, pull configuration, diagnostic tags; optionally position encodings, and
    pulled diagnostics (`textDocument/diagnostic`, with refresh) instead of pushed ones."""
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        window=types.WindowClientCapabilities(work_done_progress=True),
        workspace=types.WorkspaceClientCapabilities(
            apply_edit=True,
            configuration=True,
            workspace_edit=types.WorkspaceEditClientCapabilities(
                document_changes=True,
                resource_operations=[types.ResourceOperationKind.Create],
            ),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, code_description_support=True,
                tag_support=types.ClientDiagnosticsTagOptions(value_set=[types.DiagnosticTag.Unnecessary])),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source"])),
                is_preferred_support=True, disabled_support=True),
        ),
    )
    if pull:
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(related_document_support=False)
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def diagnostics(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 60,
                      after: int = 0) -> list[types.Diagnostic]:
    """The diagnostics published for `uri` (for `version`, if given), waiting for them;
    only notifications from index `after` on count."""
    deadline = time.monotonic() + timeout
    while True:
        for params in reversed(client.published[after:]):
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        if time.monotonic() > deadline:
            seen = [(p.uri, p.version) for p in client.published[after:]]
            raise AssertionError(f"no diagnostics for {uri} version {version}; seen {seen}")
        await asyncio.sleep(0.01)


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits the way an editor does (all ranges refer to the original text)."""
    from hr_lint.lsp.textdoc import TextDocument

    doc = TextDocument("x", text, encoding=encoding)
    spans = sorted(((doc.offset_at(e.range.start.line, e.range.start.character),
                     doc.offset_at(e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                   key=lambda s: (s[0], s[1]))
    out, pos = [], 0
    for a, b, new in spans:
        assert a >= pos, "overlapping edits"
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    return "".join(out)
