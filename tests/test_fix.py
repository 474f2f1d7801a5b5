"""--fix and --diff: only safe fixes, only prose, atomically, nothing else touched."""
import json
import os

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command

DRAFT = (
    "---\ntitle: Notes\n---\n\n"
    "Her brother committed suicide in 2019.\r\n"
    "\r\n"
    "We stopped using the phrase in `committed suicide` code and at https://x.org/committed-suicide.\r\n"
    "Substance abuse is a health issue. Three addicts came by.\r\n"
    "Café 😀 staff hand out clean needles.\r\n"
)


def run(*args):
    return CliRunner().invoke(lint_command, ["--no-cache", *args])


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "draft.md"
    path.write_bytes(DRAFT.encode("utf-8"))
    return path


def test_json_has_fix_only_for_safe_replacements(draft):
    findings = json.loads(run("--format", "json", "draft.md").stdout)
    fixes = {f["text"]: f["fix"] for f in findings}
    assert fixes["committed suicide"] == "died by suicide"
    assert fixes["Substance abuse"] == "Substance use"
    assert fixes["clean needles"] == "sterile needles"
    assert fixes["addicts"] is None  # the best wording for a label depends on context


def test_diff_writes_nothing(draft):
    before = draft.read_bytes()
    mtime = os.stat(draft).st_mtime_ns
    result = run("--diff", "draft.md")
    assert result.exit_code == 1
    assert "-Her brother committed suicide in 2019." in result.stdout
    assert "+Her brother died by suicide in 2019." in result.stdout
    assert draft.read_bytes() == before and os.stat(draft).st_mtime_ns == mtime


def test_fix_applies_safe_fixes_and_keeps_everything_else(draft):
    result = run("--fix", "draft.md")
    assert "Fixed 3 findings in 1 file." in result.stderr
    after = draft.read_bytes().decode("utf-8")
    expected = (DRAFT.replace("Her brother committed suicide", "Her brother died by suicide")
                .replace("Substance abuse", "Substance use").replace("clean needles", "sterile needles"))
    assert after == expected  # CRLF, code, URL, emoji and the label untouched
    again = json.loads(run("--format", "json", "draft.md").stdout)
    assert [f for f in again if f["fix"]] == []
    assert any(f["text"] == "addicts" for f in again)


def test_fix_keeps_bom_and_utf16(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bom.txt").write_bytes("\ufeffHe committed suicide.\n".encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes("She committed suicide.\r\n".encode("utf-16"))
    run("--fix", "bom.txt", "wide.txt")
    assert (tmp_path / "bom.txt").read_bytes() == "\ufeffHe died by suicide.\n".encode("utf-8")
    assert (tmp_path / "wide.txt").read_bytes() == "She died by suicide.\r\n".encode("utf-16")


def test_files_without_fixes_keep_bytes_and_mtime(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "labels.md"
    path.write_text("Three addicts came by.\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    run("--fix", "labels.md")
    assert path.read_text() == "Three addicts came by.\n"
    assert os.stat(path).st_mtime_ns == 1_000_000_000


def test_fix_keeps_markup_and_tense(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "page.html"
    path.write_text("<p>People who <em>commit suicide</em> are often in pain; he was <b>committing suicide</b>.</p>\n")
    run("--fix", "page.html")
    assert path.read_text() == ("<p>People who <em>die by suicide</em> are often in pain; "
                                "he was <b>dying by suicide</b>.</p>\n")


def test_docx_is_never_rewritten(tmp_path, monkeypatch):
    docx = pytest.importorskip("docx")
    monkeypatch.chdir(tmp_path)
    d = docx.Document()
    d.add_paragraph("He committed suicide.")
    d.save(tmp_path / "memo.docx")
    before = (tmp_path / "memo.docx").read_bytes()
    run("--fix", "memo.docx")
    assert (tmp_path / "memo.docx").read_bytes() == before
