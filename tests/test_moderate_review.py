"""Review of issue 15 (moderation at volume): records the first version lost, misread or
died on, each found by a hostile run of `hr-lint moderate`."""
import gzip
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from hr_lint import Linter
from hr_lint.moderate_cli import moderate_command

HR_LINT = str(Path(sys.executable).with_name("hr-lint"))


def moderate(*args, input=None):
    result = CliRunner().invoke(moderate_command, ["--isolated", *args], input=input)
    return result, [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]


# -- values JSON can carry but UTF-8 and JSON output cannot -------------------------------------

def test_unpaired_surrogates_nan_and_infinity_are_record_errors_not_the_end_of_the_run(tmp_path):
    data = (b'{"id": "a", "text": "Three addicts came by."}\n'
            b'{"id": "b", "text": "lone \\ud800 surrogate and an addict"}\n'
            b'{"id": "\\udc00", "text": "A quiet day."}\n'
            b'{"id": Infinity, "text": "Three addicts came by."}\n'
            b'{"id": NaN, "text": "ok"}\n'
            b'{"id": "c", "text": "A quiet day."}\n')
    result, out = moderate(input=data)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr
    assert [r["id"] for r in out] == ["a", "b", "\udc00", None, None, "c"]
    assert out[0]["flagged"] and out[5]["error"] is None
    assert out[1]["error"] == "'text' is not valid Unicode (an unpaired surrogate, \\ud800, at character 6)"
    assert out[2]["error"].startswith("'id' is not valid Unicode")
    assert out[3]["error"] == out[4]["error"].replace("NaN", "Infinity") == "malformed JSON: Infinity is not a JSON value"
    raw = result.stdout_bytes
    raw.decode("utf-8")  # every line is UTF-8, the odd id written back as the escape it came as
    assert b'"id": "\\udc00"' in raw

    # and a resumed run finds that id again
    posts = tmp_path / "posts.jsonl"
    posts.write_bytes(data)
    out_file = tmp_path / "out.jsonl"
    out_file.write_bytes(b"".join(raw.splitlines(keepends=True)[:3]))
    resumed = CliRunner().invoke(moderate_command, ["--isolated", str(posts), "--resume", str(out_file)])
    assert resumed.exit_code == 2 and out_file.read_bytes() == raw


def test_the_python_api_reports_an_unpaired_surrogate_as_an_error():
    (r,) = Linter().moderate([{"id": 1, "text": "an addict \ud800"}])
    assert r["error"].startswith("'text' is not valid Unicode") and not r["flagged"]


# -- CSV ------------------------------------------------------------------------------------------

def test_csv_fields_may_hold_form_feeds_and_unicode_line_separators():
    data = "id,text\n1,hello\u2028addicts here\n2,page\x0cbreak addict\n3,next\x85line addicts\n4,\"quoted\u2029addicts\"\n"
    result, out = moderate("--input-format", "csv", input=data.encode("utf-8"))
    assert [(r["id"], r["error"], r["flagged"]) for r in out] == [(str(i), None, True) for i in range(1, 5)]
    assert result.exit_code == 1


def test_csv_delimiter_from_the_header_or_given():
    semicolons = "id;text\n1;Three addicts came by.\n2;\"a; quiet; day\"\n"
    result, out = moderate("--input-format", "csv", input=semicolons)
    assert [(r["id"], r["flagged"], r["error"]) for r in out] == [("1", True, None), ("2", False, None)]
    pipes = "id|text\n1|Three addicts came by.\n"
    assert moderate("--input-format", "csv", "--delimiter", "|", input=pipes)[1][0]["flagged"]
    tabs = "id\ttext\n1\tThree addicts came by.\n"
    assert moderate("--input-format", "csv", "--delimiter", "tab", input=tabs)[1][0]["flagged"]
    # a delimiter given is a delimiter used: the header then has no such column
    wrong, out = moderate("--input-format", "csv", "--delimiter", ",", input=semicolons)
    assert wrong.exit_code == 2 and out == [] and "no column 'id' in the header" in wrong.stderr
    bad = CliRunner().invoke(moderate_command, ["--delimiter", ";;", "-"], input="")
    assert bad.exit_code == 2 and "--delimiter" in bad.stderr
    # a header that no common delimiter explains: the error says which was tried
    neither, _ = moderate("--input-format", "csv", input="id:text\n1:x\n")
    assert neither.exit_code == 2 and "--delimiter" in neither.stderr


