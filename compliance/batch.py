"""The batch interface's lines: each JSONL input line becomes the one plain object its output
line holds (a report or an error object), in input order, in this process or in a pool."""
from __future__ import annotations

import functools
import json
from typing import Any, Iterable, Iterator, NamedTuple

from .checker import Checker
from .errors import InputError
from .posts import Post

CHUNK = 256           # lines checked together in this process (one nlp.pipe batch)
PARALLEL_CHUNK = 64   # lines sent to a worker at once: small, so an interrupt waits little


class Line(NamedTuple):
    """One output line: `obj` is what the line holds, the flags are what the summary and the
    exit status need. Small and plain, so that a worker process can send it back cheaply."""
    number: int
    obj: dict[str, Any]
    error: bool       # the input line could not be checked; `obj` is its error object
    findings: bool    # the report has violations
    failed: bool      # some violation is at or above the checker's fail_on
    approval: bool = False  # ... and every such violation only needs an approval


def parse_line(raw: bytes, number: int, source: str, max_chars: int) -> tuple[Post | None, dict[str, Any] | None]:
    """(post, None) for a checkable line, (None, error object) otherwise. Errors read
    `file:line:column: what is wrong`."""
    def error(post_id: Any, what: str, column: int = 1) -> tuple[None, dict[str, Any]]:
        return None, {"id": post_id, "line": number, "error": f"{source}:{number}:{column}: {what}"}

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return error(None, "not UTF-8 text", exc.start + 1)
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return error(None, f"not valid JSON: {getattr(exc, 'msg', exc)}", getattr(exc, "colno", 1))
    except RecursionError:
        return error(None, "JSON nested too deeply")
    if not isinstance(obj, dict):
        return error(None, "not a JSON object")
    try:
        return Post.coerce(obj, max_chars), None
    except InputError as exc:
        return error(obj.get("id") if isinstance(obj.get("id"), (str, int, float, bool)) else None, str(exc))


def numbered_chunks(lines: Iterable[bytes], skip: int, size: int) -> Iterator[list[tuple[int, bytes]]]:
    """The input's lines after the first `skip`, numbered from 1 and without their line end,
    in lists of at most `size`; reads only as far as the consumer has got."""
    chunk: list[tuple[int, bytes]] = []
    for number, raw in enumerate(lines, start=1):
        if number <= skip:
            continue
        chunk.append((number, raw.rstrip(b"\n").rstrip(b"\r")))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def check_lines(checker: Checker, chunk: list[tuple[int, bytes]], source: str, max_chars: int) -> list[Line]:
    """The output line of every numbered input line of `chunk`, in order. The same lines give
    the same objects however the input is cut into chunks."""
    parsed = [(number, *parse_line(raw, number, source, max_chars)) for number, raw in chunk]
    reports = checker.check_many([post for _, post, _ in parsed if post is not None], batch_size=CHUNK,
                                 errors="report", max_chars=max_chars)
    out: list[Line] = []
    for number, post, error in parsed:
        if error is None:
            report = next(reports)
            if report.error is None:
                out.append(Line(number, report.to_dict(), False, bool(report.violations), not report.ok,
                                report.needs_approval))
                continue
            error = {"id": post.id, "line": number,
                     "error": f"{source}:{number}:1: {report.error.split(': ', 1)[-1]}"}
        out.append(Line(number, error, True, False, False))
    return out


def scan_lines(checker: Checker, lines: Iterable[bytes], source: str, max_chars: int, skip: int = 0,
               processes: int = 1) -> Iterator[Line]:
    """The output line of every input line after the first `skip`, in input order, checked
    here or, with `processes` above 1, in that many worker processes (same lines, same bytes).
    `source` names the input in error objects."""
    if processes <= 1:
        for chunk in numbered_chunks(lines, skip, CHUNK):
            yield from check_lines(checker, chunk, source, max_chars)
        return
    from .parallel import ordered_map

    work = functools.partial(check_lines, source=source, max_chars=max_chars)
    for checked in ordered_map(work, numbered_chunks(lines, skip, PARALLEL_CHUNK), checker, processes):
        yield from checked
