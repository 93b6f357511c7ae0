"""Text output for people: `path:line:column: severity rule message [citation]`, the line
with the offending span marked, the suggestion, and a summary line at the end."""
from __future__ import annotations

import unicodedata
from typing import IO, Iterable

from ..model import Report, RuleSet, Violation
from .places import action_note

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}
_ANSI = {"red": "31", "yellow": "33", "blue": "34"}
# First Strong Isolate ... Pop Directional Isolate: keeps right-to-left text from reordering
# the surrounding left-to-right output on a terminal.
FSI, PDI = "\u2068", "\u2069"


def is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolate(text: str) -> str:
    """`text` wrapped in Unicode isolates when it holds right-to-left letters."""
    return f"{FSI}{text}{PDI}" if is_rtl(text) else text


def _line_of(text: str, v: Violation) -> str:
    lines = text.split("\n")
    return lines[v.line - 1] if v.line - 1 < len(lines) else ""


def format_violation(path: str, text: str, v: Violation, colour: bool) -> str:
    """`path:line:column: severity rule message [Policy §section]` and the span in context."""
    def style(s: str, fg: str | None = None, bold: bool = False) -> str:
        if not colour:
            return s
        codes = ([_ANSI[fg]] if fg else []) + (["1"] if bold else [])
        return f"\x1b[{';'.join(codes)}m{s}\x1b[0m"

    cite = v.citation
    head = (f"{style(f'{path}:{v.line}:{v.column}:', bold=True)} "
            f"{style(v.severity, fg=_SEVERITY_COLOUR[v.severity], bold=True)}"
            f"{' (' + action_note(v) + ')' if action_note(v) else ''} {v.rule} "
            f"{isolate(v.message)} [{cite.policy} §{cite.section} {cite.title}]")
    line = _line_of(text, v)
    out = [head]
    if is_rtl(line):
        out.append(f"    {v.line} | {isolate(line.strip())}")
        out.append(f"      > {style(isolate(v.match), fg=_SEVERITY_COLOUR[v.severity], bold=True)}")
    else:
        col = v.column - 1
        span_len = max(1, min(len(v.match.split("\n")[0]), len(line) - col))
        shown = line[:col] + style(line[col:col + span_len], fg=_SEVERITY_COLOUR[v.severity], bold=True) + line[col + span_len:]
        gutter = " " * len(str(v.line))
        out.append(f"    {v.line} | {shown}")
        out.append(f"    {gutter} | {' ' * col}{style('^' * span_len, fg=_SEVERITY_COLOUR[v.severity])}")
    if v.suggestion:
        out.append(f"      = suggestion: {isolate(v.suggestion)}")
    return "\n".join(out)


def format_text(path: str, report: Report, colour: bool) -> str:
    return "\n".join(format_violation(path, report.text, v, colour) for v in report.violations)


def summary_line(reports: Iterable[Report], files: int) -> str:
    """One line: the findings by severity over `files` files, and how many were waived."""
    counts = {"error": 0, "warning": 0, "info": 0}
    waived = 0
    for r in reports:
        for v in r.violations:
            counts[v.severity] += 1
        waived += len(r.suppressed)
    total = sum(counts.values())
    accepted = f" ({waived} accepted by waivers, the baseline or approvals)" if waived else ""
    if not total:
        return f"No problems found in {files} file{'s' * (files != 1)}{accepted}."
    parts = ", ".join(f"{n} {k}{'s' * (n != 1)}" for k, n in counts.items() if n)
    return f"{total} problem{'s' * (total != 1)} ({parts}) in {files} file{'s' * (files != 1)}{accepted}."


class TextFormatter:
    """Every finding of every file in place, then one summary line."""
    name = "text"

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None:
        self.stream, self.colour = stream, colour
        self.reports: list[Report] = []

    def begin(self, rule_set: RuleSet) -> None:
        self.reports = []

    def add(self, path: str | None, text: str, report: Report) -> None:
        self.reports.append(report)
        if report.coverage:
            self.stream.write(f"{path or '<post>'}: note: {report.coverage}\n")
        if report.violations:
            # Shown against the file as written, not the blanked text the checker saw.
            shown = Report(text=text, lang=report.lang, violations=report.violations)
            self.stream.write(format_text(path or "<post>", shown, self.colour) + "\n")

    def end(self) -> None:
        self.stream.write(summary_line(self.reports, len(self.reports)) + "\n")
        self.stream.flush()
