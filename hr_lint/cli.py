"""The `hr-lint` command line. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import click

from . import __version__
from .cli_web import split_urls, web_options
from .finding import SEVERITIES, severity_rank
from .yamlload import ConfigError

OUTPUT_FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "html")


def _split(values) -> list[str]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _error(message: str) -> None:
    click.echo(f"hr-lint: {message}", err=True)


class _Run:
    """Per-configuration linters, so each file gets its nearest configuration."""

    def __init__(self, config_path, isolated, overrides, cache_dir=None):
        self.config_path = config_path
        self.isolated = isolated
        self.overrides = overrides
        self.cache_dir = cache_dir
        self._by_config: dict = {}
        self._by_dir: dict = {}

    def config_file_for(self, path: str) -> str | None:
        from .config import find_config_file

        if self.isolated:
            return None
        if self.config_path:
            return self.config_path
        start = os.getcwd() if path == "-" else (path if os.path.isdir(path) else os.path.dirname(path) or ".")
        if start not in self._by_dir:  # one search per folder, not per file
            self._by_dir[start] = find_config_file(start)
        return self._by_dir[start]

    def linter_for(self, path: str):
        from .config import load_config
        from .linter import Linter

        key = self.config_file_for(path)
        if key not in self._by_config:
            config = load_config(key, isolated=self.isolated).with_overrides(**self.overrides)
            self._by_config[key] = Linter(config, cache_dir=self.cache_dir, lazy=True)
        return self._by_config[key]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: reported per path
@click.option("--format", "--output-format", "fmt", type=click.Choice(OUTPUT_FORMATS), multiple=True,
              help="Output format [default: text]. With --output-file, a second --format text also "
                   "prints the text report on the terminal.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--select", multiple=True, help="Only these rule ids or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories.")
@click.option("--extend-select", multiple=True, help="Add rule ids or categories to the selection.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("--language", type=click.Choice(["auto", "en", "es"]),
              help="Language of text that declares none (HTML lang, front matter lang) [default: auto, detected].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--stdin-filename", help="Name for standard input (format and configuration).")
@click.option("--fix", "fix", is_flag=True, help="Apply the fixes that are safe (one-to-one replacements).")
@click.option("--diff", "diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--report-unused-suppressions", is_flag=True, default=None,
              help="Report hr-lint comments that suppress nothing.")
@click.option("--jobs", "-j", type=int, default=0, help="Parallel processes (default: automatic).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the findings cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where to keep the cache [default: ~/.cache/hr-lint].")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option("--explain", "explain_rule", metavar="RULE", help="Explain one rule and exit.")
@click.option("--show-config", is_flag=True, help="Print the effective settings for PATH and exit.")
@click.option("--check-rules", is_flag=True, help="Run every rule's own examples and exit.")
@click.option("--trace", "trace", is_flag=True,
              help="List every occurrence of a term: its rule, whether it is reported, and the stage that decided.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors; the exit code tells.")
@web_options
@click.version_option(__version__, prog_name="hr-lint")
def lint_command(paths, fmt, output_file, color, fail_on, select, ignore, extend_select, exclude, language, config_path,
         isolated, stdin_filename, fix, diff, report_unused_suppressions, jobs, no_cache, cache_dir, statistics, list_rules, explain_rule, show_config, check_rules,
         quiet, web, trace=False):
    """Find stigmatizing language in Markdown, HTML, reStructuredText, text, Word and PDF files.

    PATHS are files or folders (walked recursively), http(s) URLs (web pages, PDFs, .docx;
    --crawl follows their links), or '-' for standard input.

    Other commands: 'hr-lint serve' (the writer's page and HTTP API), 'hr-lint moderate'
    (screen records such as posts and comments: JSON Lines, CSV, Parquet), 'hr-lint lsp'
    (the language server for editors).
    """
    overrides = {
        "select": _split(select) or None,
        "ignore": _split(ignore),
        "extend-select": _split(extend_select),
        "exclude": list(exclude),
        "fail-on": fail_on,
        "report-unused-suppressions": report_unused_suppressions or None,
        "language": language,
    }
    if not no_cache and not cache_dir:
        from .cache import default_dir

        cache_dir = default_dir()
    run = _Run(config_path, isolated, overrides, None if no_cache else cache_dir)
    try:
        if config_path and not os.path.isfile(config_path):
            raise ConfigError("configuration file not found", config_path)
        if list_rules or explain_rule or check_rules:
            from . import explain

            linter = run.linter_for(paths[0] if paths else os.getcwd())
            if list_rules:
                click.echo(explain.list_rules(linter.config.all_rules()), nl=False)
                sys.exit(0)
            if explain_rule:
                text = explain.explain(linter.config.all_rules(), explain_rule)
                click.echo(text, nl=False)
                sys.exit(0)
            linter = explain.example_linter(linter)  # debated rules' examples too
            problems = explain.check_rules(linter)
            for p in problems:
                click.echo(p, err=True)
            click.echo(f"{len(problems)} example problem{'s' if len(problems) != 1 else ''} in "
                       f"{len(linter.rules)} rules", err=bool(problems))
            sys.exit(2 if problems else 0)
        if show_config:
            from . import explain

            target = paths[0] if paths else os.getcwd()
            linter = run.linter_for(target)
            click.echo(explain.show_config(linter.config, run.config_file_for(target)), nl=False)
            sys.exit(0)
        if fix and diff:
            raise click.UsageError("--fix and --diff are exclusive: --diff shows what --fix would write")
        report = Report(tuple(fmt), output_file, color, statistics, quiet)
        files, urls = split_urls(paths)
        if trace:
            from .trace_cli import run_trace

            if fix or diff or statistics:
                raise click.UsageError("--trace lists decisions; it does not go with --fix, --diff or --statistics")
            if urls:
                raise click.UsageError("--trace takes files, folders or '-', not URLs")
            errors: list[str] = []
            targets = _targets(run, paths, errors)
            sys.exit(run_trace(run, targets, errors, report, stdin_filename))
        web = web or {"sitemaps": ()}
        auditing = bool(urls or web["sitemaps"])
        if not files and not auditing:
            raise click.UsageError("give files or folders to lint, or '-' for standard input")
        if auditing and (fix or diff):
            raise click.UsageError("--fix and --diff rewrite files: they do not take URLs")
        report.check()
        errors = []
        chosen = _targets(run, files, errors) if files else []
        if diff:
            sys.exit(_diff(run, chosen, errors))
        cache = None if no_cache else cache_dir
        results = _lint(run, chosen, errors, {"stdin_filename": stdin_filename, "fix": fix, "jobs": jobs,
                                              "cache_dir": cache}, quiet)
        if auditing:
            from . import cli_web

            _add_audit(results, cli_web.audit(run.linter_for(os.getcwd()), urls, web, cache, quiet))
        code = _render(run, report, results)
    except ConfigError as exc:
        _error(str(exc))
        sys.exit(2)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except KeyboardInterrupt:  # Ctrl-C: one line and 130 (128 + SIGINT), as a shell reports it
        _error("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # `hr-lint docs | head`: the reader left; nothing to report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug: one line for users, the traceback with HR_LINT_DEBUG=1
        if os.environ.get("HR_LINT_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set HR_LINT_DEBUG=1 for details)")
        sys.exit(2)
    sys.exit(code)


def _targets(run, paths, errors) -> list[str]:
    """The files to lint (see `files.choose`), each judged by its own configuration."""
    from . import files

    if not paths:
        raise click.UsageError("give files or folders to lint, or '-' for standard input")
    return files.choose(list(paths), lambda p: run.linter_for(p).config, errors, warn=_error)


@dataclass(frozen=True)
class Report:
    """How a run's findings are shown: the formats (with `output_file`, one for the file and
    perhaps text for the terminal as well), colour, counts per rule instead of findings
    (`statistics`), or nothing but errors (`quiet`)."""

    formats: tuple[str, ...] = ()
    output_file: str | None = None
    color: bool | None = None
    statistics: bool = False
    quiet: bool = False

    def check(self) -> None:
        kinds = set(self.formats)
        if len(kinds) > 2 or (len(kinds) == 2 and ("text" not in kinds or not self.output_file)):
            raise click.UsageError("give one --format, or with --output-file a format for the file plus --format text")


@dataclass
class Results:
    """What a run found, for `_render`: the findings of the files (`batch.Outcome`) and of
    the audited URLs, the error lines, and what the renderers show beside them."""

    findings: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # what was linted (files and audited URLs)
    linted: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # texts not read from disk (standard input, pages)
    skipped: dict = field(default_factory=dict)  # URLs an audit left out on purpose, by reason
    stdin_out: bytes | None = None  # with --fix of standard input: what goes back out
    fix: bool = False  # --fix ran: say how many were fixed
    fixed: int = 0
    fixed_files: int = 0
    fail_on: str = "warning"


def _lint(run, files: list[str], errors: list[str], options: dict, quiet: bool) -> Results:
    """Lint (or fix) the chosen files: `batch.lint_paths` with `options` (its keywords);
    `errors` so far come first."""
    from . import batch, cli_web

    done = batch.lint_paths(run.linter_for, files, **options,
                            progress=lambda total: cli_web.Progress(total, "Linting", quiet or total < 50, unit="file"))
    return Results(findings=[f for index in sorted(done.results) for f in done.results[index]],
                   errors=errors + done.errors, paths=list(files), linted=len(done.results), sources=done.sources,
                   stdin_out=done.stdin_out, fix=bool(options.get("fix")), fixed=done.fixed,
                   fixed_files=done.fixed_files, fail_on=done.fail_on)


def _add_audit(results: Results, audit) -> None:
    """Merge a web audit (`cli_web.audit`) into the results."""
    results.skipped = audit.skipped
    results.findings.extend(audit.findings)
    results.errors.extend(audit.errors)
    results.sources.update(audit.sources)
    results.linted += len(audit.linted)
    results.paths += audit.linted


def _render(run, report: Report, results: Results) -> int:
    """Write the fixed standard input, the error lines and the report; the exit code."""
    from .output import get_renderer

    findings = sorted(results.findings, key=lambda f: f.sort_key())
    errors = results.errors
    if results.stdin_out is not None:
        sys.stdout.buffer.write(results.stdin_out)
        sys.stdout.flush()
    for message in errors:
        _error(message)
    if results.fix and not report.quiet:
        fixed, fixed_files = results.fixed, results.fixed_files
        click.echo(f"Fixed {fixed} finding{'s' if fixed != 1 else ''} in {fixed_files} "
                   f"file{'s' if fixed_files != 1 else ''}.", err=True)

    if not report.quiet:
        rules = {}
        if findings:  # rule details are only needed to describe findings
            for linter in run._by_config.values():
                rules.update({r.id: r for r in linter.rules})
        formats = list(report.formats) or ["text"]
        # the file gets the one non-text format asked for; "text" as well goes to the terminal
        file_format = next((f for f in formats if f != "text"), "text")
        to_stderr = results.stdin_out is not None  # standard output holds the fixed text of standard input

        def render(name, to_terminal):
            if report.statistics:
                return _statistics(findings)
            on_terminal = to_terminal and (sys.stderr if to_stderr else sys.stdout).isatty()
            use_color = report.color if report.color is not None else on_terminal
            return get_renderer(name)(findings, rules, paths=[p for p in results.paths if p != "-"], color=use_color,
                                      files_linted=results.linted, sources=results.sources, errors=errors,
                                      skipped=results.skipped, width=_terminal_width() if on_terminal else None)

        if report.output_file:
            try:
                _write_atomic(report.output_file, render(file_format, False))
            except OSError as exc:
                errors.append(f"{report.output_file}: cannot write report: {exc.strerror}")
                _error(errors[-1])
            if "text" in formats and file_format != "text":
                click.echo(render("text", True), nl=False, err=to_stderr)
        else:
            click.echo(render(formats[-1], True), nl=False, err=to_stderr)
    if errors:
        return 2
    threshold = severity_rank(results.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in findings) else 0


def _diff(run, files: list[str], errors: list[str]) -> int:
    """`--diff`: the safe fixes as a unified diff; nothing written."""
    from . import fix as fixer

    diffs = fixer.diff_paths(run.linter_for, files, errors)
    for text in diffs:
        click.echo(text, nl=False)
    for message in errors:
        _error(message)
    return 2 if errors else 1 if diffs else 0


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _statistics(findings) -> str:
    from collections import Counter

    counts = Counter((f.rule, f.severity) for f in findings)
    lines = [f"{n:5d}  {rule:32s} {sev}" for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines.append(f"{len(findings):5d}  total")
    return "\n".join(lines) + "\n"


def _write_atomic(path: str, text: str) -> None:
    """Write a report atomically, with the mode a report of that name had, else the one the
    umask gives a new file (mkstemp's 0600 would keep a report from being shared or served)."""
    import stat
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".hr-lint-", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None) -> None:
    """Entry point: `hr-lint serve ...` starts the writer's page, `hr-lint lsp` the language
    server for editors; anything else lints."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] == "serve":
        from .server import serve_command

        serve_command.main(args=args[1:], prog_name="hr-lint serve")
    elif args and args[0] == "lsp":
        from .lsp import main as lsp_main

        lsp_main(args[1:])
    else:
        command, prog, args = lint_command, "hr-lint", args
        if args and args[0] == "moderate":
            from .moderate_cli import moderate_command

            command, prog, args = moderate_command, "hr-lint moderate", args[1:]
        try:
            command.main(args=args, prog_name=prog)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
        else:
            code = 0
        # a finished run needs nothing of the interpreter's teardown, which with spaCy
        # loaded costs a tenth of a second: flush and leave
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            code = code or 1
        sys.stderr.flush()
        os._exit(code)
