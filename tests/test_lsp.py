"""`hr-lint lsp` end to end: a real LSP client (pytest-lsp) talks to the server over stdio."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient

from hr_lint import Linter
from hr_lint.lsp.textdoc import TextDocument

from lsp_support import SERVER, apply_text_edits, capabilities, diagnostics, make_client

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("lsp-workspace")
    (root / ".git").mkdir()  # the repository root: configuration is searched up to here
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: LanguageClient, workspace):
    lsp_client.init_result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities(),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="docs")],
        initialization_options={"debounce": 30},
    ))
    yield
    await lsp_client.shutdown_session()


LINTER = Linter()


def expected(text: str, fmt: str, encoding: str = "utf-16"):
    """(range, rule, severity) of what `hr-lint` finds in `text`, as LSP ranges."""
    doc = TextDocument("x", text, encoding=encoding)
    out = []
    for f in LINTER.lint_text(text, fmt):
        (sl, sc), (el, ec) = doc.position_at(f.offset), doc.position_at(f.end_offset)
        out.append(((sl, sc, el, ec), f.rule, f.severity))
    return out


def got(diags):
    return [((d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
             d.code, {1: "error", 2: "warning", 3: "info"}[d.severity]) for d in diags]


def open_doc(client, workspace, name: str, text: str, language: str = "markdown", version: int = 1) -> str:
    path = workspace / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=version, text=text)))
    return uri


def close_doc(client, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


# -- initialize -------------------------------------------------------------------------------------

async def test_initialize_announces_what_the_server_does(client: LanguageClient):
    result = client.init_result
    assert result.server_info.name == "hr-lint"
    caps = result.capabilities
    sync = caps.text_document_sync
    assert sync.open_close is True
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.save is not None and sync.save is not False
    assert caps.hover_provider
    kinds = caps.code_action_provider.code_action_kinds
    assert types.CodeActionKind.QuickFix in kinds and "source.fixAll.hr-lint" in kinds
    assert caps.position_encoding == types.PositionEncodingKind.Utf16  # the client named none


# -- diagnostics ------------------------------------------------------------------------------------

DOC = """# Services

Our staff will never call you an addict. We see people, not labels.

