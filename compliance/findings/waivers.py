"""Waivers: an author's statement, written in the draft, that a finding is accepted, and why.

In Markdown, `<!-- compliance-ignore RULE: reason -->` covers the paragraph that follows it
(the rest of its own line, then up to the next blank line) and
`<!-- compliance-ignore-file RULE: reason -->` the whole file; in any draft's YAML front
matter, `compliance-ignore` maps rule ids to reasons for the whole file; in a JSONL post,
`waivers` is a list of `{"rule", "reason"}` for that post. RULE is a rule id, a glob of rule
ids (`en.unverified.*`), or several of them separated by commas.

A waived finding moves to `Report.suppressed` with its reason; it is never dropped. A waiver
without a reason waives nothing and is itself a finding, and so (when asked for) is a
waiver that waives nothing, so stale waivers do not pile up.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

import regex

from ..errors import InputError
from ..model import Citation, Report, Suppression, Violation

WAIVER_RULE_PREFIX = "compliance.waiver"
NO_REASON = f"{WAIVER_RULE_PREFIX}.no-reason"
UNUSED = f"{WAIVER_RULE_PREFIX}.unused"
_CITATION = Citation(pack="compliance", policy="post-compliance", section="waivers", title="Waivers")

_COMMENT = regex.compile(r"<!--\s*compliance-ignore(?P<file>-file)?(?![\w-])\s*(?P<body>.*?)\s*-->", regex.S)
_PARAGRAPH_END = regex.compile(r"\n[ \t]*\n")
_SPACE = regex.compile(r"\s*")


@dataclass(frozen=True)
class Waiver:
    """Rules (ids or globs) accepted in `text[start:end]`, with the author's reason (empty
    when none was given). `written` is the waiver's own span in the draft, for findings
    about the waiver itself; `source` names it as "path:line:column"."""
    rules: tuple[str, ...]
    reason: str
    start: int
    end: int
    written: tuple[int, int]
    source: str

    def covers(self, violation: Violation) -> bool:
        return (self.start <= violation.start < self.end
                and any(fnmatch.fnmatchcase(violation.rule, r) for r in self.rules))


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _parse_body(body: str) -> tuple[tuple[str, ...], str]:
    rules, _, reason = body.partition(":")
    return tuple(r for r in regex.split(r"[\s,]+", rules.strip()) if r), reason.strip()


def comment_waiver(raw: str, start: int, end: int, path: str) -> Waiver | None:
    """The waiver that the Markdown comment `raw[start:end]` writes, None when it is another
    comment: `-file` covers the whole draft, else the paragraph that follows the comment."""
    m = _COMMENT.fullmatch(raw, start, end)
    if m is None:
        return None
    rules, reason = _parse_body(m.group("body"))
    line, column = _position(raw, start)
    if m.group("file"):
        covered = (0, len(raw))
    else:
        paragraph = _SPACE.match(raw, end).end()
        following = _PARAGRAPH_END.search(raw, paragraph)
        covered = (start, following.start() if following else len(raw))
    return Waiver(rules, reason, *covered, (start, end), f"{path}:{line}:{column}")


def front_matter_waivers(meta: Mapping[str, Any], raw: str, path: str) -> tuple[Waiver, ...]:
    """The whole-file waivers of a draft's front matter `meta` (`compliance-ignore`, a
    mapping of rule to reason); InputError naming the line for any other shape."""
    value = meta.get("compliance-ignore")
    if value is None:
        return ()
    line = next((i for i, text in enumerate(raw.split("\n"), 1) if text.lstrip().startswith("compliance-ignore")), 2)
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise InputError(f"{path}:{line}:1: front matter compliance-ignore must map rule ids to reasons")
    offset = sum(len(t) + 1 for t in raw.split("\n")[:line - 1])
    return tuple(Waiver(_parse_body(rule)[0], "" if reason is None else str(reason).strip(), 0, len(raw),
                        (offset, offset + len("compliance-ignore")), f"{path}:{line}:1")
                 for rule, reason in value.items())


def post_waivers(value: Any, length: int) -> tuple[Waiver, ...]:
    """The waivers of a post's `waivers` field (a list of {"rule", "reason"} objects), each
    covering the whole post of `length` characters; InputError for any other shape."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, dict) and isinstance(w.get("rule"), str) for w in value):
        raise InputError('"waivers" must be a list of {"rule": ..., "reason": ...} objects')
    return tuple(Waiver(_parse_body(w["rule"])[0], str(w.get("reason") or "").strip(), 0, length, (0, 0),
                        f"waivers[{i}]") for i, w in enumerate(value))


def _finding(rule: str, message: str, raw: str, waiver: Waiver) -> Violation:
    start, end = waiver.written
    line, column = _position(raw, start)
    return Violation(rule=rule, category="waiver", severity="warning", start=start, end=end, line=line,
                     column=column, match=raw[start:end], message=message,
                     suggestion="Give the reason after a colon: <!-- compliance-ignore RULE: why it is fine -->"
                     if rule == NO_REASON else "Remove the waiver", citation=_CITATION)


def apply_waivers(report: Report, waivers: Iterable[Waiver], raw: str, report_unused: bool = False) -> Report:
    """`report` with each finding that a waiver with a reason covers moved to `suppressed`
    (the first such waiver's reason), plus a finding for every waiver without a reason and,
    with `report_unused`, for every waiver that covered nothing. `raw` is the draft as
    written, where those findings point."""
    waivers = list(waivers)
    if not waivers or report.error is not None:
        return report
    kept, suppressed, used = [], list(report.suppressed), set()
    for v in report.violations:
        hit = next((i for i, w in enumerate(waivers) if w.reason and w.covers(v)), None)
        if hit is None:
            kept.append(v)
            continue
        used.add(hit)
        w = waivers[hit]
        suppressed.append(replace(v, suppression=Suppression("waiver", w.reason, w.source)))
    for i, w in enumerate(waivers):
        # A post's waiver has no place in its text to point at: its field index says which.
        names = (", ".join(w.rules) or "no rule") + (f" ({w.source})" if w.written == (0, 0) else "")
        if not w.reason:
            kept.append(_finding(NO_REASON, f"Waiver for {names} gives no reason, so it waives nothing", raw, w))
        elif report_unused and i not in used:
            kept.append(_finding(UNUSED, f"Waiver for {names} waives nothing here", raw, w))
    kept.sort(key=lambda v: (v.start, v.end, v.rule))
    return replace(report, violations=tuple(kept), suppressed=tuple(suppressed))
