"""The language server's pieces: linting a document piece by piece gives what linting it
whole gives; positions in the three encodings; configuration edits; suppression comments."""
from __future__ import annotations

import glob
import os
import random

import pytest

from hr_lint import Linter
from hr_lint.lsp import actions, config_edit
from hr_lint.lsp.incremental import IncrementalLinter
from hr_lint.lsp.textdoc import TextDocument
from hr_lint.readers import blocks

HERE = os.path.dirname(os.path.abspath(__file__))
LINTER = Linter()


def _key(findings):
    return [(f.rule, f.offset, f.end_offset, f.line, f.column, f.end_line, f.end_column, f.severity, f.text,
             tuple(f.suggestions), f.fix, f.voice) for f in findings]


def _documents():
    paths = sorted(glob.glob(os.path.join(HERE, "fixtures", "**", "*.*"), recursive=True))
    paths += sorted(glob.glob(os.path.join(HERE, "..", "examples", "*")))
    paths += sorted(glob.glob(os.path.join(HERE, "..", "..", "shared", "corpus", "docs", "*")))
    paths += sorted(glob.glob(os.path.join(HERE, "..", "evaluation", "es-corpus", "docs", "*")))
    for path in paths:
        fmt = LINTER.format_for(path)
        if fmt in (None, "docx"):
            continue
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        yield path, LINTER.text_format(path, text), text


def test_pieces_give_what_the_whole_document_gives():
    checked = 0
    for path, fmt, text in _documents():
        inc = IncrementalLinter()
        assert _key(inc.lint(LINTER, text, fmt, path)) == _key(LINTER.lint_text(text, fmt, path)), path
        checked += 1
    assert checked > 200


