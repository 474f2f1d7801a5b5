"""`hr-lint moderate`: screen a stream of records (posts, comments, messages).

Reads JSON Lines (or CSV, TSV, Parquet) a block at a time and writes one JSON line per
record, in input order, flushed as it goes. With more than one process, the main process
only cuts the input into blocks of lines and writes results; forked workers (which share
the rules, gates and spaCy loaded before the fork) parse, check and serialise. At most a
few batches per worker are in flight, so memory stays flat whatever the input's size.

Exit codes: 0 nothing flagged, 1 something flagged, 2 a record or an input had an error.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from concurrent.futures.process import BrokenProcessPool

import click

from .finding import SEVERITIES
from .sources.records import INPUT_FORMATS, TEXT_FORMATS, Fields, LineBlock, Source, SourceError
from .yamlload import ConfigError

BATCH_RECORDS = 1000  # records per batch sent to a worker
POOL_AFTER = 2 * BATCH_RECORDS  # records checked in the main process before a pool starts


def _error(message: str) -> None:
    click.echo(f"hr-lint: {message}", err=True)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


_WORKER = None  # (moderator, fields, only_flagged, done) in a forked worker


def _work(items):
    from .moderate import run_batch

    moderator, fields, only_flagged, done = _WORKER
    return run_batch(moderator, items, fields, only_flagged, done)


def _worker_init():
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


class Pipeline:
    """Batches records, checks them (in this process or in a pool), and writes the results
    in input order; keeps the counts for the summary."""

    def __init__(self, moderator, fields: Fields, out, jobs: int, only_flagged: bool, done, progress: bool):
        self.moderator = moderator
        self.fields = fields
        self.out = out
        self.jobs = jobs
        self.only_flagged = only_flagged
        self.done = done
        self.anonymous_to_skip = done.anonymous if done is not None else 0
        self.items: list = []
        self.size = 0
        self.pool = None
        self.pending: deque = deque()
        self.dispatched = 0
        self.totals = Counter()
        self.categories: Counter = Counter()
        self.messages: list[str] = []
        self.source = None
        self.show_progress = progress
        self.bar = None
        self.frozen = False

    # -- input -------------------------------------------------------------------------------
    def add(self, item) -> None:
        self.items.append(item)
        self.size += item.data.count(b"\n") if isinstance(item, LineBlock) and item.data else 1
        if self.size >= BATCH_RECORDS:
            self.dispatch()

    def dispatch(self) -> None:
        if not self.items:
            return
        items, self.items, size, self.size = self.items, [], self.size, 0
        if self.pool is None and self.jobs > 1 and self.dispatched >= POOL_AFTER:
            self._start_pool()
        self.dispatched += size
        if self.pool is None:
            from .moderate import run_batch

            self._collect(run_batch(self.moderator, items, self.fields, self.only_flagged, self.done))
            if not self.frozen:
                # what the first batch loaded (rules, gates and, with a term, spaCy) lives as
                # long as the run: the cyclic collector need not scan it again and again
                import gc

                gc.freeze()
                self.frozen = True
            return
        self.pending.append(self.pool.submit(_work, items))
        while len(self.pending) > 2 * self.jobs:
            self._collect(self.pending.popleft().result())

    def idle(self) -> None:
        """The input has nothing more for now: check and write everything read so far."""
        self.dispatch()
        while self.pending:
            self._collect(self.pending.popleft().result())

    def finish(self) -> None:
        self.idle()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None
        if self.frozen:
            import gc

            gc.unfreeze()
            self.frozen = False

    def stop(self) -> None:
        """Stop the workers now (Ctrl-C, a broken pipe, a worker that died)."""
        if self.pool is not None:
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
            self.pool = None
        self.pending.clear()

    def _start_pool(self) -> None:
        import gc
        import multiprocessing

        global _WORKER
        if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
            self.jobs = 1
            return
        self.moderator.linter.engine.warm()  # rules, gates and spaCy: loaded once, shared by every worker
        _WORKER = (self.moderator, self.fields, self.only_flagged, self.done)
        gc.freeze()  # the workers share these objects; a collection there would copy every page
        self.frozen = True
        # an executor, not multiprocessing.Pool: a worker that dies (killed, out of memory)
        # fails the run with BrokenProcessPool instead of leaving it waiting forever
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_worker_init)

    # -- output ------------------------------------------------------------------------------
    def _collect(self, batch) -> None:
        if batch.held:
            from .moderate import settle_held

            settle_held(batch, self.moderator, self.done, self.only_flagged)
        lines = batch.lines
        dropped: set[int] = set()
        if self.anonymous_to_skip and batch.anonymous:
            # unreadable records have no id: those already in the output are the first ones
            for index in batch.anonymous[:self.anonymous_to_skip]:
                dropped.add(index)
            self.anonymous_to_skip -= len(dropped)
            batch.records -= len(dropped)
            batch.errors -= len(dropped)
            batch.skipped += len(dropped)
        lines = [line for i, line in enumerate(lines) if line is not None and i not in dropped]
        if lines:
            self.out.write(b"".join(lines))
            self.out.flush()
        t = self.totals
        t["records"] += batch.records
        t["flagged"] += batch.flagged
        t["errors"] += batch.errors
        t["skipped"] += batch.skipped
        t["written"] += len(lines)
        self.categories.update(batch.categories)
        name = self.source.name if self.source is not None else "<records>"
        for index, message in batch.messages:
            if index in dropped:
                continue
            t["messages"] += 1
            if len(self.messages) < 20:
                where, _, rest = message.partition(": ")
                place = f"{name}:{where[5:]}" if where.startswith("line ") else f"{name}: {where}"
                self.messages.append(f"{place}: {rest}")
                _error(self.messages[-1])
        if self.bar is not None:
            self._progress()

    def _progress(self) -> None:
        t = self.totals
        self.bar.note(f"{t['records'] + t['skipped']:,} records, {t['flagged']:,} flagged, {t['errors']:,} errors")
        if self.source is not None:
            self.bar.update(self.source.done)

    def run(self, source: Source) -> None:
        self.source = source
        from .progress import Progress

        unit = "rows" if source.format == "parquet" else "B"
        bar = Progress(source.total, os.path.basename(source.name), unit=unit, unit_scale=unit == "B",
                       show=self.show_progress)
        self.bar = bar if bar.bar is not None else None
        try:
            for item in source:
                self.add(item)
            self.idle()
        finally:
            if self.bar is not None:
                self.bar.close()
                self.bar = None


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              help="Format of the records [default: from the file name; jsonl for standard input].")
@click.option("--delimiter", metavar="CHAR", callback=lambda ctx, param, value: _delimiter(value),
              help="CSV field delimiter, one character ('tab' for a tab) [default: ',' or the header's ';', '|' or tab; "
                   "a tab for TSV].")
@click.option("--text-field", default="text", show_default=True, help="Field with the text to check.")
@click.option("--id-field", default="id", show_default=True, help="Field with the record's id.")
@click.option("--format-field", default="format", show_default=True,
              help="Field naming a record's markup (markdown, html, rst, text), if present.")
@click.option("--markup", type=click.Choice(TEXT_FORMATS), default="text", show_default=True,
              help="Markup of records without a format field.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that flags a record [default: warning].")
@click.option("--select", multiple=True, help="Only these rule ids or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories.")
@click.option("--extend-select", multiple=True, help="Add rule ids or categories to the selection.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fix", is_flag=True, help="Add fixed_text: the text with the safe fixes applied.")
@click.option("--only-flagged", is_flag=True, help="Write only flagged records (and records with errors).")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the results to FILE [default: standard output].")
@click.option("--resume", type=click.Path(dir_okay=False), metavar="OUT",
              help="Skip the records whose ids are in OUT (the output of a run that stopped) and append to OUT.")
@click.option("--jobs", "-j", type=int, default=0, help="Processes [default: every core].")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar [default: on a terminal].")
@click.option("--quiet", "-q", is_flag=True, help="No summary; errors only.")
def moderate_command(files, input_format, delimiter, text_field, id_field, format_field, markup, fail_on, select, ignore,
                     extend_select, config_path, isolated, fix, only_flagged, output_file, resume, jobs, progress, quiet):
    """Screen records (posts, comments, messages) for stigmatizing language.

    FILES hold records: JSON Lines (one object per line), CSV or TSV with a header, or
    Parquet; '-' or nothing reads JSON Lines from standard input. Writes one JSON line
    per record, in input order: id, flagged, findings, error.
    """
    from .cli import _Run, _split

    overrides = {
        "select": _split(select) or None,
        "ignore": _split(ignore),
        "extend-select": _split(extend_select),
        "fail-on": fail_on,
    }
    if not files:
        if sys.stdin.isatty():
            raise click.UsageError("give a file of records, or '-' to read them from standard input")
        files = ("-",)
    if files.count("-") > 1:
        raise click.UsageError("standard input ('-') can be read only once")
    try:
        if config_path and not os.path.isfile(config_path):
            raise ConfigError("configuration file not found", config_path)
        code = _moderate(_Run(config_path, isolated, overrides), files, input_format,
                         Fields(text=text_field, id=id_field, format=format_field or None, markup=markup),
                         fix, only_flagged, output_file, resume, jobs, progress, quiet, delimiter)
    except ConfigError as exc:
        _error(str(exc))
        sys.exit(2)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except BrokenPipeError:  # `hr-lint moderate posts.jsonl | head`: the reader left
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug: one line for users, the traceback with HR_LINT_DEBUG=1
        if os.environ.get("HR_LINT_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set HR_LINT_DEBUG=1 for details)")
        sys.exit(2)
    sys.exit(code)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}.get(value.lower(), value)
    if len(named) != 1 or named in ('"', "\n", "\r"):
        raise click.BadParameter(f"expected one character (or 'tab'), not {value!r}", param_hint="--delimiter")
    return named


def _moderate(run, files, input_format, fields, fix, only_flagged, output_file, resume, jobs, progress, quiet,
              delimiter=None) -> int:
    from .finding import severity_rank
    from .moderate import DoneIds, Moderator

    linter = run.linter_for(os.getcwd())
    moderator = Moderator(linter, None, fix)
    target = output_file or resume
    for path in files:
        if path != "-" and target and _same_file(path, target):
            raise click.UsageError(f"{path} is both an input and the output")
    done = None
    if resume:
        try:
            done = DoneIds.load(resume, severity_rank(moderator.fail_on))
        except ValueError as exc:
            _error(str(exc))
            return 2
        except OSError as exc:
            _error(f"{resume}: cannot read: {exc.strerror}")
            return 2
    append = bool(resume) and (output_file is None or _same_file(output_file, resume))
    try:
        out = open(target, "ab" if append else "wb") if target else sys.stdout.buffer  # noqa: SIM115
    except OSError as exc:
        _error(f"{target}: cannot write: {exc.strerror}")
        return 2
    n = jobs if jobs and jobs > 0 else _cpus()
    from .progress import is_terminal

    show = progress if progress is not None else (is_terminal(sys.stderr) and not quiet)
    pipeline = Pipeline(moderator, fields, out, n, only_flagged, done, show)
    failed_inputs = 0
    started = time.perf_counter()
    try:
        for path in files:
            try:
                source = Source(path, input_format, fields, on_idle=pipeline.idle, delimiter=delimiter)
            except SourceError as exc:
                _error(str(exc))
                failed_inputs += 1
                continue
            try:
                pipeline.run(source)
            except SourceError as exc:
                pipeline.idle()
                _error(str(exc))
                failed_inputs += 1
            finally:
                source.close()
        pipeline.finish()
    except KeyboardInterrupt:
        pipeline.stop()
        _error(f"interrupted after {_done(pipeline):,} records; {_how_to_resume(target)}")
        sys.exit(130)
    except BrokenProcessPool:
        pipeline.stop()
        _error(f"a worker process died (killed, or out of memory) after {_done(pipeline):,} records; "
               f"the results written are complete: {_how_to_resume(target)}")
        return 2
    except BaseException:
        pipeline.stop()
        raise
    finally:
        if out is not sys.stdout.buffer:
            out.close()
    elapsed = time.perf_counter() - started
    t = pipeline.totals
    flagged = t["flagged"] + (done.flagged if done else 0)
    errors = t["errors"] + (done.errors if done else 0)
    if t["messages"] > len(pipeline.messages):
        more = t["messages"] - len(pipeline.messages)
        _error(f"{more:,} more record{'s' if more != 1 else ''} with errors (their 'error' field says why)")
    if not quiet:
        categories = pipeline.categories + (done.categories if done else Counter())
        _summary(t, done, flagged, errors, categories, elapsed)
    if errors or failed_inputs:
        return 2
    return 1 if flagged else 0


def _done(pipeline) -> int:
    return pipeline.totals["records"] + pipeline.totals["skipped"]


def _how_to_resume(target) -> str:
    where = f" --resume {target}" if target else " --resume and the file the results went to"
    return f"run the same command with{where} to continue"


def _summary(t, done, flagged, errors, categories, elapsed) -> None:
    records = t["records"] + (done.records if done else 0)
    rate = f" in {elapsed:.1f} s ({t['records'] / elapsed:,.0f} records/s)" if elapsed > 0 and t["records"] else ""
    share = f" ({100 * flagged / records:.1f}%)" if records else ""
    lines = [f"{records:,} record{'s' if records != 1 else ''}: {flagged:,} flagged{share}, "
             f"{errors:,} error{'s' if errors != 1 else ''}"]
    if done is not None:
        lines.append(f"  {done.records:,} already in the output (resumed), {t['records']:,} checked now{rate}")
    elif rate:
        lines[0] += rate
    if categories:
        lines.append("flagged records by category:")
    for category, count in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {count:8,}  {category}")
    click.echo("\n".join(lines), err=True)
