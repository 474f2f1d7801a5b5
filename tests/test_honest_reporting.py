"""Every failure is reported: unreadable folders, Ctrl-C, a damaged cache, .gitignore from elsewhere."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command
from unprivileged import hr_lint as run_unprivileged

TERM = "Three addicts came by.\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- folders that cannot be read -------------------------------------------------------------------

def test_an_unreadable_subfolder_is_reported_and_the_rest_linted(here):
    (here / "docs" / "locked").mkdir(parents=True)
    (here / "docs" / "a.md").write_text(TERM)
    (here / "docs" / "locked" / "b.md").write_text("Nothing to see.\n")
    (here / "docs" / "locked").chmod(0)
    try:
        proc = run_unprivileged("--no-cache", "--format", "json", "docs", cwd=here)
    finally:
        (here / "docs" / "locked").chmod(0o755)
    assert proc.returncode == 2, proc.stderr_text
    assert proc.stderr_text.strip().splitlines() == ["hr-lint: docs/locked: cannot read folder: Permission denied"]
    assert [f["path"] for f in json.loads(proc.stdout_text)] == ["docs/a.md"]


def test_an_unreadable_folder_or_file_named_on_the_command_line_is_reported(here):
    (here / "locked").mkdir()
    (here / "locked" / "b.md").write_text(TERM)
    (here / "secret.md").write_text(TERM)
    (here / "open.md").write_text(TERM)
    (here / "locked").chmod(0)
    (here / "secret.md").chmod(0)
    try:
        proc = run_unprivileged("--no-cache", "--format", "json", "locked", "secret.md", "open.md", cwd=here)
    finally:
        (here / "locked").chmod(0o755)
    assert proc.returncode == 2
    # each one's problem (not "no Markdown ... files to lint", not a usage error), and the rest linted
    assert sorted(proc.stderr_text.strip().splitlines()) == ["hr-lint: locked: cannot read folder: Permission denied",
                                                             "hr-lint: secret.md: permission denied"]
    assert [f["path"] for f in json.loads(proc.stdout_text)] == ["open.md"]


# -- Ctrl-C ----------------------------------------------------------------------------------------

def test_ctrl_c_exits_130_with_one_line_and_keeps_what_was_cached(here, monkeypatch):
    from hr_lint.linter import Linter

    for k in range(5):
        (here / f"doc{k}.md").write_text(f"Note {k}. {TERM}")
    real, seen = Linter.lint_bytes, []

    def lint_bytes(self, data, path, *args, **kwargs):
        seen.append(path)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(self, data, path, *args, **kwargs)

    monkeypatch.setattr(Linter, "lint_bytes", lint_bytes)
    cache = here / "cache"
    result = CliRunner().invoke(lint_command, ["--cache-dir", str(cache), "-j", "1", "."])
    assert result.exit_code == 130
    assert result.stderr == "hr-lint: interrupted\n"
    with sqlite3.connect(cache / "findings.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM findings").fetchone()[0] == 2  # the two linted before


def test_ctrl_c_during_a_parallel_run_ends_it_with_130_and_no_tracebacks(here):
    # a term in every sentence: each file is tokenized and checked whole (about 0.1 s or
    # more a file), so the run lasts far longer than it takes to start its workers
    body = "The clinic met people in recovery; three addicts came by every week. " * 1500
    for k in range(200):
        (here / f"doc{k:03d}.md").write_text(body)
    proc = subprocess.Popen([sys.executable, "-m", "hr_lint", "--no-cache", "-j", "2", "."], cwd=here,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_children(proc.pid)) >= 2, f"the run never started its workers (exit {proc.poll()})"
        time.sleep(0.5)  # the workers at work
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal sends it: to every process of the group
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:  # it hung: see the assertion below
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
    assert proc.returncode == 130, err.decode()
    assert err.decode() == "hr-lint: interrupted\n"


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    stat = fh.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


# -- a damaged cache -------------------------------------------------------------------------------

def _lint(cache, *paths):
    return CliRunner().invoke(lint_command, ["--cache-dir", str(cache), "--format", "json", *paths])


def _slow(seconds):
    time.sleep(seconds)
    return seconds


def test_a_stopped_pool_starts_no_new_workers():
    # Ctrl-C kills the workers; the pool's worker handler used to replace them, and a
    # replacement took a task, met the closed pipe and printed a traceback under
    # "hr-lint: interrupted" (seen on a loaded machine)
    import multiprocessing

    from hr_lint.batch import _ignore_interrupts, _stop

    pool = multiprocessing.get_context("fork").Pool(2, initializer=_ignore_interrupts)
    results = pool.imap_unordered(_slow, [30] * 8)
    deadline = time.monotonic() + 60
    while len(_children(os.getpid())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = list(pool._pool)
    _stop(pool)
    time.sleep(0.5)  # the handler would have replaced them by now
    for process in workers:
        process.join(10)
    started = [process for process in pool._pool if process not in workers]
    for process in started:
        process.kill()
    assert not started, "workers were started after the stop"
    del results


@pytest.mark.parametrize("damage", ["not a database", "torn pages"])
def test_a_damaged_cache_is_rebuilt_once_with_a_notice(here, damage):
    (here / "a.md").write_text(TERM)
    cache = here / "cache"
    database = cache / "findings.sqlite3"
    if damage == "not a database":
        cache.mkdir()
        database.write_bytes(b"this is not SQLite\n" * 100)
    else:
        assert _lint(cache, "a.md").exit_code == 1
        with sqlite3.connect(database) as db:
            db.executemany("INSERT INTO findings VALUES (?, ?)", [(str(k), "x" * 3000) for k in range(200)])
        data = bytearray(database.read_bytes())
        data[4096:len(data) - 4096] = b"\xff" * (len(data) - 8192)  # pages overwritten, header kept
        database.write_bytes(bytes(data))
    first = _lint(cache, "a.md")
    assert first.exit_code == 1
    assert [f["text"] for f in json.loads(first.stdout)] == ["addicts"]
    notices = first.stderr.strip().splitlines()
    assert len(notices) == 1 and "the findings cache was damaged" in notices[0] and "rebuilt it" in notices[0]
    with sqlite3.connect(database) as db:  # rebuilt, and this run's results are in it
        assert db.execute("SELECT count(*) FROM findings").fetchone()[0] == 1
    second = _lint(cache, "a.md")
    assert second.exit_code == 1 and second.stderr == ""
