"""The command line's web options (a thin layer over `sources.web`); the progress bar is
`progress.Progress`, the one every long run shows.

`web_options` adds --crawl, --max-pages, --sitemap, --delay, --timeout, --max-size and
--whole-page to a click command and hands them to it as one `web` mapping.
"""
from __future__ import annotations

import functools

import click

from .progress import Progress

OPTIONS = ("crawl", "max_pages", "sitemaps", "delay", "timeout", "max_size", "whole_page")


def web_options(fn):
    @click.option("--crawl", is_flag=True, help="Follow links from each URL (same host and path prefix).")
    @click.option("--max-pages", type=click.IntRange(min=1), default=200, show_default=True,
                  help="Most pages and documents a crawl fetches.")
    @click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
                  help="Audit the pages a sitemap (or sitemap index) lists (repeatable).")
    @click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
                  help="Seconds between two requests to the same host.")
    @click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
                  help="Seconds to wait for a server.")
    @click.option("--max-size", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True,
                  metavar="BYTES", help="Largest response read.")
    @click.option("--whole-page", is_flag=True, help="Lint all of a web page, not only its main content.")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        kwargs["web"] = {name: kwargs.pop(name) for name in OPTIONS}
        return fn(*args, **kwargs)

    return wrapper


def split_urls(paths) -> tuple[list[str], list[str]]:
    """(local paths, URLs) among the command's arguments."""
    from .sources.web import is_url

    urls = [p for p in paths if is_url(p)]
    return [p for p in paths if not is_url(p)], urls


def audit(linter, urls, web: dict, cache_dir: str | None, quiet: bool):
    """Fetch, crawl and lint; returns `sources.web.AuditResult`."""
    from .sources.web import Audit, WebOptions

    options = WebOptions(crawl=web["crawl"], max_pages=web["max_pages"], delay=web["delay"], timeout=web["timeout"],
                         max_bytes=web["max_size"], whole_page=web["whole_page"])
    total = web["max_pages"] if web["crawl"] or web["sitemaps"] else len(urls)
    bar = Progress(total, "Auditing", quiet, unit="page")
    runner = Audit(linter, options, cache_dir, progress=bar.update)
    try:
        result = runner.run(list(urls), sitemaps=list(web["sitemaps"]))
    finally:
        bar.close()
        runner.close()
    if not quiet and result.skipped:
        parts = [f"{reason} ({len(found)})" for reason, found in sorted(result.skipped.items())]
        click.echo(f"hr-lint: not linted: {', '.join(parts)}", err=True)
    return result
