"""The command line end to end: exit codes, formats, discovery and every kind of bad input."""
import json
import os
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command


def run(*args, input=None):
    result = CliRunner().invoke(lint_command, ["--no-cache", *args], input=input)
    return result


def run_json(*args):
    result = run("--format", "json", *args)
    return result, json.loads(result.stdout or "[]")


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text("# News\n\nThree addicts came by the clinic.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("Clean the kitchen before guests arrive.\n", encoding="utf-8")
    return tmp_path


def test_finding_gives_exit_1_and_clean_file_exit_0(docs):
    assert run("bad.md").exit_code == 1
    assert run("good.md").exit_code == 0


def test_json_fields(docs):
    result, findings = run_json("bad.md")
    assert result.exit_code == 1
    (f,) = findings
    assert f["path"] == "bad.md"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 7, 3, 14)
    assert f["text"] == "addicts" and f["rule"] == "addict-noun" and f["severity"] == "warning"
    assert f["suggestions"] and all(s.startswith("people") for s in f["suggestions"])
    assert f["source"].startswith("http")
    assert set(f) >= {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
                      "text", "suggestions", "source", "fix"}


def test_text_output_underlines_and_summarises(docs):
    result = run("--no-color", "bad.md")
    out = result.stdout
    assert "bad.md" in out and "3:7" in out and "addict-noun" in out
    assert "      ^^^^^^^" in out  # under 'addicts' in the quoted source line
    assert "1 finding in 1 file: 1 warning" in out


def test_fail_on_error_ignores_warnings(docs):
    assert run("--fail-on", "error", "bad.md").exit_code == 0
    assert run("--fail-on", "info", "bad.md").exit_code == 1


