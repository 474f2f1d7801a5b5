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

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

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


def test_small_requests_are_answered_while_a_large_one_runs(live):
    # a paragraph with forty thousand findings: seconds of work
    unit = "Three addicts came by and the junkies left. "
    big = json.dumps({"text": unit * (950_000 // len(unit)), "format": "markdown"}).encode()
    small = json.dumps({"text": DRAFT, "format": "markdown"}).encode()
    post(live + "/api/lint", small)
    finished = {}

    def large():
        post(live + "/api/lint", big)
        finished["large"] = time.monotonic()

    thread = threading.Thread(target=large)
    thread.start()
    time.sleep(0.3)  # the large request is being linted
    answered = []
    while thread.is_alive() and len(answered) < 3:
        status, data = post(live + "/api/lint", small)
        assert status == 200 and data["counts"]["total"] == 1
        answered.append(time.monotonic())
    thread.join(120)
    assert answered, "the large request ended before a small one was sent: make it larger"
    # the small ones did not wait for the large one to finish
    assert answered[0] < finished["large"]


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
        while "slow request started" not in proc.stderr.readline():
            pass
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
