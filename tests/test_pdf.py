"""PDF everywhere hr-lint reads files: reading quality, positions (page, line, column),
every output format, errors, bounds, --fix, the writer's page. The PDFs are written by
tests/pdfmaker.py: our own text, drawn the awkward ways real publications draw it."""
from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hr_lint import Linter
from hr_lint.cli import lint_command
from hr_lint.readers import ReaderError, pdf
from pdfmaker import encrypt, justified_page, lines_page, make_pdf, two_column_page

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

LEFT = [
    "Our outreach team meets people where",
    "they are. This year the team made its",
    "\ufb01rst visits to camps by the river and",
    "handed out a \ufb02yer about naloxone.",
    "Nobody should be called an ad-",
    "dict; we say a person who uses drugs.",
]
RIGHT = [
    "The second column is about housing.",
    "Co-",
    "occurring conditions are common, and",
    "our clinic treats both together.",
]
HEADER = "Riverside County Behavioral Health - Annual Report"


def brochure(pages: int = 3) -> bytes:
    out = []
    for i in range(pages):
        right = RIGHT + (["Last spring one junkie told us his story."] if i == 1 else [])
        out.append(two_column_page(LEFT, right, header=HEADER + " - substance abusers", footer=f"Page {i + 1}"))
    return make_pdf(out)


@pytest.fixture(scope="module")
def linter():
    return Linter()


def run(*args):
    return CliRunner().invoke(lint_command, ["--no-cache", *args])


# -- reading -------------------------------------------------------------------------------------

def test_columns_ligatures_hyphenation_and_running_headers():
    source, segments = pdf.read(brochure())
    texts = [s.text for s in segments]
    # each column is one block, read top to bottom: the left column before the right one
    first = texts[0]
    assert first.startswith("Our outreach team meets people where they are.")
    assert "first visits" in first and "a flyer about" in first  # ligatures read as letters
    assert "called an addict; we say" in first  # "ad-" / "dict" joined
    assert texts[1].startswith("The second column is about housing. Co-occurring conditions")  # compound kept
    # running header and footer: in the page text, never linted
    assert HEADER in source and "Page 2" in source
    assert not any(HEADER in t or t.startswith("Page ") for t in texts)
    assert source.count("\f") == 2  # three pages


def test_a_single_page_keeps_its_first_and_last_lines():
    source, segments = pdf.read(make_pdf([lines_page(["Handout for clients", "Three addicts came by."])]))
    assert [s.text for s in segments] == ["Handout for clients Three addicts came by."]


def test_findings_carry_page_line_and_column_within_the_page(linter):
    findings = linter.lint_bytes(brochure(), "brochure.pdf")
    addict = [f for f in findings if f.rule == "addict-noun" and "ad-" in f.text]
    assert [f.page for f in addict] == [1, 2, 3]
    for f in addict:
        # header line, blank line, then the left column: "...called an ad-" is its 5th line
        assert (f.line, f.column, f.end_line, f.end_column) == (7, 25, 8, 5)
        assert f.text == "an ad-\ndict"
    (junkie,) = [f for f in findings if f.text == "junkie"]
    assert junkie.page == 2
    page2 = pdf.read(brochure())[0].split("\f")[1].split("\n")
    assert page2[junkie.line - 1][junkie.column - 1:junkie.end_column - 1] == "junkie"
    assert not any("abusers" in f.text for f in findings)  # only in the running header
    assert [f.to_dict()["page"] for f in addict] == [1, 2, 3]


def test_text_output_shows_the_page_and_the_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brochure.pdf").write_bytes(brochure())
    result = run("--no-color", "brochure.pdf")
    assert result.exit_code == 1, result.output
    assert "page 2, 7:25" in result.stdout
    assert "    Nobody should be called an ad-\n" in result.stdout  # the line within the page
    assert "page 2, " in result.stdout and re.search(r"junkie", result.stdout)


