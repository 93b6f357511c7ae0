"""JSON output: the contract's report objects, one per line."""
from __future__ import annotations

import json
from typing import IO, Any

from ..model import Report, RuleSet


def json_line(obj: dict[str, Any]) -> str:
    """`obj` as one line of JSON, non-ASCII kept as written; a text with a lone surrogate
    (valid in JSON input, not encodable as UTF-8) comes out with \\u escapes instead."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj)
    return line


class JsonlFormatter:
    """One report object per post, in input order (`compliance scan`)."""
    name = "jsonl"

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None:
        self.stream = stream

    def begin(self, rule_set: RuleSet) -> None:
        pass

    def add(self, path: str | None, text: str, report: Report) -> None:
        self.write(report.to_dict())

    def write(self, obj: dict[str, Any]) -> None:
        """One object as one line (also an input line's error object)."""
        self.stream.write(json_line(obj) + "\n")

    def end(self) -> None:
        self.stream.flush()


class JsonFormatter(JsonlFormatter):
    """One report object per checked file, with its `path` (`compliance check`)."""
    name = "json"

    def add(self, path: str | None, text: str, report: Report) -> None:
        self.write({**report.to_dict(), "path": path})
