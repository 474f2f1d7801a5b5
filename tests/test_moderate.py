"""`hr-lint moderate` and `Linter.moderate`: every record kept, in order, with errors reported,
on JSON Lines, CSV and standard input; resuming a killed run; streaming in a pipe."""
import csv
import gzip
import io
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hr_lint import Linter
from hr_lint.cli import lint_command
from hr_lint.moderate_cli import moderate_command

HR_LINT = str(Path(sys.executable).with_name("hr-lint"))

# (record, what the result must say): None = checked, no finding; "flag" = flagged; else the error
RECORDS = [
    ({"id": 1, "text": "We met three addicts at the bus station."}, "flag"),
    ({"id": "two", "text": "Please clean the kitchen before the potluck."}, None),
    ({"id": 3}, "'text' is missing"),
    ({"id": 4, "text": 17}, "'text' is a number; expected a string"),
    ({"id": 5, "text": None}, "'text' is missing"),
    ({"text": "No id here, and an addict too."}, "'id' is missing"),
    ({"id": 7, "text": "He committed suicide in 2019.", "format": "markdown"}, "flag"),
    ({"id": 8, "text": "ok", "format": "docx"}, "'format' is 'docx'; expected markdown, html, rst or text"),
    ({"id": [9], "text": "ok"}, "'id' is an array; expected a string or a number"),
    ({"id": 10, "text": "<p>Our <b>junkie</b> neighbour &amp; friend</p>", "format": "html"}, "flag"),
    ({"id": "", "text": "ok"}, "'id' is empty"),
    ({"id": 12, "text": ""}, None),
]


def jsonl(records) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def moderate(*args, input=None):
    result = CliRunner().invoke(moderate_command, ["--isolated", *args], input=input)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result, lines


def expect(result, want):
    assert result["flagged"] == (want == "flag"), result
    if want in (None, "flag"):
        assert result["error"] is None
        assert bool(result["findings"]) == (want == "flag")
    else:
        assert result["error"] == want and result["findings"] == [] and not result["flagged"]


def test_jsonl_keeps_every_record_in_order_and_reports_errors(tmp_path):
    data = jsonl(r for r, _ in RECORDS)
    # a malformed line, a blank line (not a record), an array, invalid UTF-8, a CRLF line
    raw = data.encode() + b'{"id": 13, "text": "oops"\n\n[1, 2]\n{"id": 15, "text": "caf\xe9"}\n{"id": 16, "text": "fine"}\r\n'
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + raw)  # with a byte-order mark
    result, out = moderate(str(path))
    wants = [w for _, w in RECORDS] + ["malformed JSON: Expecting ',' delimiter (column 26)",
                                       "the record is an array, not an object",
                                       "not valid UTF-8 (byte 24 of the line)", None]
    assert len(out) == len(wants)  # one result per record, the blank line is none
    for line, want in zip(out, wants):
        expect(line, want)
    assert [line["id"] for line in out] == [1, "two", 3, 4, 5, None, 7, 8, None, 10, "", 12, None, None, None, 16]
    assert [list(line) for line in out] == [["id", "flagged", "findings", "error"]] * len(out)
    assert result.exit_code == 2
    # one line per bad record on stderr, naming the file and line
    assert f"{path}:3: 'text' is missing (id 3)" in result.stderr
    assert f"{path}:13: malformed JSON" in result.stderr
    assert f"{path}:16: not valid UTF-8" in result.stderr  # line 14 is blank, 15 the array
    assert "Traceback" not in result.stderr


def test_findings_are_the_objects_of_format_json_with_the_id_as_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "Our outreach team met\ntwo addicts and an alcoholic near the clinic.\n"
    Path("post.txt").write_text(text, encoding="utf-8")
    linted = json.loads(CliRunner().invoke(lint_command, ["--no-cache", "--isolated", "--format", "json",
                                                          "post.txt"]).stdout)
    result, (line,) = moderate(input=jsonl([{"id": "p-1", "text": text}]))
    assert result.exit_code == 1 and line["flagged"]
    assert line["findings"] == [dict(f, path="p-1") for f in linted]
    assert (line["findings"][0]["line"], line["findings"][0]["column"]) == (2, 5)


