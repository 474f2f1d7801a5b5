"""`hr-lint serve`: the writer's page and a small HTTP API, on loopback by default.

    GET  /                 the page (hr_lint/static/index.html, app.js, i18n.js, app.css)
    POST /api/lint         {"text", "format", "preset"} -> {"findings": [...], ...}
    POST /api/lint-file    multipart upload (field "file") -> findings and the decoded text
    POST /api/trace        {"text", "format", "preset", "start", "end"} -> the decision trace
    GET  /api/rules        the rules of a preset
    GET  /api/presets      the built-in presets this installation has
    GET  /healthz          {"status": "ok"}
    GET  /openapi.json     an OpenAPI 3 description of the above, generated from the routes

`findings` are exactly the objects of `hr-lint --format json`; whatever the page needs
besides (code-point offsets, counts, rule details) lives in other top-level keys.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import os
import socket
import sys
import threading
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .webguard import SECURITY_HEADERS, BodyLimit, OriginCheck, Outermost, SecurityHeaders  # noqa: F401

from .readers import BINARY_FORMATS, EXTENSIONS, TEXT_FORMATS

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")



class ApiError(Exception):
    """A client mistake, answered as JSON `{"error": message}` with `status`."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# -- presets and linters ------------------------------------------------------------------------

def available_presets() -> list[str]:
    """The built-in presets whose file exists in this installation, in PRESETS order."""
    from .config import PRESET_DIR, PRESETS

    return [name for name in PRESETS if (PRESET_DIR / f"{name}.yaml").is_file()]


# A request with more text than this is "large": large requests take turns, so that a
# linter is always free for the small ones (a writer's paste while a big file is checked).
LARGE_REQUEST = 64 * 1024


class LinterPool:
    """Linters per preset, built on first use (loading is slow) and reused.

    A linter is used by one request at a time (requests run in worker threads, and a
    linter's spaCy pipeline, its own, is not made for sharing). Each preset has up to
    `per_preset` linters; large requests (`LARGE_REQUEST`) take turns on all but one, so a
    small request never waits for a large one. What one request costs is bounded by the
    upload limit and the readers' linear time; `busy` counts the requests being linted.
    """

    def __init__(self, settings: dict | None = None, per_preset: int = 2):
        self.settings = dict(settings or {})
        self.per_preset = max(2, per_preset)
        self._first: dict = {}  # preset -> its first linter (rules, configuration)
        self._idle: dict[str, list] = {}
        self._count: dict[str, int] = {}
        self._cond = threading.Condition()
        self._large = threading.BoundedSemaphore(self.per_preset - 1)
        self.busy = 0

    def _check(self, preset: str) -> None:
        from .config import PRESETS

        presets = available_presets()
        if preset not in presets:
            known = ", ".join(presets) or "none"
            hint = " (its preset file is not installed)" if preset in PRESETS else ""
            raise ApiError(400, f"unknown preset '{preset}'{hint}: expected one of {known}")

    def _build(self, preset: str):
        from .config import Config
        from .linter import Linter
        from .yamlload import ConfigError

        try:
            config = Config.from_mapping({"extends": preset})
            if self.settings:
                config.merge(self.settings, "server settings", os.getcwd())
            # every engine (language) of it, the main one included: a pipeline of its own
            linter = Linter(config, private_pipeline=True)
        except ConfigError as exc:
            raise ApiError(500, f"preset '{preset}' cannot be loaded: {exc}") from None
        return linter

    def _checkout(self, preset: str):
        with self._cond:
            while True:
                idle = self._idle.setdefault(preset, [])
                if idle:
                    return idle.pop()
                if self._count.get(preset, 0) < self.per_preset:
                    self._count[preset] = self._count.get(preset, 0) + 1
                    break
                self._cond.wait()
        try:  # built outside the lock: loading takes a while
            linter = self._build(preset)
        except BaseException:
            with self._cond:
                self._count[preset] -= 1
                self._cond.notify()
            raise
        with self._cond:
            self._first.setdefault(preset, linter)
        return linter

    def _checkin(self, preset: str, linter) -> None:
        with self._cond:
            self._idle[preset].append(linter)
            self._cond.notify()

    def get(self, preset: str):
        """A linter of `preset`, to read its rules and settings (not to lint with: see
        `run`); ApiError 400 for a preset that does not exist."""
        self._check(preset)
        linter = self._first.get(preset)
        if linter is None:
            self._checkin(preset, self._checkout(preset))
            linter = self._first[preset]
        return linter

    def warm(self, preset: str, texts) -> None:
        """Build every linter of `preset` now and run `texts` (text, format) through each."""
        self._check(preset)
        linters = [self._checkout(preset) for _ in range(self.per_preset)]
        try:
            for linter in linters:
                for text, fmt in texts:
                    linter.lint_text(text, format=fmt)
        finally:
            for linter in linters:
                self._checkin(preset, linter)

    def run(self, preset: str, fn, size: int = 0):
        """fn(linter) with a linter of `preset` that no other request uses meanwhile."""
        self._check(preset)
        large = size > LARGE_REQUEST
        if large:
            self._large.acquire()
        try:
            linter = self._checkout(preset)
            with self._cond:
                self.busy += 1
            try:
                return fn(linter)
            finally:
                with self._cond:
                    self.busy -= 1
                self._checkin(preset, linter)
        finally:
            if large:
                self._large.release()