TRICKY = {
    # a reference definition in another piece makes "[our page][addicts-help]" a link
    "references": ("markdown", "See [our page][addicts-help].\n\nMore text.\n\n[addicts-help]: https://example.org/x\n"),
    # a fence left open in a list item closes with the item; a top-level fence holds a
    # blank line and a line that looks like a heading
    "fences": ("markdown", "- item\n  ```\n  code addicts\n\nParagraph about addicts.\n\n```\ncode block\n\n"
                           "# addicts heading in code\n```\n\nLast addicts.\n"),
    "html comment block": ("markdown", "<!--\nhidden addicts\n\nstill hidden addicts\n-->\n\nVisible addicts.\n"),
    "front matter": ("markdown", "---\ntitle: Help for addicts\n---\n\n---\n\nText about addicts.\n\n---\nmore\n---\n"),
    "pre block": ("markdown", "<pre>\naddicts\n\naddicts code\n</pre>\n\nProse addicts.\n"),
    "suppression across pieces": ("markdown", "<!-- hr-lint disable addict-noun -->\n\nThe addicts.\n\nMore addicts.\n\n"
                                              "<!-- hr-lint enable -->\n\nFinal addicts.\n"),
    "script and pre": ("html", "<div>\n<script>\nvar x = '<p>addicts</p>';\n</script>\n<p>The addicts.</p>\n<pre>\n"
                               "<p>addicts in pre</p>\n</pre>\n<p>Real addicts</p>\n</div>\n"),
    "cite": ("html", "<p><cite>Addicts\n<p>Book</cite> addicts</p>\n<p>More addicts</p>\n"),
    "head and comments": ("html", "<html><head>\n<title>Help for addicts</title>\n<meta name=x content='addicts'>\n"
                                  "</head>\n<body>\n<p title=\"addicts\">Addicts</p>\n<!-- <p>addicts</p>\n\n<p>x</p> -->\n"
                                  "<p>The addicts</p></body></html>\n"),
    "simple table": ("rst", "Intro about addicts.\n\n=====  =====\nA      B\n=====  =====\naddicts  y\n\nz      w\n"
                            "=====  =====\n\nAfter addicts.\n"),
    "text": ("text", "Addicts\nThe addicts came.\n\n\n\nMore addicts.\r\n\r\nLast addicts\n"),
    # a piece's language is what it is in the whole document
    "front matter lang": ("markdown", "---\nlang: es\n---\n\n# Adictos\n\nUn texto sobre el programa del condado.\n"),
    "html lang": ("html", "<html lang=\"es\"><body>\n<p>Adictos</p>\n\n<p>Texto sobre el programa.</p>\n</body></html>\n"),
    "section lang": ("markdown", "Un texto sobre el programa de vivienda del condado.\n\n<div lang=\"en\">\n\nAddicts\n\n"
                                 "</div>\n\nLos adictos.\n"),
    "emoji and tables": ("markdown", "\U0001F469\u200D\u2695\uFE0F We met addicts. e\u0301 addicts\n\n| a | b |\n|---|---|\n"
                                     "| addicts | x |\n\n> quote about addicts\n>\n> more\n"),
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_pieces_on_tricky_documents(name):
    fmt, text = TRICKY[name]
    assert _key(IncrementalLinter().lint(LINTER, text, fmt, "x")) == _key(LINTER.lint_text(text, fmt, "x"))


def test_random_documents_and_edits():
    """Documents stitched from evaluation paragraphs and tricky snippets, then edited at
    random: after every edit, the piece-wise result equals the whole-text result."""
    rng = random.Random(1616)
    pool: dict[str, list[str]] = {}
    for _path, fmt, text in _documents():
        pool.setdefault(fmt, []).extend(p for p in text.split("\n\n") if p.strip())
    for fmt, snippet in TRICKY.values():
        pool.setdefault(fmt, []).extend(snippet.split("\n\n"))
    for fmt, paragraphs in sorted(pool.items()):
        inc = IncrementalLinter()
        text = "\n\n".join(rng.sample(paragraphs, min(25, len(paragraphs))))
        for _ in range(12):
            assert _key(inc.lint(LINTER, text, fmt, "x")) == _key(LINTER.lint_text(text, fmt, "x")), (fmt, text)
            at = rng.randrange(len(text) + 1)
            cut = min(len(text), at + rng.randrange(0, 40))
            text = text[:at] + rng.choice(["", "addicts ", "\n\n", "```\n", "<!--", "-->", "<pre>", "\n- ",
                                           rng.choice(paragraphs)]) + text[cut:]


def test_an_edit_relints_only_its_piece():
    paragraphs = [f"Paragraph {i}: we met addicts and junkies at the fair." for i in range(60)]
    text = "\n\n".join(paragraphs) + "\n"
    inc = IncrementalLinter()
    first = inc.lint(LINTER, text, "markdown", "x")
    assert inc.relinted == inc.pieces == 60 and len(first) == 120
    at = text.index("Paragraph 30")
    edited = text[:at] + "New words. " + text[at:]
    again = inc.lint(LINTER, edited, "markdown", "x")
    assert inc.relinted == 1
    assert _key(again) == _key(LINTER.lint_text(edited, "markdown", "x"))


def test_markdown_pieces_use_the_readers_parser_rules():
    from hr_lint.readers import markdown

    assert blocks._MD_BLOCKS.get_active_rules()["block"] == markdown._MD.get_active_rules()["block"]


# -- positions -------------------------------------------------------------------------------------

def test_positions_in_each_encoding():
    text = "a\U0001F600b e\u0301\u00e9\u4e2d\r\nsecond\rthird\u2028same line\nlast"
    doc = TextDocument("x", text, encoding="utf-16")
    assert doc.line_starts == [0, text.index("second"), text.index("third"), text.index("last")]
    b = text.index("b")
    for encoding, col in (("utf-16", 3), ("utf-8", 5), ("utf-32", 2)):
        doc = TextDocument("x", text, encoding=encoding)
        assert doc.position_at(b) == (0, col)
        assert doc.offset_at(0, col) == b
        # U+2028 is not a line break in LSP
        assert doc.position_at(text.index("same")) == (2, len("third\u2028".encode(
            {"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": "utf-32-le"}[encoding])) // {
            "utf-16": 2, "utf-8": 1, "utf-32": 4}[encoding])
    doc = TextDocument("x", text, encoding="utf-16")
    assert doc.offset_at(0, 2) == 1  # inside the surrogate pair: the start of the emoji
    assert doc.offset_at(0, 999) == text.index("\r\n")  # past the end of the line
    assert doc.offset_at(99, 0) == len(text)
    assert doc.position_at(text.index("\r\n") + 1) == doc.position_at(text.index("\r\n"))  # inside CRLF
    assert doc.position_at(len(text)) == (3, 4)


