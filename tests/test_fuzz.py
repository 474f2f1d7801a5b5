"""The property-based campaign (hypothesis) over every reader and the fixer; docs/fuzzing.md
says what it covers and what it found.

Documents are generated from pieces: ordinary words and trigger terms, markup of the format
(tags, emphasis, links, comments, directives, tables), entities, CRLF and lone CR, tabs,
emoji, combining marks, invisible characters, letters whose lower case is longer (İ), long
runs and deep nesting, under a byte-order mark in UTF-8, UTF-16 or UTF-32 of either byte
order; and PDFs of one or two columns, hyphenated line ends and ligature glyphs. For every
document:

- linting never fails (no exception of any kind);
- every finding's `text` is exactly the file's characters at its line and column (as an
  editor counts them) and at its offsets;
- `--fix` then lint finds nothing fixable; `--fix` twice equals `--fix` once; the fixed
  file differs from the original only in the fixed spans, byte for byte, in its own
  encoding, and keeps its mode;
- the work of linting (function calls and lines run, counted: tests/growth.py) grows
  linearly with size; timings are in benchmarks/bounded_cost.py.

The default profile is short (derandomized: the same examples every run, a few seconds) so
the suite stays fast and deterministic; HR_LINT_FUZZ=long runs a long random campaign:

    HR_LINT_FUZZ=long python -m pytest -p no:cacheprovider tests/test_fuzz.py
"""
from __future__ import annotations

import codecs
import os
import stat
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growth import growth, linear
from hr_lint import Linter
from hr_lint.fix import fix_bytes, fix_file, planned
from hr_lint.loader import InputError, decode_with_encoding, encode
from hr_lint.readers import parse_docx
from texts import DOCUMENT, END, package

LONG = os.environ.get("HR_LINT_FUZZ") == "long"
_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])


def campaign(short: int, long: int = 0):
    """Settings for one property: `short` examples by default (derandomized), many more
    random ones with HR_LINT_FUZZ=long."""
    if LONG:
        return settings(max_examples=long or short * 40, **_COMMON)
    return settings(max_examples=short, derandomize=True, **_COMMON)


LINTER = Linter()

WORDS = ["the", "clinic", "staff", "met", "people", "in", "recovery", "kitchen", "week", "app", "with",
         "a", "to", "said", "is", "was", "our", "housing", "support", "Alcoholics", "Anonymous", "I'm", "an"]
TERMS = ["addict", "addicts", "Addicts", "junkie", "junkies", "substance abuse", "substance\nabuse",
         "committed suicide", "commit suicide", "drug users", "clean for two years", "dirty urine",
         "alcoholics", "the mentally ill", "crackhead", "an addict", "addict's", "jun\u00adkie",
         "junk\u200bies", "'Committed suicide'", "\"addicts\"", "suicide", "ex-offender", "abusers"]
COMMON = [" ", "  ", "\t", "\n", "\r\n", "\n\n", "\r\n\r\n", "\r", ". ", ", ", "; ", "! ", "? ", ": ",
          "\U0001F600", "\U0001F469\u200d\u2695\ufe0f", "e\u0301", "n\u0303", "\u00df", "\u0130", "\u2019s",
          "\u2014", "\u00a0", "\u200b", "\u00ad", "\u2028", "\uff21", "\u05d0", "\u4e2d", "'", "\"", "(", ")",
          "-", "/", "*", "#", "...", "1.", "http://example.org/addicts", "user@example.org"]
