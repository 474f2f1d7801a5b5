"""Linting many files, for the command line: each file's bytes read once, the findings
cache asked first, the rest linted in this process or a pool of workers, `--fix` applied.

`lint_paths` takes the chosen files (`files.choose`) and a `linter_for(path)` that gives
the linter of the configuration governing a file; it returns an `Outcome` the command line
renders. A file's bytes are read once: for the cache key, and then the same bytes are
linted (handed to forked workers through the fork itself, not copied through a pipe),
up to a budget of bytes held at once beyond which a worker reads its file itself.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from .finding import Finding
from .loader import InputError

# bytes of files the cache did not answer, kept for linting without reading them again
HELD_BYTES = 256 * 1024 * 1024


@dataclass
class Job:
    index: int
    path: str
    key: str | None = None  # the cache key (None: no cache)
    data: bytes | None = None  # the file's bytes, when already read


@dataclass
class Outcome:
    results: dict[int, list[Finding]] = field(default_factory=dict)  # by the file's place in `paths`
    errors: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # standard input's text, by its name
    stdin_out: bytes | None = None  # with --fix of standard input: what goes back out
    fixed: int = 0
    fixed_files: int = 0
    fail_on: str = "warning"


def read(linter, path: str) -> bytes:
    """A file's bytes, refused (InputError) over the linter's size limit without reading it."""
    from .linter import read_limited

    return read_limited(path)


def lint_paths(linter_for, paths: list[str], *, stdin_filename: str | None = None, fix: bool = False,
               jobs: int = 0, cache_dir: str | None = None, progress=None) -> Outcome:
    """Lint (or with `fix`, fix) `paths` ('-' is standard input). `cache_dir`: use the
    findings cache there (never with `fix`). `progress(total)` gives a bar for the files
    the cache did not answer (`update(done, path)`, `close()`)."""
    from . import fix as fixer

    out = Outcome()
    cache = None
    if cache_dir and not fix:
        from .cache import Cache

        cache = Cache(cache_dir)
    pending: list[Job] = []
    held = 0
    for index, path in enumerate(paths):
        linter = linter_for(path if path != "-" else (stdin_filename or os.getcwd()))
        out.fail_on = linter.config.fail_on
        try:
            if path == "-":
                name = stdin_filename or "-"
                data = sys.stdin.buffer.read()
                if fix:
                    # a filter: the fixed text (or the text as it came) goes to standard output
                    out.stdin_out = data
                    done = fixer.fix_bytes(linter, data, name)  # the format of --stdin-filename, or text
                    out.stdin_out = done.data
                    out.fixed += done.applied
                    out.fixed_files += bool(done.applied)
                    out.results[index] = done.findings
                    out.sources[name] = done.after
                elif linter.format_for(name) in ("docx", "pdf"):  # the lines shown are the pages' text
                    document = linter.lint_document(data, name)
                    out.results[index], out.sources[name] = document.findings, document.text
                else:
                    out.results[index] = linter.lint_bytes(data, name)  # the format of --stdin-filename, or text
                    try:
                        out.sources[name] = data.decode("utf-8-sig")
                    except UnicodeDecodeError:
                        pass
            elif fix:
                done = fixer.fix_file(linter, path, write=True)
                if done.error:
                    out.errors.append(done.error)
                out.fixed += done.applied
                out.fixed_files += bool(done.applied)
                out.results[index] = done.findings
            elif cache is not None:
                from .cache import Cache

                data = read(linter, path)
                key = Cache.key(linter.fingerprint, path, linter.format_for(path), data)
                hit = cache.get(key)
                if hit is not None:
                    out.results[index] = hit
                else:
                    keep = held + len(data) <= HELD_BYTES
                    held += len(data) if keep else 0
                    pending.append(Job(index, path, key, data if keep else None))
            else:
                pending.append(Job(index, path))
        except InputError as exc:
            out.errors.append(str(exc))
    fresh = []
    bar = progress(len(pending)) if progress else None
    outcomes = run_jobs(linter_for, pending, jobs)
    try:
        for job, outcome in outcomes:
            if bar is not None:
                bar.update(bar.done + 1, job.path)
            if isinstance(outcome, str):
                out.errors.append(outcome)
                continue
            out.results[job.index] = outcome
            if job.key:
                fresh.append((job.key, outcome))
    finally:  # interrupted (Ctrl-C) too: the workers are stopped and what was linted is cached
        outcomes.close()
        if bar is not None:
            bar.close()
        if cache is not None:
            cache.put_many(fresh)  # one transaction for the whole run
            cache.close()
    return out


def _lint_job(linter, job: Job) -> list[Finding]:
    return linter.lint_bytes(job.data, job.path) if job.data is not None else linter.lint_file(job.path)


_WORKER = None  # (linter_for, jobs) in a forked worker: inherited, never pickled


def _prepare_in_worker(tasks):
    """[(task, findings, error message or a Prepared file that needs spaCy)] for [task]."""
    linter_for, jobs = _WORKER
    done = []
    for i in tasks:
        job = jobs[i]
        linter = linter_for(job.path)
        try:
            prepared = (linter.prepare_bytes(job.data, job.path) if job.data is not None
                        else linter.prepare_file(job.path))
            done.append((i, prepared if prepared.needs_spacy else linter.finish(prepared)))
        except InputError as exc:
            done.append((i, str(exc)))
    return done


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the main process's to handle (it stops the pool); a worker
    that took it too would print a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _auto_jobs(jobs: list[Job]) -> int:
    """Parallel only where it pays: many files or much text (a worker costs ~1 s to start)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    if cpus < 2 or len(jobs) < 8:
        return 1
    size = 0
    for job in jobs:
        if job.data is not None:
            size += len(job.data)
        else:
            try:
                size += os.path.getsize(job.path)
            except OSError:
                pass
    return min(cpus, 8) if size >= 2_000_000 else 1


