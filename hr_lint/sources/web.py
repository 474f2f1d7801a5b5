"""Web pages as a source: fetch URLs, read sitemaps, crawl a site, politely and within bounds.

    audit = Audit(linter, WebOptions(crawl=True, delay=1.0), cache_dir)
    result = audit.run(["https://example.org/services/"], sitemaps=[...])

- Only http and https. One request at a time, with `delay` seconds between two requests
  to the same host (or the host's robots.txt Crawl-delay, whichever is longer).
- Every response is bounded: a timeout, `max_bytes` per response, `max_redirects` hops
  (each hop checked again for scheme, robots.txt and, in a crawl, the site).
- 429 and 503 are retried `retries` times, waiting `Retry-After` (at most 60 s) or an
  exponential back-off.
- robots.txt is read once per origin and obeyed for the user agent `hr-lint` (RFC 9309: a
  4xx robots.txt allows everything, a 5xx or an unreachable one disallows everything);
  `<meta name="robots" content="noindex">` and an `X-Robots-Tag: noindex` header keep a
  page from being linted, `nofollow` keeps its links from being followed.
- A crawl stays on the start URLs' host and under their path prefix, breadth first, up to
  `max_pages` documents; linked PDF and .docx files on the same host are followed wherever
  they live. URLs are compared without their fragment, trailing slash and `utm_*` query
  parameters.
- Sitemaps (`urlset` and `sitemapindex`, plain or gzipped) are read with bounds on size,
  depth and count; their URLs must be on the sitemap's host.
- Responses are cached by URL with their validators (ETag, Last-Modified): re-auditing
  sends conditional requests, and a 304 reuses the stored body.

Nothing here knows about the command line: failures come back as messages, the caller
prints them.
"""
from __future__ import annotations

import gzip
import io
import os
import re
import sqlite3
import time
import zlib
from collections import deque
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .. import __version__

AGENT = "hr-lint"
USER_AGENT = f"hr-lint/{__version__} (+https://github.com/hr-lint/hr-lint; language audit)"
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/x-rst": "rst",
}
DOCUMENT_EXTENSIONS = (".pdf", ".docx")
MAX_SITEMAP_DEPTH = 3
MAX_SITEMAPS = 100
MAX_RETRY_AFTER = 60.0


def is_url(arg: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", arg))


def invalid(url: str) -> str | None:
    """Why `url` cannot be fetched as written (a bad port, a broken IPv6 literal, no host), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return "not a valid URL (no host)"
    if any(ch.isspace() or ord(ch) < 32 for ch in parts.netloc):
        return "not a valid URL (space in the host)"
    return None


def normalize(url: str) -> str:
    """The form URLs are compared in: no fragment, no utm_* parameters, no trailing slash,
    lower-case scheme and host, no default port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def origin(url: str) -> str:
    p = urlsplit(normalize(url))
    return f"{p.scheme}://{p.netloc}"


def reader_for(content_type: str, url: str) -> str | None:
    """The reader for a response: its Content-Type, else (octet-stream, none) the URL's extension."""
    mime = content_type.split(";")[0].strip().lower()
    if mime in CONTENT_TYPES:
        return CONTENT_TYPES[mime]
    if mime in ("", "application/octet-stream", "binary/octet-stream"):
        from ..readers import format_for_path

        return format_for_path(urlsplit(url).path)
    return None


def charset_of(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*\"?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None


class FetchError(Exception):
    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


class NotFetched(FetchError):
    """A redirect hop that courtesy forbids (off the site, disallowed): a skip, not a failure."""


ALREADY_AUDITED = "already audited"  # a redirect hop to a page this audit has read: not fetched again


@dataclass
class WebOptions:
    crawl: bool = False
    max_pages: int = 200
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first wait before retrying a 429 or 503 without Retry-After
    whole_page: bool = False


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    data: bytes
    headers: dict = field(default_factory=dict)
    cached: bool = False  # answered 304: the body is the stored one
    robots_tags: list = field(default_factory=list)  # every X-Robots-Tag value, one per header line


# -- the response cache --------------------------------------------------------------------------

class WebCache:
    """Bodies with their validators, by URL, in one SQLite file beside the findings cache."""

    def __init__(self, directory: str | None):
        self.db = None
        if directory:
            try:
                os.makedirs(directory, exist_ok=True)
                self.db = sqlite3.connect(os.path.join(directory, "web.sqlite3"), timeout=30)
                self.db.execute("CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, etag TEXT, "
                                "last_modified TEXT, content_type TEXT, body BLOB)")
            except (OSError, sqlite3.Error):
                self.db = None

    def get(self, url: str):
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT etag, last_modified, content_type, body FROM pages WHERE url = ?",
                                  (url,)).fetchone()
            return None if row is None else (row[0], row[1], row[2], zlib.decompress(row[3]))
        except (sqlite3.Error, zlib.error):
            return None

    def put(self, url: str, etag: str | None, last_modified: str | None, content_type: str, body: bytes):
        if self.db is None or not (etag or last_modified):
            return
        try:
            with self.db:
                self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
                                (url, etag, last_modified, content_type, zlib.compress(body)))
        except sqlite3.Error:
            pass

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None


