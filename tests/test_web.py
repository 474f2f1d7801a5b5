"""Auditing a web site: URLs, sitemaps, crawling, courtesy, bounds, failures and the cache,
against a fixture site on 127.0.0.1 that the tests build. Nothing here leaves the machine."""
from __future__ import annotations

import io
import json

import docx
import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command
from hr_lint.cli_web import Progress
from hr_lint.readers.main_content import main_ranges
from hr_lint.sources.web import USER_AGENT, normalize
from pdfmaker import lines_page, make_pdf
from website import Page, Site

LAYOUT = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title} - County Behavioral Health</title></head>
<body>
<div id="cookie-banner">We use cookies. Crazy, we know: accept them.</div>
<header><nav><a href="/">Home</a> <a href="/services/">Services</a> <a href="/news/2024/outreach">News</a>
<a href="/drafts/plan">Help for addicts</a></nav></header>
<main>
{main}
</main>
<footer>Copyright County. <a href="{other}/partner">Partner site</a> <a href="https://example.invalid/x">Elsewhere</a></footer>
</body></html>
"""


def html(title, main, other):
    return LAYOUT.format(title=title, main=main, other=other)


def word_file(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


PDF = make_pdf([lines_page(["Annual report, page one.", "Nothing to see here."]),
                lines_page(["Our peers once were called", "junkies by the press."])])


def build(site: Site, other: Site) -> None:
    o = other.origin
    site.routes.update({
        "/robots.txt": Page("User-agent: *\nDisallow: /private/\n\nUser-agent: hr-lint\nDisallow: /private/\n"
                            "Disallow: /drafts/\n", content_type="text/plain"),
        "/sitemap.xml": Page(f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{site.origin}/sitemap-pages.xml</loc></sitemap>
<sitemap><loc>{site.origin}/sitemap-docs.xml</loc></sitemap>
</sitemapindex>""", content_type="application/xml"),
        "/sitemap-pages.xml": Page(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{site.origin}/</loc></url>
<url><loc>{site.origin}/about</loc></url>
<url><loc>{site.origin}/private/records</loc></url>
<url><loc>{o}/offsite-listed</loc></url>
<url><loc>{site.origin}/missing</loc></url>
<url><loc>{site.origin}/broken</loc></url>
<url><loc>{site.origin}/slow</loc></url>
<url><loc>{site.origin}/big</loc></url>
<url><loc>{site.origin}/busy</loc></url>
<url><loc>{site.origin}/old-page</loc></url>
</urlset>""", content_type="application/xml"),
        "/sitemap-docs.xml": Page(f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site.origin}/files/report.pdf</loc></url></urlset>""",
                                  content_type="application/xml"),
        "/": Page(html("Home", """<h1>Welcome</h1>
<p>Our clinic serves people who use drugs and their families.</p>
<p>Read about <a href="/services/">our services</a>, <a href="/services/#top">again</a>,
<a href="/services?utm_source=home&amp;utm_medium=web">tracked</a>, <a href="/private/records">records</a>,
<a href="/files/report.pdf">the annual report</a>, <a href="/files/handout.docx">a handout</a>,
<a href="/away">a partner</a>, <a href="/noindex">an old page</a>, <a href="/nofollow">a list</a>
and <a href="mailto:info@example.org">write to us</a>.</p>""", o)),
        "/services/": Page(html("Services", """<h1>Services</h1>
<p>We help substance abusers find housing
and work.</p>
<p><a href="/services/housing">Housing</a></p>""", o)),
        "/services/housing": Page(html("Housing", """<article><h1>Housing</h1>
<p>Last year two addicts found apartments through the program.</p></article>""", o)),
        "/news/2024/outreach": Page(html("Outreach", "<p>The outreach van met people where they are.</p>", o)),
        "/about": Page(html("About", "<p>Staff will never call anyone a junkie.</p>", o)),
        "/old-page": Page("", status=301, headers={"Location": "/about"}),
        "/away": Page("", status=302, headers={"Location": "{other}/partner".replace("{other}", o)}),
        "/noindex": Page(html("Old", '<p>Three addicts came by.</p>', o).replace(
            "<head>", '<head><meta name="robots" content="noindex">')),
        "/nofollow": Page(html("List", '<p>A list. <a href="/hidden">Hidden</a></p>', o).replace(
            "<head>", '<head><meta name="robots" content="nofollow">')),
        "/hidden": Page(html("Hidden", "<p>Three addicts came by.</p>", o)),
        "/private/records": Page(html("Private", "<p>Three addicts came by.</p>", o)),
        "/drafts/plan": Page(html("Draft", "<p>Three addicts came by.</p>", o)),
        "/broken": Page("<h1>Server error</h1>", status=500),
        "/slow": Page(html("Slow", "<p>Three addicts came by.</p>", o), delay=3),
        "/big": Page("<p>" + "x " * 150_000 + "</p>", length=False),
        "/busy": Page(html("Busy", "<p>The committed suicide count fell.</p>", o), fail_first=1),
        "/files/report.pdf": Page(PDF, content_type="application/pdf"),
        "/files/handout.docx": Page(word_file("Clean needles save lives, and no one is a crackhead."),
                                    content_type="application/octet-stream"),
    })
    other.routes.update({"/partner": Page(html("Partner", "<p>Three addicts came by.</p>", o)),
                         "/offsite-listed": Page(html("Listed", "<p>Three addicts came by.</p>", o))})


