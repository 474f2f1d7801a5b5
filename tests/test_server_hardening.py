"""The writer's page runs on people's own computers: other web pages must not use it, every
client must see every refusal, every answer carries the security headers, no request holds
the server, and Ctrl-C stops it."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from starlette.testclient import TestClient  # noqa: E402

from hr_lint import server  # noqa: E402

# a request that never gets its answer fails its test after two minutes, not the suite after
# five (Starlette's test client has no timeout of its own; real clients here have theirs)
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.timeout(120)]

DRAFT = "We met an addict near the station."


@pytest.fixture(scope="module")
def app():
    return server.create_app(max_upload=200_000)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def secured(response) -> bool:
    h = response.headers
    return ("default-src 'self'" in h.get("content-security-policy", "")
            and h.get("x-content-type-options") == "nosniff" and h.get("x-frame-options") == "DENY")


# -- other web pages -------------------------------------------------------------------------------

@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://testserver:8080", "https://testserver"])
def test_a_request_from_another_origin_is_refused(client, origin):
    files = {"file": ("draft.txt", DRAFT.encode())}
    for response in (client.post("/api/lint-file", files=files, headers={"Origin": origin}),
                     client.post("/api/lint", json={"text": DRAFT}, headers={"Origin": origin})):
        assert response.status_code == 403, response.text
        assert "origin" in response.json()["error"].lower()
        assert secured(response)


def test_the_page_itself_and_clients_without_an_origin_are_served(client):
    assert client.post("/api/lint", json={"text": DRAFT}, headers={"Origin": "http://testserver"}).status_code == 200
    assert client.post("/api/lint", json={"text": DRAFT}).status_code == 200  # curl, scripts
    files = {"file": ("draft.txt", DRAFT.encode())}
    assert client.post("/api/lint-file", files=files).status_code == 200


@pytest.mark.parametrize("ctype", [None, "text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x"])
@pytest.mark.parametrize("path", ["/api/lint", "/api/trace"])
def test_json_endpoints_refuse_the_content_types_a_form_can_send(client, ctype, path):
    # a page may send these without asking the browser first (no CORS preflight)
    headers = {"Content-Type": ctype} if ctype else {}
    response = client.post(path, content=json.dumps({"text": DRAFT}).encode(), headers=headers)
    assert response.status_code == 415, response.text
    assert "application/json" in response.json()["error"]
    assert secured(response)


# -- bad bodies ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"text": ' * 20_000, b"\xff\xfe", b"{", b'"just a string"'])
@pytest.mark.parametrize("path", ["/api/lint", "/api/trace"])
def test_a_bad_json_body_is_a_400_in_json_with_the_security_headers(client, body, path):
    response = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text[:200]
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]
    assert secured(response)


def test_every_response_carries_the_security_headers(client, app, monkeypatch):
    answers = {
        404: client.get("/no/such/page"),
        405: client.get("/api/lint"),
        403: client.post("/api/lint", json={"text": DRAFT}, headers={"Origin": "http://evil.example"}),
        415: client.post("/api/lint", content=b"{}", headers={"Content-Type": "text/plain"}),
        400: client.post("/api/lint", json={"text": 3}),
        413: client.post("/api/lint", json={"text": "x" * 300_000}),
        200: client.get("/"),
    }
    monkeypatch.setattr(server, "lint_json_body", lambda *a: 1 / 0)
    answers[500] = client.post("/api/lint", json={"text": DRAFT})
    for status, response in answers.items():
        assert response.status_code == status, (status, response.text[:200])
        assert secured(response), status
    assert answers[500].headers["content-type"].startswith("application/json")
    assert "ZeroDivisionError" not in answers[500].text  # no internals to the browser


# -- a body over the limit never holds the request -------------------------------------------------
# Past a body's last message an ASGI server's receive() waits until the client leaves (uvicorn)
# or the answer is complete (Starlette's test client): a drain that asked once more held the
# request, and its client, for good. These talk to the application the way a server does, with a
# receive() that blocks after the messages given, under a deadline that fails instead of hanging.

def asgi_post(app, messages, headers=(), path="/api/lint", deadline=20.0):
    """POST `messages` (the request's body messages) to `app`; (status, body, receive() calls)."""
    import asyncio

    sent, calls = [], []

    async def receive():
        calls.append(1)
        if len(calls) <= len(messages):
            return messages[len(calls) - 1]
        await asyncio.Event().wait()  # as a server does past the body: wait for the client to leave

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "http_version": "1.1", "method": "POST", "scheme": "http", "path": path,
             "raw_path": path.encode(), "root_path": "", "query_string": b"", "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"), *headers]}

    async def run():
        await asyncio.wait_for(app(scope, receive, send), deadline)

    asyncio.run(run())
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, len(calls)


