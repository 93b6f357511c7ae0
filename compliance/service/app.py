"""The FastAPI application: the contract's report objects over HTTP, and the staff page.

Every error, whatever raised it, is one JSON shape, `{"error": "<what is wrong>"}` with
`"line"` where a line of the request is meant: 413 for a body or a scan over the limits,
422 for a body or parameter the checker cannot use, 404 for an unknown rule or path.
"""
from __future__ import annotations

import io
import json
import threading
import time
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, Iterator

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..audit.packs import pack_files
from ..audit.records import AuditError, checked_line, post_metadata
from ..batch import CHUNK, Line, check_lines, numbered_chunks
from ..checker import Checker
from ..errors import InputError
from ..languages import pipeline_langs
from ..metadata import JSON_SCHEMA as METADATA_SCHEMA
from ..model import Report, Rule
from ..output.json import json_line
from ..posts import MAX_TEXT_LENGTH, Post, language_code
from ..project.config import Checkers, RecordSettings, Settings

MAX_BODY = 2 * 1024 * 1024
MAX_POSTS = 10_000
STATIC = Path(__file__).parent / "static"
JSONL_TYPES = ("application/x-ndjson", "application/jsonl")
# What error objects of a scan name as their file: "request:3:1: no \"text\"".
SOURCE = "request"
WARM_UP = "Thanks to everyone who came to our open day, see you next year!"
# The page loads nothing from anywhere else, and the browser is told so.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_POST_SCHEMA = {
    "type": "object", "required": ["text"],
    "properties": {
        "text": {"type": "string", "maxLength": MAX_TEXT_LENGTH},
        "lang": {"type": "string", "description": "a language code or BCP 47 tag; detected when absent",
                 "examples": ["en", "he", "en-GB"]},
        **METADATA_SCHEMA,
        "id": {"description": "any JSON scalar, echoed in the report"},
        "waivers": {"type": "array", "items": {"type": "object", "required": ["rule", "reason"],
                                               "properties": {"rule": {"type": "string"},
                                                              "reason": {"type": "string"}}}},
    },
}
_ERROR = {"description": "what is wrong", "content": {"application/json": {"schema": {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "string"}, "line": {"type": "integer"}}}}}}


class ApiError(HTTPException):
    """An error answer: `status` and the message (and line of the request) the body carries."""

    def __init__(self, status: int, message: str, line: int | None = None) -> None:
        super().__init__(status_code=status, detail=message)
        self.line = line


class ContractJSON(JSONResponse):
    """JSON as the CLI writes it: non-ASCII kept, a lone surrogate of a post's text escaped."""

    def render(self, content: Any) -> bytes:
        return json_line(content).encode("utf-8")


def _error_response(status: int, message: str, line: int | None = None) -> ContractJSON:
    return ContractJSON({"error": message} if line is None else {"error": message, "line": line}, status_code=status)