Three addicts came to the clinic 👩‍⚕️ and one said she had been clean for years.
"""


async def test_open_publishes_diagnostics_with_exact_ranges(client: LanguageClient, workspace):
    uri = open_doc(client, workspace, "open.md", DOC)
    diags = await diagnostics(client, uri, 1)
    # spaCy and the rules were loaded once, in the background, after initialize, and the
    # editor was shown that as progress
    (reports,) = client.progress_reports.values()
    assert [type(r).__name__ for r in reports] == ["WorkDoneProgressBegin", "WorkDoneProgressEnd"]
    assert got(diags) == expected(DOC, "markdown")
    assert len(diags) >= 3
    addicts = next(d for d in diags if DOC[0:0] == "" and d.range.start.line == 4 and d.code == "addict-noun")
    assert (addicts.range.start.character, addicts.range.end.character) == (6, 13)  # "addicts"
    for d in diags:
        assert d.source == "hr-lint"
        assert d.message
        assert d.code_description is not None and d.code_description.href.startswith("https://")
    close_doc(client, uri)


async def test_save_publishes_again(client: LanguageClient, workspace):
    uri = open_doc(client, workspace, "save.md", "We met addicts.\n")
    first = await diagnostics(client, uri, 1)
    count = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await diagnostics(client, uri, 1, after=count) == first
    count = len(client.published)
    close_doc(client, uri)
    # closing clears what was shown
    assert await diagnostics(client, uri, None, after=count) == []


async def test_quoted_speech_and_self_description_are_info_and_faded(client: LanguageClient, workspace):
    text = 'She said "we were all junkies back then." I am an addict and proud of my recovery. Junkies are people.\n'
    uri = open_doc(client, workspace, "voice.md", text)
    diags = await diagnostics(client, uri, 1)
    by_text = {text[TextDocument("x", text).offset_at(d.range.start.line, d.range.start.character):
                    TextDocument("x", text).offset_at(d.range.end.line, d.range.end.character)]: d for d in diags}
    quoted, self_described, own = by_text["junkies"], by_text["an addict"], by_text["Junkies"]
    for d in (quoted, self_described):
        assert d.severity == types.DiagnosticSeverity.Information
        assert list(d.tags) == [types.DiagnosticTag.Unnecessary]
    assert own.tags is None  # the writer's own words: a plain finding
    close_doc(client, uri)


async def test_incremental_changes_keep_exact_ranges(client: LanguageClient, workspace):
    text = "First line.\n\nWe met addicts at the fair.\n"
    uri = open_doc(client, workspace, "changes.md", text)
    assert got(await diagnostics(client, uri, 1)) == expected(text, "markdown")
    version = 1

    def change(start, end, new_text):
        nonlocal text, version
        doc = TextDocument("x", text)
        a, b = doc.offset_at(*start), doc.offset_at(*end)
        text = text[:a] + new_text + text[b:]
        version += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=start[0], character=start[1]),
                                  end=types.Position(line=end[0], character=end[1])),
                text=new_text)]))

    # an emoji made of several code points (a ZWJ sequence: 5 UTF-16 units) and a
    # combining accent before the finding, on its line
    change((2, 0), (2, 0), "\U0001F469\u200D\u2695\uFE0F Cafe\u0301: ")
    diags = await diagnostics(client, uri, version)
    assert got(diags) == expected(text, "markdown")
    assert (diags[0].range.start.line, diags[0].range.start.character) == (2, 5 + 1 + 5 + 2 + 7)
    # a new paragraph above moves it down two lines; its own characters stay
    change((0, 0), (0, 0), "Drug abusers are people.\n\n")
    diags = await diagnostics(client, uri, version)
    assert got(diags) == expected(text, "markdown")
    assert [d.range.start.line for d in diags] == [0, 4]
    # replace the words of the finding (UTF-16 units 13 to 27 of its line)
    change((4, 13), (4, 27), "We met people")
    diags = await diagnostics(client, uri, version)
    assert got(diags) == expected(text, "markdown")
    assert text.splitlines()[4] == "\U0001F469\u200D\u2695\uFE0F Cafe\u0301: We met people at the fair."
    # a multi-line replacement, then a full-text change
    change((0, 0), (2, 0), "")
    assert got(await diagnostics(client, uri, version)) == expected(text, "markdown") == []
    version += 1
    text = "They are addicts.\r\nAnd junkies."
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    diags = await diagnostics(client, uri, version)
    assert got(diags) == expected(text, "markdown")
    assert [(d.range.start.line, d.range.start.character) for d in diags] == [(0, 9), (1, 4)]
    close_doc(client, uri)


async def _actions(client, uri, line, character, only=None):
    pos = types.Position(line=line, character=character)
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(start=pos, end=pos),
        context=types.CodeActionContext(diagnostics=[], only=only)))


def _doc_edits(action, uri):
    edits = []
    for change in action.edit.document_changes:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri:
            edits.extend(change.edits)
    return edits


def _replace_all(client, uri, version, text):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def test_quick_fixes_keep_case_and_apply_cleanly(client: LanguageClient, workspace):
    text = "Committed suicide haunted the town.\n\nWe met addicts.\n"
    uri = open_doc(client, workspace, "quickfix.md", text)
    await diagnostics(client, uri, 1)
    found = await _actions(client, uri, 0, 3)
    replace = [a for a in found if a.title.startswith("Replace")]
    assert [a.title for a in replace] == ["Replace 'Committed suicide' with 'Died by suicide'",
                                          "Replace 'Committed suicide' with 'Took their own life'"]
    assert [a.is_preferred for a in replace] == [True, None]  # the one --fix applies
    assert all(a.kind == types.CodeActionKind.QuickFix and a.diagnostics[0].code == "committed-suicide"
               for a in replace)
    change = replace[0].edit.document_changes[0]
    assert change.text_document.version == 1  # refused by the client if the text moved on
    after = apply_text_edits(text, change.edits)
    assert after == "Died by suicide haunted the town.\n\nWe met addicts.\n"
    _replace_all(client, uri, 2, after)
    assert [d.code for d in await diagnostics(client, uri, 2)] == ["addict-noun"]
    # no preferred fix where the wording depends on the sentence (--fix leaves it too)
    found = await _actions(client, uri, 2, 8)
    replace = [a for a in found if a.title.startswith("Replace")]
    assert [a.title for a in replace] == ["Replace 'addicts' with 'people with substance use disorders'",
                                          "Replace 'addicts' with 'people who use drugs'"]
    assert not any(a.is_preferred for a in replace)
    close_doc(client, uri)


def _cli_fix(path, text):
    path.write_text(text, encoding="utf-8", newline="")
    subprocess.run([sys.executable, "-m", "hr_lint", "--fix", "--no-cache", str(path)], capture_output=True, check=False)
    return path.read_text(encoding="utf-8")


async def test_fix_all_gives_what_cli_fix_writes(client: LanguageClient, workspace, tmp_path):
    text = ("Clean Needles Save Lives. We hand out clean syringes and take back dirty needles.\n\n"
            "He committed suicide. Illegal camping is common. COMMITTED SUICIDE\n\nWe met addicts.\n")
    uri = open_doc(client, workspace, "fixall.md", text)
    await diagnostics(client, uri, 1)
    found = await _actions(client, uri, 0, 0, only=["source.fixAll"])
    (fix_all,) = found
    assert fix_all.kind == "source.fixAll.hr-lint"
    assert fix_all.title == "Fix all safe hr-lint findings in this file (6)"
    after = apply_text_edits(text, _doc_edits(fix_all, uri))
    assert after == _cli_fix(tmp_path / "fixall.md", text)
    assert "Sterile Needles" in after and "DIED BY SUICIDE" in after and "addicts" in after
    # in the quick-fix list too, next to a finding
    assert any(a.title.startswith("Fix all safe") and a.kind == "quickfix" for a in await _actions(client, uri, 2, 5))
    _replace_all(client, uri, 2, after)
    assert [d.code for d in await diagnostics(client, uri, 2)] == ["addict-noun"]
    close_doc(client, uri)


SUPPRESS_CASES = [
    ("suppress.md", "markdown", "Intro about addicts here.\nWe met addicts and junkies.  \nMore addicts.\n", 1,
     "We met addicts and junkies. <!-- hr-lint disable-line addict-noun -->  "),
    ("suppress.html", "html", "<p>Intro about addicts here.\nWe met addicts and junkies.</p>\n<p>More addicts.</p>\n", 1,
     "We met addicts and junkies.</p> <!-- hr-lint disable-line addict-noun -->"),
    ("suppress.txt", "plaintext", "Intro about addicts here.\r\nWe met addicts and junkies.\r\nMore addicts.\r\n", 1,
     "We met addicts and junkies.  hr-lint: ignore addict-noun"),
]


@pytest.mark.parametrize("name,language,text,line,written", SUPPRESS_CASES)
async def test_disable_rule_on_this_line(client: LanguageClient, workspace, name, language, text, line, written):
    uri = open_doc(client, workspace, name, text, language)
    before = await diagnostics(client, uri, 1)
    found = await _actions(client, uri, line, 8)
    (action,) = [a for a in found if a.title.startswith("Disable")]
    assert action.title.startswith("Disable addict-noun on this line")
    after = apply_text_edits(text, _doc_edits(action, uri))
    assert after.split("\n")[line].rstrip("\r") == written
    _replace_all(client, uri, 2, after)
    remaining = await diagnostics(client, uri, 2)
    assert [(d.code, d.range.start.line) for d in remaining] == \
        [(d.code, d.range.start.line) for d in before if not (d.code == "addict-noun" and d.range.start.line == line)]
    close_doc(client, uri)


async def test_disable_rule_in_restructuredtext_block(client: LanguageClient, workspace):
    text = "Title\n=====\n\nIntro about addicts.\n\n1. We met addicts.\n2. More addicts.\n\nLast addicts.\n"
    uri = open_doc(client, workspace, "suppress.rst", text, "restructuredtext")
    assert len(await diagnostics(client, uri, 1)) == 4
    found = await _actions(client, uri, 5, 10)
    (action,) = [a for a in found if a.title.startswith("Disable")]
    assert action.title == "Disable addict-noun in this block (hr-lint comment)"
    after = apply_text_edits(text, _doc_edits(action, uri))
    assert after == ("Title\n=====\n\nIntro about addicts.\n\n.. hr-lint: disable addict-noun\n\n"
                     "1. We met addicts.\n2. More addicts.\n\n.. hr-lint: enable addict-noun\n\nLast addicts.\n")
    _replace_all(client, uri, 2, after)
    assert [d.range.start.line for d in await diagnostics(client, uri, 2)] == [3, 12]
    close_doc(client, uri)


async def test_no_suppression_comment_where_it_would_change_the_text(client: LanguageClient, workspace):
    # the line ends inside a tag: a comment there would land in an attribute value
    text = '<p>Text <img src="a.png" alt="Addicts in the park"\n   data-x="y">.</p>\n'
    uri = open_doc(client, workspace, "intag.html", text, "html")
    (d,) = await diagnostics(client, uri, 1)
    found = await _actions(client, uri, 0, d.range.start.character + 1)
    assert [a.title for a in found if a.title.startswith("Disable")] == []
    assert any(a.title.startswith("Replace") for a in found)
    close_doc(client, uri)


async def test_a_whole_document_selection_gets_a_bounded_list_of_actions(client: LanguageClient, workspace):
    """Editors ask for code actions at every selection change; selecting a long document
    must not make the server check a suppression comment for each of its findings."""
    text = "".join(f"Paragraph {i}: we met addicts.\n\n" for i in range(25))
    uri = open_doc(client, workspace, "selectall.md", text)
    diags = await diagnostics(client, uri, 1)
    assert len(diags) == 25
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=50, character=0))

    async def disabled(named):
        found = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
            context=types.CodeActionContext(diagnostics=named)))
        return [a.diagnostics[0].range.start.line for a in found if a.title.startswith("Disable")]

    assert await disabled([]) == [2 * i for i in range(10)]  # from the start of the selection
    # the diagnostics the client names come first
    assert await disabled([diags[-1]]) == [2 * i for i in range(9)] + [48]
    close_doc(client, uri)


def _watched(client, *paths, kind=types.FileChangeType.Changed):
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=from_fs_path(str(p)), type=kind) for p in paths]))


async def test_server_watches_configuration_files(client: LanguageClient):
    (reg,) = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    globs = {w["globPattern"] if isinstance(w, dict) else w.glob_pattern for w in
             (reg.register_options["watchers"] if isinstance(reg.register_options, dict) else reg.register_options.watchers)}
    assert {"**/.hr-lint.yaml", "**/.hr-lint.yml", "**/hr-lint.yaml", "**/pyproject.toml"} <= globs


async def test_allow_phrase_in_the_configuration_file(client: LanguageClient, workspace):
    folder = workspace / "allowed"
    folder.mkdir()
    config = folder / ".hr-lint.yaml"
    config.write_text("# our policy\nallow:\n  - Clean Slate Clinic  # a name\nquotes: info\n", encoding="utf-8")
    text = "Addicts are welcome. We met addicts.\n"
    uri = open_doc(client, workspace, "allowed/post.md", text)
    diags = await diagnostics(client, uri, 1)
    assert [d.code for d in diags] == ["addict-noun", "addict-noun"]
    found = await _actions(client, uri, 0, 2)
    (allow,) = [a for a in found if a.title.startswith("Allow")]
    assert allow.title == "Allow 'Addicts' in .hr-lint.yaml (never reported)"
    (change,) = allow.edit.document_changes
    assert change.text_document.uri == from_fs_path(str(config))
    new = apply_text_edits(config.read_text(encoding="utf-8"), change.edits)
    assert new == '# our policy\nallow:\n  - Clean Slate Clinic  # a name\n  - "Addicts"\nquotes: info\n'
    config.write_text(new, encoding="utf-8")
    count = len(client.published)
    _watched(client, config)
    assert await diagnostics(client, uri, 1, after=count) == []
    close_doc(client, uri)


async def test_allow_phrase_creates_a_configuration_file(client: LanguageClient, workspace):
    repo = workspace / "newrepo"
    (repo / ".git").mkdir(parents=True)
    text = "Junkies need care.\n"
    uri = open_doc(client, workspace, "newrepo/docs/post.md", text)
    await diagnostics(client, uri, 1)
    found = await _actions(client, uri, 0, 2)
    (allow,) = [a for a in found if a.title.startswith("Allow")]
    assert allow.title == "Allow 'Junkies' in .hr-lint.yaml (new) (never reported)"
    create, edit = allow.edit.document_changes
    target = repo / ".hr-lint.yaml"  # the repository root, where the CLI looks last
    assert isinstance(create, types.CreateFile) and create.uri == from_fs_path(str(target))
    assert create.options.overwrite is False
    content = apply_text_edits("", edit.edits)
    target.write_text(content, encoding="utf-8")
    count = len(client.published)
    _watched(client, target, kind=types.FileChangeType.Created)
    assert await diagnostics(client, uri, 1, after=count) == []
    result = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", str(workspace / "newrepo/docs/post.md")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout  # the CLI reads it too
    close_doc(client, uri)


async def test_allow_phrase_where_the_file_cannot_be_edited(client: LanguageClient, workspace):
    # pyproject.toml with dotted keys: the action is shown greyed out, with what to do
    folder = workspace / "dotted"
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[tool]\nhr-lint.allow = ['Clean Slate']\n", encoding="utf-8")
    uri = open_doc(client, workspace, "dotted/post.md", "Junkies need care.\n")
    await diagnostics(client, uri, 1)
    (allow,) = [a for a in await _actions(client, uri, 0, 2) if a.title.startswith("Allow")]
    assert allow.edit is None
    assert allow.disabled.reason.startswith("pyproject.toml has no [tool.hr-lint] table header")
    assert 'add "Junkies" to \'allow\' by hand' in allow.disabled.reason
    close_doc(client, uri)
    # a string: it becomes a list, and the command line then leaves the phrase alone
    folder = workspace / "string"
    folder.mkdir()
    config = folder / ".hr-lint.yaml"
    config.write_text("allow: Clean Slate, Cafe\n", encoding="utf-8")
    uri = open_doc(client, workspace, "string/post.md", "Junkies need care.\n")
    await diagnostics(client, uri, 1)
    (allow,) = [a for a in await _actions(client, uri, 0, 2) if a.title.startswith("Allow")]
    (change,) = allow.edit.document_changes
    config.write_text(apply_text_edits(config.read_text(encoding="utf-8"), change.edits), encoding="utf-8")
    assert config.read_text(encoding="utf-8") == 'allow: ["Clean Slate", "Cafe", "Junkies"]\n'
    result = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", str(folder / "post.md")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    close_doc(client, uri)


async def test_hover_explains_the_finding(client: LanguageClient, workspace):
    text = "He committed suicide last spring.\n"
    uri = open_doc(client, workspace, "hover.md", text)
    (d,) = await diagnostics(client, uri, 1)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=8)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    rule = next(r for r in LINTER.rules if r.id == "committed-suicide")
    assert "`committed-suicide`" in value and rule.message in value
    assert "**Consider:**" in value and "\u201cdied by suicide\u201d" in value and "took their own life" in value
    for source in rule.sources:
        assert source["url"] in value
    assert hover.range == d.range
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=25)))
    assert nothing is None
    close_doc(client, uri)


async def test_configuration_reload_and_malformed_configuration(client: LanguageClient, workspace):
    folder = workspace / "reload"
    folder.mkdir()
    text = "We met addicts. He committed suicide.\n"
    uri = open_doc(client, workspace, "reload/post.md", text)
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["addict-noun", "committed-suicide"]
    config = folder / ".hr-lint.yaml"
    config.write_text("ignore: [addict-noun]\n", encoding="utf-8")
    count = len(client.published)
    _watched(client, config, kind=types.FileChangeType.Created)
    assert [d.code for d in await diagnostics(client, uri, 1, after=count)] == ["committed-suicide"]
    # a mistake in the file: shown on the file itself, at its line
    config.write_text("ignore: [addict-noun]\nseverity:\n  suicide: fatal\n", encoding="utf-8")
    count = len(client.published)
    _watched(client, config)
    config_uri = from_fs_path(str(config))
    (problem,) = await diagnostics(client, config_uri, after=count)
    assert problem.severity == types.DiagnosticSeverity.Error and problem.source == "hr-lint"
    assert problem.range.start.line == 2 and "fatal" in problem.message
    assert await diagnostics(client, uri, 1, after=count) == []
    assert any("fatal" in m.message for m in client.messages)
    # the writer opens the file to fix it: the problem stays shown on it, also once closed
    count = len(client.published)
    open_doc(client, workspace, "reload/.hr-lint.yaml", config.read_text(encoding="utf-8"), language="yaml")
    assert await diagnostics(client, config_uri, 1, after=count) == [problem]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config_uri)))
    await asyncio.sleep(0.5)
    assert await diagnostics(client, config_uri) == [problem]
    count = len(client.published)
    close_doc(client, config_uri)
    assert await diagnostics(client, config_uri, after=count) == [problem]
    # fixed: the problem goes, the findings come back
    config.write_text("ignore: [addict-noun]\nseverity:\n  suicide: error\n", encoding="utf-8")
    count = len(client.published)
    _watched(client, config)
    assert await diagnostics(client, config_uri, after=count) == []
    (d,) = await diagnostics(client, uri, 1, after=count)
    assert d.code == "committed-suicide" and d.severity == types.DiagnosticSeverity.Error
    close_doc(client, uri)


async def test_configuration_change_seen_without_the_editors_word(client: LanguageClient, workspace):
    """An editor that does not watch files: the next lint sees the changed file, and the
    other open documents it governs are linted again."""
    folder = workspace / "unwatched"
    folder.mkdir()
    config = folder / ".hr-lint.yaml"
    config.write_text("quotes: info\n", encoding="utf-8")
    one = open_doc(client, workspace, "unwatched/one.md", "We met addicts.\n")
    two = open_doc(client, workspace, "unwatched/two.md", "More addicts here.\n")
    assert len(await diagnostics(client, one, 1)) == len(await diagnostics(client, two, 1)) == 1
    config.write_text("quotes: info\nignore: [addict-noun]\n", encoding="utf-8")
    count = len(client.published)
    _replace_all(client, one, 2, "We met addicts again.\n")
    assert await diagnostics(client, one, 2, after=count) == []
    assert await diagnostics(client, two, 1, after=count) == []
    close_doc(client, one)
    close_doc(client, two)


async def test_pyproject_configuration_is_found(client: LanguageClient, workspace):
    folder = workspace / "pyproj"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.hr-lint]\nignore = ["committed-suicide"]\n',
                                           encoding="utf-8")
    uri = open_doc(client, workspace, "pyproj/post.md", "We met addicts. He committed suicide.\n")
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["addict-noun"]
    close_doc(client, uri)


async def test_editor_settings_preset_and_minimum_severity(client: LanguageClient, workspace):
    text = 'She said "we were all junkies." Our drug users program. He committed suicide.\n'
    uri = open_doc(client, workspace, "settings.md", text)
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["junkie", "drug-user-identity", "committed-suicide"]
    try:
        count = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"hr-lint": {"minimumSeverity": "warning"}}))
        assert [d.code for d in await diagnostics(client, uri, 1, after=count)] == ["committed-suicide"]
        count = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"hr-lint": {"minimumSeverity": "info", "preset": "identity-first"}}))
        assert [d.code for d in await diagnostics(client, uri, 1, after=count)] == ["committed-suicide"]
        # pulled with workspace/configuration when the notification carries none
        client.set_configuration({"preset": "strict"}, section="hr-lint")
        count = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        diags = await diagnostics(client, uri, 1, after=count)
        assert [(d.code, d.severity) for d in diags][-1] == ("committed-suicide", types.DiagnosticSeverity.Error)
        # a mistake in the settings is shown, and the rest still applies
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"hr-lint": {"preset": "lenient"}}))
        await diagnostics(client, uri, 1)
        for _ in range(200):
            if any("lenient" in m.message for m in client.messages):
                break
            await __import__("asyncio").sleep(0.01)
        assert any("unknown preset 'lenient'" in m.message for m in client.messages)
    finally:
        client.set_configuration({}, section="hr-lint")
        count = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"hr-lint": {"preset": "default", "minimumSeverity": "info"}}))
        await diagnostics(client, uri, 1, after=count)
    close_doc(client, uri)


async def test_only_text_formats_are_linted(client: LanguageClient, workspace):
    count = len(client.published)
    other = open_doc(client, workspace, "script.py", "addicts = 1\n", language="python")
    # .docx and PDF are not text: not linted even when an editor shows one as text
    binary = [open_doc(client, workspace, name, "We met addicts.\n", language="plaintext")
              for name in ("report.pdf", "handout.docx")]
    uri = open_doc(client, workspace, "after.txt", "We met addicts.\n", language="plaintext")
    assert [d.code for d in await diagnostics(client, uri, 1, after=count)] == ["addict-noun"]
    assert not {other, *binary} & {p.uri for p in client.published[count:]}
    untitled = "untitled:Untitled-1"
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=untitled, language_id="markdown", version=1, text="Junkies.\n")))
    assert [d.code for d in await diagnostics(client, untitled, 1)] == ["junkie"]
    for u in (other, *binary, uri, untitled):
        close_doc(client, u)


async def test_diagnostics_per_document_are_bounded(client: LanguageClient, workspace):
    """A document with more findings than an editor can show gets the first 1,000 (and the
    writer is told once); the others are still there for hover and fix all."""
    text = "".join(f"Line {i}: addicts.\n" for i in range(1200))
    count = len(client.published)
    uri = open_doc(client, workspace, "many.md", text)
    diags = await diagnostics(client, uri, 1, after=count)
    assert got(diags) == expected(text, "markdown")[:1000]
    assert diags[-1].range.start.line == 999
    for _ in range(200):
        if any("1,200 findings" in m.message for m in client.messages):
            break
        await asyncio.sleep(0.01)
    assert [m.message for m in client.messages if "many.md" in m.message] == [
        "hr-lint: many.md has 1,200 findings; the first 1,000 are shown (run hr-lint on the file for all of them)"]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1100, character=11)))
    assert "`addict-noun`" in hover.contents.value
    _replace_all(client, uri, 2, text + "More addicts.\n")
    assert len(await diagnostics(client, uri, 2)) == 1000
    assert len([m for m in client.messages if "many.md" in m.message]) == 1  # told once, not at every edit
    close_doc(client, uri)


async def test_a_thousand_quick_edits_stay_correct(client: LanguageClient, workspace):
    import random

    rng = random.Random(16)
    text = "Intro.\n\n" + "\n\n".join(f"Paragraph {i} about the program and its people." for i in range(40)) + "\n"
    uri = open_doc(client, workspace, "typing.md", text)
    await diagnostics(client, uri, 1)
    count = len(client.published)
    words = ["addicts ", "junkies ", "people ", "he committed suicide ", "clean ", "x", " ", "\n\n", "é", "👍"]
    version = 1
    texts = {1: text}
    for _ in range(1000):
        doc = TextDocument("x", text)
        lines = doc.line_starts
        line = rng.randrange(len(lines))
        length = len(doc.line_text(line))
        a = rng.randint(0, length)
        if rng.random() < 0.3 and length:
            b = min(length, a + rng.randint(1, 6))
            new = ""
        else:
            b, new = a, rng.choice(words)
        start, end = doc.offset_at(line, a), doc.offset_at(line, b)
        # positions in UTF-16 units, as the client counts them
        sa, sb = doc.position_at(start), doc.position_at(end)
        text = text[:start] + new + text[end:]
        version += 1
        texts[version] = text
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=sa[0], character=sa[1]),
                                  end=types.Position(line=sb[0], character=sb[1])), text=new)]))
    diags = await diagnostics(client, uri, version)
    assert got(diags) == expected(text, "markdown")
    assert len(diags) > 10
    # whatever the pace (how many versions get linted depends on the debounce and the
    # machine's load: benchmarks/lsp.py counts them), every publication is of a version
    # that was sent, in order, and right for the text of that version
    burst = [p for p in client.published[count:] if p.uri == uri]
    versions = [p.version for p in burst]
    assert versions == sorted(set(versions)) and versions[-1] == version
    for p in burst:
        assert got(p.diagnostics) == expected(texts[p.version], "markdown"), p.version
    close_doc(client, uri)


# -- servers of their own -------------------------------------------------------------------------

async def _start(capabilities_, options=None, command=SERVER):
    config = ClientServerConfig(server_command=command, client_factory=make_client)
    lsp = await config.start()
    result = await lsp.initialize_session(types.InitializeParams(
        capabilities=capabilities_, initialization_options=options or {"debounce": 0}))
    return lsp, result


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
async def test_position_encoding_is_negotiated(encoding, tmp_path):
    lsp, result = await _start(capabilities([encoding, "utf-16"]), {"preset": "strict"})
    try:
        assert result.capabilities.position_encoding == encoding
        text = "\U0001F469\u200D\u2695\uFE0F Cafe\u0301 \u00e9: the addicts \u4e2d committed suicide.\n"
        uri = from_fs_path(str(tmp_path / "enc.md"))
        lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text=text)))
        diags = await diagnostics(lsp, uri, 1)
        assert [g[:2] for g in got(diags)] == [e[:2] for e in expected(text, "markdown", encoding)]
        prefix = text[:text.index("addicts")]
        want = {"utf-8": len(prefix.encode("utf-8")), "utf-16": len(prefix.encode("utf-16-le")) // 2,
                "utf-32": len(prefix)}[encoding]
        assert diags[0].range.start.character == want
        assert diags[1].severity == types.DiagnosticSeverity.Error  # the strict preset from initializationOptions
        # a quick fix edit in the same units applies cleanly
        found = await _actions(lsp, uri, 0, diags[1].range.start.character + 1)
        preferred = next(a for a in found if a.is_preferred)
        after = apply_text_edits(text, preferred.edit.document_changes[0].edits, encoding)
        assert after == text.replace("committed suicide", "died by suicide")
    finally:
        await lsp.shutdown_session()
        await lsp.stop()


async def test_pulled_diagnostics(tmp_path):
    """A client that pulls diagnostics (LSP 3.17, as recent Neovim and Helix do) gets them
    when it asks, and none pushed (it would show each twice); a configuration change asks
    it to pull again."""
    (tmp_path / ".git").mkdir()
    lsp, result = await _start(capabilities(pull=True))
    try:
        assert result.capabilities.diagnostic_provider.identifier == "hr-lint"
        text = "We met addicts. He committed suicide.\n"
        path = tmp_path / "pulled.md"
        path.write_text(text, encoding="utf-8")
        uri = from_fs_path(str(path))
        lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text=text)))

        async def pull(previous=None):
            return await lsp.text_document_diagnostic_async(types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous))

        report = await pull()
        assert report.kind == "full" and got(report.items) == expected(text, "markdown")
        assert [d.code for d in report.items] == ["addict-noun", "committed-suicide"]
        assert (await pull(report.result_id)).kind == "unchanged"
        text = "We met junkies. He committed suicide.\n"
        _replace_all(lsp, uri, 2, text)
        report = await pull(report.result_id)  # the edit is linted before the answer
        assert report.kind == "full" and [d.code for d in report.items] == ["junkie", "committed-suicide"]
        # the configuration changes: the client is asked to pull again, and gets the new findings
        refreshes = lsp.diagnostic_refresh_count
        (tmp_path / ".hr-lint.yaml").write_text("ignore: [junkie]\n", encoding="utf-8")
        _watched(lsp, tmp_path / ".hr-lint.yaml", kind=types.FileChangeType.Created)
        for _ in range(3000):
            if lsp.diagnostic_refresh_count > refreshes:
                break
            await asyncio.sleep(0.01)
        assert lsp.diagnostic_refresh_count > refreshes
        assert [d.code for d in (await pull(report.result_id)).items] == ["committed-suicide"]
        assert uri not in [p.uri for p in lsp.published]  # nothing was pushed for the document
    finally:
        await lsp.shutdown_session()
        await lsp.stop()


async def test_an_edit_relints_only_the_paragraph_it_touched(tmp_path):
    """The server lints only the pieces of a document an edit changed (its debug log says
    how many), and the result is what linting the whole text gives."""
    log = tmp_path / "server.log"
    lsp, _ = await _start(capabilities(), command=SERVER + ["--log-level", "debug", "--log-file", str(log)])
    try:
        text = "".join(f"Paragraph {i} about the program; we met addicts.\n\n" for i in range(30))
        uri = from_fs_path(str(tmp_path / "pieces.md"))
        lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text=text)))
        assert len(await diagnostics(lsp, uri, 1)) == 30
        assert text.count("\n", 0, text.index("Paragraph 12")) == 24
        at = types.Position(line=24, character=0)
        lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at),
                                                                    text="Junkies too. ")]))
        edited = text.replace("Paragraph 12", "Junkies too. Paragraph 12")
        assert got(await diagnostics(lsp, uri, 2)) == expected(edited, "markdown")
        lines = [ln for ln in log.read_text(encoding="utf-8").splitlines() if "pieces linted" in ln]
        assert lines[0].endswith(": 30 of 30 pieces linted, 30 findings")
        assert lines[-1].endswith(": 1 of 30 pieces linted, 31 findings")
    finally:
        await lsp.shutdown_session()
        await lsp.stop()


async def test_shutdown_and_exit(tmp_path):
    lsp, _ = await _start(capabilities())
    uri = from_fs_path(str(tmp_path / "bye.md"))
    lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text="Addicts.\n")))
    await diagnostics(lsp, uri, 1)
    server = lsp._server
    await lsp.shutdown_async(None)
    lsp.exit(None)
    assert await __import__("asyncio").wait_for(server.wait(), 30) == 0
    await lsp.stop()


async def test_exit_does_not_wait_for_a_lint_in_progress(tmp_path):
    """An editor closing the server must not wait for a long check to end (it would kill
    the process, or hang): `exit` ends the process at once."""
    command = [sys.executable, os.path.join(os.path.dirname(__file__), "lsp_crashing_server.py")]
    lsp, _ = await _start(capabilities(), command=command)
    for name, text in (("ready.md", "Addicts.\n"), ("slow.md", "Addicts. HANG-HERE\n")):
        uri = from_fs_path(str(tmp_path / name))
        lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text=text)))
        if name == "ready.md":
            await diagnostics(lsp, uri, 1)  # spaCy is loaded: the next lint starts at once
    await asyncio.sleep(0.5)  # the hanging lint has started
    server = lsp._server
    await asyncio.wait_for(lsp.shutdown_async(None), 30)
    lsp.exit(None)
    assert await asyncio.wait_for(server.wait(), 30) == 0
    await lsp.stop()


async def test_exit_without_shutdown_is_an_error(tmp_path):
    lsp, _ = await _start(capabilities())
    server = lsp._server
    lsp.exit(None)
    assert await __import__("asyncio").wait_for(server.wait(), 30) == 1
    await lsp.stop()


async def test_a_crash_in_one_document_leaves_the_server_running(tmp_path):
    command = [sys.executable, os.path.join(os.path.dirname(__file__), "lsp_crashing_server.py")]
    lsp, _ = await _start(capabilities(), command=command)
    try:
        bad, good = from_fs_path(str(tmp_path / "bad.md")), from_fs_path(str(tmp_path / "good.md"))
        lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=bad, language_id="markdown", version=1, text="Addicts. CRASH-HERE\n")))
        assert await diagnostics(lsp, bad, 1) == []
        assert any(m.type == types.MessageType.Error and bad in m.message for m in lsp.log_messages)
        hover = await lsp.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=bad), position=types.Position(line=0, character=1)))
        assert hover is None
        lsp.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=good, language_id="markdown", version=1, text="Addicts.\n")))
        assert [d.code for d in await diagnostics(lsp, good, 1)] == ["addict-noun"]
    finally:
        await lsp.shutdown_session()
        await lsp.stop()


# -- Spanish ----------------------------------------------------------------------------------------

async def test_spanish_and_bilingual_documents(client: LanguageClient, workspace):
    text = ("---\nlang: es\n---\n\n# Adictos\n\nEl programa atiende a los adictos del condado.\n\n"
            "<div lang=\"en\">\n\nWe serve addicts too.\n\n</div>\n\nSu hermano cometió suicidio en 2019.\n")
    uri = open_doc(client, workspace, "bilingue.md", text)
    diags = await diagnostics(client, uri, 1)
    assert got(diags) == expected(text, "markdown")
    assert [(d.range.start.line, d.code) for d in diags] == [(4, "es-adicto"), (6, "es-adicto"), (10, "addict-noun"),
                                                             (14, "es-cometio-suicidio")]
    assert "persona" in diags[1].message or "reduce" in diags[1].message  # the message is in Spanish
    # the quick fix for 'los adictos' carries the article that agrees with 'personas'
    found = await _actions(client, uri, 6, 24)
    replace = [a for a in found if a.title.startswith("Replace")]
    assert replace and replace[0].title.startswith("Replace 'los adictos' with 'las personas con un trastorno")
    after = apply_text_edits(text, replace[0].edit.document_changes[0].edits)
    assert "atiende a las personas con un trastorno por consumo de sustancias del condado" in after
    # an edit inside the English section keeps its language
    _replace_all(client, uri, 2, text.replace("We serve addicts too.", "We serve junkies too."))
    assert [d.code for d in await diagnostics(client, uri, 2)] == ["es-adicto", "es-adicto", "junkie",
                                                                   "es-cometio-suicidio"]
    close_doc(client, uri)