def chunk(data: bytes, more: bool) -> dict:
    return {"type": "http.request", "body": data, "more_body": more}


@pytest.fixture(scope="module")
def small_app():
    return server.create_app(max_upload=2000)


@pytest.mark.parametrize("sizes", [[5000], [1500, 1500], [500] * 10, [2001]])
def test_a_streamed_body_that_ends_past_the_limit_is_413_without_waiting(small_app, sizes):
    # the last message is the one past the limit: nothing is left to drain
    messages = [chunk(b"x" * n, k < len(sizes) - 1) for k, n in enumerate(sizes)]
    status, body, calls = asgi_post(small_app, messages)
    assert status == 413 and b"the limit is 2000 bytes" in body
    assert calls <= len(messages)  # never asked past the body's end


def test_a_streamed_body_past_the_limit_is_drained_to_its_end_then_413(small_app):
    messages = [chunk(b"x" * 1500, True), chunk(b"x" * 1500, True), chunk(b"x" * 1500, True), chunk(b"x", False)]
    status, _, calls = asgi_post(small_app, messages)
    assert status == 413 and calls == len(messages)  # all read (so every client sees the answer), no more


def test_a_declared_length_over_the_limit_is_drained_then_413(small_app):
    messages = [chunk(b"x" * 3000, True), chunk(b"x" * 2000, False)]
    status, _, calls = asgi_post(small_app, messages, headers=[(b"content-length", b"5000")])
    assert status == 413 and calls == len(messages)


def test_a_client_that_stops_sending_mid_body_gets_413_after_a_bounded_wait(small_app, monkeypatch):
    from hr_lint import webguard

    monkeypatch.setattr(webguard, "DRAIN_SECONDS", 0.3)
    monkeypatch.setattr(webguard.drain, "__defaults__", (0.3,))
    messages = [chunk(b"x" * 3000, True)]  # then nothing, and the connection stays open
    status, _, _ = asgi_post(small_app, messages, deadline=10)
    assert status == 413
    status, _, _ = asgi_post(small_app, messages, headers=[(b"content-length", b"9000")], deadline=10)
    assert status == 413


def test_another_origins_request_is_refused_without_waiting_past_its_body(small_app):
    for messages in ([chunk(b"{}", False)], [chunk(b"{", True), chunk(b"}", False)]):
        status, _, calls = asgi_post(small_app, messages, headers=[(b"origin", b"http://evil.example")])
        assert status == 403 and calls == len(messages)


def test_a_body_under_the_limit_is_answered(small_app):
    status, body, _ = asgi_post(small_app, [chunk(b'{"text": "We met ', True), chunk(b'an addict."}', False)],
                                deadline=120)
    assert status == 200 and json.loads(body)["counts"]["total"] == 1


# -- a real server ---------------------------------------------------------------------------------