def test_every_format_carries_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brochure.pdf").write_bytes(brochure(2))
    data = json.loads(run("--format", "json", "brochure.pdf").stdout)
    assert {f["page"] for f in data} == {1, 2}
    sarif = json.loads(run("--format", "sarif", "brochure.pdf").stdout)
    results = sarif["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["region"]["properties"]["page"] for r in results} == {1, 2}
    assert all("fixes" not in r for r in results)  # a PDF is never rewritten
    if SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(sarif, json.loads(SCHEMA.read_text(encoding="utf-8")))
    github = run("--format", "github", "brochure.pdf").stdout
    assert "::page 2: 'an ad-%0Adict': " in github
    gitlab = json.loads(run("--format", "gitlab", "brochure.pdf").stdout)
    assert any(i["description"].startswith("page 2: ") for i in gitlab)
    junit = run("--format", "junit", "brochure.pdf").stdout
    assert 'name="addict-noun page 2, 7:25"' in junit


def test_folders_and_the_cache_include_pdfs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "brochure.pdf").write_bytes(brochure(1))
    (tmp_path / "docs" / "note.md").write_text("Nothing to see.\n", encoding="utf-8")
    args = ["--cache-dir", str(tmp_path / "cache"), "--format", "json", "docs"]
    first = CliRunner().invoke(lint_command, args)
    second = CliRunner().invoke(lint_command, args)  # answered by the findings cache
    assert first.exit_code == second.exit_code == 1
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert {f["path"] for f in json.loads(first.stdout)} == {"docs/brochure.pdf"}
    assert all(f["page"] == 1 for f in json.loads(second.stdout))


# -- errors and bounds -----------------------------------------------------------------------------

def test_encrypted_scanned_and_malformed_pdfs_are_one_line_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked.pdf").write_bytes(encrypt(brochure(1)))
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[pdf_image()]]))
    (tmp_path / "broken.pdf").write_bytes(brochure(1)[:400])
    (tmp_path / "fake.pdf").write_bytes(b"Three addicts came by.\n")
    (tmp_path / "ok.md").write_text("Three addicts came by.\n", encoding="utf-8")
    result = run("--format", "json", "locked.pdf", "scan.pdf", "broken.pdf", "fake.pdf", "ok.md")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4, result.stderr
    assert "Traceback" not in result.stderr
    assert any("locked.pdf: encrypted PDF (needs a password)" in e for e in errors)
    assert any("scan.pdf: no text layer: scanned image?" in e for e in errors)
    assert any(e.startswith("hr-lint: broken.pdf: not a valid PDF") for e in errors)
    assert any("fake.pdf: not a PDF file" in e for e in errors)
    assert [f["path"] for f in json.loads(result.stdout)] == ["ok.md"]  # the others still linted


def pdf_image():
    from pdfmaker import Image

    return Image()