def test_exit_codes(tmp_path):
    assert moderate(input=jsonl([{"id": 1, "text": "A quiet day."}]))[0].exit_code == 0
    assert moderate(input=jsonl([{"id": 1, "text": "Three addicts came by."}]))[0].exit_code == 1
    assert moderate(input=jsonl([{"id": 1, "text": "Three addicts came by."}, {"id": 2}]))[0].exit_code == 2
    result = CliRunner().invoke(moderate_command, ["--isolated", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "nope.jsonl: no such file" in result.stderr


def test_standard_input_with_and_without_dash():
    data = jsonl(r for r, _ in RECORDS)
    for args in ((), ("-",)):
        result, out = moderate(*args, input=data)
        assert len(out) == len(RECORDS)
        for line, (_, want) in zip(out, RECORDS):
            expect(line, want)
        assert "<stdin>:3: 'text' is missing" in result.stderr


def test_csv_keeps_every_row_in_order_with_errors(tmp_path):
    rows = [
        ["post_id", "author", "body"],
        ["a1", "Rosa", "Met two addicts\nat the station."],  # a quoted field over two lines
        ["a2", "Dev", "Clean the kitchen, please."],
        ["a3", "Omar"],  # too few fields
        ["a4", "Mei", "He committed suicide."],
        ["", "Liam", "No id"],
    ]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    raw = buf.getvalue().replace("\r\n", "\n").encode()
    raw += b'a5,Ivy,"unbalanced "quote" here"\n'  # malformed
    raw += b"a6,June,caf\xe9\n"  # not UTF-8
    raw += b"a7,Walt,fine\n"
    path = tmp_path / "posts.csv"
    path.write_bytes(raw)
    result, out = moderate("--text-field", "body", "--id-field", "post_id", str(path))
    assert [line["id"] for line in out] == ["a1", "a2", None, "a4", "", None, "a6", "a7"]
    assert [line["flagged"] for line in out] == [True, False, False, True, False, False, False, False]
    errors = [line["error"] for line in out]
    assert errors[0] is None and errors[1] is None and errors[3] is None and errors[7] is None
    assert errors[2] == "2 fields; the header has 3"
    assert errors[4] == "'post_id' is empty"
    assert errors[5].startswith("malformed CSV")
    assert errors[6] == "not valid UTF-8"
    assert out[0]["findings"][0]["line"] == 1 and out[0]["findings"][0]["text"] == "addicts"
    assert f"{path}:5: 2 fields" in result.stderr  # the row starts on line 5 (the first spans 2-3)
    assert result.exit_code == 2


def test_csv_from_standard_input_and_tsv(tmp_path):
    result, out = moderate("--input-format", "csv", input="id,text\n1,Three addicts came by.\n2,Quiet.\n")
    assert [(line["id"], line["flagged"]) for line in out] == [("1", True), ("2", False)]
    (tmp_path / "p.tsv").write_text("id\ttext\n1\tThree addicts came by.\n", encoding="utf-8")
    assert moderate(str(tmp_path / "p.tsv"))[1][0]["flagged"]


def test_a_missing_column_is_one_error_naming_it(tmp_path):
    (tmp_path / "p.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    result, out = moderate(str(tmp_path / "p.csv"))
    assert result.exit_code == 2 and out == []
    assert result.stderr.strip().splitlines()[0] == f"hr-lint: {tmp_path / 'p.csv'}: no column 'text' in the header (columns: id, body)"


def test_markup_of_a_record(tmp_path):
    text = "<p>We met an <em>addict</em> &amp; a friend.</p>"
    out = moderate("--markup", "html", input=jsonl([{"id": 1, "text": text}]))[1]
    (f,) = out[0]["findings"]
    assert f["text"] == "an <em>addict" and f["column"] == text.index("an <em>") + 1  # as the source has it
    # the record's own format field wins over --markup; plain text sees the tags as words
    out = moderate("--markup", "html", input=jsonl([{"id": 1, "text": "<addict>", "format": "text"}]))[1]
    assert out[0]["error"] is None


def test_fix_adds_fixed_text():
    records = [{"id": 1, "text": "He committed suicide in May."}, {"id": 2, "text": "A quiet day."}, {"id": 3}]
    out = moderate("--fix", input=jsonl(records))[1]
    assert out[0]["fixed_text"] == "He died by suicide in May."
    assert out[1]["fixed_text"] == "A quiet day."
    assert out[2]["fixed_text"] is None and out[2]["error"]
    assert "fixed_text" not in moderate(input=jsonl(records))[1][0]


def test_only_flagged_writes_flagged_and_unreadable_records():
    result, out = moderate("--only-flagged", input=jsonl(r for r, _ in RECORDS))
    assert [line["id"] for line in out] == [1, 3, 4, 5, None, 7, 8, None, 10, ""]
    assert all(line["flagged"] or line["error"] for line in out)


def test_policy_options_apply():
    record = jsonl([{"id": 1, "text": "Three addicts came by."}])
    assert not moderate("--fail-on", "error", input=record)[1][0]["flagged"]
    assert moderate("--fail-on", "error", input=record)[0].exit_code == 0
    out = moderate("--ignore", "addict-noun", input=record)[1]
    assert out[0]["findings"] == []


def test_configuration_is_found_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".hr-lint.yaml").write_text("ignore: [addict-noun]\n", encoding="utf-8")
    result = CliRunner().invoke(moderate_command, ["-"], input=jsonl([{"id": 1, "text": "Three addicts came by."}]))
    assert json.loads(result.stdout)["findings"] == []


def test_summary_counts_records_flagged_categories_and_errors():
    result, _ = moderate(input=jsonl(r for r, _ in RECORDS))
    summary = result.stderr.splitlines()
    assert "12 records: 3 flagged (25.0%), 7 errors" in result.stderr
    assert any(line.split() == ["2", "substance-use"] for line in summary)
    assert any(line.split() == ["1", "suicide"] for line in summary)
    assert "records" not in moderate("--quiet", input=jsonl(r for r, _ in RECORDS))[0].stderr


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(jsonl({"id": i, "text": "A quiet day."} for i in range(50)), encoding="utf-8")
    assert "|" not in moderate(str(path))[0].stderr  # not a terminal: no bar
    bar = moderate("--progress", str(path))[0].stderr
    assert "p.jsonl" in bar and "%|" in bar


def test_gzip_and_parquet_inputs_give_the_same_results(tmp_path):
    records = [r for r, _ in RECORDS if isinstance(r.get("text", ""), (str, type(None))) and not isinstance(r.get("id"), list)]
    (tmp_path / "p.jsonl").write_text(jsonl(records), encoding="utf-8")
    with gzip.open(tmp_path / "p.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(jsonl(records))
    plain = moderate(str(tmp_path / "p.jsonl"))[1]
    assert moderate(str(tmp_path / "p.jsonl.gz"))[1] == plain
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": [str(r.get("id")) if r.get("id") is not None else None for r in records],
                      "text": [r.get("text") for r in records], "format": [r.get("format") for r in records]})
    pq.write_table(table, tmp_path / "p.parquet", row_group_size=4)
    out = moderate(str(tmp_path / "p.parquet"))[1]
    assert [(o["flagged"], o["error"], len(o["findings"])) for o in out] == \
        [(o["flagged"], o["error"], len(o["findings"])) for o in plain]


def test_an_oversized_record_is_an_error_and_the_run_goes_on(monkeypatch):
    from hr_lint.sources import records

    monkeypatch.setattr(records, "MAX_RECORD_BYTES", 2000)
    data = jsonl([{"id": 1, "text": "x " * 5000}, {"id": 2, "text": "Three addicts came by."}, {"id": 3, "text": "ok"}])
    result, out = moderate(input=data)
    assert len(out) == 3
    assert out[0]["error"].startswith("the record is") and out[0]["error"].endswith("over the 2,000 bytes limit; not read")
    assert out[1]["flagged"] and out[2]["error"] is None


def test_input_and_output_may_not_be_the_same_file(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(jsonl([{"id": 1, "text": "ok"}]), encoding="utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(moderate_command, ["--isolated", str(path), "-o", str(path)])
    assert result.exit_code == 2 and "both an input and the output" in result.stderr
    result = CliRunner().invoke(moderate_command, ["--isolated", str(path), "--resume", str(tmp_path / "p.jsonl")])
    assert result.exit_code == 2
    assert path.read_bytes() == before


def test_resume_refuses_a_file_that_is_not_moderation_output(tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(jsonl([{"id": 1, "text": "ok"}]), encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text(jsonl([{"id": 1, "text": "something else"}]), encoding="utf-8")
    before = other.read_bytes()
    result = CliRunner().invoke(moderate_command, ["--isolated", str(posts), "--resume", str(other)])
    assert result.exit_code == 2 and "other.jsonl: line 1: not a result of hr-lint moderate" in result.stderr
    assert other.read_bytes() == before


# -- real processes: pipes, kills, pools ---------------------------------------------------------

def _mixed_posts(n):
    """Posts with findings, benign trigger words, nothing, and a few unreadable records."""
    texts = ["Three addicts came by the clinic on {i}.", "Clean the kitchen after meeting {i}.",
             "App users can book visit {i} online.", "A quiet day at the drop-in center, number {i}.",
             "A quiet afternoon, number {i}, with soup and bread."]
    lines = []
    for i in range(n):
        if i % 997 == 5:
            lines.append('{"id": "broken' + str(i))  # malformed: no id, resumed by position
        elif i % 1009 == 7:
            lines.append(json.dumps({"id": f"p{i}"}))
        else:
            lines.append(json.dumps({"id": f"p{i}", "text": texts[i % len(texts)].format(i=i)}))
    return "".join(line + "\n" for line in lines)


def _flagged_or_bad(i):
    return i % 997 == 5 or i % 1009 == 7 or i % 5 == 0


def _run(args, **kwargs):
    return subprocess.run([HR_LINT, "moderate", "--isolated", *args], capture_output=True, **kwargs)


def test_pool_output_is_identical_to_one_process(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(_mixed_posts(6000), encoding="utf-8")
    one = _run(["--jobs", "1", str(path)])
    two = _run(["--jobs", "2", str(path)])
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
    assert one.stdout.count(b"\n") == 6000


def test_workers_share_the_rules_and_spacy_loaded_once_before_the_pool_forks(tmp_path, monkeypatch):
    """--jobs 2: the rules, the matchers and spaCy are loaded once, in the main process, before
    the pool forks; the workers check their batches without loading any of them again. The
    records the main process checks first hold no term, so nothing is loaded on their account."""
    import hr_lint.engine as engine_module
    import hr_lint.moderate as moderate_module
    from hr_lint.moderate import Moderator
    from hr_lint.moderate_cli import BATCH_RECORDS, POOL_AFTER, Pipeline
    from hr_lint.sources.records import Fields, LineBlock

    log = tmp_path / "log"

    def note(what):  # one write per line, appended: safe from any process
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, f"{what} {os.getpid()}\n".encode())
        os.close(fd)

    def noting(what, function):
        def wrapper(*args, **kwargs):
            note(what)
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(engine_module, "_nlps", {})  # spaCy is loaded anew by this run (one pipeline per language)
    monkeypatch.setattr(engine_module, "_import_spacy", noting("spacy", engine_module._import_spacy))
    monkeypatch.setattr(engine_module.Engine, "__init__", noting("rules", engine_module.Engine.__init__))
    monkeypatch.setattr(engine_module.Engine, "_build", noting("matchers", engine_module.Engine._build))
    monkeypatch.setattr(moderate_module, "run_batch", noting("batch", moderate_module.run_batch))

    plain = [{"id": i, "text": f"A quiet day at the drop-in center, soup number {i}."} for i in range(POOL_AFTER)]
    mixed = [{"id": POOL_AFTER + i, "text": RECORDS[i % 2][0]["text"]} for i in range(4 * BATCH_RECORDS)]
    out = io.BytesIO()
    pipeline = Pipeline(Moderator(Linter({})), Fields(), out, 2, False, None, False)
    number = 1
    for chunk in (plain[:BATCH_RECORDS], plain[BATCH_RECORDS:], *(mixed[k:k + BATCH_RECORDS]
                                                                    for k in range(0, len(mixed), BATCH_RECORDS))):
        pipeline.add(LineBlock(number, jsonl(chunk).encode()))
        number += len(chunk)
    pipeline.finish()

    lines = out.getvalue().splitlines()
    assert len(lines) == len(plain) + len(mixed)
    assert sum(json.loads(line)["flagged"] for line in lines) == len(mixed) // 2
    events = [line.split() for line in log.read_text().splitlines()]
    main = str(os.getpid())
    loaded = [(what, pid) for what, pid in events if what != "batch"]
    assert sorted(what for what, _ in loaded) == ["matchers", "rules", "spacy"]
    assert all(pid == main for _, pid in loaded), events
    workers = {pid for what, pid in events if what == "batch"} - {main}
    assert workers, "no batch was checked by a worker"
    # the gates: the first two batches (no term) were checked without tokenizing anything
    order = [what for what, _ in events]
    second = [i for i, what in enumerate(order) if what == "batch"][1]
    assert order.index("spacy") > second and order.index("matchers") > second, events


def test_output_is_flushed_record_by_record_in_a_pipe():
    proc = subprocess.Popen([HR_LINT, "moderate", "--isolated", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        for i, text in enumerate(["Three addicts came by.", "A quiet day."]):
            proc.stdin.write((json.dumps({"id": i, "text": text}) + "\n").encode())
            proc.stdin.flush()
            # answered while the input is still open (the wait only keeps a broken build from
            # hanging the suite: it is not a measure of speed)
            ready = select.select([proc.stdout], [], [], 120)[0]
            assert ready, "no result while the input was still open"
            line = json.loads(proc.stdout.readline())
            assert line["id"] == i and line["flagged"] == (i == 0)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 1


def test_a_reader_that_leaves_early_ends_the_run_quietly(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(_mixed_posts(3000), encoding="utf-8")
    proc = subprocess.run(f"'{HR_LINT}' moderate --isolated '{path}' | head -n 1", shell=True, capture_output=True)
    assert proc.stdout.count(b"\n") == 1
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr


def _wait_for_lines(path, n, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} never reached {n} lines")


@pytest.mark.parametrize("only_flagged", [False, True])
def test_a_killed_run_resumes_where_it_stopped(tmp_path, only_flagged):
    data = _mixed_posts(3000)
    lines = data.splitlines(keepends=True)
    full = tmp_path / "posts.jsonl"
    full.write_text(data, encoding="utf-8")
    flag = ["--only-flagged"] if only_flagged else []
    expected = _run([*flag, str(full)]).stdout

    # the first 1,200 records come through a pipe; once their results are written, the run is killed
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([HR_LINT, "moderate", "--isolated", *flag, "-", "-o", str(out)], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.stdin.write("".join(lines[:1200]).encode())
    proc.stdin.flush()
    _wait_for_lines(out, sum(1 for i in range(1200) if not only_flagged or _flagged_or_bad(i)))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    with open(out, "ab") as fh:  # killed in the middle of writing a line
        fh.write(b'{"id": "p1200", "flagged": tr')

    resumed = _run([*flag, str(full), "--resume", str(out)])
    assert out.read_bytes() == expected
    assert resumed.returncode == 2  # the whole output's verdict: it holds unreadable records
    assert b"already in the output" in resumed.stderr

    again = _run([*flag, str(full), "--resume", str(out)])  # nothing left to do
    assert out.read_bytes() == expected and again.returncode == 2


def _workers(pid):
    """The forked workers of process `pid`: its children with its own command line, found by
    their parent in /proc/N/stat (the children list of /proc/PID/task/TID/children needs a
    kernel option and lists only the children of one thread)."""
    try:
        own = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid and (entry / "cmdline").read_bytes() == own:
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):  # the process ended meanwhile
            continue
    return found


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/stat").exists(), reason="needs /proc (Linux)")
def test_a_worker_that_dies_ends_the_run_with_an_error_and_it_resumes(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(_mixed_posts(30_000), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([HR_LINT, "moderate", "--isolated", "--jobs", "2", str(path), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_workers(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    os.kill(_workers(proc.pid)[0], signal.SIGKILL)
    err = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 2, err
    assert "a worker process died" in err and f"--resume {out}" in err
    written = out.read_bytes().count(b"\n")
    resumed = _run([str(path), "--resume", str(out)])
    assert resumed.returncode == 2
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 30_000 > written
    assert [i for i in ids if i is not None] == [json.loads(line).get("id") for line in _mixed_posts(30_000).splitlines()
                                                 if line.endswith("}")]


def test_memory_stays_flat_however_long_the_input(tmp_path):
    post = {"id": 0, "text": "A quiet afternoon at the drop-in center with soup, bread and a long chat " * 6}

    def peak(n):
        path = tmp_path / f"p{n}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(n):
                post["id"] = i
                fh.write(json.dumps(post) + "\n")
        code = ("import resource, subprocess, sys;"
                "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        return path.stat().st_size, int(subprocess.run([sys.executable, "-c", code, HR_LINT, "moderate", "--isolated",
                                                        "--jobs", "1", str(path)], capture_output=True,
                                                       text=True).stdout) * 1024

    small_size, small = peak(1000)
    big_size, big = peak(60_000)
    assert big_size - small_size > 25_000_000
    assert big - small < 10_000_000, (small, big)


def test_memory_stays_flat_when_every_post_is_tokenized_and_checked(tmp_path):
    """As above, but every post holds terms, so each one goes through spaCy, the rules'
    checks and the sense model: nothing kept per record (ten times the posts, the same peak).
    The posts share their words: each word never seen before stays in spaCy's vocabulary
    (a few hundred bytes a word), which this test does not cover."""
    texts = ["Please keep the shared fridge clean; {i} addicts and drug users came by the drop-in center.",
             "She has been clean for {i} days, and the dirty dishes from the potluck are soaking.",
             "The panel on substance abuse, number {i}, starts at ten; the mentally ill are welcome."]

    def peak(n):
        path = tmp_path / f"t{n}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps({"id": i, "text": texts[i % 3].format(i=i % 7)}) + "\n")
        code = ("import resource, subprocess, sys;"
                "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")
        out = subprocess.run([sys.executable, "-c", code, HR_LINT, "moderate", "--isolated", "--jobs", "1", str(path)],
                             capture_output=True, text=True).stdout.split()
        assert out[1] == "1"  # flagged
        return int(out[0]) * 1024

    small, big = peak(1500), peak(15_000)
    assert big - small < 10_000_000, (small, big)


# -- the Python API ------------------------------------------------------------------------------

def test_linter_moderate_is_a_generator_over_any_iterable():
    linter = Linter()
    stream = ({"id": i, "text": "Three addicts came by." if i % 2 else "A quiet day."} for i in itertools.count())
    results = linter.moderate(stream)
    first = list(itertools.islice(results, 4))  # an endless stream: results come as records do
    assert [r["id"] for r in first] == [0, 1, 2, 3]
    assert [r["flagged"] for r in first] == [False, True, False, True]
    assert first[1]["findings"][0]["path"] == 1 and first[1]["error"] is None


def test_linter_moderate_reports_bad_records_like_the_command_line():
    linter = Linter()
    out = list(linter.moderate([r for r, _ in RECORDS] + ["not a mapping"]))
    assert len(out) == len(RECORDS) + 1
    for line, (_, want) in zip(out, RECORDS):
        expect(line, want)
    assert out[-1]["error"] == "the record is a string, not an object"
    cli = moderate(input=jsonl(r for r, _ in RECORDS))[1]
    assert out[:-1] == cli


def test_linter_moderate_field_names_and_options():
    linter = Linter()
    (r,) = linter.moderate([{"post": {"body": "He committed suicide."}, "key": "k1"}], text="post.body", id="key",
                           fix=True)
    assert r["id"] == "k1" and r["flagged"] and r["fixed_text"] == "He died by suicide."
    (r,) = linter.moderate([{"id": 1, "text": "He committed suicide."}], fail_on="error")
    assert not r["flagged"] and r["findings"]


def test_moderate_texts_for_plain_strings():
    linter = Linter()
    out = linter.moderate_texts(["A quiet day.", "Three addicts came by."])
    assert [(r["id"], r["flagged"]) for r in out] == [(0, False), (1, True)]
    from hr_lint import moderate_texts  # no linter at hand: one is built for the policy, once per process

    assert moderate_texts(["Three addicts came by."], config={"ignore": ["addict-noun"]})[0]["findings"] == []
    assert moderate_texts(["Three addicts came by."])[0]["flagged"]


def test_records_are_read_in_blocks_of_whole_lines():
    from hr_lint.sources.records import line_blocks

    chunks = [b'{"a"', b': 1}\n{"b": 2}\n{"c"', b": 3}\n", b"tail"]
    blocks = list(line_blocks(chunks, limit=1000))
    assert [(b.line, b.data) for b in blocks] == [(1, b'{"a": 1}\n{"b": 2}\n'), (3, b'{"c": 3}\n'), (4, b"tail")]
    blocks = list(line_blocks([b"x" * 50, b"y" * 60, b"z\nnext\n"], limit=100))
    assert [(b.line, b.data) for b in blocks] == [(1, None), (2, b"next\n")]


def test_environment_has_the_console_script():
    assert os.path.exists(HR_LINT)