# -- what the API answers -----------------------------------------------------------------------

def positions(findings) -> list[dict]:
    """0-based code-point offsets of each finding in the text that was linted."""
    return [{"offset": f.offset, "end_offset": f.end_offset} for f in findings]


POSITION_SCHEMA = {
    "type": "object", "required": ["offset", "end_offset"],
    "description": "0-based code-point offsets of a finding in the text that was linted",
    "properties": {"offset": {"type": "integer"}, "end_offset": {"type": "integer"}},
}


RULE_SCHEMA = {
    "type": "object",
    "required": ["id", "category", "severity", "summary", "message", "alternatives", "sources"],
    "properties": {
        "id": {"type": "string"},
        "category": {"type": "string"},
        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
        "summary": {"type": "string"},
        "message": {"type": "string"},
        "alternatives": {"oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        ]},
        "sources": {"type": "array", "items": {"type": "object", "required": ["title"], "properties": {
            "title": {"type": "string"}, "url": {"type": ["string", "null"]}}}},
        "debated": {"type": "boolean",
                    "description": "guides disagree on the term (reported per the 'debated' setting)"},
    },
}


def rule_info(rule, severity: str | None = None) -> dict:
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": severity or rule.severity,
        "summary": rule.summary,
        "message": rule.message,
        "alternatives": rule.alternatives,
        "sources": [dict(s) for s in rule.sources],
        "debated": rule.debated,
    }


def effective_severity(linter, rule) -> str:
    return linter.engine.options.severity_for(rule)


LINT_RESULT_SCHEMA = {
    "type": "object",
    "required": ["findings", "positions", "counts", "rules", "preset", "format"],
    "properties": {
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "positions": {"type": "array", "items": {"$ref": "#/components/schemas/Position"},
                      "description": "One per finding, in the same order"},
        "counts": {"type": "object", "properties": {
            "total": {"type": "integer"},
            "by_category": {"type": "object", "additionalProperties": {"type": "integer"}},
            "by_severity": {"type": "object", "additionalProperties": {"type": "integer"}}}},
        "rules": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Rule"},
                  "description": "The rules of the findings, by id"},
        "preset": {"type": "string"},
        "format": {"type": "string", "description": "The format to re-lint edited text with"},
    },
}


def lint_response(linter, preset: str, fmt: str, text: str, findings) -> dict:
    by_id = {r.id: r for r in linter.rules}
    used = {}
    for f in findings:
        if f.rule in by_id and f.rule not in used:
            used[f.rule] = rule_info(by_id[f.rule], effective_severity(linter, by_id[f.rule]))
    return {
        "findings": [f.to_dict() for f in findings],
        "positions": positions(findings),
        "counts": {
            "total": len(findings),
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
            "by_severity": {s: n for s in ("error", "warning", "info")
                            if (n := sum(1 for f in findings if f.severity == s))},
        },
        "rules": used,
        "preset": preset,
        "format": fmt,
    }


def _choice(value, name: str, allowed, default):
    if value is None:
        return default
    if not isinstance(value, str):
        raise ApiError(400, f"'{name}' must be a string")
    if value not in allowed:
        raise ApiError(400, f"unknown {name} '{value}': expected one of {', '.join(allowed)}")
    return value


def _preset(value, default: str) -> str:
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise ApiError(400, "'preset' must be a string")
    return value  # LinterPool.get() says whether it exists