MARKUP = {
    "text": ["<!-- hr-lint: ignore -->", "# hr-lint: disable-next-line", "--", "===", "> "],
    "markdown": ["**", "*", "_", "__", "`", "``", "[", "](http://example.org)", "]: /x", "# ", "## ", "> ",
                 "- ", "1. ", "<b>", "</b>", "<em>", "</em>", "&amp;", "&nbsp;", "&#8217;", "&shy;",
                 "<!-- note -->", "<!--", "-->", "```\n", "~~~\n", "    ", "|", "| --- |", "\\", "---\n",
                 "![", "<", ">", "<https://example.org>", "[^1]", "<!-- hr-lint: ignore junkie -->",
                 "+++\n", "---\ntitle: addicts\n---\n"],
    "html": ["<p>", "</p>", "<b>", "</b>", "<em>", "</em>", "<br>", "<br/>", "&amp;", "&nbsp;", "&rsquo;",
             "&#8217;", "&#x2019;", "&shy;", "&#8203;", "&bogus;", "&", "<!-- c -->", "<!--", "-->",
             "<script>", "</script>", "<style>", "</style>", "<a href='http://example.org/addicts'>",
             "</a>", "<div>", "</div>", "<", ">", "<img alt='", "'>", "<cite>", "</cite>", "<ul><li>",
             "</li></ul>", "<table><tr><td>", "</td></tr></table>", "<pre>", "</pre>", "<h1>", "</h1>",
             "<code>", "</code>", "<blockquote>", "<q>", "</q>", "<main>", "<nav>", "<![CDATA[", "]]>",
             "<?xml version='1.0'?>", "<!DOCTYPE html>", "<p title=\"", "\">"],
    "rst": ["*", "**", "``", "`", "`_", "_", ".. ", ".. note::", ".. code-block:: text\n\n",
            ".. |sub| replace:: addicts", "::", "\n\n    ", "\n   ", "=====\n", "-----\n", "- ", "* ",
            "|", "|sub|", ":ref:`", ":emphasis:`", "\\", "#. ", "+---+\n", ".. [1] ", "[1]_",
            ".. hr-lint: ignore"],
}


def nested(fmt: str):
    """A term under deep nesting of the format's markup."""
    open_, close = {"html": ("<b><i>", "</i></b>"), "markdown": ("> ", ""), "rst": ("  ", ""),
                    "text": ("(", ")")}[fmt]
    return st.tuples(st.integers(1, 60), st.sampled_from(TERMS)).map(
        lambda t: open_ * t[0] + t[1] + close * t[0])


def long_run():
    return st.tuples(st.sampled_from(WORDS + ["x", "-", "*", "\u00e9"]), st.integers(50, 3000)).map(
        lambda t: (t[0] + " ") * t[1] if len(t[0]) > 1 else t[0] * t[1])


def documents(fmt: str, max_pieces: int = 50):
    piece = st.one_of(
        st.sampled_from(WORDS), st.sampled_from(TERMS), st.sampled_from(COMMON), st.sampled_from(MARKUP[fmt]),
        nested(fmt), long_run(),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),  # anything at all, now and then
    )
    seps = st.sampled_from([" ", " ", " ", "", "\n", "\r\n", "\t", "\n\n"])
    return st.lists(st.tuples(piece, seps), max_size=max_pieces).map(
        lambda parts: "".join(p + s for p, s in parts))


ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "rst": "rst"}
FORMATS = sorted(EXTENSIONS)