# -- gzip wherever the bytes come from ------------------------------------------------------------

POSTS = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(
    ["Three addicts came by.", "A quiet day.", "He committed suicide.", "Clean the kitchen."] * 5))


def test_gzip_on_standard_input_and_in_a_pipe_is_decompressed():
    plain = moderate(input=POSTS)[1]
    assert len(plain) == 20
    packed = gzip.compress(POSTS.encode())
    assert moderate(input=packed)[1] == plain
    # members one after another (`cat a.gz b.gz`), zero padding after the last
    assert moderate(input=packed + packed + b"\0" * 64)[1] == plain + plain
    proc = subprocess.run([HR_LINT, "moderate", "--isolated", "-q", "-"], input=packed, capture_output=True)
    assert [json.loads(line) for line in proc.stdout.splitlines()] == plain


def test_a_truncated_or_damaged_gzip_stream_is_one_error_and_what_was_read_is_kept():
    packed = gzip.compress(POSTS.encode() * 50, 1)
    result, out = moderate(input=packed[:len(packed) * 2 // 3])
    assert result.exit_code == 2
    assert "<stdin>: cannot read: Compressed file ended" in result.stderr and "Traceback" not in result.output
    assert 0 < len(out) < 1000 and all(r["error"] is None for r in out)
    result, out = moderate(input=gzip.compress(POSTS.encode()) + b"not gzip\n")
    assert result.exit_code == 2 and len(out) == 20 and "not gzip data" in result.stderr


def test_a_small_gzip_bomb_is_read_in_bounded_steps(monkeypatch):
    from hr_lint.sources import records

    monkeypatch.setattr(records, "MAX_RECORD_BYTES", 100_000)
    bomb = gzip.compress(b'{"id": 1, "text": "' + b"a" * 5_000_000 + b'"}\n{"id": 2, "text": "addicts"}\n')
    seen = []
    source = records.Source("-", "jsonl", records.Fields(), stdin=__import__("io").BytesIO(bomb))
    for block in source:
        seen.append(block)
    assert [b.data is None for b in seen] == [True, False]  # the huge line skipped, unread
    chunks = list(records._gunzipped([bomb], records.Source("-", "jsonl", records.Fields(),
                                                             stdin=__import__("io").BytesIO(b""))))
    assert max(len(c) for c in chunks) <= records._INFLATE_STEP


# -- resuming with ids that come more than once ---------------------------------------------------

def _posts_with_duplicates():
    lines = []
    for i in range(400):
        lines.append({"id": f"p{i}", "text": "Three addicts came by." if i % 4 == 0 else f"A quiet day, {i}."})
    # a re-export: ids seen long before come again (some with a new text), and one twice in a row
    lines += [{"id": "p3", "text": "Three addicts again."}, {"id": "p10", "text": "Quiet."},
              {"id": "p10", "text": "Quiet again."}, {"id": "new", "text": "ok"}, {"text": "no id"}]
    return "".join(json.dumps(r) + "\n" for r in lines)


def test_a_resumed_run_keeps_records_whose_id_came_before(tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(_posts_with_duplicates(), encoding="utf-8")
    full = CliRunner().invoke(moderate_command, ["--isolated", str(posts)]).stdout_bytes
    lines = full.splitlines(keepends=True)
    assert len(lines) == 405
    for cut in (0, 1, 150, 400, 401, 402, 403, 404):
        out = tmp_path / f"out{cut}.jsonl"
        out.write_bytes(b"".join(lines[:cut]) + b'{"id": "p')  # killed while writing a line
        resumed = CliRunner().invoke(moderate_command, ["--isolated", str(posts), "--resume", str(out)])
        assert out.read_bytes() == full, cut
        assert resumed.exit_code == 2  # the record without an id is an error


def test_a_resumed_pool_run_keeps_records_whose_id_came_before(tmp_path):
    base = [{"id": f"p{i}", "text": "Three addicts came by." if i % 7 == 0 else f"A quiet day, {i}."}
            for i in range(3000)]
    again = [dict(r, text=r["text"] + " Again.") for r in base[:2500:50]]  # ids 2,500 records later
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps(r) + "\n" for r in base + again), encoding="utf-8")
    full = subprocess.run([HR_LINT, "moderate", "--isolated", "--jobs", "2", str(posts)], capture_output=True).stdout
    assert full.count(b"\n") == 3050
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(full.splitlines(keepends=True)[:2600]))
    resumed = subprocess.run([HR_LINT, "moderate", "--isolated", "--jobs", "2", str(posts), "--resume", str(out)],
                             capture_output=True)
    assert resumed.returncode == 1, resumed.stderr  # something flagged
    assert out.read_bytes() == full