class BodyLimit:
    """ASGI middleware refusing a request body over `max_body` bytes with 413: at once when
    Content-Length says so, else as soon as the bytes received pass the limit, so a
    chunked upload is never read further."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            await _error_response(413, self._message())(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ApiError(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"the request body is larger than the limit of {self.max_body:,} bytes"


def _read_json(body: bytes) -> Any:
    """The JSON value of a request body; ApiError 422 saying where it is not JSON."""
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise ApiError(422, f"the body is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
                       exc.lineno) from None
    except UnicodeDecodeError:
        raise ApiError(422, "the body is not UTF-8 text") from None
    except RecursionError:
        raise ApiError(422, "the body's JSON is nested too deeply") from None


def _section_text(rule: Rule, lang: str | None) -> str:
    """The text of the policy section `rule` cites, in `lang` where the policy has it."""
    return rule.policy.sections[rule.cite].localized(lang)[1]


def _rule_summary(rule: Rule) -> dict[str, Any]:
    return {"id": rule.id, "category": rule.category, "severity": rule.severity,
            "languages": list(rule.langs) if rule.langs is not None else None,
            "kind": rule.kind, "pack": rule.pack, "message": rule.message}


def _with_section_texts(report: Report, checker: Checker) -> dict[str, Any]:
    """The report object with each finding's `citation` carrying the cited section's `text`
    in the report's language (null for findings of no loaded rule, such as waivers')."""
    out = report.to_dict()
    for key, found in (("violations", report.violations), ("suppressed", report.suppressed)):
        for obj, violation in zip(out.get(key, ()), found):
            rule = checker.rule_set.rule(violation.rule)
            obj["citation"]["text"] = _section_text(rule, report.lang) if rule is not None else None
    return out


def _scan_lines(body: bytes, content_type: str, max_posts: int) -> io.BytesIO | list[bytes]:
    """A scan body as JSONL lines, read as `compliance scan` reads a file; a JSON array
    becomes one line per post, so both give the same result objects. ApiError 413 for more
    than `max_posts` posts, 422 for a body that is neither."""
    if content_type in JSONL_TYPES:
        count = body.count(b"\n") + (not body.endswith(b"\n") and bool(body))
        lines: io.BytesIO | list[bytes] = io.BytesIO(body)
    else:
        posts = _read_json(body)
        if not isinstance(posts, list):
            raise ApiError(422, "the body is not a JSON array of posts (send JSONL with Content-Type: "
                                "application/x-ndjson)")
        count, lines = len(posts), [json.dumps(post).encode("ascii") for post in posts]
    if count > max_posts:
        raise ApiError(413, f"{count:,} posts; a scan request may have at most {max_posts:,}")
    return lines


def _make_checker(source: Checker | Settings | None) -> Checker:
    if isinstance(source, Checker):
        return source
    if isinstance(source, Settings):
        return Checkers().get(source)
    return Checker.default()


def create_app(source: Checker | Settings | None = None, *, max_body: int = MAX_BODY,
               max_posts: int = MAX_POSTS, record: RecordSettings | None = None) -> FastAPI:
    """The service for a checker (a Checker; Settings, whose packs load now; None: the
    built-in packs). Bodies over `max_body` bytes and scans of more than `max_posts` posts
    get 413. With `record`, every post checked gets a check record in its folder. Start-up
    builds the English pipeline, so the first request is fast. Raises PackError or
    ConfigError for packs or settings that cannot be used, AuditError for a record folder
    that cannot be written."""
    checker = _make_checker(source)
    log = record.open() if record else None
    keep_text = bool(record and record.keep_text)
    # A Checker given as it is does not say which pack files it came from.
    packs = (None if isinstance(source, Checker) else
             pack_files(source.packs, source.builtin) if isinstance(source, Settings) else pack_files())

    def record_check(report: Report, post: Post, line: int | None = None, author: Any = None) -> None:
        """Record one checked post; a result that cannot be recorded is not given (500)."""
        if log is None:
            return
        where = {} if line is None else {"line": line}
        metadata = post_metadata(post, report, command="serve", fail_on=checker.fail_on, author=author, **where)
        try:
            log.record_check(report, checker.rule_set, text=post.text, metadata=metadata, keep_text=keep_text,
                             pack_files=packs)
        except AuditError as exc:
            raise ApiError(500, f"the check could not be recorded: {exc}") from None

    def record_line(line: Line, raw: bytes) -> None:
        """Record the post of a scan's input line `raw`, checked as `line`."""
        checked = checked_line(line, raw, MAX_TEXT_LENGTH, checker.fail_on)
        if checked is not None:
            post, report, author = checked
            record_check(report, post, line.number, author)

    rule_list = json_line([_rule_summary(rule) for rule in checker.rules]).encode("utf-8")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await run_in_threadpool(checker.check, WARM_UP)
        yield

    app = FastAPI(title="post-compliance", version=__version__, lifespan=lifespan,
                  description="Checks social media drafts against policy rule packs; the report and error "
                              "objects are those of docs/contract.md.")
    app.add_middleware(BodyLimit, max_body=max_body)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404 and not isinstance(exc, ApiError):
            return _error_response(404, f"no such path: {request.url.path}")
        if exc.status_code == 405:
            return _error_response(405, f"{request.method} is not allowed on {request.url.path}")
        return _error_response(exc.status_code, str(exc.detail), getattr(exc, "line", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = ("{}: {}".format(".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors())
        return _error_response(422, "; ".join(problems))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        return _error_response(500, f"internal error: {type(exc).__name__} (please report it with the request)")

    async def json_body(request: Request) -> Any:
        # Read on the event loop; the check itself then runs in the threadpool.
        return _read_json(await request.body())

    @app.post("/v1/check", response_class=ContractJSON, summary="Check one post",
              responses={413: _ERROR, 422: _ERROR},
              openapi_extra={"requestBody": {"required": True,
                                             "content": {"application/json": {"schema": _POST_SCHEMA}}}})
    def check(body: Any = Depends(json_body), citation_text: bool = False) -> Response:
        """The post's report object, exactly as `Report.to_dict()` gives it. With
        `citation_text=true` each finding's citation also has `text`, the cited policy
        section in the post's language (what the staff page shows)."""
        if not isinstance(body, dict):
            raise ApiError(422, "the body is not a JSON object with \"text\"")
        try:
            post = Post.coerce(body, known_langs=pipeline_langs())
        except InputError as exc:
            raise ApiError(422, str(exc)) from None
        report = next(checker.check_many([post], errors="report"))
        if report.error is not None:
            raise ApiError(500, report.error)
        record_check(report, post, author=body.get("author"))
        return ContractJSON(_with_section_texts(report, checker) if citation_text else report.to_dict())

    @app.post("/v1/scan", summary="Check many posts, streaming one result line per post",
              responses={200: {"content": {"application/x-ndjson": {}}}, 413: _ERROR, 422: _ERROR},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "array", "items": _POST_SCHEMA}},
                  "application/x-ndjson": {"schema": {"type": "string", "description": "one post object a line"}},
                  "application/jsonl": {"schema": {"type": "string", "description": "one post object a line"}}}}})
    async def scan(request: Request) -> Response:
        """JSONL, one line per post in order: its report, or for a post that cannot be
        checked `{"id", "line", "error"}` (the line of the JSONL body, or the post's position
        in the array, from 1), as `compliance scan` writes them."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        lines = await run_in_threadpool(_scan_lines, await request.body(), content_type, max_posts)

        def results() -> Iterator[str]:
            for chunk in numbered_chunks(lines, 0, CHUNK):
                checked = check_lines(checker, chunk, SOURCE, MAX_TEXT_LENGTH)
                if log is not None:
                    for (_, raw), line in zip(chunk, checked):
                        record_line(line, raw)
                yield "".join(json_line(line.obj) + "\n" for line in checked)

        return StreamingResponse(results(), media_type="application/x-ndjson")

    @app.get("/v1/rules", summary="Every loaded rule")
    async def rule_index() -> Response:
        """id, category, severity, languages (null: every language), kind, pack, message."""
        return Response(rule_list, media_type="application/json")

    @app.get("/v1/rules/{rule_id}", summary="One rule and the policy section it cites",
             responses={404: _ERROR, 422: _ERROR})
    async def rule_detail(rule_id: str, lang: str | None = None) -> Response:
        """The rule, its suggestion and link, and its citation with the section's `text`,
        in `lang` (a language code) where the policy is translated."""
        rule = checker.rule_set.rule(rule_id)
        if rule is None:
            raise ApiError(404, f"no rule {rule_id!r} is loaded (see GET /v1/rules)")
        try:
            code = language_code(lang, pipeline_langs()) if lang else None
        except InputError as exc:
            raise ApiError(422, str(exc)) from None
        return ContractJSON({**_rule_summary(rule), "suggestion": rule.suggestion, "link": rule.link,
                             "citation": {**rule.citation(code).to_dict(), "text": _section_text(rule, code)}})

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "rules": len(checker.rules), "version": __version__}

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(STATIC / "index.html", headers=PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve `app` with uvicorn in a background thread while the block runs (port 0: a free
    one); yields the base URL once it accepts connections, after the start-up warm-up."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="compliance-service", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the service did not start on {host}:{port}")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