def _text_request(body: bytes, default_preset: str) -> tuple[dict, str, str, str]:
    """(the JSON object, its text, format, preset) of a request about a piece of text."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, f"malformed JSON: {exc}") from None
    except RecursionError:
        raise ApiError(400, "malformed JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise ApiError(400, "expected a JSON object such as {\"text\": \"...\", \"format\": \"markdown\"}")
    if "text" not in data:
        raise ApiError(400, "missing 'text': send {\"text\": \"...\"}")
    text = data["text"]
    if not isinstance(text, str):
        raise ApiError(400, "'text' must be a string")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "'text' is not valid Unicode (it contains a lone surrogate escape)") from None
    fmt = _choice(data.get("format"), "format", TEXT_FORMATS, "markdown")
    return data, text, fmt, _preset(data.get("preset"), default_preset)


LANGUAGES = ("auto", "en", "es")


def _language(value) -> str | None:
    """The language of text that declares none ('auto': detected); None: the preset's."""
    return _choice(value or None, "language", LANGUAGES, None)


def lint_json_body(pool: LinterPool, body: bytes, default_preset: str) -> dict:
    data, text, fmt, preset = _text_request(body, default_preset)
    language = _language(data.get("language"))
    findings = pool.run(preset, lambda linter: linter.lint_text(text, format=fmt, language=language), len(text))
    return lint_response(pool.get(preset), preset, fmt, text, findings)


TRACE_RESULT_SCHEMA = {
    "type": "object", "required": ["occurrences", "rules", "preset", "format"],
    "properties": {
        "occurrences": {"type": "array", "items": {"$ref": "#/components/schemas/Occurrence"}},
        "rules": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Rule"}},
        "preset": {"type": "string"}, "format": {"type": "string"},
        "selection": {"type": "object", "required": ["start", "end", "text"], "properties": {
            "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}}},
    },
}


def trace_json_body(pool: LinterPool, body: bytes, default_preset: str) -> dict:
    """The decision trace of a text (`hr-lint --trace`), or of the occurrences that overlap
    the code-point range [start, end) of it when those are given ("why is this not flagged?")."""
    data, text, fmt, preset = _text_request(body, default_preset)
    start, end = data.get("start"), data.get("end")
    if (start is None) != (end is None):
        raise ApiError(400, "give both 'start' and 'end' (code-point offsets of the selection), or neither")
    if start is not None:
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) \
                or not 0 <= start <= end <= len(text):
            raise ApiError(400, f"'start' and 'end' must be offsets with 0 <= start <= end <= {len(text)}")
    language = _language(data.get("language"))
    occurrences = pool.run(preset, lambda linter: linter.trace_text(text, format=fmt, language=language), len(text))
    out = []
    for o in occurrences:
        f = o.finding
        if start is not None and not (f.offset < end and start < f.end_offset
                                      or start == end and f.offset <= start <= f.end_offset):
            continue
        out.append(dict(o.to_dict(), offset=f.offset, end_offset=f.end_offset))
    linter = pool.get(preset)
    by_id = {r.id: r for r in linter.config.all_rules()}
    rules = {o["rule"]: rule_info(by_id[o["rule"]], effective_severity(linter, by_id[o["rule"]]))
             for o in out if o["rule"] in by_id}
    return {"occurrences": out, "rules": rules, "preset": preset, "format": fmt,
            **({"selection": {"start": start, "end": end, "text": text[start:end]}} if start is not None else {})}


def lint_upload(pool: LinterPool, filename: str, data: bytes, fmt: str | None, preset: str,
                language: str | None = None) -> dict:
    from .loader import InputError

    name = os.path.basename((filename or "").replace("\\", "/")) or "upload"
    if fmt is None:
        fmt = EXTENSIONS.get(os.path.splitext(name)[1].lower())
        if fmt is None:
            raise ApiError(400, f"cannot lint '{name}': expected a .md, .html, .txt, .rst, .docx or .pdf file")
    try:
        # text files as a browser's text box would hold them (line breaks as LF)
        linted = pool.run(preset, lambda linter: linter.lint_document(data, name, fmt, newlines=True,
                                                                     language=language), len(data))
    except InputError as exc:
        raise ApiError(400, str(exc)) from None
    text = linted.text.replace("\f", "\n")  # PDF pages: one line break, same offsets
    edit_format = "text" if fmt in BINARY_FORMATS else fmt
    out = lint_response(pool.get(preset), preset, edit_format, text, linted.findings)
    out.update({"text": text, "filename": name, "source_format": fmt})
    return out


def rules_response(linter, preset: str) -> dict:
    rules = sorted(linter.rules, key=lambda r: (r.category, r.id))
    return {"preset": preset, "rules": [rule_info(r, effective_severity(linter, r)) for r in rules]}


# -- ASGI middleware ----------------------------------------------------------------------------

# -- the application ----------------------------------------------------------------------------

class Endpoint:
    """One route of the API, and what the OpenAPI document says of it: the routes and the
    document are made from the same list (`create_app`)."""

    def __init__(self, path: str, method: str, handler, request=None, response=None, errors=None, params=None):
        self.path, self.method, self.handler = path, method, handler
        self.request = request  # (content type, schema) of the body, or None
        self.response = response  # schema of the 200 answer
        self.errors = errors or {}  # status -> when
        self.params = params or []  # query parameters

    @property
    def summary(self) -> str:
        return (self.handler.__doc__ or self.handler.__name__).strip().split("\n")[0]


def openapi_document(endpoints: list[Endpoint], max_upload: int, default_preset: str) -> dict:
    """OpenAPI 3.1, generated from the endpoints and from the code that makes the answers
    (a finding's and a trace occurrence's schema come from their classes)."""
    from .api_schema import finding_schema, occurrence_schema

    def error(text):
        return {"description": text, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}

    paths: dict = {}
    for ep in endpoints:
        op = {"summary": ep.summary, "operationId": ep.handler.__name__,
              "responses": {"200": {"description": "OK", "content": {"application/json": {
                  "schema": ep.response or {"type": "object"}}}}}}
        for status, when in ep.errors.items():
            op["responses"][str(status)] = error(when.format(max_upload=max_upload))
        if ep.request:
            ctype, schema = ep.request
            op["requestBody"] = {"required": True, "content": {ctype: {"schema": schema}}}
        if ep.params:
            op["parameters"] = [{"name": name, "in": "query", "required": False, "schema": schema}
                                for name, schema in ep.params]
        paths.setdefault(ep.path, {})[ep.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "hr-lint",
            "version": __version__,
            "description": "Finds stigmatizing language about drug use, mental health, suicide, incarceration,"
                           " homelessness and sex work, and suggests person-first alternatives. `findings` are"
                           " the same objects as `hr-lint --format json`, `occurrences` those of"
                           " `hr-lint --trace --format json`.",
        },
        "paths": paths,
        "components": {"schemas": {
            "LintRequest": {
                "type": "object", "required": ["text"],
                "properties": {
                    "text": {"type": "string"},
                    "format": {"type": "string", "enum": list(TEXT_FORMATS), "default": "markdown"},
                    "preset": {"type": "string", "default": default_preset},
                    "language": {"type": "string", "enum": list(LANGUAGES),
                                 "description": "Language of text that declares none (HTML lang and front"
                                                " matter lang still apply); default: detected"},
                },
            },
            "Finding": finding_schema(),
            "Occurrence": occurrence_schema(),
            "Position": POSITION_SCHEMA,
            "Rule": RULE_SCHEMA,
            "LintResult": LINT_RESULT_SCHEMA,
            "TraceResult": TRACE_RESULT_SCHEMA,
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
        }},
    }


