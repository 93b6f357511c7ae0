"""Reports to output formats, one module each, behind one interface: `begin(rule_set)`,
`add(path, text, report)` for every checked file or post, `end()`. A format registers its
class in FORMATS under the name `--format` takes."""
from __future__ import annotations

from typing import IO, Protocol

from ..model import Report, RuleSet
from .github import GithubFormatter
from .json import JsonFormatter, JsonlFormatter
from .rdjsonl import RdjsonlFormatter
from .sarif import SarifFormatter
from .text import TextFormatter


class Formatter(Protocol):
    name: str

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None: ...

    def begin(self, rule_set: RuleSet) -> None:
        """Called once before any report, with the rules in force."""

    def add(self, path: str | None, text: str, report: Report) -> None:
        """One checked file (`path`) or post (`path` None); `text` is as written."""

    def end(self) -> None:
        """Called once after the last report."""


FORMATS: dict[str, type] = {f.name: f for f in (TextFormatter, JsonFormatter, JsonlFormatter, SarifFormatter,
                                                GithubFormatter, RdjsonlFormatter)}

__all__ = ["Formatter", "FORMATS", "TextFormatter", "JsonFormatter", "JsonlFormatter", "SarifFormatter",
           "GithubFormatter", "RdjsonlFormatter"]
