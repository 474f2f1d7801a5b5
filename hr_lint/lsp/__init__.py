"""`hr-lint lsp`: the language server. See `hr_lint/lsp/server.py`."""
from __future__ import annotations

import logging
import os
import sys

import click

from .. import __version__


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default and only transport).")
@click.option("--log-file", type=click.Path(dir_okay=False), help="Write the server's log here (default: standard error).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="warning",
              show_default=True, help="How much to log.")
@click.version_option(__version__, prog_name="hr-lint lsp")
def lsp_command(stdio, log_file, log_level):
    """Run the hr-lint language server for editors (LSP over stdio).

    Diagnostics for Markdown, HTML, reStructuredText and plain text as you type, quick
    fixes, hover explanations; configuration as the command line finds it.
    """
    handler = logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(getattr(logging, log_level.upper()))
    from .server import create_server

    server = create_server()
    try:
        server.start_io()
    except SystemExit:  # pygls's `exit` handler
        pass
    # LSP: exit code 0 after a `shutdown` request, 1 when the client left without one. At
    # once: the interpreter's own exit would wait for a check still running on the linting
    # thread (seconds for a long document), and an editor closing the server waits for it.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0 if server.stopping else 1)


def main(argv=None) -> None:
    lsp_command.main(args=argv, prog_name="hr-lint lsp")