def test_an_owner_password_alone_does_not_stop_reading(linter):
    from pypdf import PdfReader, PdfWriter
    import io

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([lines_page(["Three addicts came by."])]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert [f.text for f in linter.lint_bytes(buf.getvalue(), "open.pdf")] == ["addicts"]


def test_inflated_streams_and_page_counts_are_bounded(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_INFLATED", 4 * 1024 * 1024)
    bomb = make_pdf([lines_page(["Three addicts came by."])], bomb=16 * 1024 * 1024)
    assert len(bomb) < 100_000
    with pytest.raises(ReaderError, match=r"decode to more than 4 MB"):
        pdf.read(bomb)
    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    many = make_pdf([lines_page([f"Page {i} text."]) for i in range(5)], page_count=1)  # /Count lies
    with pytest.raises(ReaderError, match=r"more than 3 pages"):
        pdf.read(many)
    assert pdf.read(make_pdf([lines_page(["Fine."])] * 3))[0].count("\f") == 2


CHAINS = [["FlateDecode"], ["LZWDecode"], ["RunLengthDecode"], ["ASCII85Decode"], ["ASCIIHexDecode"],
          ["ASCII85Decode", "FlateDecode"], ["ASCII85Decode", "RunLengthDecode"], ["LZWDecode", "LZWDecode"]]


@pytest.mark.parametrize("chain", CHAINS, ids="+".join)
def test_every_filter_reads_and_is_bounded(chain, monkeypatch):
    page = [lines_page(["Three addicts came by."])]
    source, _ = pdf.read(make_pdf(page, filters=chain))  # our decoders read what pdfminer's read
    assert "Three addicts came by." in source
    monkeypatch.setattr(pdf, "MAX_INFLATED", 256 * 1024)
    with pytest.raises(ReaderError, match=r"decode to more than 256 KB: not read"):
        pdf.read(make_pdf(page, bomb=1024 * 1024, bomb_filters=chain))


def test_a_stream_damaged_part_way_gives_what_came_before():
    # pdfminer's own fallback inflates a damaged stream one byte at a time (quadratic), then
    # drops it all when the damage is not in the last bytes: no text at all
    from pdfmaker import _content, text

    d = zlib.compressobj(9)
    data = d.compress(_content([text(72, 700, "Three addicts came by.")]) + b" " * (1 << 20))
    data += d.flush(zlib.Z_SYNC_FLUSH) + b"\x07\xff\xff\xff"  # then a block of an invalid type
    good = make_pdf([lines_page(["placeholder text"])], compress=False)
    old = b"<< /Length %d >>\nstream\n" % len(_content(lines_page(["placeholder text"])))
    start = good.index(old)
    end = good.index(b"endstream", start) + len(b"endstream")
    broken = good[:start] + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream" + good[end:]
    source, _ = pdf.read(broken)
    assert "Three addicts came by." in source


def test_the_bounds_are_scoped_and_checked(monkeypatch):
    import threading

    from pdfminer import pdftypes

    from hr_lint.readers import pdf_bounds

    originals = {name: getattr(pdftypes, name) for name in pdf_bounds.NAMES}
    assert pdf_bounds.check() is None  # this pdfminer decodes through the names we bound
    # two threads at once: one document trips its own budget, the other reads in full
    monkeypatch.setattr(pdf, "MAX_INFLATED", 256 * 1024)
    outcome = {}

    def read(name, data):
        try:
            outcome[name] = pdf.read(data)[0]
        except ReaderError as exc:
            outcome[name] = exc

    bomb = make_pdf([lines_page(["Bomb."])], bomb=1024 * 1024, bomb_filters=["RunLengthDecode"])
    fine = brochure(2)
    threads = [threading.Thread(target=read, args=(n, d)) for n, d in (("bomb", bomb), ("fine", fine)) * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert isinstance(outcome["bomb"], pdf_bounds.TooBig) and "Riverside County" in outcome["fine"]
    # outside a read, pdfminer is pdfminer again
    assert {name: getattr(pdftypes, name) for name in pdf_bounds.NAMES} == originals
    # a fax stream of ten million columns: refused before decoding (a row per bit could follow)
    fax = pdftypes.PDFStream({"Filter": pdftypes.LIT("CCITTFaxDecode"),
                              "DecodeParms": {"K": -1, "Columns": 10 ** 7}}, bytes(100))
    with pdf_bounds.bounded(1024 * 1024), pytest.raises(pdf_bounds.TooBig):
        fax.get_data()


@pytest.mark.parametrize("breakage", ["decode elsewhere", "name gone"])
def test_a_pdfminer_that_cannot_be_bounded_is_refused(breakage, monkeypatch):
    from pdfminer import pdftypes

    from hr_lint.readers import pdf_bounds

    monkeypatch.setattr(pdf_bounds, "_checked", False)
    if breakage == "decode elsewhere":  # a release that decodes through names of another module
        namespace = {"zlib": zlib}
        exec("def decode(self):\n    self.data = zlib.decompress(self.rawdata)\n    self.rawdata = None\n", namespace)
        monkeypatch.setattr(pdftypes.PDFStream, "decode", namespace["decode"])
    else:
        monkeypatch.delattr(pdftypes, "lzwdecode")
    with pytest.raises(ReaderError, match=r"pdfminer\.six \S+ decodes PDF streams in a way hr-lint cannot bound"):
        pdf.read(brochure(1))
    monkeypatch.undo()
    pdf_bounds._checked = False
    assert pdf.read(brochure(1))[0]


def test_fix_and_diff_never_touch_a_pdf(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = make_pdf([lines_page(["She committed suicide last year."])])
    target = tmp_path / "memo.pdf"
    target.write_bytes(data)
    before = os.stat(target)
    assert any(f.fix for f in Linter().lint_bytes(data, "memo.pdf"))  # fixable words are there
    result = run("--fix", "memo.pdf")
    assert target.read_bytes() == data and os.stat(target).st_mtime_ns == before.st_mtime_ns
    assert "Fixed 0 findings in 0 files" in result.stderr
    assert run("--diff", "memo.pdf").stdout == ""


def test_a_pdf_on_standard_input_is_read_shown_and_passed_through_by_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no brochure.pdf on disk: the lines shown come from the input
    data = brochure(2)
    result = CliRunner().invoke(lint_command, ["--no-cache", "--no-color", "-", "--stdin-filename", "brochure.pdf"],
                                input=data)
    assert result.exit_code == 1, result.output
    assert "page 2, 7:25" in result.stdout and "    Nobody should be called an ad-\n" in result.stdout
    fixed = CliRunner().invoke(lint_command, ["--no-cache", "--no-color", "--fix", "-", "--stdin-filename",
                                              "brochure.pdf"], input=data)
    assert fixed.exit_code == 1, fixed.output
    assert fixed.stdout_bytes == data  # a filter that never rewrites a PDF: the bytes as they came
    assert "page 2, 7:25" in fixed.stderr and "binary file" not in fixed.stderr
    broken = CliRunner().invoke(lint_command, ["--no-cache", "--fix", "-", "--stdin-filename", "brochure.pdf"],
                                input=data[:400])
    assert broken.exit_code == 2 and broken.stdout_bytes == data[:400]
    assert "hr-lint: brochure.pdf: not a valid PDF" in broken.stderr


# -- the writer's page and the API -----------------------------------------------------------------

def test_the_api_lints_an_uploaded_pdf():
    from starlette.testclient import TestClient

    from hr_lint.server import create_app

    client = TestClient(create_app())
    data = brochure(2)
    response = client.post("/api/lint-file", files={"file": ("brochure.pdf", data, "application/pdf")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source_format"] == "pdf"
    assert body["findings"] == [f.to_dict() for f in Linter().lint_bytes(data, "brochure.pdf")]
    for f, at in zip(body["findings"], body["positions"]):
        assert body["text"][at["offset"]:at["end_offset"]] == f["text"]
    bad = client.post("/api/lint-file", files={"file": ("scan.pdf", make_pdf([[pdf_image()]]), "application/pdf")})
    assert bad.status_code == 400 and "no text layer" in bad.json()["error"]


JUSTIFIED_LEFT = [
    "Some of our neighbours used to call",
    "our clients junkies, and it hurt. The",
    "local paper once wrote of substance",
    "abusers in a headline that ran for a",
    "week; it is hard to live that down.",
]
JUSTIFIED_RIGHT = [
    "In the second column, staff explain",
    "why words matter: a man who",
    "committed suicide last year is still",
    "our neighbour.",
]


def test_justified_columns_read_line_by_line_and_in_order(linter):
    # pdfminer breaks a justified line at its wide gaps and orders the pieces as boxes of
    # their own ("our clients junkies, and" / "it hurt. The"...): the lines are joined again
    data = make_pdf([justified_page(JUSTIFIED_LEFT, JUSTIFIED_RIGHT)])
    source, segments = pdf.read(data)
    assert source.split("\n\n") == ["\n".join(JUSTIFIED_LEFT), "\n".join(JUSTIFIED_RIGHT)]
    found = {(f.text, f.line, f.column) for f in linter.lint_bytes(data, "news.pdf")}
    assert {("junkies", 2, 13), ("substance\nabusers", 3, 27), ("committed suicide", 9, 1)} <= found


NARROW_LEFT = ["Unbelievably", "comprehensive", "internationalization", "characterizes the",
               "administrative", "reorganization of the", "departments, so the", "staff avoid labels."]
NARROW_RIGHT = ["In the next column:", "neighbours once", "called our clients", "junkies, and it",
                "hurt them all."]


def test_narrow_justified_columns_with_gaps_of_several_ems():
    # two or three words stretched across a narrow column; rows that end in the same word
    # ("the") put it at the same place, as a column's edge would be
    source, _ = pdf.read(make_pdf([justified_page(NARROW_LEFT, NARROW_RIGHT, width=150)]))
    assert source.split("\n\n") == ["\n".join(NARROW_LEFT), "\n".join(NARROW_RIGHT)]


def test_columns_drawn_row_by_row_stay_apart_even_with_trailing_spaces():
    left = [line + " " for line in LEFT]  # some exporters end every line with a space glyph
    source, segments = pdf.read(make_pdf([two_column_page(left, RIGHT)]))
    assert segments[0].text.startswith("Our outreach team meets people where they are.")
    assert segments[1].text.startswith("The second column is about housing.")