def test_edits_between_positions():
    doc = TextDocument("x", "one\r\ntwo \U0001F600 three\nfour", encoding="utf-16")
    doc.apply("2", (1, 0), (1, 3))
    assert doc.text == "one\r\n2 \U0001F600 three\nfour"
    doc.apply("", (0, 3), (1, 0))  # joins the lines across CRLF
    assert doc.text == "one2 \U0001F600 three\nfour"
    doc.apply("X", (0, 7), (0, 7))  # after the emoji: 5 units, then 2 for the emoji
    assert doc.text == "one2 \U0001F600X three\nfour"
    doc.apply("all new")
    assert doc.text == "all new" and doc.line_starts == [0]


# -- configuration edits -----------------------------------------------------------------------------

ALLOW_CASES = [
    (".hr-lint.yaml", "", 'allow:\n  - "an \\"addict\\""\n'),
    (".hr-lint.yaml", "# c\nselect: [substance-use]", '# c\nselect: [substance-use]\nallow:\n  - "an \\"addict\\""\n'),
    (".hr-lint.yaml", "allow:\n  - Clean Slate\n  - \"x: y\"  # note\nquotes: info\n",
     'allow:\n  - Clean Slate\n  - "x: y"  # note\n  - "an \\"addict\\""\nquotes: info\n'),
    (".hr-lint.yaml", "allow: [a, b]  # c\nquotes: info\n", 'allow: [a, b, "an \\"addict\\""]  # c\nquotes: info\n'),
    (".hr-lint.yaml", "allow: []\r\n", 'allow: ["an \\"addict\\""]\r\n'),
    (".hr-lint.yaml", "allow:\nquotes: info\n", 'allow:\n  - "an \\"addict\\""\nquotes: info\n'),
    (".hr-lint.yaml", "allow:\n- a\n- b\n", 'allow:\n- a\n- b\n- "an \\"addict\\""\n'),
    (".hr-lint.yaml", "{quotes: info}\n", None),  # flow mapping: no edit that keeps it valid is tried
    ("pyproject.toml", "[project]\nname='x'\n\n[tool.hr-lint]\nquotes = 'info'\n\n[tool.other]\nx=1\n",
     '[project]\nname=\'x\'\n\n[tool.hr-lint]\nallow = ["an \\"addict\\""]\nquotes = \'info\'\n\n[tool.other]\nx=1\n'),
    ("pyproject.toml", "[tool.hr-lint]\nallow = ['a', \"b\"]\n", '[tool.hr-lint]\nallow = [\'a\', "b", "an \\"addict\\""]\n'),
    ("pyproject.toml", "[tool.hr-lint]\nallow = [\n  'a',  # c\n  \"b\"\n]\n",
     '[tool.hr-lint]\nallow = [\n  \'a\',  # c\n  "b",\n  "an \\"addict\\"",\n]\n'),
    ("pyproject.toml", "[tool.hr-lint]\nallow = [\n  'a',\n]\n", '[tool.hr-lint]\nallow = [\n  \'a\',\n  "an \\"addict\\"",\n]\n'),
    ("pyproject.toml", "[project]\nname = 'x'\n", None),  # no [tool.hr-lint] table
    # Windows line ends
    ("pyproject.toml", "[tool.hr-lint]\r\nignore = []\r\n", '[tool.hr-lint]\r\nallow = ["an \\"addict\\""]\r\nignore = []\r\n'),
    ("pyproject.toml", "[tool.hr-lint] # ours\r\nallow = [\r\n  'a',\r\n]\r\n",
     '[tool.hr-lint] # ours\r\nallow = [\r\n  \'a\',\r\n  "an \\"addict\\"",\r\n]\r\n'),
    # a string is a comma-separated list: it becomes a list of the same phrases
    (".hr-lint.yaml", "allow: Clean Slate, Cafe  # names\nquotes: info\n",
     'allow: ["Clean Slate", "Cafe", "an \\"addict\\""]  # names\nquotes: info\n'),
    (".hr-lint.yaml", "allow: 'a # b'\r\n", 'allow: ["a # b", "an \\"addict\\""]\r\n'),
    (".hr-lint.yaml", "allow: >-\n  Clean Slate\n", None),  # a block scalar: left alone
    ("pyproject.toml", "[tool.hr-lint]\nallow = \"Clean Slate, Cafe\"  # c\n",
     '[tool.hr-lint]\nallow = ["Clean Slate", "Cafe", "an \\"addict\\""]  # c\n'),
    ("pyproject.toml", "tool.hr-lint.allow = ['a']\n", None),  # dotted keys
    ("pyproject.toml", "[tool]\nhr-lint = {allow = ['a']}\n", None),  # an inline table
]


