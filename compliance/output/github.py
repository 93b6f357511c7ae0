"""GitHub Actions workflow commands: an `::error`, `::warning` or `::notice` annotation for each
finding, as many of each level as GitHub shows in a step; every finding past that as a plain
log line (never dropped) with one notice saying how many; then a summary line.

Annotation columns are UTF-16 code units, end exclusive, as in the SARIF output; the plain
lines count code points, as the text format does."""
from __future__ import annotations

from collections import Counter
from typing import IO

from ..model import Report, RuleSet, Violation
from .places import cited_message, display_path, names_file, position
from .text import summary_line

# GitHub shows 10 error, 10 warning and 10 notice annotations per step and drops the rest.
ANNOTATIONS_PER_LEVEL = 10
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """`text` as a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """`text` as a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def one_line(text: str) -> str:
    """`text` with its line breaks as spaces: a plain log line from a draft's words can then
    never start a line of its own, which GitHub would read as a workflow command."""
    return " ".join(text.splitlines())


def annotation(path: str | None, text: str, v: Violation) -> str:
    """The workflow command annotating finding `v` of the file at `path`."""
    line, column = position(text, v.start)
    end_line, end_column = position(text, v.end)
    message = cited_message(v) + (f"\nSuggestion: {v.suggestion}" if v.suggestion else "")
    if not names_file(path):
        # Not a file in the repository: a location would point nowhere, so it goes in the message.
        props = {"title": v.rule}
        message = f"{display_path(path)}:{v.line}:{v.column}: {message}"
    else:
        props = {"file": path.replace("\\", "/"), "line": str(line), "endLine": str(end_line)}
        if line == end_line:
            # The runner drops columns from a range that spans lines.
            props.update(col=str(column), endColumn=str(end_column))
        props["title"] = v.rule
    listed = ",".join(f"{k}={escape_property(value)}" for k, value in props.items())
    return f"::{COMMANDS[v.severity]} {listed}::{escape_data(message)}"


def plain_line(path: str | None, v: Violation) -> str:
    """`path:line:column: severity rule message [citation]`, not a workflow command."""
    return one_line(f"{display_path(path)}:{v.line}:{v.column}: {v.severity} {v.rule} {cited_message(v)}")


class GithubFormatter:
    """Annotations for a GitHub Actions step, written when the run ends, once it is known
    whether a notice must be kept for saying how many findings were not annotated."""
    name = "github"

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None:
        self.stream = stream

    def begin(self, rule_set: RuleSet) -> None:
        self.reports: list[Report] = []
        # (severity, annotation, plain line) per finding in order; severity None: a plain note.
        self.entries: list[tuple[str | None, str, str]] = []

    def add(self, path: str | None, text: str, report: Report) -> None:
        self.reports.append(report)
        if report.coverage:
            self.entries.append((None, "", one_line(f"{display_path(path)}: note: {report.coverage}")))
        for v in report.violations:
            self.entries.append((v.severity, annotation(path, text, v), plain_line(path, v)))

    def end(self) -> None:
        counts = Counter(severity for severity, _, _ in self.entries if severity)
        overflow = any(n > ANNOTATIONS_PER_LEVEL for n in counts.values())
        room = dict.fromkeys(COMMANDS, ANNOTATIONS_PER_LEVEL)
        if overflow:
            room["info"] -= 1  # the notice saying how many were not annotated is one too
        not_annotated = 0
        for severity, command, plain in self.entries:
            if severity and room[severity]:
                room[severity] -= 1
                self.stream.write(command + "\n")
            else:
                not_annotated += severity is not None
                self.stream.write(plain + "\n")
        if not_annotated:
            self.stream.write(
                f"::notice title=post-compliance::{not_annotated} finding{'s' * (not_annotated != 1)} "
                f"not annotated (GitHub shows {ANNOTATIONS_PER_LEVEL} errors, {ANNOTATIONS_PER_LEVEL} "
                f"warnings and {ANNOTATIONS_PER_LEVEL} notices per step); every finding is listed in "
                "this step's log\n")
        # The summary counts the accepted findings, which are never annotated.
        self.stream.write(summary_line(self.reports, len(self.reports)) + "\n")
        self.stream.flush()