# -- one progress bar for every long run ----------------------------------------------------------

def _on_a_terminal(args, cwd, stdin_path=None):
    """Run hr-lint with standard error on a pseudo-terminal (as a person at a terminal):
    (exit code, stdout bytes, what the terminal showed)."""
    import os
    import pty
    import threading

    master, slave = pty.openpty()
    chunks = []

    def drain():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        proc = subprocess.run([HR_LINT, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=slave, stdin=stdin, env=env,
                              timeout=120)
    finally:
        if stdin_path:
            stdin.close()
    os.close(slave)
    reader.join(10)
    os.close(master)
    return proc.returncode, proc.stdout, b"".join(chunks).decode("utf-8", "replace")


def test_moderation_shows_the_same_bar_as_linting_on_a_terminal_only(tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(POSTS * 20, encoding="utf-8")
    code, out, shown = _on_a_terminal(["moderate", "--isolated", "posts.jsonl"], tmp_path)
    assert code == 1 and out.count(b"\n") == 400
    # tqdm's bar: the file, its share, bytes per second, and the counts so far
    assert "posts.jsonl: 100%|" in shown and "B/s" in shown and "400 records, 200 flagged, 0 errors" in shown
    assert "400 records: 200 flagged (50.0%), 0 errors" in shown  # the summary follows the bar
    plain = subprocess.run([HR_LINT, "moderate", "--isolated", str(posts)], capture_output=True)
    assert b"%|" not in plain.stderr and b"400 records" in plain.stderr  # not a terminal: the summary only
    _, _, quiet = _on_a_terminal(["moderate", "--isolated", "--quiet", "posts.jsonl"], tmp_path)
    assert "%|" not in quiet and "records" not in quiet
    # standard input that is a file has a size: the bar knows the end
    _, _, piped = _on_a_terminal(["moderate", "--isolated", "-"], tmp_path, stdin_path=posts)
    assert "<stdin>: 100%|" in piped
    # and a file with no term at all gets its bar too (it finishes before spaCy would load)
    quiet_posts = tmp_path / "quiet.jsonl"
    quiet_posts.write_text("".join(json.dumps({"id": i, "text": "A quiet day."}) + "\n" for i in range(50)),
                           encoding="utf-8")
    assert "quiet.jsonl: 100%|" in _on_a_terminal(["moderate", "--isolated", "quiet.jsonl"], tmp_path)[2]


def test_a_terminal_that_reports_no_size_still_gets_a_bar():
    import io

    from hr_lint.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

        def fileno(self):
            raise OSError("no descriptor")  # as a pseudo-terminal of 0 by 0 gives tqdm nothing to go on

    stream = Terminal()
    bar = Progress(10, "Linting", stream=stream, unit="file")
    for i in range(10):
        bar.update(i + 1, f"doc{i}.md")
    bar.close()
    assert "Linting: 100%|" in stream.getvalue() and "10/10" in stream.getvalue() and "file/s" in stream.getvalue()
