"""A fixture web site on 127.0.0.1 for the audit tests and benchmarks.

`Site(routes)` serves a dict of path -> `Page` from a thread; every request is logged
(path, headers, time) so tests can say what was fetched, and what never was.
"""
from __future__ import annotations

import hashlib
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow page)
    length: bool = True  # send Content-Length (False: the body ends when the connection closes)
    etag: bool = True
    fail_first: int = 0  # answer 503 this many times before the real answer
    fail_status: int = 503
    retry_after: str | None = "0"  # the failures' Retry-After header (None: none sent)
    trickle: float = 0.0  # seconds between the body's pieces (a server that never quite times out)

    @property
    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass
class Hit:
    path: str
    headers: dict
    at: float
    status: int = 0


class Site:
    def __init__(self, routes: dict[str, Page] | None = None):
        self.routes: dict[str, Page] = dict(routes or {})
        self.log: list[Hit] = []
        self._failures: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body in separate writes: no 40 ms stall

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                site.log.append(hit)
                page = site.routes.get(self.path) or site.routes.get(self.path.split("?", 1)[0])
                if page is None:
                    page = Page("<h1>Not found</h1>", status=404)
                if page.fail_first and site._failures.get(self.path, 0) < page.fail_first:
                    site._failures[self.path] = site._failures.get(self.path, 0) + 1
                    hit.status = page.fail_status
                    self.send_response(page.fail_status)
                    if page.retry_after is not None:
                        self.send_header("Retry-After", page.retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if page.delay:
                    time.sleep(page.delay)
                data = page.data
                tag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
                modified = page.headers.get("Last-Modified")
                if page.status == 200 and ((page.etag and hit.headers.get("if-none-match") == tag) or (
                        not page.etag and modified and hit.headers.get("if-modified-since") == modified)):
                    hit.status = 304
                    self.send_response(304)
                    if page.etag:
                        self.send_header("ETag", tag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                hit.status = page.status
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                if page.etag and page.status == 200:
                    self.send_header("ETag", tag)
                for k, v in page.headers.items():
                    for one in v if isinstance(v, list) else [v]:  # a list: the header repeated
                        self.send_header(k, one.replace("{origin}", site.origin))
                if page.length:
                    self.send_header("Content-Length", str(len(data)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                try:
                    if page.trickle:
                        step = max(1, len(data) // 16)
                        for i in range(0, len(data), step):
                            self.wfile.write(data[i:i + step])
                            self.wfile.flush()
                            time.sleep(page.trickle)
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                # kept, not printed: socketserver prints to sys.stderr, which is the standard
                # error of the hr-lint run under test (CliRunner) when a client hangs up
                site.server_errors.append(sys.exc_info()[1])

        self.server_errors: list[BaseException] = []
        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.origin + path

    def paths(self) -> list[str]:
        return [h.path for h in self.log]