@pytest.mark.parametrize("name,before,after", ALLOW_CASES)
def test_allow_edits_keep_the_rest_of_the_file(tmp_path, name, before, after):
    edits = config_edit.add_allow(str(tmp_path / name), before, 'an "addict"')
    assert (None if edits is None else actions.apply_edits(before, edits)) == after
    if after is not None:
        (tmp_path / name).write_bytes(after.encode("utf-8"))
        from hr_lint.config import load_config

        assert 'an "addict"' in load_config(str(tmp_path / name)).allow
    else:
        assert config_edit.quoted('an "addict"') in config_edit.why_not(str(tmp_path / name), before, 'an "addict"')


def test_new_configuration_file_is_valid(tmp_path):
    from hr_lint.config import load_config

    (tmp_path / ".hr-lint.yaml").write_text(config_edit.new_file_text("Clean Slate"), encoding="utf-8")
    assert load_config(str(tmp_path / ".hr-lint.yaml")).allow == ["Clean Slate"]


# -- suppression comments -------------------------------------------------------------------------------

def _suppress(text, fmt, line):
    inc = IncrementalLinter()
    findings = inc.lint(LINTER, text, fmt, "x")
    f = next(f for f in findings if f.line == line)
    act = actions.suppress(text, fmt, f, lambda t: inc.lint(LINTER, t, fmt, "x", keep=False), findings)
    return None if act is None else actions.apply_edits(text, act.edits)


def test_markdown_comment_keeps_a_hard_line_break():
    text = "We met addicts here.\\\nAnd more.\n"
    assert _suppress(text, "markdown", 1) == "We met addicts here. <!-- hr-lint disable-line addict-noun -->\\\nAnd more.\n"


def test_an_existing_line_comment_gains_the_rule():
    text = "We met addicts and junkies. <!-- hr-lint disable-line junkie -->\n"
    assert _suppress(text, "markdown", 1) == "We met addicts and junkies. <!-- hr-lint disable-line junkie, addict-noun -->\n"
    text = "We met addicts and junkies.  hr-lint: ignore junkie\n"
    assert _suppress(text, "text", 1) == "We met addicts and junkies.  hr-lint: ignore junkie, addict-noun\n"


def test_plain_text_comment_offered_whatever_the_next_line_says():
    # the comment's words are not prose, so they cannot change how the next line reads
    text = "We met addicts and junkies.\nHe committed suicide.\n\tTabbed addicts here.\n"
    assert _suppress(text, "text", 2) == text.replace("suicide.\n", "suicide.  hr-lint: ignore committed-suicide\n")


def test_comment_offered_when_another_finding_ends_the_line():
    # "addicts" ends where the comment goes: the comment follows it, and it is still found
    text = "We met junkies and addicts\nat the fair.\n"
    assert _suppress(text, "markdown", 1) == text.replace("addicts\n", "addicts <!-- hr-lint disable-line junkie -->\n")
    assert _suppress(text, "text", 1) == text.replace("addicts\n", "addicts  hr-lint: ignore junkie\n")


def test_no_comment_inside_front_matter_or_code():
    assert _suppress("---\ntitle: Help for addicts\n---\n\nText.\n", "markdown", 2) is None
    assert _suppress("We met addicts `and some\ncode` here.\n", "markdown", 1) is None


def test_restructuredtext_block_grows_to_hold_a_whole_list():
    text = "Intro.\n\n1. We met addicts.\n\n2. More people.\n\nLast.\n"
    assert _suppress(text, "rst", 3) == ("Intro.\n\n.. hr-lint: disable addict-noun\n\n1. We met addicts.\n\n"
                                         "2. More people.\n\n.. hr-lint: enable addict-noun\n\nLast.\n")


