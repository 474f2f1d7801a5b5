"""Every input has bounded cost: linear time in every reader, limits on what a .docx inflates to.

The growth tests count the work (function calls) of an input eight times larger against a
smaller one (tests/growth.py): deterministic, whatever the machine's load; a quadratic reader
fails them by a wide margin. Timings are in benchmarks/bounded_cost.py, not here.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from growth import calls, growth, linear
from texts import DOCUMENT, END, PARAGRAPH, package, words
from hr_lint import Linter
from hr_lint.cli import lint_command
from hr_lint.readers import ReaderError, docx as docx_reader, parse_docx


@pytest.fixture(scope="module")
def linter():
    return Linter()


def lint_as(linter, fmt):
    return lambda text: linter.lint_text(text, fmt)


# -- one long paragraph, in every text format ------------------------------------------------------

@pytest.mark.parametrize("fmt", ["markdown", "html", "rst", "text"])
def test_one_long_paragraph_costs_linear_time(linter, fmt):
    # the case: one paragraph (one line) with a term in it, 32 KB and 256 KB
    ratio = growth(lambda n: words(n) + " Three addicts came by.\n", lint_as(linter, fmt), 32_000)
    assert linear(ratio), f"{fmt}: 8x the text took {ratio:.1f}x the work"


def test_markdown_paragraph_of_a_megabyte_is_read_whole(linter):
    text = words(1_000_000) + " Three addicts came by.\n"
    findings = linter.lint_text(text, "markdown")
    assert [f.text for f in findings] == ["addicts"]
    assert findings[0].column == text.index("addicts") + 1


def test_many_findings_in_one_paragraph_cost_linear_time(linter):
    # every match used to rebuild the paragraph's text and scan every kept match
    ratio = growth(lambda n: "Three addicts came by, " * (n // 23) + "\n", lint_as(linter, "markdown"), 4_000)
    assert linear(ratio), f"8x the findings took {ratio:.1f}x the work"


def test_a_sentence_without_full_stops_costs_linear_time(linter):
    # checks look around a match within its sentence: one endless sentence must not make
    # each look cost as much as the whole text
    ratio = growth(lambda n: "word addict\n" * (n // 12), lint_as(linter, "text"), 4_000)
    assert linear(ratio), f"8x the text took {ratio:.1f}x the work"


# -- markup that never closes ----------------------------------------------------------------------

UNCLOSED = [
    ("markdown", "<!-- "),  # HTML comments that never close
    ("html", "<a "),  # tags that never close
    ("html", "<!-- "),
    ("html", "<a title='"),
    ("rst", "*a "),  # emphasis that never closes
    ("rst", "``a "),  # inline literals that never close
]


@pytest.mark.parametrize("fmt,unit", UNCLOSED, ids=[f"{f}:{u.strip()}" for f, u in UNCLOSED])
def test_markup_that_never_closes_costs_linear_time(linter, fmt, unit):
    ratio = growth(lambda n: "The addict. " + unit * (n // len(unit)) + "\n", lint_as(linter, fmt), 10_000)
    assert linear(ratio), f"8x the text took {ratio:.1f}x the work"


# -- large inputs finish: what a count of calls cannot see ------------------------------------------
#
# Work inside one C call (a string rebuilt from its start for each line, a regular expression
# scanning to the end of the text from every "<") is invisible to the growth tests above.
# These inputs are big enough that the quadratic readers of issue 11 never finished them in
# practice (a 2 MB Markdown paragraph took 101 s, 1 MB of unclosed "<a " over 400 s), while
# the linear readers take about a second; the timeout is a hang guard fifty times the
# linear cost, not a timing: the assertions are about what is found.

LARGE = [("markdown", None, 2_000_000)] + [(fmt, unit, 1_000_000) for fmt, unit in UNCLOSED]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("fmt,unit,size", LARGE, ids=[f"{f}:{(u or 'paragraph').strip()}" for f, u, _ in LARGE])
def test_large_inputs_are_read_whole_without_hanging(linter, fmt, unit, size):
    if unit is None:
        text = words(size) + " Three addicts came by.\n"
    else:
        text = "The addict. " + unit * (size // len(unit)) + "\n"
    findings = linter.lint_text(text, fmt)
    assert findings and findings[0].text.lower().startswith("addict")
    assert text[findings[0].offset:findings[0].offset + len(findings[0].text)] == findings[0].text


# -- .docx -----------------------------------------------------------------------------------------

def styles(n: int) -> str:
    """A styles part with `n` paragraph styles besides "Body Text"."""
    return ('<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + "".join(f'<w:style w:type="paragraph" w:styleId="S{k}"><w:name w:val="style {k}"/></w:style>'
                      for k in range(n))
            + '<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/></w:style></w:styles>')


STYLES = styles(300)


def paragraphs(n: int, style_part: str = STYLES) -> bytes:
    return package([DOCUMENT, *(PARAGRAPH.format(f"Paragraph {k} about housing.") for k in range(n)), END],
                   style_part)


def test_docx_paragraphs_cost_linear_work():
    ratio = growth(paragraphs, parse_docx, 500)
    assert linear(ratio), f"8x the paragraphs took {ratio:.1f}x the work"


def test_a_docx_paragraphs_style_costs_the_same_whatever_the_number_of_styles(monkeypatch):
    # python-docx looked each paragraph's style up among every style of the document (about
    # a millisecond a paragraph: 30,000 paragraphs took 29 s); the styles part is read once
    # now, and a paragraph's style is a set look-up
    read = []
    heading_styles = docx_reader._Reader.heading_styles
    monkeypatch.setattr(docx_reader._Reader, "heading_styles",
                        lambda self, *a: read.append(1) or heading_styles(self, *a))
    few, many = paragraphs(1_000, styles(3)), paragraphs(1_000, styles(3_000))
    parse_docx(few)
    parse_docx(many)
    read.clear()
    with_few = calls(lambda: parse_docx(few))
    with_many = calls(lambda: parse_docx(many))
    assert read == [1, 1]  # the styles part once a document
    # the 2,997 more styles are read once (a few calls each), not once a paragraph
    assert with_many - with_few < 20 * 3_000, f"{(with_many - with_few) / 1_000:.0f} more work a paragraph"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A .docx a few hundred KB on disk whose document.xml inflates past the limit."""
    filler = PARAGRAPH.format("x" * 4000)
    n = docx_reader.MAX_INFLATED // len(filler) + 10
    return package([DOCUMENT, *(filler for _ in range(n)), END])