def create_app(max_upload: int = DEFAULT_MAX_UPLOAD, preset: str = "default", allowed_hosts=None,
               settings: dict | None = None):
    """The Starlette application.

    `allowed_hosts`: Host header names to accept (None: any). `settings`: configuration
    settings layered over every preset, as in a configuration file (e.g. custom `rules`
    files, `select`, `ignore`); relative paths are taken from the current directory.
    """
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.requests import Request
    from starlette.responses import FileResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    pool = LinterPool(settings)

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    async def page(request: Request):
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-cache"})

    async def favicon(request: Request):
        return Response(status_code=204)

    def not_json(request: Request) -> JSONResponse | None:
        """415 unless the body says it is JSON: the content types a form (or a fetch without
        asking the browser first) can send are refused, so no other page can post here."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype in ("application/json", "text/json") or ctype.endswith("+json"):
            return None
        said = f"not '{ctype}'" if ctype else "and the request has none"
        return error(415, f"expected Content-Type application/json, {said}")

    async def api_lint(request: Request):
        """Lint a piece of text"""
        if (refused := not_json(request)) is not None:
            return refused
        body = await request.body()
        try:
            result = await run_in_threadpool(lint_json_body, pool, body, preset)
        except ApiError as exc:
            return error(exc.status, exc.message)
        return JSONResponse(result)

    async def api_trace(request: Request):
        """The decision trace of a text: every occurrence of a term, reported or not, and the stage that decided (only those overlapping start..end when given)"""
        if (refused := not_json(request)) is not None:
            return refused
        body = await request.body()
        try:
            result = await run_in_threadpool(trace_json_body, pool, body, preset)
        except ApiError as exc:
            return error(exc.status, exc.message)
        return JSONResponse(result)

    async def api_lint_file(request: Request):
        """Lint an uploaded file (.md, .html, .txt, .rst, .docx or .pdf); the answer also has the text the findings refer to"""
        ctype = request.headers.get("content-type", "")
        if not ctype.lower().startswith("multipart/form-data"):
            return error(400, "expected a multipart/form-data upload with the file in the field 'file'")
        try:
            async with request.form(max_files=1, max_fields=10) as form:
                upload = form.get("file")
                if upload is None or isinstance(upload, str):
                    return error(400, "no file: send the file in the multipart field 'file'")
                data = await upload.read()
                filename = upload.filename or ""
                fmt = form.get("format") or None
                chosen = form.get("preset") or preset
                language = form.get("language") or None
        except HTTPException as exc:  # malformed multipart
            return error(400, f"malformed upload: {exc.detail}")
        try:
            if fmt is not None:
                fmt = _choice(fmt, "format", TEXT_FORMATS + BINARY_FORMATS, None)
            chosen = _preset(chosen, preset)
            language = _language(language)
            result = await run_in_threadpool(lint_upload, pool, filename, data, fmt, chosen, language)
        except ApiError as exc:
            return error(exc.status, exc.message)
        return JSONResponse(result)

    async def api_rules(request: Request):
        """The rules of a preset"""
        chosen = request.query_params.get("preset") or preset
        try:
            linter = await run_in_threadpool(pool.get, chosen)
        except ApiError as exc:
            return error(exc.status, exc.message)
        return JSONResponse(rules_response(linter, chosen))

    async def api_presets(request: Request):
        """The built-in presets available, the server's default and its upload limit"""
        return JSONResponse({"presets": available_presets(), "default": preset, "max_upload": max_upload})

    async def healthz(request: Request):
        """Liveness check"""
        return JSONResponse({"status": "ok"})

    async def openapi(request: Request):
        """This description (OpenAPI 3.1)"""
        return JSONResponse(spec)

    json_body = ("application/json", {"$ref": "#/components/schemas/LintRequest"})
    too_big = "Request body over the limit ({max_upload} bytes)"
    endpoints = [
        Endpoint("/api/lint", "POST", api_lint, json_body, {"$ref": "#/components/schemas/LintResult"},
                 {400: "Malformed JSON, missing or non-string text, unknown format or preset", 413: too_big,
                  415: "Not JSON"}),
        Endpoint("/api/lint-file", "POST", api_lint_file,
                 ("multipart/form-data", {"type": "object", "required": ["file"], "properties": {
                     "file": {"type": "string", "format": "binary"},
                     "preset": {"type": "string", "default": preset},
                     "language": {"type": "string", "enum": list(LANGUAGES),
                                  "description": "Language of text that declares none (default: detected)"},
                     "format": {"type": "string", "enum": list(TEXT_FORMATS + BINARY_FORMATS),
                                "description": "Default: from the file name's extension"}}}),
                 {"allOf": [{"$ref": "#/components/schemas/LintResult"}, {
                     "type": "object", "required": ["text", "filename", "source_format"],
                     "properties": {"text": {"type": "string"}, "filename": {"type": "string"},
                                    "source_format": {"type": "string"}}}]},
                 {400: "No file, an unsupported file type, an undecodable file or an unknown preset",
                  413: "Upload over the limit ({max_upload} bytes)"}),
        Endpoint("/api/trace", "POST", api_trace,
                 ("application/json", {"allOf": [json_body[1], {"type": "object", "properties": {
                     "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0}}}]}),
                 {"$ref": "#/components/schemas/TraceResult"},
                 {400: "Malformed JSON, missing or non-string text, unknown format or preset, a bad range",
                  413: too_big, 415: "Not JSON"}),
        Endpoint("/api/rules", "GET", api_rules, None, {
            "type": "object", "required": ["preset", "rules"], "properties": {
                "preset": {"type": "string"},
                "rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}},
                 {400: "Unknown preset"}, params=[("preset", {"type": "string", "default": preset})]),
        Endpoint("/api/presets", "GET", api_presets, None, {
            "type": "object", "required": ["presets", "default", "max_upload"], "properties": {
                "presets": {"type": "array", "items": {"type": "string"}},
                "default": {"type": "string"}, "max_upload": {"type": "integer"}}}),
        Endpoint("/healthz", "GET", healthz, None, {
            "type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": ["ok"]}}}),
        Endpoint("/openapi.json", "GET", openapi, None, {"type": "object"}),
    ]
    spec = openapi_document(endpoints, max_upload, preset)

    async def http_error(request: Request, exc: HTTPException):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    async def internal_error(request: Request, exc: Exception):
        # the one line for the terminal is written by `Outermost`, which sees the error next
        return JSONResponse({"error": "internal error: see the terminal where hr-lint serve runs"}, status_code=500)

    middleware = [Middleware(OriginCheck), Middleware(BodyLimit, limit=max_upload)]
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))

    class App(Starlette):
        def build_middleware_stack(self):
            # outside Starlette's own error handling, so its answers carry the headers too
            return Outermost(super().build_middleware_stack())

    app = App(
        routes=[
            Route("/", page),
            Route("/favicon.ico", favicon),
            *(Route(ep.path, ep.handler, methods=[ep.method]) for ep in endpoints),
            Mount("/static", app=StaticFiles(directory=str(STATIC_DIR)), name="static"),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: http_error, Exception: internal_error},
    )
    app.state.linters = pool
    app.state.preset = preset
    app.state.max_upload = max_upload
    return app


# -- the command --------------------------------------------------------------------------------

def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 picks a free port, known before the server starts."""
    infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, addr = infos[0]
    # IPPROTO_TCP named, so that asyncio sets TCP_NODELAY on each connection (it checks the
    # protocol): without it every response waits 40 ms for the client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    sock.bind(addr)
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_for(host: str, port: int) -> str:
    shown = host.strip("[]")
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _quiet_shutdown(record) -> bool:
    """uvicorn's own line about requests it cancels at shutdown: ours says it."""
    return not str(record.msg).startswith("Cancel %s running task(s)")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback makes the page reachable from other machines.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.option("--max-upload", type=click.IntRange(1), default=DEFAULT_MAX_UPLOAD, show_default=True,
              help="Largest request body or upload, in bytes.")
@click.option("--preset", default="default", show_default=True,
              help="Policy used when a request names none (default, identity-first, strict).")
def serve_command(host, port, open_browser, max_upload, preset):
    """Serve the writer's page and the HTTP API until Ctrl-C."""
    import uvicorn

    presets = available_presets()
    if preset not in presets:
        raise click.BadParameter(f"unknown preset '{preset}': expected one of {', '.join(presets) or 'none'}",
                                 param_hint="--preset")
    loopback = is_loopback(host)
    # on loopback, refuse other Host names: a web page elsewhere cannot reach us by DNS rebinding
    allowed = list(dict.fromkeys([*LOOPBACK_NAMES, host.strip("[]").lower()])) if loopback else None
    app = create_app(max_upload=max_upload, preset=preset, allowed_hosts=allowed)
    click.echo("hr-lint: loading the rules...", err=True)
    try:  # warm up: the first request should not wait for spaCy and the readers to load
        app.state.linters.warm(preset, [("A first sentence to load the readers.", fmt) for fmt in TEXT_FORMATS])
    except ApiError as exc:
        raise click.ClickException(exc.message) from None
    except KeyboardInterrupt:
        click.echo("hr-lint: stopped", err=True)
        sys.exit(130)
    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    actual_port = sock.getsockname()[1]
    url = url_for(host, actual_port)
    if not loopback:
        click.echo(f"hr-lint: warning: listening on {host}: anyone who can reach this machine can use the page"
                   " (there is no authentication)", err=True)
    click.echo(f"hr-lint: serving on {url}")
    click.echo("hr-lint: press Ctrl-C to stop", err=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3)
    logging.getLogger("uvicorn.error").addFilter(_quiet_shutdown)
    server = uvicorn.Server(config)
    if open_browser:
        import time
        import webbrowser

        def opener():
            for _ in range(200):
                if server.started:
                    break
                time.sleep(0.05)
            webbrowser.open(url)

        threading.Thread(target=opener, daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    busy = app.state.linters.busy
    click.echo("hr-lint: stopped" + (f" ({busy} request{'s were' if busy != 1 else ' was'} still being checked)"
                                     if busy else ""), err=True)
    if busy:
        # a request still being linted runs in a worker thread that nothing can cancel, and
        # the interpreter would wait for it before exiting: leave now
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
