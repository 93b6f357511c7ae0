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
    """One report object per post (`compliance scan`) or per file (`compliance check`), in
    input order."""
    name = "jsonl"

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None:
        self.stream = stream

    def begin(self, rule_set: RuleSet) -> None:
        pass

    def add(self, path: str | None, text: str, report: Report) -> None:
        self.write(report.to_dict() if path is None else {**report.to_dict(), "path": path})

    def write(self, obj: dict[str, Any]) -> None:
        """One object as one line (also an input line's error object)."""
        self.stream.write(json_line(obj) + "\n")

    def end(self) -> None:
        self.stream.flush()


class JsonFormatter(JsonlFormatter):
    """One JSON document for `compliance check`: the report object of the one file checked,
    with its `path`, or an array of them, in order, when several were."""
    name = "json"

    def begin(self, rule_set: RuleSet) -> None:
        self.reports: list[dict[str, Any]] = []

    def add(self, path: str | None, text: str, report: Report) -> None:
        self.reports.append({**report.to_dict(), "path": path})

    def end(self) -> None:
        if len(self.reports) == 1:
            self.write(self.reports[0])
        else:
            # One object a line inside the array, so a diff of two runs reads file by file.
            self.stream.write("[" + ",\n ".join(json_line(r) for r in self.reports) + "]\n")
        super().end()