def test_docx_that_inflates_past_the_limit_is_refused_naming_the_limit(bomb, tmp_path, monkeypatch):
    data = bomb
    assert len(data) < docx_reader.MAX_INFLATED // 50  # small on disk, huge inflated
    with pytest.raises(ReaderError, match=r"word/document.xml inflates to \d+ MB, over the 100 MB limit"):
        parse_docx(data)
    # on the command line: one line naming the file and the limit, exit 2, the others linted
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bomb.docx").write_bytes(data)
    (tmp_path / "note.md").write_text("Three addicts came by.\n")
    result = CliRunner().invoke(lint_command, ["--no-cache", "--format", "json", "bomb.docx", "note.md"])
    assert result.exit_code == 2
    assert "bomb.docx: word/document.xml inflates to" in result.stderr and "Traceback" not in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)] == ["note.md"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_server_refuses_a_docx_that_inflates_past_the_limit_in_bounded_memory(bomb):
    # the case: a few hundred KB uploaded, 200 MB of XML inflated, the server at 4.4 GB
    import tracemalloc

    from starlette.testclient import TestClient

    from hr_lint import server

    data = bomb
    with TestClient(server.create_app(max_upload=2_000_000)) as client:
        client.post("/api/lint", json={"text": "Three addicts came by."})  # a linter loaded
        tracemalloc.start()
        try:
            response = client.post("/api/lint-file", files={"file": ("bomb.docx", data)})
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert response.status_code == 400
    assert "bomb.docx: word/document.xml inflates to" in response.json()["error"]
    assert "over the 100 MB limit" in response.json()["error"]
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MB allocated to refuse it"


def test_docx_with_too_many_paragraphs_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 1_000)
    parse_docx(paragraphs(1_000))
    with pytest.raises(ReaderError, match="more than 1,000 paragraphs, the limit for a .docx"):
        parse_docx(paragraphs(1_001))


def test_docx_reads_tracked_insertions_hyperlinks_and_content_controls_but_not_deletions():
    body = ('<w:p><w:r><w:t xml:space="preserve">We met </w:t></w:r>'
            '<w:ins w:id="1" w:author="a"><w:r><w:t>three</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>four</w:delText></w:r></w:del>'
            '<w:hyperlink><w:r><w:t xml:space="preserve"> addicts</w:t></w:r></w:hyperlink>'
            '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> today</w:t></w:r></w:sdtContent></w:sdt>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
            '<w:r><w:tab/><w:t>.</w:t></w:r></w:p>'
            '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
            '<w:sdtContent><w:p><w:r><w:t>Addicts ..... 4</w:t></w:r></w:p></w:sdtContent></w:sdt>'
            '<w:sdt><w:sdtContent><w:p><w:r><w:t>Cover: junkies</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    doc = parse_docx(package([DOCUMENT, body, END]))
    assert doc.source.split("\n") == ["We met three addicts today\t.", "Cover: junkies"]


def test_docx_xml_entities_are_not_expanded():
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "addict addict addict">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
              '<w:p><w:r><w:t>&c;</w:t></w:r></w:p>')
    try:
        doc = parse_docx(package([laughs, END]))
    except ReaderError:
        return  # refused: fine
    assert len(doc.source) < 100


def test_dense_findings_in_a_long_paragraph_are_tokenized_in_bounded_windows(monkeypatch):
    """A long paragraph is tokenized in windows around its terms; where terms stand in
    every sentence the windows used to merge into one as long as the paragraph, and past
    spaCy's limit (a million characters) linting failed with an internal error. The limit
    is lowered here so that a small text shows it."""
    linter = Linter()
    linter.lint_text("Three addicts came by.", "text")  # spaCy loaded
    monkeypatch.setattr(linter.engine.nlp, "max_length", 60_000)
    text = "We met addicts at the fair. " * 4000 + "\n"  # 112,000 characters, one paragraph
    findings = linter.lint_text(text, "text")
    assert len(findings) == 4000 and {f.text for f in findings} == {"addicts"}
    # a run without spaces or sentence ends around a term: the window stays bounded too
    blob = "x" * 100_000 + " addicts " + "y" * 100_000 + "\n"
    assert [f.text for f in linter.lint_text(blob, "text")] == ["addicts"]