def editor_span(text: str, f) -> str:
    """The characters between the finding's line/column and end line/column, counted as an
    editor counts them (lines end at "\\n"; columns are code points)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return text[starts[f.line - 1] + f.column - 1:starts[f.end_line - 1] + f.end_column - 1]


def check_positions(text: str, findings) -> None:
    for f in findings:
        assert f.text, f
        assert text[f.offset:f.end_offset] == f.text, f
        assert editor_span(text, f) == f.text, f


# -- every reader: never a crash, exact positions ---------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@campaign(short=25)
@given(data=st.data())
def test_every_finding_is_the_files_text_at_its_position(fmt, data):
    text = data.draw(documents(fmt), label="document")
    encoding = data.draw(st.sampled_from(ENCODINGS), label="encoding")
    raw = encode(text, encoding)
    try:
        findings = LINTER.lint_bytes(raw, f"doc.{EXTENSIONS[fmt]}")
    except InputError as exc:  # the one refusal a text can earn: a NUL byte in UTF-8 (a binary file)
        assert "\x00" in text and encoding == "utf-8" and "binary file" in str(exc)
        return
    decoded, _ = decode_with_encoding(raw, "doc")
    check_positions(decoded, findings)


@campaign(short=15)
@given(paragraphs=st.lists(st.lists(st.one_of(st.sampled_from(WORDS + TERMS + COMMON[:20]),
                                              st.text(st.characters(codec="utf-8", blacklist_categories=("Cs", "Cc")),
                                                      max_size=6)),
                                    max_size=12), max_size=20),
       split=st.integers(1, 4))
def test_docx_findings_are_the_documents_text_at_their_position(paragraphs, split):
    body = []
    for words in paragraphs:
        runs = [" ".join(words[k:k + split]) + " " for k in range(0, len(words), split)]
        body.append("<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{escape(r)}</w:t></w:r>' for r in runs)
                    + "</w:p>")
    data = package([DOCUMENT, *body, END])
    doc = parse_docx(data)
    findings = LINTER.lint_bytes(data, "doc.docx")
    check_positions(doc.source, findings)


def _cp1252(s: str) -> bool:
    try:
        s.encode("cp1252")
        return "\n" not in s and "\r" not in s
    except UnicodeEncodeError:
        return False


# what the tests' PDF writer can draw (Helvetica, cp1252, and the two ligature glyphs)
PDF_PIECES = sorted({w for w in WORDS + TERMS + COMMON if _cp1252(w) and w.strip()}
                    | {"\ufb01rst", "\ufb02yer", "of\ufb01ce", "\u2019s", "caf\u00e9", "\u2014", "ad-"})


def pdf_lines():
    return st.lists(st.lists(st.sampled_from(PDF_PIECES), min_size=1, max_size=9).map(" ".join),
                    min_size=1, max_size=14)


@campaign(short=12)
@given(pages=st.lists(st.tuples(st.booleans(), pdf_lines(), pdf_lines(), st.booleans()), min_size=1, max_size=3))
def test_pdf_findings_are_the_pages_text_at_their_position(pages):
    # pages of one column or two (drawn row by row across the page, so content order is not
    # reading order), words hyphenated at line ends, ligature glyphs, running headers
    from pdfmaker import lines_page, make_pdf, two_column_page

    from hr_lint.readers import pdf

    drawn = []
    for k, (columns, left, right, header) in enumerate(pages):
        if columns:
            drawn.append(two_column_page(left, right, header="Outreach notes" if header else None,
                                         footer=f"Page {k + 1}" if header else None))
        else:
            drawn.append(lines_page(left + right))
    data = make_pdf(drawn)
    source, _ = pdf.read(data)
    findings = LINTER.lint_bytes(data, "doc.pdf")
    page_texts = source.split("\f")
    for f in findings:
        assert f.text and source[f.offset:f.end_offset] == f.text, f
        assert editor_span(page_texts[f.page - 1], f) == f.text, f


# -- the fixer ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@campaign(short=20)
@given(data=st.data())
def test_fix_changes_only_the_fixed_spans_and_is_idempotent(fmt, data, tmp_path):
    text = data.draw(documents(fmt, max_pieces=30), label="document").replace("\x00", "")
    encoding = data.draw(st.sampled_from(ENCODINGS), label="encoding")
    raw = encode(text, encoding)
    name = f"doc.{EXTENSIONS[fmt]}"
    once = fix_bytes(LINTER, raw, name)
    # only the fixed spans change, byte for byte in the file's own encoding, BOM and all
    chosen = planned(once.before, once.found)
    assert once.applied == len(chosen)
    pieces, pos = [], 0
    for f in chosen:
        assert once.before[f.offset:f.end_offset] == f.text
        pieces += [once.before[pos:f.offset], f.fix]
        pos = f.end_offset
    pieces.append(once.before[pos:])
    bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else raw[:len(raw) - len(text.encode(
        {"utf-8-sig": "utf-8"}.get(encoding, encoding)))]
    codec = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    assert once.data == bom + b"".join(p.encode(codec) for p in pieces)
    # then lint finds nothing fixable, and a second --fix changes nothing
    assert [f for f in once.findings if f.fix] == []
    twice = fix_bytes(LINTER, once.data, name)
    assert twice.applied == 0 and twice.data == once.data
    # through the file: written as fixed, mode kept
    path = tmp_path / name
    path.write_bytes(raw)
    path.chmod(0o640)
    result = fix_file(LINTER, str(path), write=True)
    assert result.error is None
    assert path.read_bytes() == once.data
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


# -- cost ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@campaign(short=2, long=40)
@given(data=st.data())
def test_work_grows_linearly_with_size(fmt, data):
    unit = data.draw(documents(fmt, max_pieces=30), label="unit")
    unit = (unit + "\n\nThe addicts met in the kitchen.\n\n") * max(1, 400 // (len(unit) + 40))
    ratio = growth(lambda n: unit * max(1, n // len(unit)), lambda t: LINTER.lint_text(t, fmt), 8_000)
    assert linear(ratio), f"{fmt}: 8x the text took {ratio:.1f}x the work"