def run_jobs(linter_for, jobs: list[Job], n: int = 0):
    """Lint the jobs; in a process pool when it pays. Yields (job, findings or an error
    message), in no particular order. In a pool, workers read (unless the bytes came with
    the job), gate and parse files (no spaCy) and send back the few that hold candidate
    segments, prepared; meanwhile this process loads spaCy (a big tree nearly always holds
    some candidate), then tokenizes what comes back."""
    global _WORKER
    from .linter import Prepared

    n = n if n and n > 0 else _auto_jobs(jobs)
    if n <= 1 or len(jobs) < 2:
        for job in jobs:
            try:
                yield job, _lint_job(linter_for(job.path), job)
            except InputError as exc:
                yield job, str(exc)
        return
    import gc
    import multiprocessing

    linters = list({id(lt): lt for lt in (linter_for(job.path) for job in jobs)}.values())
    # the languages the files hold (English, Spanish), from a sample: rules and gates built once, before forking
    wanted = {id(lt): lt.likely_languages([job.path for job in jobs]) for lt in linters}
    for linter in linters:
        for language in wanted[id(linter)]:
            linter.engine_for(language).prepare()
    _WORKER = (linter_for, jobs)
    gc.freeze()  # the workers share these objects; a collection there would copy every page
    tasks = list(range(len(jobs)))
    workers = min(n, len(jobs))
    # a few big batches, not many small ones: the pool's feeder is a thread of this
    # process, which is busy loading spaCy, so every batch handed out waits for the GIL
    size = -(-len(tasks) // (8 * workers))
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts)
    try:
        batches = pool.imap_unordered(_prepare_in_worker, [tasks[k:k + size] for k in range(0, len(tasks), size)])
        for linter in linters:
            for language in wanted[id(linter)]:
                linter.engine_for(language).warm()
        for batch in batches:
            for i, outcome in batch:
                job = jobs[i]
                if isinstance(outcome, Prepared):
                    outcome = linter_for(job.path).finish(outcome)
                yield job, outcome
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.terminate()  # every result is in: nothing left to wait for
    finally:
        _WORKER = None
        gc.unfreeze()


def _stop(pool) -> None:
    """Stop a pool at once (Ctrl-C, or the results no longer wanted). Pool.terminate() can
    hang here: an interrupted main thread may hold the lock its result thread needs, so a
    worker blocks writing its result and the pool's queues stay locked. The workers are
    killed and the pool's own finalizer, which would wait on those queues at exit, dropped.
    First the pool is told it is ending: its worker handler replaces a worker that dies, and
    a replacement forked after the kill took a task, then met the closed pipe and printed
    its traceback under "hr-lint: interrupted"."""
    import threading
    from multiprocessing import pool as mp_pool

    previous = threading.excepthook

    def quiet(args) -> None:  # the pool's threads meet the dead workers' closed pipes: no traceback
        if not issubclass(args.exc_type, (OSError, EOFError, ValueError)):
            previous(args)

    threading.excepthook = quiet
    pool._state = mp_pool.TERMINATE
    handler = getattr(pool, "_worker_handler", None)
    if handler is not None:
        handler._state = mp_pool.TERMINATE  # no more replacements
        notifier = getattr(pool, "_change_notifier", None)
        if notifier is not None:
            notifier.put(None)  # it waits for a worker to end or for this, then reads its state
        if handler is not threading.current_thread():
            handler.join(2)  # ended: a replacement it was starting is in _pool
    for process in list(getattr(pool, "_pool", [])):
        if process.exitcode is None:
            process.kill()
    finalizer = getattr(pool, "_terminate", None)
    if finalizer is not None:
        finalizer.cancel()