def test_markdown_reparsed_only_around_an_edit_gives_the_same_pieces():
    """`Splitter` keeps the pieces before and after an edit: at every step of random
    editing (with fences, comments, lists, front matter, definitions typed in), its pieces
    equal those of parsing the whole text."""
    rng = random.Random(11)
    paragraphs = []
    for _path, fmt, text in _documents():
        if fmt == "markdown":
            paragraphs.extend(p for p in text.split("\n\n") if p.strip())
    snippets = ["", "addicts ", "\n\n", "```\n", "~~~", "<!--", "-->", "<pre>", "</pre>", "\n- ", "  ", "\n---\n",
                "[x]: /u\n", "> ", "1. ", "\n    code\n", "|a|b|\n|-|-|\n", "# ", "\n===\n", "<div>", "\r\n"]
    partial = 0
    for _ in range(12):
        text = "\n\n".join(rng.sample(paragraphs, 30))
        splitter = blocks.Splitter()
        for _ in range(25):
            assert splitter.split(text, "markdown") == blocks.split(text, "markdown"), text
            partial += splitter.reparsed < len(text)
            at = rng.randrange(len(text) + 1)
            cut = min(len(text), at + rng.randrange(0, 30))
            text = text[:at] + rng.choice(snippets + [rng.choice(paragraphs)]) + text[cut:]
    assert partial > 150  # most edits re-parse a part of the text only


class _CountingText(str):
    """A str that adds up the characters its find/rfind calls scan (up to what they
    find), so a test can bound a function's work without timing it."""

    scanned = 0

    def _bounds(self, start, end):
        n = len(self)
        start = 0 if start is None else (start if start >= 0 else max(0, n + start))
        end = n if end is None else (min(end, n) if end >= 0 else max(0, n + end))
        return start, end

    def find(self, sub, start=None, end=None):
        found = super().find(sub, start, end)
        a, b = self._bounds(start, end)
        type(self).scanned += max(0, (found + len(sub) if found != -1 else b) - a)
        return found

    def rfind(self, sub, start=None, end=None):
        found = super().rfind(sub, start, end)
        a, b = self._bounds(start, end)
        type(self).scanned += max(0, b - (found if found != -1 else a))
        return found


def test_html_pieces_cost_linear_time():
    """Finding where each block starts must not scan back to the start of the document
    for every block (a 4 MB page took seconds per keystroke)."""
    text = "".join(f"<p>Paragraph {i} about the program.</p>\n" for i in range(2000))
    counting = _CountingText(text)
    _CountingText.scanned = 0
    assert blocks.split(counting, "html")[0] == blocks.split(text, "html")[0]
    assert len(blocks.split(text, "html")[0]) == 2000
    assert _CountingText.scanned <= 4 * len(text)


# -- the pygls internals the server relies on -------------------------------------------------------

@pytest.mark.asyncio
async def test_the_server_keeps_documents_in_its_own_store_only():
    """The server overrides pygls's document notifications (`server._Protocol`, built on
    pygls internals: `lsp_method`, the feature manager, handler generators) so that only
    its own store holds the text. If a pygls release dispatched them another way, the
    server would still work but keep a second copy split at other line breaks; this
    drives real messages through pygls's dispatch and fails then."""
    from hr_lint.lsp.server import create_server

    server = create_server()
    proto = server.protocol
    sent = []

    class Writer:
        def write(self, data):
            sent.append(data)

        def close(self):
            pass

    proto.set_writer(Writer(), include_headers=False)

    def message(data):
        proto.handle_message(proto.structure_message({"jsonrpc": "2.0", **data}))

    uri = "file:///nowhere/doc.md"
    try:
        message({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
        assert server.encoding == "utf-16"
        message({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": "one\u2028two\x0cthree\n"}}})
        message({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                                "text": "four"}]}})
        assert server.docs[uri].doc.text == "one\u2028two\x0cthree\nfour"  # LSP has one line break here
        assert server.docs[uri].doc.version == 2
        assert not server.workspace.text_documents  # pygls's own store was never used
        message({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
        assert uri not in server.docs
        assert not [m for m in sent if b'"error"' in m]
    finally:
        for state in server.docs.values():
            if state.timer is not None:
                state.timer.cancel()
        server.executor.shutdown(wait=False, cancel_futures=True)
