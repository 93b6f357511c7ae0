"""Reports to text for people (with the offending span shown in context) and JSON for tools."""
from __future__ import annotations

import json
import unicodedata
from typing import Any, Iterable

import click

from .model import Report, Violation

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}
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
    def style(s: str, **kw: Any) -> str:
        return click.style(s, **kw) if colour else s

    cite = v.citation
    head = (f"{style(f'{path}:{v.line}:{v.column}:', bold=True)} "
            f"{style(v.severity, fg=_SEVERITY_COLOUR[v.severity], bold=True)} {v.rule} "
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
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in reports:
        for v in r.violations:
            counts[v.severity] += 1
    total = sum(counts.values())
    if not total:
        return f"No problems found in {files} file{'s' * (files != 1)}."
    parts = ", ".join(f"{n} {k}{'s' * (n != 1)}" for k, n in counts.items() if n)
    return f"{total} problem{'s' * (total != 1)} ({parts}) in {files} file{'s' * (files != 1)}."


def to_json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)
