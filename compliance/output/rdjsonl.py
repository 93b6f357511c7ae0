"""reviewdog's rdjsonl: one Reviewdog Diagnostic Format `Diagnostic` per line, for each finding
that counts (accepted findings are left out). As the format defines, lines and columns are
1-based, columns count UTF-8 bytes, and the range's end is exclusive."""
from __future__ import annotations

from typing import IO, Any

from ..model import Report, RuleSet, Violation
from .json import json_line
from .places import cited_message, display_path, position
from .sarif import TOOL_NAME

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def diagnostic(path: str | None, text: str, v: Violation) -> dict[str, Any]:
    """The Diagnostic of finding `v` in `text`, the file at `path`."""
    start_line, start_column = position(text, v.start, "utf-8")
    end_line, end_column = position(text, v.end, "utf-8")
    code: dict[str, Any] = {"value": v.rule}
    if v.citation.url:
        code["url"] = v.citation.url
    return {
        "message": cited_message(v),
        "location": {"path": display_path(path),
                     "range": {"start": {"line": start_line, "column": start_column},
                               "end": {"line": end_line, "column": end_column}}},
        "severity": SEVERITIES[v.severity],
        "source": {"name": TOOL_NAME},
        "code": code,
    }


class RdjsonlFormatter:
    """A Diagnostic line per finding, written as each file is added."""
    name = "rdjsonl"

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None:
        self.stream = stream

    def begin(self, rule_set: RuleSet) -> None:
        pass

    def add(self, path: str | None, text: str, report: Report) -> None:
        for v in report.violations:
            self.stream.write(json_line(diagnostic(path, text, v)) + "\n")

    def end(self) -> None:
        self.stream.flush()