# -- fetching --------------------------------------------------------------------------------------

class Fetcher:
    """GET with every bound and courtesy; robots.txt is the caller's business (`Audit`)."""

    def __init__(self, options: WebOptions, cache: WebCache | None = None, sleep=time.sleep, clock=time.monotonic):
        import httpx

        self.httpx = httpx
        self.options = options
        self.cache = cache or WebCache(None)
        self.sleep = sleep
        self.clock = clock  # for the delay between requests (tests give a clock of their own)
        self.client = httpx.Client(follow_redirects=False, timeout=options.timeout,
                                   headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        self._last: dict[str, float] = {}
        self.delays: dict[str, float] = {}  # per origin, from robots.txt Crawl-delay
        self.requests = 0
        self.conditional_hits = 0

    def close(self):
        self.client.close()

    def _wait_turn(self, url: str) -> None:
        key = origin(url)
        delay = max(self.options.delay, self.delays.get(key, 0.0))
        last = self._last.get(key)
        if last is not None and delay > 0:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[key] = self.clock()

    def get(self, url: str, allowed=None) -> Response:
        """Follow redirects (each hop must pass `allowed(url) -> reason or None`)."""
        hops = 0
        start = url
        while True:
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                if hops:  # the page the user or the crawl asked for is the one to name
                    raise FetchError(start, f"redirected to {url}: only http and https URLs are fetched")
                raise FetchError(url, f"only http and https URLs are fetched, not {scheme or 'this'}:")
            if allowed is not None:
                reason = allowed(url, hops)
                if reason:
                    raise (NotFetched if hops else FetchError)(url, reason)
            response = self._get_once(url)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {response.status} redirect without a Location")
                hops += 1
                if hops > self.options.max_redirects:
                    raise FetchError(start, f"more than {self.options.max_redirects} redirects")
                try:
                    target = urljoin(url, location)
                except ValueError:
                    target = location
                if invalid(target):
                    raise FetchError(url, f"HTTP {response.status} redirect to {location!r}: {invalid(target)}")
                url = target
                continue
            return response

    def _get_once(self, url: str) -> Response:
        httpx = self.httpx
        stored = self.cache.get(url)
        headers = {}
        if stored:
            if stored[0]:
                headers["If-None-Match"] = stored[0]
            if stored[1]:
                headers["If-Modified-Since"] = stored[1]
        attempt = 0
        while True:
            self._wait_turn(url)
            self.requests += 1
            started = time.monotonic()
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code in (429, 503) and attempt < self.options.retries:
                        wait = self._retry_after(r.headers.get("retry-after"), attempt)
                        attempt += 1
                        r.close()
                        self.sleep(wait)
                        continue
                    tags = r.headers.get_list("x-robots-tag")
                    if r.status_code == 304 and stored:
                        self.conditional_hits += 1
                        return Response(url, 200, stored[2], stored[3], dict(r.headers), cached=True,
                                        robots_tags=tags)
                    if 300 <= r.status_code < 400:
                        return Response(url, r.status_code, r.headers.get("content-type", ""), b"", dict(r.headers))
                    if r.status_code >= 400:
                        raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
                    data = self._read(r, url, started)
                    ctype = r.headers.get("content-type", "")
                    self.cache.put(url, r.headers.get("etag"), r.headers.get("last-modified"), ctype, data)
                    return Response(url, r.status_code, ctype, data, dict(r.headers), robots_tags=tags)
            except FetchError:
                raise
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {self.options.timeout:g} s") from None
            except httpx.ConnectError as exc:
                raise FetchError(url, f"cannot connect: {_reason(exc)}") from None
            except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
                raise FetchError(url, "too many redirects") from None
            except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
                raise FetchError(url, f"{type(exc).__name__}: {_reason(exc)}") from None

    def _read(self, r, url: str, started: float) -> bytes:
        """The body, within the size limit and within `timeout` seconds for the whole response
        (httpx's timeout is per read: a server that trickles a byte at a time never trips it)."""
        limit = self.options.max_bytes
        deadline = started + self.options.timeout
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response is {int(declared) // 1024} KB, over the {limit // 1024} KB limit")
        chunks, size = [], 0
        for chunk in r.iter_bytes():  # decoded (gzip) bytes: the limit is on what we hold
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response is over the {limit // 1024} KB limit")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.options.timeout:g} s (the response was still arriving)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _retry_after(self, value: str | None, attempt: int) -> float:
        if value:
            try:
                return min(max(float(value), 0.0), MAX_RETRY_AFTER)
            except ValueError:
                try:
                    when = parsedate_to_datetime(value).timestamp()
                    return min(max(when - time.time(), 0.0), MAX_RETRY_AFTER)
                except (TypeError, ValueError):
                    pass
        return min(self.options.backoff * (2 ** attempt), MAX_RETRY_AFTER)


def _reason(exc: Exception) -> str:
    import socket

    text = str(exc) or type(exc).__name__
    cause, depth = exc, 0
    while cause is not None and depth < 10:
        if isinstance(cause, socket.gaierror):
            return f"host name not found (DNS: {cause.strerror or cause})"
        cause, depth = cause.__cause__ or cause.__context__, depth + 1
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "host name not found (DNS)"
    if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return f"TLS error: {text}"
    return text


# -- robots directives ------------------------------------------------------------------------------

# rules that carry a value after a colon: "unavailable_after: 2030-01-01" names no bot
_VALUE_RULES = frozenset({"unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"})


def robots_directives(values, agent: str = AGENT) -> set[str]:
    """The rules of X-Robots-Tag header values that apply to `agent`, lower-case.

    A value may name a bot before its rules ("googlebot: noindex, nofollow"); the name holds
    for the rules after it in that value, up to the next name. Rules without a name apply to
    every bot. "none" means noindex and nofollow."""
    rules: set[str] = set()
    for value in values:
        bot = None
        for part in value.split(","):
            part = part.strip()
            m = re.match(r"([A-Za-z][\w.-]*)\s*:\s*(.*)$", part)
            if m and m.group(1).lower() not in _VALUE_RULES:
                bot, part = m.group(1).lower(), m.group(2).strip()
            if part and (bot is None or bot == agent):
                rules.add(part.lower())
    if "none" in rules:
        rules |= {"noindex", "nofollow"}
    return rules


# -- what a page links to ---------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base: str | None = None
        self.robots: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("a", "area") and a.get("href") and "nofollow" not in a.get("rel", "").lower().split():
            self.links.append(a["href"].strip())
        elif tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"].strip()
        elif tag == "meta" and a.get("name", "").lower() in ("robots", AGENT):
            self.robots |= {w.strip().lower() for w in a.get("content", "").split(",")}


def page_links(url: str, html: str) -> tuple[list[str], set[str]]:
    """(absolute link URLs, meta robots directives) of an HTML page."""
    parser = _Links()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:
        pass
    base = url
    if parser.base:
        try:
            base = urljoin(url, parser.base)
        except ValueError:
            pass
        if invalid(base):
            base = url
    links = []
    for href in parser.links:
        if href.lower().startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        try:
            link = urljoin(base, href)
        except ValueError:  # "http://[::1": a link no browser could follow either
            continue
        if not invalid(link):
            links.append(link)
    if "none" in parser.robots:
        parser.robots |= {"noindex", "nofollow"}
    return links, parser.robots


# -- sitemaps -------------------------------------------------------------------------------------

def sitemap_locations(data: bytes, url: str, max_bytes: int) -> tuple[list[str], list[str]]:
    """(page URLs, sitemap URLs) listed by a sitemap or sitemap index."""
    import xml.etree.ElementTree as ET

    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error):
            raise FetchError(url, "sitemap: not a valid gzip file") from None
        if len(data) > max_bytes:
            raise FetchError(url, f"sitemap inflates to more than {max_bytes // 1024} KB")
    # anywhere, not only in the first bytes: a comment can push the DOCTYPE further, and
    # expat's own guard still lets entities multiply a 20 MB sitemap a hundredfold
    if re.search(rb"<!ENTITY", data, re.I):
        raise FetchError(url, "sitemap: entity declarations are not read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FetchError(url, f"sitemap: not valid XML ({exc})") from None
    pages, maps = [], []
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        raise FetchError(url, f"sitemap: expected <urlset> or <sitemapindex>, found <{kind}>")
    for entry in root:
        for loc in entry:
            if loc.tag.rsplit("}", 1)[-1] == "loc" and loc.text and loc.text.strip():
                try:
                    found = urljoin(url, loc.text.strip())
                except ValueError:
                    continue
                if not invalid(found):
                    (maps if kind == "sitemapindex" else pages).append(found)
    return pages, maps


def is_sitemap_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(("sitemap.xml", "sitemap.xml.gz")) or path.endswith("sitemap_index.xml")


# -- the audit --------------------------------------------------------------------------------------

@dataclass
class AuditResult:
    findings: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # URL -> the text findings count in
    linted: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason -> URLs not fetched or linted
    requests: int = 0
    conditional_hits: int = 0


class Audit:
    def __init__(self, linter, options: WebOptions, cache_dir: str | None = None, progress=None, sleep=time.sleep,
                 clock=time.monotonic):
        self.linter = linter
        self.options = options
        self.cache = WebCache(os.path.join(cache_dir, "web") if cache_dir else None)
        self.fetcher = Fetcher(options, self.cache, sleep=sleep, clock=clock)
        self.progress = progress  # called with (done, url, expected total) after each document
        self.robots: dict[str, object] = {}  # origin -> protego.Protego, True (all allowed) or why none is
        self.result = AuditResult()
        self.scopes: list[tuple[str, str]] = []  # (origin, path prefix) a crawl may enter
        self._skipped: set[tuple[str, str]] = set()
        self._seen: set[str] = set()  # normalised URLs fetched (or refused) by the crawl

    def close(self):
        self.fetcher.close()
        self.cache.close()

    # robots.txt, once per origin
    def _robots(self, url: str):
        """The origin's rules: a parser, True (no robots.txt: all allowed) or the reason
        nothing may be fetched (robots.txt unreachable or failing). Protego reads robots.txt
        as RFC 9309 says (the longest matching rule wins, `*` and `$` patterns, the groups of
        one agent merged); the standard library's parser takes the first rule that matches
        and no patterns, so "Allow: /" before "Disallow: /private/" would let it in."""
        from protego import Protego

        key = origin(url)
        if key not in self.robots:
            try:
                r = self.fetcher.get(key + "/robots.txt")
                rp = Protego.parse(r.data.decode("utf-8", "replace"))
                delay = rp.crawl_delay(AGENT)
                if delay:
                    self.fetcher.delays[key] = min(float(delay), MAX_RETRY_AFTER)
            except FetchError as exc:
                status = re.match(r"HTTP (\d+)", exc.message)
                # RFC 9309: an unavailable robots.txt (4xx) allows all; unreachable or 5xx forbids all
                rp = True if status and 400 <= int(status.group(1)) < 500 else f"robots.txt: {exc.message}"
            self.robots[key] = rp
        return self.robots[key]

    def _disallowed(self, url: str) -> str | None:
        rp = self._robots(url)
        if rp is True:
            return None
        if isinstance(rp, str):
            return rp
        return None if rp.can_fetch(url, AGENT) else "disallowed by robots.txt"

    def _in_scope(self, url: str, document: bool = False) -> bool:
        key, path = origin(url), urlsplit(normalize(url)).path
        for o, prefix in self.scopes:
            if key == o and (document or path == prefix.rstrip("/") or path.startswith(prefix)):
                return True
        return False

    def _skip(self, reason: str, url: str):
        """Note a URL not fetched or not linted, once per reason (a footer link is on every page)."""
        found = self.result.skipped.setdefault(reason, [])
        key = (reason, normalize(url) if urlsplit(url).scheme.lower() in ("http", "https") else url)
        if key not in self._skipped:
            self._skipped.add(key)
            found.append(url)

    def run(self, urls: list[str], sitemaps: list[str] = ()) -> AuditResult:
        opts = self.options
        seeds: list[tuple[str, bool]] = []  # (url, given by the user)
        for u in [*urls, *sitemaps]:
            if invalid(u):
                self.result.errors.append(f"{u}: {invalid(u)}")
        urls = [u for u in urls if not invalid(u)]
        sitemaps = [u for u in sitemaps if not invalid(u)]
        sitemap_queue = [u for u in sitemaps] + [u for u in urls if is_sitemap_url(u)]
        for u in urls:
            if not is_sitemap_url(u):
                seeds.append((u, True))
                self._add_scope(u)
        for sm in sitemap_queue:
            if not any(origin(sm) == o for o, _ in self.scopes):
                self.scopes.append((origin(sm), urlsplit(normalize(sm)).path.rsplit("/", 1)[0] + "/"))
        seeds += [(u, False) for u in self._read_sitemaps(sitemap_queue)]

        queue: deque[tuple[str, bool]] = deque()
        queued: set[str] = set()  # normalised URLs in the queue: each waits there once
        seen = self._seen
        for url, given in seeds:
            key = normalize(url) if urlsplit(url).scheme.lower() in ("http", "https") else url
            if key not in queued:
                queued.add(key)
                queue.append((url, given))
        done = 0
        while queue and done < opts.max_pages:
            url, given = queue.popleft()
            if urlsplit(url).scheme.lower() not in ("http", "https"):
                if given:
                    self.result.errors.append(f"{url}: only http and https URLs are fetched")
                continue
            key = normalize(url)
            if key in seen:
                continue
            seen.add(key)
            reason = self._disallowed(url)
            if reason:
                if given:
                    self.result.errors.append(f"{url}: {reason}" + (": not fetched" if "robots.txt:" not in reason else ""))
                else:
                    self._skip(reason, url)
                continue
            done += 1
            try:
                response = self.fetcher.get(url, allowed=lambda u, hops: self._hop_allowed(u, given, hops, key))
            except NotFetched as exc:
                if exc.message == ALREADY_AUDITED:  # /old-page -> /about, and /about was read
                    pass
                elif given:
                    self.result.errors.append(f"{url}: redirected to {exc.url}: {exc.message}")
                else:
                    self._skip(exc.message, exc.url)
                self._tick(done, url, len(queue))
                continue
            except FetchError as exc:
                self.result.errors.append(f"{exc.url}: {exc.message}")
                self._tick(done, url, len(queue))
                continue
            final = normalize(response.url)
            if final != key:
                if final in seen:
                    self._tick(done, url, len(queue))
                    continue  # a redirect to a page already audited
                seen.add(final)
                if given:  # http://agency.org -> https://www.agency.org/: crawl where the site is
                    self._add_scope(response.url)
            links = self._lint(response, given)
            if opts.crawl and links:
                for link in links:
                    k = normalize(link)
                    if k in seen or k in queued:
                        continue
                    doc = urlsplit(k).path.lower().endswith(DOCUMENT_EXTENSIONS)
                    if self._in_scope(link, document=doc):
                        queued.add(k)
                        queue.append((link.split("#", 1)[0], False))
                    elif origin(link) not in {o for o, _ in self.scopes}:
                        self._skip("off-site", link)
                    else:
                        self._skip("outside the path prefix", link)
            self._tick(done, url, len(queue))
        left = {normalize(u) for u, _ in queue} - seen
        if left:
            self.result.skipped[f"over --max-pages {opts.max_pages}"] = sorted(left)
        self.result.requests = self.fetcher.requests
        self.result.conditional_hits = self.fetcher.conditional_hits
        return self.result

    def _add_scope(self, url: str) -> None:
        """The host and path prefix a crawl from `url` may enter."""
        path = urlsplit(url).path or "/"
        prefix = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
        if (origin(url), prefix) not in self.scopes:
            self.scopes.append((origin(url), prefix))

    def _hop_allowed(self, url: str, given: bool, hops: int = 0, start: str = "") -> str | None:
        """A page the user did not name (a link, a sitemap entry) may not redirect off the
        site; no redirect may lead to a page robots.txt disallows, and none to a page this
        audit has already read (it would be fetched only to be dropped); `/services` to
        `/services/` is the page asked for (`start`, normalised), not one already read."""
        if hops and normalize(url) != start and normalize(url) in self._seen:
            return ALREADY_AUDITED
        if not given and not self._in_scope(url, document=True):
            return "off-site"
        return self._disallowed(url)

    def _tick(self, done: int, url: str, waiting: int = 0):
        """Report progress: `done` documents, of about `done + waiting` (at most --max-pages)."""
        if self.progress:
            self.progress(done, url, min(self.options.max_pages, done + waiting))

    def _read_sitemaps(self, queue: list[str]) -> list[str]:
        pages: list[str] = []
        level = [(u, 0) for u in queue]
        read = 0
        seen: set[str] = set()
        while level:
            url, depth = level.pop(0)
            if normalize(url) in seen:
                continue
            seen.add(normalize(url))
            read += 1
            if read > MAX_SITEMAPS:
                self.result.errors.append(f"{url}: more than {MAX_SITEMAPS} sitemaps: not read")
                break
            reason = self._disallowed(url)
            if reason:
                self.result.errors.append(f"{url}: {reason}: sitemap not read")
                continue
            try:
                response = self.fetcher.get(url, allowed=lambda u, hops: self._disallowed(u))
                found, maps = sitemap_locations(response.data, response.url, self.options.max_bytes)
            except FetchError as exc:
                self.result.errors.append(f"{exc.url}: {exc.message}")
                continue
            host = origin(response.url)
            for u in found + maps:
                if origin(u) != host:
                    self._skip("off-site", u)
            pages += [u for u in found if origin(u) == host]
            if depth + 1 > MAX_SITEMAP_DEPTH and maps:
                self.result.errors.append(f"{url}: sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}: not read")
                continue
            level += [(u, depth + 1) for u in maps if origin(u) == host]
        return pages

    def _lint(self, response: Response, given: bool) -> list[str]:
        """Lint one response; return the links to follow."""
        url = response.url
        fmt = reader_for(response.content_type, url)
        header_robots = robots_directives(response.robots_tags)
        if fmt is None:
            mime = response.content_type.split(";")[0].strip() or "no Content-Type"
            if given:
                self.result.errors.append(f"{url}: cannot lint {mime}")
            else:
                self._skip(f"not a document ({mime})", url)
            return []
        from ..loader import InputError
        from ..readers import BINARY_FORMATS

        links: list[str] = []
        robots: set[str] = set(header_robots)
        try:
            if fmt in BINARY_FORMATS:
                if "noindex" in robots:
                    self._skip("noindex", url)
                    return []
                prepared = self.linter.prepare_bytes(response.data, url, fmt)
                findings = self.linter.finish(prepared)
                text = prepared.text
            else:
                text = _decode(response.data, response.content_type, fmt)
                if fmt == "html":
                    links, meta = page_links(url, text)
                    robots |= meta
                    if "nofollow" in robots:
                        links = []
                if "noindex" in robots:
                    self._skip("noindex", url)
                    return links
                findings = self.linter.lint_text(text, format=fmt, path=url)
                if fmt == "html" and not self.options.whole_page:
                    from ..readers.main_content import inside, main_ranges

                    ranges = main_ranges(text)
                    if ranges is not None:
                        findings = [f for f in findings if inside(ranges, f.offset, f.end_offset)]
        except InputError as exc:
            self.result.errors.append(f"{url}: {exc.message}")
            return links
        self.result.findings.extend(findings)
        self.result.sources[url] = text
        self.result.linted.append(url)
        return links


def _decode(data: bytes, content_type: str, fmt: str) -> str:
    """The text of a response: BOM, then the Content-Type's charset, then (HTML) a <meta>
    charset, then UTF-8; undecodable bytes become U+FFFD rather than losing the page."""
    import codecs

    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(enc, "replace")
            return text[1:] if text.startswith("\ufeff") else text
    charset = charset_of(content_type)
    if charset is None and fmt == "html":
        m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", data[:4096], re.I)
        charset = m.group(1).decode("ascii") if m else None
    try:
        codecs.lookup(charset or "utf-8")
    except LookupError:
        charset = None
    return data.decode(charset or "utf-8", "replace")