def start(*args, script: str | None = None):
    """`hr-lint serve` on a free port (or `script`, which calls it); returns (process, url)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-c", script] if script else [sys.executable, "-m", "hr_lint", "serve"]
    proc = subprocess.Popen([*cmd, "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    line = proc.stdout.readline()
    match = re.fullmatch(r"hr-lint: serving on (http://\S+)\n", line)
    if not match:
        proc.kill()
        pytest.fail(f"the server did not start: {line!r} {proc.stderr.read()}")
    return proc, match.group(1)


def stop(proc) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def post(url: str, body: bytes, ctype: str = "application/json", timeout: float = 120):
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": ctype})
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return response.status, json.load(response)


@pytest.fixture(scope="module")
def live():
    proc, url = start("--max-upload", "1000000")
    yield url
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(15)
    finally:
        stop(proc)


@pytest.mark.parametrize("size", [1_000_001, 3_000_000, 20_000_000])
def test_python_clients_see_413_for_a_body_over_the_limit(live, size):
    # urllib (like requests) sends the whole body before it reads the answer: closing early
    # made it see "connection reset" instead of the 413
    with pytest.raises(urllib.error.HTTPError) as caught:
        post(live + "/api/lint", b'{"text": "' + b"x" * size + b'"}')
    assert caught.value.code == 413
    assert "limit is 1000000 bytes" in json.loads(caught.value.read())["error"]
    assert caught.value.headers["content-security-policy"]


def test_a_multipart_upload_over_the_limit_is_413_too(live):
    boundary = "hrlintboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
            .encode() + b"x" * 2_000_000 + f"\r\n--{boundary}--\r\n".encode())
    with pytest.raises(urllib.error.HTTPError) as caught:
        post(live + "/api/lint-file", body, f"multipart/form-data; boundary={boundary}")
    assert caught.value.code == 413


HELD_SERVER = """
import os, sys, time
from hr_lint import server
from hr_lint.linter import Linter
lint_text = Linter.lint_text
def held(self, text, *args, **kwargs):
    if text.startswith("LARGE"):  # holds its linter until the test lets it go (at most a minute)
        sys.stderr.write("large request started\\n")
        sys.stderr.flush()
        deadline = time.monotonic() + 60
        while not os.path.exists(os.environ["HR_LINT_TEST_RELEASE"]) and time.monotonic() < deadline:
            time.sleep(0.02)
    return lint_text(self, text, *args, **kwargs)
Linter.lint_text = held
server.serve_command.main(args=sys.argv[1:], prog_name="hr-lint serve")
"""


def test_small_requests_are_answered_while_large_ones_run(tmp_path, monkeypatch):
    # the server used to lint one request of a preset at a time: a writer's paste waited
    # behind a large file. Here two large requests hold their linters until released; small
    # ones must be answered meanwhile (each within its client's timeout), not after them.
    release = tmp_path / "release"
    monkeypatch.setenv("HR_LINT_TEST_RELEASE", str(release))
    proc, url = start(script=HELD_SERVER)
    large = json.dumps({"text": "LARGE " + "Three addicts came by. " * 4000}).encode()  # over 64 KB
    assert len(large) > server.LARGE_REQUEST
    results = []
    threads = [threading.Thread(target=lambda: results.append(post(url + "/api/lint", large, timeout=150)))
               for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        while "large request started" not in (line := proc.stderr.readline()):
            assert line, f"the server ended (exit {proc.poll()})"
        for _ in range(3):
            status, data = post(url + "/api/lint", json.dumps({"text": DRAFT}).encode(), timeout=30)
            assert status == 200 and data["counts"]["total"] == 1
        assert results == []  # the large ones were still held: the small ones did not wait for them
        release.touch()
        for thread in threads:
            thread.join(150)
        assert [status for status, _ in results] == [200, 200]
        assert all(data["counts"]["total"] == 4000 for _, data in results)
    finally:
        release.touch()
        stop(proc)


SLOW_SERVER = """
import sys, time
from hr_lint import server
from hr_lint.linter import Linter
lint_text = Linter.lint_text
def slow(self, text, *args, **kwargs):
    if text == "SLOW":  # a request that holds its linter for two minutes
        sys.stderr.write("slow request started\\n")
        sys.stderr.flush()
        time.sleep(120)
    return lint_text(self, text, *args, **kwargs)
Linter.lint_text = slow
server.serve_command.main(args=sys.argv[1:], prog_name="hr-lint serve")
"""


def test_ctrl_c_stops_the_server_even_with_a_request_running():
    proc, url = start(script=SLOW_SERVER)
    try:
        threading.Thread(target=lambda: _ignore(post, url + "/api/lint", b'{"text": "SLOW"}', timeout=150),
                         daemon=True).start()
        while "slow request started" not in (line := proc.stderr.readline()):
            assert line, f"the server ended before the request started (exit {proc.poll()})"
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)  # the request would hold it for 120 s
        err = proc.stderr.read()
        assert code == 0
        assert "hr-lint: stopped" in err and "Traceback" not in err
    finally:
        stop(proc)


def _ignore(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 - the server is stopped under this request
        pass


def test_the_readme_says_what_the_server_refuses():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "403" in readme and "Origin" in readme and "415" in readme