def test_folder_is_walked_in_order_skipping_hidden_and_vendored(docs):
    for sub in ("a", "b", ".hidden", "node_modules", "venv"):
        (docs / "tree" / sub).mkdir(parents=True)
        (docs / "tree" / sub / "x.md").write_text("Many addicts came.\n")
    (docs / "tree" / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (docs / "tree" / "b" / "y.txt").write_text("The junkies left.\n")
    (docs / "tree" / "b" / "z.py").write_text("addicts = 1\n")
    result, findings = run_json("tree")
    assert [f["path"] for f in findings] == [os.path.join("tree", "a", "x.md"), os.path.join("tree", "b", "x.md"),
                                             os.path.join("tree", "b", "y.txt")]


def test_missing_path_is_exit_2_and_others_still_linted(docs):
    result = run("--format", "json", "nope.md", "bad.md")
    assert result.exit_code == 2
    assert "nope.md: no such file or directory" in result.stderr
    assert json.loads(result.stdout)[0]["path"] == "bad.md"


def test_folder_with_nothing_to_lint(docs):
    (docs / "empty").mkdir()
    result = run("empty")
    assert result.exit_code == 0
    assert "no Markdown" in result.stderr


def test_binary_and_undecodable_files(docs):
    (docs / "pic.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (docs / "latin.txt").write_bytes("Line one\nCaf\xe9 for addicts\n".encode("latin-1"))
    result = run("pic.md", "latin.txt", "bad.md")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert any(l.startswith("hr-lint: pic.md: binary file") for l in lines)
    assert any("latin.txt: line 2: cannot decode byte 0xe9" in l for l in lines)
    assert "Traceback" not in result.stderr
    assert "bad.md" in result.stdout  # the good file was still linted


def test_utf8_bom_and_utf16_are_read(docs):
    (docs / "bom.md").write_bytes("\ufeffThree addicts came by.\n".encode("utf-8"))
    (docs / "wide.txt").write_bytes("Three addicts came by.\r\n".encode("utf-16"))
    result, findings = run_json("bom.md", "wide.txt")
    assert [(f["path"], f["line"], f["column"]) for f in findings] == [("bom.md", 1, 7), ("wide.txt", 1, 7)]


def test_empty_file(docs):
    (docs / "empty.md").write_bytes(b"")
    assert run("empty.md").exit_code == 0


def test_corrupt_docx(docs):
    (docs / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("broken.docx")
    assert result.exit_code == 2
    assert "broken.docx" in result.stderr and "Traceback" not in result.stderr


def test_zip_that_is_not_a_docx(docs):
    with zipfile.ZipFile(docs / "other.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    result = run("other.docx")
    assert result.exit_code == 2 and "other.docx" in result.stderr


def test_docx_finding(docs):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Welcome to the clinic.")
    d.add_paragraph("Our team committed suicide prevention to memory, but one man committed suicide.")
    d.save(docs / "memo.docx")
    result, findings = run_json("memo.docx")
    assert [(f["line"], f["text"], f["rule"]) for f in findings] == [(2, "committed suicide", "committed-suicide")]
    assert findings[0]["column"] == len("Our team committed suicide prevention to memory, but one man ") + 1


def test_symlink_loop(docs):
    os.symlink("loop_b", docs / "loop_a")
    os.symlink("loop_a", docs / "loop_b")
    (docs / "tree").mkdir()
    os.symlink("..", docs / "tree" / "up")  # a directory link cycle inside a walked folder
    result = run("loop_a", "tree", "bad.md")
    assert result.exit_code == 2
    assert "loop_a" in result.stderr and "Traceback" not in result.stderr
    assert "bad.md" in result.stdout


def test_stdin_with_filename(docs):
    result = run("--format", "json", "--stdin-filename", "draft.html", "-",
                 input="<p>Three <b>addicts</b> came.</p><script>addicts</script>")
    findings = json.loads(result.stdout)
    assert [(f["path"], f["column"], f["text"]) for f in findings] == [("draft.html", 13, "addicts")]


def test_list_and_explain_rules(docs):
    listed = run("--list-rules")
    assert listed.exit_code == 0 and "addict-noun" in listed.stdout and "committed-suicide" in listed.stdout
    explained = run("--explain", "addict-noun")
    assert explained.exit_code == 0
    assert "Sources:" in explained.stdout and "Alternatives:" in explained.stdout and "http" in explained.stdout
    # the check's own account of the senses it separates, then the rule's examples; no file path
    out = explained.stdout
    assert "Which sense counts (check 'addict-label'):" in out and "'news junkie'" in out
    assert out.index("Which sense counts") < out.index("Flags:") < out.index("Does not flag:")
    for rule_id in ("addict-noun", "clean-time", "rehab-detox", "frequent-flyer"):
        assert "hr_lint/" not in run("--explain", rule_id).stdout and ".py" not in run("--explain", rule_id).stdout
    unknown = run("--explain", "addict-nown")
    assert unknown.exit_code == 2 and "did you mean 'addict-noun'" in unknown.stderr


def test_unknown_rule_in_select_is_a_usage_error(docs):
    result = run("--select", "addicts-noun", "bad.md")
    assert result.exit_code == 2
    assert "unknown rule or category 'addicts-noun'" in result.stderr


def test_statistics(docs):
    (docs / "more.md").write_text("Addicts and more addicts.\n")
    result = run("--statistics", "bad.md", "more.md")
    assert "    3  addict-noun" in result.stdout


def test_output_file_is_written(docs):
    result = run("--format", "json", "--output-file", "out.json", "bad.md")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((docs / "out.json").read_text())[0]["rule"] == "addict-noun"


def test_real_subprocess_and_module_entry(docs):
    proc = subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", "--format", "json", "bad.md", "good.md"],
                          capture_output=True, text=True, cwd=docs)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)[0]["text"] == "addicts"
    proc = subprocess.run([sys.executable, "-m", "hr_lint", "missing.md"], capture_output=True, text=True, cwd=docs)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "missing.md" in proc.stderr


def test_huge_file_in_bounded_memory(tmp_path):
    """A 50 MB plain-text file is linted without holding per-character state."""
    para = ("Our county's outreach team meets people where they are and offers rides, meals and "
            "support to anyone who asks for it.\n")
    block = (para * 40 + "\n") * 50 + "Three addicts came by.\n\n"
    big = tmp_path / "big.txt"
    with open(big, "w") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    code = ("import resource, subprocess, sys;"
            "p = subprocess.run([sys.executable, '-m', 'hr_lint', '--no-cache', '--statistics', sys.argv[1]],"
            " capture_output=True, text=True);"
            "print(p.returncode, p.stdout.strip().splitlines()[-1], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True).stdout.split()
    assert out[0] == "1"
    assert int(out[1]) > 200  # every block's finding was reported
    assert int(out[-1]) < 400 * 1024, f"peak RSS {int(out[-1]) // 1024} MB"


def test_output_file_plus_text_on_the_terminal(docs):
    result = run("--no-color", "--format", "sarif", "--format", "text", "--output-file", "r.sarif", "bad.md")
    assert result.exit_code == 1
    assert "1 finding in 1 file: 1 warning" in result.stdout
    assert json.loads((docs / "r.sarif").read_text())["version"] == "2.1.0"
    assert run("--format", "sarif", "--format", "json", "bad.md").exit_code == 2
