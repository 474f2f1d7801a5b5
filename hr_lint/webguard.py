"""ASGI guards for `hr-lint serve`, the server that runs on a writer's own computer.

- `Outermost` wraps the whole application, Starlette's error handling included: every
  answer carries the security headers (a strict Content-Security-Policy and friends), and
  an error that escapes becomes one line in the terminal and a JSON 500, not a traceback.
- `OriginCheck` answers 403 to a request whose `Origin` is not the server's own: any web
  page the writer has open could otherwise POST to the local server (a form or a fetch
  sends Origin; curl and scripts send none and are served).
- `BodyLimit` answers 413 to a body over the limit, after reading (and dropping) it up to
  `DRAIN_BYTES` more: a client such as urllib or requests sends the whole body before it
  reads the answer, and a server that closed first left it with "connection reset".

Draining never waits for a body that has already ended: past a body's last message, an
ASGI server's `receive()` waits for the client to leave (uvicorn) or for the answer to be
complete (Starlette's test client), so a drain there would hold the request, and the
client, for good. `Outermost` notes when the body ends (`body_ended`), and a drain is also
bounded in time (`DRAIN_SECONDS`) for a client that stops sending mid-body.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
DRAIN_BYTES = 64 * 1024 * 1024  # what is read and dropped past the limit before answering 413
DRAIN_SECONDS = 30.0  # how long a drain waits for a client that sends slowly, or stops
_ENDED = "hr_lint.body_ended"  # scope key: a one-item list, True once the body's last message is read


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def body_ended(scope) -> bool:
    """Has the request's body been read to its end (or the client left)? Only known under
    `Outermost`; elsewhere False."""
    return bool(scope.get(_ENDED, [False])[0])


async def drain(scope, receive, most: int, seconds: float = DRAIN_SECONDS) -> None:
    """Read and drop the rest of a request body: at most `most` bytes, for at most `seconds`;
    nothing when the body has ended already (another receive() would wait for good)."""
    import anyio

    read = 0
    with anyio.move_on_after(seconds):
        while read <= most and not body_ended(scope):
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left
            read += len(message.get("body", b""))
            if not message.get("more_body", False):
                return


async def answer(send, status: int, message: str, headers=()) -> None:
    """A JSON error `{"error": message}`; the connection is closed after it."""
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *headers]})
    await send({"type": "http.response.body", "body": body})


class Outermost:
    """Security headers on every response; an escaped error is a JSON 500 and one log line."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False
        ended = scope[_ENDED] = [False]

        async def noting_receive():
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                ended[0] = True
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        try:
            await self.app(scope, noting_receive, send_with_headers)
        except asyncio.CancelledError:  # the server is stopping (Ctrl-C) before this request ended
            if not started:
                try:
                    await answer(send_with_headers, 503, "the server is stopping")
                except Exception:  # noqa: BLE001 - the client may be gone already
                    pass
            return
        except Exception as exc:  # a bug: the client gets JSON, the terminal one line
            if os.environ.get("HR_LINT_DEBUG"):
                import traceback

                traceback.print_exc()
            print(f"hr-lint: internal error on {scope.get('method', '')} {scope.get('path', '')}: "
                  f"{type(exc).__name__}: {exc} (set HR_LINT_DEBUG=1 for details)"[:500], file=sys.stderr)
            if not started:
                await answer(send_with_headers, 500, "internal error: see the terminal where hr-lint serve runs")


SecurityHeaders = Outermost  # the name it had


class OriginCheck:
    """403 for a request from a page of another origin (its Origin header is not ours)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        origin = _header(scope, b"origin")
        if origin is not None:
            own = _origin(scope.get("scheme", "http"), _header(scope, b"host") or "")
            theirs = origin.strip().lower()
            if theirs != own and _normal(theirs) != own:
                await drain(scope, receive, DRAIN_BYTES)
                return await answer(send, 403, f"cross-origin request refused: Origin {origin[:100]!r} is not "
                                                f"this server ({own}); use the page this server serves")
        return await self.app(scope, receive, send)


def _origin(scheme: str, host: str) -> str:
    return _normal(f"{scheme}://{host}".lower())


def _normal(origin: str) -> str:
    """An origin without its scheme's default port."""
    for scheme, port in (("http://", ":80"), ("https://", ":443")):
        if origin.startswith(scheme) and origin.endswith(port):
            return origin[: -len(port)]
    return origin


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 for a request body over `limit` bytes: by Content-Length, and by counting."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def _refuse(self, send):
        human = _human(self.limit)
        limit = f"{self.limit} bytes" + (f" ({human})" if human != f"{self.limit} bytes" else "")
        await answer(send, 413, f"request body too large: the limit is {limit}")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size > self.limit:
                if size - self.limit <= DRAIN_BYTES:
                    await drain(scope, receive, size)
                return await self._refuse(send)
        seen = 0
        started = False
        more = False  # does the body go on after the message that passed the limit?

        async def counting_receive():
            nonlocal seen, more
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    more = message.get("more_body", False)
                    raise _TooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                if more:  # (past the body's last message, receive() would wait for the client to leave)
                    await drain(scope, receive, DRAIN_BYTES)
                await self._refuse(send)


def _human(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"