@pytest.fixture
def sites():
    with Site() as site, Site() as other:
        build(site, other)
        yield site, other


def audit(*args, cache=None):
    base = ["--delay", "0", "--timeout", "1", "--max-size", "100000", "--format", "json"]
    base += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    result = CliRunner().invoke(lint_command, base + list(args))
    return result, json.loads(result.stdout or "[]")


def line_of(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def test_the_site_through_its_sitemap_and_by_crawling(sites):
    site, other = sites
    result, findings = audit("--crawl", "--sitemap", site.url("/sitemap.xml"), site.url("/"))
    assert result.exit_code == 2, result.output  # some pages failed
    got = {(f["path"], f.get("page"), f["line"], f["column"], f["text"]) for f in findings}
    services = site.routes["/services/"].body
    housing = site.routes["/services/housing"].body
    about = site.routes["/about"].body
    expected = {
        (site.url("/services/"), None, *line_of(services, "substance abusers"), "substance abusers"),
        (site.url("/services/housing"), None, *line_of(housing, "addicts found"), "addicts"),
        (site.url("/about"), None, *line_of(about, "junkie"), "junkie"),
        (site.url("/busy"), None, *line_of(site.routes["/busy"].body, "committed suicide"), "committed suicide"),
        (site.url("/files/report.pdf"), 2, 2, 1, "junkies"),
    }
    assert expected <= got, got - expected
    docx_found = [f for f in findings if f["path"] == site.url("/files/handout.docx")]
    assert {f["text"] for f in docx_found} >= {"crackhead"}
    # the navigation, the cookie banner and the footer repeat on every page: never reported
    assert not any(f["text"] in ("addicts", "Crazy") and f["path"] == site.url("/") for f in findings)
    assert len(got) == len(findings)  # no page reported twice (fragment, slash, utm_ variants)

    fetched = site.paths()
    assert not any(p.startswith(("/private/", "/drafts/")) for p in fetched)  # robots.txt
    assert "/noindex" in fetched and not any(f["path"] == site.url("/noindex") for f in findings)
    assert "/hidden" not in fetched  # a nofollow page's links are not followed
    assert other.paths() == []  # off-site: listed, linked and redirected to, never fetched
    assert fetched.count("/services/") + fetched.count("/services") == 1
    assert fetched.count("/busy") == 2  # a 503, retried
    assert all(h.headers["user-agent"] == USER_AGENT for h in site.log)

    errors = result.stderr.strip().splitlines()
    failures = [e for e in errors if not e.startswith("hr-lint: not linted:")]
    assert sorted(failures) == sorted([
        f"hr-lint: {site.url('/missing')}: HTTP 404 Not Found",
        f"hr-lint: {site.url('/broken')}: HTTP 500 Internal Server Error",
        f"hr-lint: {site.url('/slow')}: timed out after 1 s",
        f"hr-lint: {site.url('/big')}: response is over the 97 KB limit",
    ]), result.stderr
    notice = [e for e in errors if e.startswith("hr-lint: not linted:")]
    assert notice and "disallowed by robots.txt" in notice[0] and "off-site" in notice[0] and "noindex (1)" in notice[0]


def test_a_crawl_stays_under_its_path_prefix_and_max_pages(sites):
    site, other = sites
    result, findings = audit("--crawl", site.url("/services/"))
    assert result.exit_code == 1, result.output
    fetched = set(site.paths())
    assert {"/services/", "/services/housing"} <= fetched
    assert "/news/2024/outreach" not in fetched and "/" not in fetched  # outside /services/
    assert {f["path"] for f in findings} == {site.url("/services/"), site.url("/services/housing")}

    site.log.clear()
    result, findings = audit("--crawl", "--max-pages", "2", site.url("/"))
    pages = [p for p in site.paths() if p != "/robots.txt"]
    assert len(pages) == 2


def test_a_url_argument_is_read_by_its_content_type(sites):
    site, _ = sites
    site.routes["/report"] = Page(PDF, content_type="application/pdf")  # no .pdf in the URL
    site.routes["/notes"] = Page("Two lines.\nThree addicts came by.\n", content_type="text/plain")
    site.routes["/handout"] = Page(word_file("A note.\nThree addicts came by."), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    result, findings = audit(site.url("/report"), site.url("/notes"), site.url("/handout"))
    assert result.exit_code == 1, result.output
    assert {(f["path"], f.get("page"), f["line"]) for f in findings} == {
        (site.url("/report"), 2, 2), (site.url("/notes"), None, 2), (site.url("/handout"), None, 1)}
    text = CliRunner().invoke(lint_command, ["--no-cache", "--delay", "0", "--no-color", site.url("/report")])
    assert f"{site.url('/report')}\n  page 2, 2:1" in text.stdout
    assert "    junkies by the press." in text.stdout  # the line, from the fetched document


def test_formats_keep_urls_as_they_are(sites):
    site, _ = sites
    url = site.url("/about?lang=en")
    site.routes["/about"].body = site.routes["/about"].body  # same page, with a query
    sarif = json.loads(CliRunner().invoke(lint_command, ["--no-cache", "--delay", "0", "--format", "sarif", url]).stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == url
    github = CliRunner().invoke(lint_command, ["--no-cache", "--delay", "0", "--format", "github", url]).stdout
    assert f"file={url.replace(':', '%3A')}," in github


def test_main_content_by_default_and_the_whole_page_on_request(sites):
    site, _ = sites
    _, main = audit(site.url("/"))
    _, whole = audit("--whole-page", site.url("/"))
    assert main == []
    texts = {f["text"] for f in whole}
    assert {"addicts", "Crazy"} <= texts  # the navigation and the cookie banner
    body = site.routes["/"].body
    (nav,) = [f for f in whole if f["text"] == "addicts"]
    assert (nav["line"], nav["column"]) == line_of(body, "addicts")


def test_main_content_without_a_main_element():
    page = """<html><body><div class="menu"><a href="/a">Addicts</a> <a href="/b">More</a></div>
<div class="content"><p>This paragraph is long enough to be the article body: it talks at length about
the program and its people.</p><p>Another paragraph with more words, so that the body wins clearly over
the menu and the sidebar.</p></div><div id="sidebar"><p>Related: stories about the program.</p></div>
<div class="site-footer">Footer text about addicts.</div></body></html>"""
    ranges = main_ranges(page)
    kept = "".join(page[s:e] for s, e in ranges)
    assert "This paragraph is long" in kept and "Another paragraph" in kept
    assert "Addicts" not in kept and "Footer text" not in kept and "Related:" not in kept


def test_failures_are_one_line_each_and_the_rest_goes_on(sites):
    site, _ = sites
    refused = Site()  # a port nothing listens on once closed
    refused.server.server_close()
    site.routes["/loop"] = Page("", status=302, headers={"Location": "/loop2"})
    site.routes["/loop2"] = Page("", status=302, headers={"Location": "/loop"})
    https = site.url("/about").replace("http://", "https://")
    result, findings = audit(site.url("/loop"), refused.url("/"), https, "file:///etc/passwd",
                             "ftp://127.0.0.1/x", site.url("/private/records"), site.url("/about"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 6, result.stderr  # one per URL but the good one
    assert all(line.startswith("hr-lint: ") and "Traceback" not in line for line in lines)
    joined = "\n".join(lines)
    assert f"{site.url('/loop')}: more than 5 redirects" in joined
    assert f"{refused.url('/')}: robots.txt: cannot connect" in joined
    assert f"{https}: robots.txt: cannot connect: TLS error" in joined  # TLS against a plain HTTP server
    assert "file:///etc/passwd: only http and https URLs are fetched" in joined
    assert "ftp://127.0.0.1/x: only http and https URLs are fetched" in joined
    assert f"{site.url('/private/records')}: disallowed by robots.txt" in joined
    assert [f["path"] for f in findings] == [site.url("/about")]  # the good page is still linted


def test_re_auditing_sends_conditional_requests(sites, tmp_path):
    site, _ = sites
    first, a = audit(site.url("/about"), site.url("/services/"), cache=tmp_path / "cache")
    site.log.clear()
    second, b = audit(site.url("/about"), site.url("/services/"), cache=tmp_path / "cache")
    assert a == b and a
    pages = [h for h in site.log if h.path != "/robots.txt"]
    assert pages and all(h.headers.get("if-none-match") for h in pages)
    assert all(h.status == 304 for h in pages)


def test_polite_delay_between_requests_to_one_host(sites):
    # a clock of our own that only the waits move: what the client waits is what we check,
    # not what a busy machine's scheduler makes of it
    from hr_lint import Linter
    from hr_lint.sources.web import Audit, WebOptions

    site, other = sites
    now, waits = [0.0], []

    def sleep(seconds):
        waits.append(round(seconds, 6))
        now[0] += seconds

    runner = Audit(Linter(), WebOptions(delay=0.3), sleep=sleep, clock=lambda: now[0])
    try:
        result = runner.run([site.url("/about"), other.url("/partner"), site.url("/services/")])
    finally:
        runner.close()
    assert len(site.paths()) == 3 and len(other.paths()) == 2  # robots.txt and the pages
    # robots.txt, then /about waits 0.3 s; the other host's robots.txt does not wait, its page
    # does; /services/ need not: 0.3 s passed since /about while the other host was waited for
    assert waits == [0.3, 0.3], waits
    assert result.linted


def test_url_normalisation():
    assert normalize("HTTP://Example.ORG:80/a/?utm_source=x&id=3#top") == "http://example.org/a?id=3"
    assert normalize("https://example.org") == normalize("https://example.org/")
    assert normalize("https://example.org/a/") == normalize("https://example.org/a")
    assert normalize("https://example.org/a?b=1") != normalize("https://example.org/a?b=2")


def test_progress_bar_only_on_a_terminal():
    class Stream(io.StringIO):
        def __init__(self, tty):
            super().__init__()
            self.tty = tty

        def isatty(self):
            return self.tty

    for tty in (True, False):
        stream = Stream(tty)
        bar = Progress(10, "Auditing", stream=stream)
        for i in range(1, 11):
            bar.update(i, f"http://127.0.0.1/page{i}")
        bar.close()
        assert ("Auditing" in stream.getvalue()) is tty
    quiet = Stream(True)
    bar = Progress(10, "Auditing", quiet=True, stream=quiet)
    bar.update(5)
    bar.close()
    assert quiet.getvalue() == ""


# -- review of issue 14: bounds, robots variants, DNS, hostile links, progress --------------------

def test_a_trickling_response_times_out_as_a_whole(sites):
    site, _ = sites
    # every piece comes well within the per-read timeout; the whole takes four seconds
    site.routes["/trickle"] = Page(html("Trickle", "<p>Three addicts came by.</p>" * 20, site.origin), trickle=0.25)
    result, findings = audit(site.url("/trickle"), site.url("/about"))
    assert result.exit_code == 2
    assert f"hr-lint: {site.url('/trickle')}: timed out after 1 s" in result.stderr
    assert [f["path"] for f in findings] == [site.url("/about")]


def test_robots_rules_addressed_to_other_bots_are_not_ours(sites):
    site, other = sites
    o = other.origin
    kid = '<p>Three addicts came by. <a href="/kid">more</a></p>'
    site.routes.update({
        "/ours": Page(html("A", kid, o), headers={"X-Robots-Tag": "hr-lint: noindex"}),
        "/later": Page(html("B", kid, o), headers={"X-Robots-Tag": "otherbot: nofollow, hr-lint: noindex"}),
        "/google": Page(html("C", kid, o), headers={"X-Robots-Tag": "googlebot: noindex, nofollow"}),
        "/two": Page(html("D", kid, o), headers={"X-Robots-Tag": ["googlebot: noindex", "unavailable_after: 2030-01-01"]}),
        "/meta-ours": Page(html("E", kid, o).replace("<head>", '<head><meta name="HR-LINT" content="noindex">')),
        "/meta-google": Page(html("F", kid, o).replace("<head>", '<head><meta name="googlebot" content="noindex">')),
        "/doc.pdf": Page(PDF, content_type="application/pdf", headers={"X-Robots-Tag": "hr-lint: noindex"}),
        "/kid": Page(html("Kid", "<p>Nothing here.</p>", o)),
    })
    linted = {}
    for path in ("/ours", "/later", "/google", "/two", "/meta-ours", "/meta-google", "/doc.pdf"):
        site.log.clear()
        result, findings = audit("--crawl", site.url(path))
        assert result.exit_code in (0, 1), result.output
        linted[path] = (any(f["path"] == site.url(path) for f in findings), "/kid" in site.paths())
    assert linted == {
        "/ours": (False, True),  # noindex for us; links still followed
        "/later": (False, True),  # the bot named last in a value holds for the rules after it
        "/google": (True, True),  # rules for googlebot only
        "/two": (True, True),  # unavailable_after names no bot
        "/meta-ours": (False, True),
        "/meta-google": (True, True),
        "/doc.pdf": (False, False),
    }


def _resolver(monkeypatch, names):
    """Name resolution in process: `names` maps a host name to an address or to a gaierror."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host in names:
            answer = names[host]
            if isinstance(answer, Exception):
                raise answer
            return real(answer, *args, **kwargs)
        if isinstance(host, str) and host.endswith((".invalid", ".test")):
            raise AssertionError(f"unexpected look-up of {host}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_host_that_does_not_resolve_is_one_error_line(sites, monkeypatch):
    import socket

    site, _ = sites
    _resolver(monkeypatch, {
        "nosuch.invalid": socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
        "flaky.invalid": socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
    })
    result, findings = audit("http://nosuch.invalid/page", "https://flaky.invalid/", site.url("/about"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "hr-lint: http://nosuch.invalid/page: robots.txt: cannot connect: host name not found "
        "(DNS: Name or service not known)",
        "hr-lint: https://flaky.invalid/: robots.txt: cannot connect: host name not found "
        "(DNS: Temporary failure in name resolution)",
    ], result.stderr
    assert [f["path"] for f in findings] == [site.url("/about")]


def test_a_start_url_that_redirects_to_another_host_is_crawled_there(sites, monkeypatch):
    site, other = sites
    _resolver(monkeypatch, {"www.county.test": "127.0.0.1"})
    new = f"http://www.county.test:{site.port}"
    site.routes["/start"] = Page("", status=301, headers={"Location": new + "/services/"})
    result, findings = audit("--crawl", site.url("/start"))
    assert result.exit_code == 1, result.output
    assert {f["path"] for f in findings} == {new + "/services/", new + "/services/housing"}
    assert other.paths() == []


def test_a_listed_page_never_redirects_off_the_site(sites):
    site, other = sites
    site.routes["/list.xml"] = Page(f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site.origin}/away</loc></url>
<url><loc>{site.origin}/about</loc></url></urlset>""", content_type="application/xml")
    result, findings = audit("--sitemap", site.url("/list.xml"))  # no --crawl
    assert other.paths() == []  # /away redirects to the other host: never fetched
    assert [f["path"] for f in findings] == [site.url("/about")]
    assert "off-site (1)" in result.stderr


def test_broken_links_and_urls_never_stop_the_audit(sites):
    site, other = sites
    site.routes["/links"] = Page(html("Links", '<p>Three addicts came by. <a href="http://[::1/x">a</a> '
                                      '<a href="http://127.0.0.1:99999/">b</a> <a href="http://127.0.0.1:x/">c</a> '
                                      '<a href="/about">d</a></p>', other.origin).replace(
        "<head>", '<head><base href="http://[broken">'))
    site.routes["/bad-hop"] = Page("", status=302, headers={"Location": "http://127.0.0.1:0x/"})
    result, findings = audit("--crawl", site.url("/links"), "http://[::1/x", site.url("/bad-hop"))
    assert result.exit_code == 2
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "hr-lint: http://[::1/x: not a valid URL (Invalid IPv6 URL)" in result.stderr
    (hop,) = [line for line in result.stderr.splitlines() if site.url("/bad-hop") in line]
    assert hop.startswith(f"hr-lint: {site.url('/bad-hop')}: ") and "port" in hop.lower()
    assert {site.url("/links"), site.url("/about")} <= {f["path"] for f in findings}


def test_a_link_on_every_page_is_skipped_once(sites):
    site, other = sites
    result, _ = audit("--crawl", site.url("/services/"))
    # every page links to the partner site and to example.invalid in its footer
    assert "off-site (2)" in result.stderr, result.stderr


def test_the_crawl_reports_progress_against_what_it_has_found():
    from hr_lint import Linter
    from hr_lint.sources.web import Audit, WebOptions

    with Site({"/": Page('<p><a href="/a">a</a> <a href="/b">b</a> <a href="/a#x">a again</a></p>'),
               "/a": Page('<p><a href="/b">b</a></p>'), "/b": Page("<p>Nothing.</p>")}) as site:
        seen = []
        runner = Audit(Linter(), WebOptions(crawl=True, delay=0), progress=lambda *a: seen.append(a))
        try:
            runner.run([site.url("/")])
        finally:
            runner.close()
    assert [(done, total) for done, _, total in seen] == [(1, 3), (2, 3), (3, 3)]  # not "of 200"


def test_the_progress_bar_follows_a_growing_total():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = Progress(200, "Auditing", stream=stream)
    for done, total in ((1, 3), (2, 5), (3, 5), (4, 5), (5, 5)):
        bar.update(done, f"http://127.0.0.1/page{done}", total)
    bar.close()
    assert "5/5" in stream.getvalue() and "/200" not in stream.getvalue().split("\r")[-1]


def _run_on_a_terminal(args, cwd) -> tuple[int, str, str]:
    """Run hr-lint with its standard error on a pseudo-terminal: (exit code, stdout, stderr)."""
    import os
    import pty
    import subprocess
    import sys
    import threading

    master, slave = pty.openpty()
    chunks = []

    def drain():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    proc = subprocess.run([sys.executable, "-m", "hr_lint", *args], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=slave, stdin=subprocess.DEVNULL, env=env, timeout=120)
    os.close(slave)
    reader.join(10)
    os.close(master)
    return proc.returncode, proc.stdout.decode(), b"".join(chunks).decode("utf-8", "replace")


def test_a_big_tree_shows_a_progress_bar_on_a_terminal_only(tmp_path):
    import subprocess
    import sys

    for i in range(60):
        (tmp_path / f"note{i:02}.md").write_text(f"Note {i}: nothing to report.\n", encoding="utf-8")
    args = ["--no-cache", "-j", "1", "--format", "json", "."]
    code, out, err = _run_on_a_terminal(args, tmp_path)
    assert code == 0 and out.strip() == "[]"
    assert "Linting" in err and "60/60" in err and "file/s" in err  # tqdm's bar, with its rate, on standard error
    plain = subprocess.run([sys.executable, "-m", "hr_lint", *args], cwd=tmp_path, capture_output=True, timeout=120)
    assert plain.returncode == 0 and plain.stderr == b""  # not a terminal: nothing at all
    _, _, quiet = _run_on_a_terminal(["--quiet", *args], tmp_path)
    assert "Linting" not in quiet


def test_robots_txt_is_read_as_rfc_9309_says(sites):
    site, _ = sites
    site.routes["/robots.txt"] = Page(
        "User-agent: hr-lint\nAllow: /\nDisallow: /private/\nDisallow: /*.pdf$\nAllow: /drafts/public\n\n"
        "User-agent: hr-lint\nDisallow: /drafts/\n", content_type="text/plain")
    for path in ("/private/page", "/files/x.pdf", "/drafts/one", "/drafts/public", "/about"):
        site.routes.setdefault(path, Page(html("Page", "<p>Three addicts came by.</p>", site.origin)))
    site.routes["/"] = Page(html("Home", "".join(f'<p><a href="{p}">{p}</a></p>' for p in (
        "/private/page", "/files/x.pdf", "/drafts/one", "/drafts/public", "/about")), site.origin))
    result, findings = audit("--crawl", site.url("/"))
    fetched = set(site.paths())
    # "Allow: /" first does not open /private/ (the longest rule wins), "*" and "$" patterns
    # apply, and the two groups for hr-lint are one
    assert not fetched & {"/private/page", "/files/x.pdf", "/drafts/one"}, fetched
    assert {"/drafts/public", "/about"} <= fetched
    assert "disallowed by robots.txt" in result.stderr


def test_a_redirect_to_another_scheme_names_the_page_that_redirected(sites):
    site, _ = sites
    site.routes["/to-file"] = Page("", status=302, headers={"Location": "file:///etc/passwd"})
    result, findings = audit(site.url("/to-file"), site.url("/about"))
    assert result.exit_code == 2
    assert (f"hr-lint: {site.url('/to-file')}: redirected to file:///etc/passwd: only http and https URLs are fetched"
            in result.stderr.splitlines())
    assert [f["path"] for f in findings] == [site.url("/about")]


# -- acceptance audit of issue 14: retries, validators, Crawl-delay, sitemaps, documents ------------

def _audit_with_clock(urls, sitemaps=(), **options):
    """An audit whose waits are recorded on a clock of our own (nothing really sleeps)."""
    from hr_lint import Linter
    from hr_lint.sources.web import Audit, WebOptions

    now, waits = [0.0], []

    def sleep(seconds):
        waits.append(round(seconds, 6))
        now[0] += seconds

    runner = Audit(Linter(), WebOptions(**options), sleep=sleep, clock=lambda: now[0])
    try:
        return runner.run(list(urls), sitemaps=list(sitemaps)), waits
    finally:
        runner.close()


def test_429_and_503_are_retried_with_back_off(sites):
    site, _ = sites
    body = html("Busy", "<p>Three addicts came by.</p>", site.origin)
    site.routes.update({
        "/never": Page(body, fail_first=99, fail_status=429, retry_after=None),
        "/later": Page(body, fail_first=2, fail_status=429, retry_after="7"),
        "/much-later": Page(body, fail_first=1, fail_status=503, retry_after="3600"),
    })
    # no Retry-After: 1, 2, 4 seconds, then the 429 is the answer
    result, waits = _audit_with_clock([site.url("/never")], delay=0)
    assert waits == [1, 2, 4]
    assert result.errors == [f"{site.url('/never')}: HTTP 429 Too Many Requests"]
    assert site.paths().count("/never") == 4
    # Retry-After is obeyed, and capped at a minute
    result, waits = _audit_with_clock([site.url("/later")], delay=0)
    assert waits == [7, 7] and result.linted == [site.url("/later")] and not result.errors
    result, waits = _audit_with_clock([site.url("/much-later")], delay=0)
    assert waits == [60] and result.linted == [site.url("/much-later")]


def test_re_auditing_a_page_with_only_last_modified_sends_if_modified_since(sites, tmp_path):
    site, _ = sites
    stamp = "Wed, 01 Jan 2025 08:00:00 GMT"
    site.routes["/dated"] = Page(html("Dated", "<p>Three addicts came by.</p>", site.origin), etag=False,
                                 headers={"Last-Modified": stamp})
    _, first = audit(site.url("/dated"), cache=tmp_path / "cache")
    site.log.clear()
    _, second = audit(site.url("/dated"), cache=tmp_path / "cache")
    (hit,) = [h for h in site.log if h.path == "/dated"]
    assert hit.headers.get("if-modified-since") == stamp and "if-none-match" not in hit.headers
    assert hit.status == 304
    assert first == second and [f["text"] for f in second] == ["addicts"]  # the stored page, linted again


def test_robots_crawl_delay_is_obeyed_when_longer_than_delay(sites):
    site, _ = sites
    site.routes["/robots.txt"] = Page("User-agent: hr-lint\nCrawl-delay: 5\nDisallow: /private/\n",
                                      content_type="text/plain")
    _, waits = _audit_with_clock([site.url("/about"), site.url("/services/")], delay=1)
    assert waits == [5, 5]  # robots.txt, then each page 5 s after the one before
    site.routes["/robots.txt"] = Page("User-agent: hr-lint\nCrawl-delay: 0.5\n", content_type="text/plain")
    _, waits = _audit_with_clock([site.url("/about"), site.url("/services/")], delay=1)
    assert waits == [1, 1]  # --delay is the floor


def test_sitemap_arguments_gzipped_sitemaps_and_their_bounds(sites):
    import gzip

    site, _ = sites
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def index(*paths):
        return Page(f'<?xml version="1.0"?><sitemapindex {ns}>'
                    + "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>" for p in paths) + "</sitemapindex>",
                    content_type="application/xml")

    site.routes.update({
        "/sitemap_index.xml": index("/pages.xml.gz"),
        "/pages.xml.gz": Page(gzip.compress(f'<urlset {ns}><url><loc>{site.url("/about")}</loc></url></urlset>'
                                            .encode()), content_type="application/gzip"),
        "/broken/sitemap.xml": Page("<urlset><url><loc>", content_type="application/xml"),
        "/bomb/sitemap.xml.gz": Page(gzip.compress(b"<urlset " + b" " * 2_000_000 + b"/>"),
                                     content_type="application/gzip"),
        # entities that multiply, declared after a comment long enough to hide them from a glance
        "/lol/sitemap.xml": Page('<?xml version="1.0"?><!--' + " " * 8000 + '--><!DOCTYPE urlset '
                                 '[<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                                 f'<urlset {ns}><url><loc>{site.origin}/&b;</loc></url></urlset>',
                                 content_type="application/xml"),
        "/d0.xml": index("/d1.xml"), "/d1.xml": index("/d2.xml"), "/d2.xml": index("/d3.xml"),
        "/d3.xml": index("/d4.xml"), "/d4.xml": index("/services/"),
    })
    # a URL argument ending in sitemap.xml (or sitemap_index.xml) is a sitemap, no --sitemap needed
    result, findings = audit(site.url("/sitemap_index.xml"), site.url("/broken/sitemap.xml"),
                             site.url("/bomb/sitemap.xml.gz"), site.url("/lol/sitemap.xml"), "--sitemap",
                             site.url("/d0.xml"))
    assert result.exit_code == 2
    assert [f["path"] for f in findings] == [site.url("/about")]  # through the index and the gzip file
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4, result.stderr
    assert f"hr-lint: {site.url('/broken/sitemap.xml')}: sitemap: not valid XML" in result.stderr
    assert f"hr-lint: {site.url('/bomb/sitemap.xml.gz')}: sitemap inflates to more than 97 KB" in result.stderr
    assert f"hr-lint: {site.url('/lol/sitemap.xml')}: sitemap: entity declarations are not read" in errors
    assert f"hr-lint: {site.url('/d3.xml')}: sitemap indexes nested deeper than 3: not read" in errors
    assert "/d4.xml" not in site.paths() and "/services/" not in site.paths()


def test_a_crawl_follows_documents_outside_its_path_prefix(sites):
    site, _ = sites
    site.routes["/services/housing"].body = site.routes["/services/housing"].body.replace(
        "</article>", '<p><a href="/files/report.pdf">Report</a> <a href="/files/handout.docx">Handout</a></p></article>')
    result, findings = audit("--crawl", site.url("/services/"))
    assert result.exit_code == 1, result.output
    paths = {f["path"] for f in findings}
    assert {site.url("/files/report.pdf"), site.url("/files/handout.docx")} <= paths
    assert [f["page"] for f in findings if f["path"] == site.url("/files/report.pdf")] == [2]
    assert "/news/2024/outreach" not in site.paths() and "/" not in site.paths()  # pages stay under /services/


def test_a_redirect_to_a_page_already_audited_is_not_fetched_again(sites):
    site, _ = sites
    site.routes["/list.xml"] = Page(f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site.origin}/about</loc></url>
<url><loc>{site.origin}/old-page</loc></url><url><loc>{site.origin}/services</loc></url></urlset>""",
                                    content_type="application/xml")
    site.routes["/services"] = Page("", status=301, headers={"Location": "/services/"})  # the slash added
    result, findings = audit("--sitemap", site.url("/list.xml"))
    assert result.exit_code == 1, result.output
    fetched = site.paths()
    assert fetched.count("/about") == 1 and "/old-page" in fetched  # /old-page -> /about: not again
    assert fetched.count("/services") == fetched.count("/services/") == 1  # the slash added: followed
    assert sorted(f["path"] for f in findings) == [site.url("/about"), site.url("/services/")]


def test_a_declared_length_over_the_limit_is_refused_before_the_body(sites):
    site, _ = sites
    site.routes["/huge"] = Page("<p>" + "x " * 100_000 + "</p>")  # with its Content-Length
    result, findings = audit(site.url("/huge"), site.url("/about"))
    assert result.exit_code == 2
    assert f"hr-lint: {site.url('/huge')}: response is 195 KB, over the 97 KB limit" in result.stderr.splitlines()
    assert [f["path"] for f in findings] == [site.url("/about")]


def test_an_articles_own_header_is_content_even_by_its_class_name(sites):
    # WordPress themes mark a post's title as <header class="entry-header"> and its byline as
    # "entry-footer": they belong to the post; the site's header, a share bar and the page
    # footer do not
    site, _ = sites
    page = """<!doctype html><html><head><meta charset="utf-8"><title>Post</title></head><body>
<div class="site-header"><a href="/">Home</a> Crazy deals for addicts</div>
<main id="main" class="site-main"><article class="post">
<div class="entry-header"><h1 class="entry-title">Why we stopped calling people addicts</h1></div>
<div class="entry-content"><p>The program changed its words last year.</p></div>
<div class="share-header">Share this with the addicts you know</div>
<div class="entry-footer">Written by a peer whom the papers once called a junkie.</div>
</article></main><div class="site-footer">A crazy footer</div></body></html>"""
    site.routes["/post"] = Page(page)
    _, findings = audit(site.url("/post"))
    got = {(f["line"], f["text"]) for f in findings}
    assert got == {line_of(page, "addicts</h1>")[:1] + ("addicts",),
                   line_of(page, "a junkie")[:1] + ("junkie",)}, got
