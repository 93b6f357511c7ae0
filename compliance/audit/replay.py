"""Replay: a recorded check evaluated again with the rule set it used (archived under its
content hash) on the day it was made, and what differs from what was recorded, so an old
decision can be explained after the packs have changed.

Only a record that kept the post's text can be replayed. What is compared is what the rules
found: every finding, counted or accepted. Whether a finding was accepted is shown but not
compared, because baselines, approvals and a batch post's own waivers lived outside the
text and the rule set; waivers written in the draft apply again, as they did.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..checker import Checker
from ..documents import read_draft
from ..errors import ComplianceError
from ..findings.waivers import UNUSED, apply_waivers
from ..metadata import metadata_from
from .records import AuditError, AuditLog, read_records, record_day, record_hash

# What a finding is, for the comparison: where it is and which rule found it ...
_KEY = ("rule", "start", "end")
# ... and what the rule said about it.
_FIELDS = ("category", "severity", "match", "message", "suggestion", "citation", "line", "column")
# `apply_approvals` appends to a finding's message what approval it still needs; approvals
# are not part of the rule set, so a recorded message with such a note matches the bare one.
_APPROVAL_NOTE = " — "


class ReplayRefused(AuditError):
    """The record cannot be replayed: not a check, its check failed, or it kept no text."""


def find_record(folder: str | Path, record_id: str) -> dict[str, Any]:
    """The record of `folder` whose id is `record_id` or starts with it (when only one
    does); AuditError otherwise."""
    found = [r for _, _, r in read_records(folder) if str(r.get("id", "")).startswith(record_id)]
    exact = [r for r in found if r.get("id") == record_id]
    if exact or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise AuditError(f"{folder}: no record {record_id!r}")
    raise AuditError(f"{folder}: {len(found)} records have ids starting {record_id!r}; give more of the id")


@dataclass(frozen=True)
class Difference:
    """One finding that differs: `recorded` only ("missing": the replay does not find it),
    `replayed` only ("new"), or both with the `fields` that differ ("changed")."""
    kind: str
    recorded: Mapping[str, Any] | None
    replayed: Mapping[str, Any] | None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Replay:
    """The outcome of replaying `record`: the findings found again (counted and accepted),
    the differences from the recorded ones, and whether the archived rule set still has the
    content hash it is filed under (False: it was changed after the check). Identical
    means the same findings from the rule set as archived."""
    record: Mapping[str, Any]
    findings: tuple[Mapping[str, Any], ...]
    differences: tuple[Difference, ...]
    rule_set_intact: bool

    @property
    def identical(self) -> bool:
        return not self.differences and self.rule_set_intact


def _same(field: str, recorded: Any, replayed: Any) -> bool:
    if field == "message" and isinstance(recorded, str) and isinstance(replayed, str):
        return recorded == replayed or recorded.startswith(replayed + _APPROVAL_NOTE)
    return recorded == replayed


def compare(recorded: list[Mapping[str, Any]], replayed: list[Mapping[str, Any]]) -> tuple[Difference, ...]:
    """The differences between two lists of findings (as `Violation.to_dict` writes them),
    matched by rule and span, in the order of the text."""
    def by_key(findings: list[Mapping[str, Any]]) -> dict[tuple, list[Mapping[str, Any]]]:
        out: dict[tuple, list[Mapping[str, Any]]] = {}
        for f in findings:
            out.setdefault(tuple(f[k] for k in _KEY), []).append(f)
        return out

    before, after = by_key(recorded), by_key(replayed)
    differences: list[tuple[tuple, Difference]] = []
    for key in {**before, **after}:
        old, new = before.get(key, []), after.get(key, [])
        for a, b in zip(old, new):
            fields = tuple(f for f in _FIELDS if not _same(f, a.get(f), b.get(f)))
            if fields:
                differences.append((key, Difference("changed", a, b, fields)))
        differences.extend((key, Difference("missing", a, None)) for a in old[len(new):])
        differences.extend((key, Difference("new", None, b)) for b in new[len(old):])
    return tuple(d for _, d in sorted(differences, key=lambda kd: (kd[0][1], kd[0][2], kd[0][0])))


def replay(folder: str | Path, record_id: str) -> Replay:
    """Replay the check record `record_id` of `folder` (see the module's docstring).
    ReplayRefused for a record that cannot be replayed; AuditError when the record or its
    rule set cannot be read."""
    record = find_record(folder, record_id)
    if record.get("kind") != "check":
        raise ReplayRefused(f"record {record['id']} is an {record.get('kind')} record, not a check")
    if record.get("hash") != record_hash(record):
        raise ReplayRefused(f"record {record['id']} was changed after it was written (its hash does not "
                            "match); run `compliance audit verify`")
    if "error" in record:
        raise ReplayRefused(f"record {record['id']}: the post could not be checked ({record['error']}); "
                            "nothing to replay")
    if "text" not in record:
        raise ReplayRefused(f"record {record['id']} kept only the post's hash, not its text (the "
                            "configuration did not ask for it), so it cannot be replayed")
    log = AuditLog(folder)
    digest = record["rule_set_sha256"]
    rule_set = log.rule_set(digest)
    archived = hashlib.sha256((log.folder / "rulesets" / f"{digest}.json").read_bytes()).hexdigest()
    text, metadata = record["text"], record.get("metadata") or {}
    checker = Checker(rule_set, fail_on=record["fail_on"], today=record_day(record))
    recorded = [*record.get("findings", ()), *record.get("suppressed", ())]
    try:
        # Published as the record says: the metadata the check saw, front matter and options alike.
        publishing = metadata_from(metadata.get("published") or {"channel": metadata.get("channel")})
        if metadata.get("command") == "scan":
            # A batch post is checked as it is: no front matter, no Markdown, its waivers a field of its own.
            body, given, waivers = text, None, ()
        else:  # a draft, read as the check read it: Markdown and front matter by its name
            draft = read_draft(text, str(metadata.get("path") or "<record>"))
            body, given, waivers = draft.text, draft.lang, draft.waivers
        # Whether the language was given (--lang, the configuration) or detected is not
        # recorded: detect it as the check did, and when that is not the language recorded,
        # the check was given it.
        report = checker.check_document(body, lang=given, **publishing.to_dict())
        if record["lang"] and report.lang != record["lang"]:
            report = checker.check_document(body, lang=record["lang"], **publishing.to_dict())
        # The record does not keep the report-unused-waivers setting, but with the same rules
        # the same waivers go unused: it was on exactly when the record shows an unused waiver.
        report = apply_waivers(report, waivers, text, any(f["rule"] == UNUSED for f in recorded))
    except ComplianceError as exc:
        raise AuditError(f"record {record['id']}: cannot replay: {exc}") from None
    findings = [v.to_dict() for v in (*report.violations, *report.suppressed)]
    return Replay(record, tuple(findings), compare(recorded, findings), archived == digest)


def _finding(f: Mapping[str, Any]) -> str:
    citation = f.get("citation") or {}
    accepted = f.get("suppression")
    note = f" (accepted: {accepted['kind']}: {accepted['reason']})" if accepted else ""
    return (f"{f['rule']} {f['line']}:{f['column']} {f.get('match')!r} [{f['severity']}] {f['message']} "
            f"— {citation.get('policy')} §{citation.get('section')} {citation.get('title')}{note}")


def describe(result: Replay) -> list[str]:
    """The differences of `result` as lines for people: `-` recorded but not found again,
    `+` found again but not recorded, `~` found with other details."""
    lines = []
    if not result.rule_set_intact:
        lines.append(f"warning: the archived rule set {result.record['rule_set_sha256']} no longer has that "
                     "content hash: it was changed after the check")
    for d in result.differences:
        if d.kind == "missing":
            lines.append(f"- {_finding(d.recorded)}")
        elif d.kind == "new":
            lines.append(f"+ {_finding(d.replayed)}")
        else:
            lines.append(f"~ {d.recorded['rule']} {d.recorded['line']}:{d.recorded['column']}: " + "; ".join(
                f"{field} {d.recorded.get(field)!r} -> {d.replayed.get(field)!r}" for field in d.fields))
    return lines
