"""SARIF 2.1.0 output, as GitHub code scanning reads it: one log with one run, every rule of
the rule set in the driver, one result per finding; a finding that a waiver or the baseline
accepts is a result with its suppression.

Columns are UTF-16 code units (SARIF's default `columnKind`, and what GitHub assumes), so an
emoji before a match counts 2; lines are split at "\\n", as the checker counts them."""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from .. import __version__
from ..model import Report, Rule, RuleSet, Violation
from .places import cited_message, display_path, names_file, position

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "post-compliance"
FINGERPRINT = "complianceFinding/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"waiver": "inSource", "baseline": "external", "approval": "external"}
def describe(template: str) -> str:
    """A rule's message or suggestion without a match to fill in: "{match}" becomes "…"."""
    return template.replace("{match}", "…")


def rule_name(rule_id: str) -> str:
    """`en.profanity.strong` as `EnProfanityStrong`: SARIF's readable name for a rule."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[\W_]+", rule_id))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """The SARIF reportingDescriptor of `rule`: its message as the short description, the
    cited policy section as the full description and help."""
    section = rule.policy.sections[rule.cite]
    citation = rule.citation()
    help_text = f"{citation.policy} §{rule.cite} {section.title}"
    if section.text:
        help_text += f"\n\n{section.text}"
    if rule.suggestion:
        help_text += f"\n\nSuggestion: {describe(rule.suggestion)}"
    out: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": describe(rule.message)},
        "fullDescription": {"text": f"{section.title}: {section.text}" if section.text else section.title},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "pack": rule.pack, "tags": ["compliance", rule.category]},
    }
    if citation.url:
        out["helpUri"] = citation.url
    return out


def artifact_location(path: str | None) -> dict[str, Any]:
    """Where SARIF finds the file at `path`. A relative path that stays inside the current
    directory becomes a percent-encoded URI relative to %SRCROOT% (the current directory);
    any other path a file:// URI; standard input and posts, which are no file, their
    display name percent-encoded, with no base."""
    if not names_file(path):
        return {"uri": quote(display_path(path))}
    if not os.path.isabs(path):
        relative = Path(os.path.normpath(path)).as_posix()
        if relative != ".." and not relative.startswith("../"):
            return {"uri": quote(relative), "uriBaseId": SRCROOT}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def fingerprint(rule_id: str, text: str, v: Violation) -> str:
    """A sha256 over the rule id and the lines the finding spans, whitespace collapsed: the
    same while the rule and those lines are, wherever the lines move, and the matched text
    never in clear."""
    first = text.rfind("\n", 0, v.start) + 1
    last = text.find("\n", v.end)
    context = " ".join(text[first:len(text) if last < 0 else last].split())
    return hashlib.sha256(f"{rule_id}\0{context}".encode("utf-8", "surrogatepass")).hexdigest()


class SarifFormatter:
    """One SARIF log for the whole run, written when it ends."""
    name = "sarif"

    def __init__(self, stream: IO[str], *, colour: bool = False) -> None:
        self.stream = stream

    def begin(self, rule_set: RuleSet) -> None:
        self.rules = [rule_descriptor(r) for r in rule_set.rules]
        self.rule_index = {r.id: i for i, r in enumerate(rule_set.rules)}
        self.results: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []

    def add(self, path: str | None, text: str, report: Report) -> None:
        location = artifact_location(path)
        if report.coverage:
            self.notes.append({"level": "note", "message": {"text": report.coverage},
                               "locations": [{"physicalLocation": {"artifactLocation": location}}]})
        seen: dict[str, int] = {}
        # Counted over accepted findings too, so waiving one leaves the others' fingerprints.
        for v in sorted(report.violations + report.suppressed, key=lambda v: (v.start, v.end, v.rule)):
            digest = fingerprint(v.rule, text, v)
            seen[digest] = seen.get(digest, 0) + 1
            self.results.append(self.result(location, text, v, f"{digest}:{seen[digest]}"))

    def result(self, location: dict[str, Any], text: str, v: Violation, partial_fingerprint: str) -> dict[str, Any]:
        """The SARIF result of finding `v` in `text`, its region in UTF-16 columns, end exclusive."""
        start_line, start_column = position(text, v.start)
        end_line, end_column = position(text, v.end)
        out: dict[str, Any] = {"ruleId": v.rule}
        if v.rule in self.rule_index:
            out["ruleIndex"] = self.rule_index[v.rule]
        out.update({
            "level": LEVELS[v.severity],
            "message": {"text": cited_message(v)},
            "locations": [{"physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": start_line, "startColumn": start_column,
                           "endLine": end_line, "endColumn": end_column}}}],
            "partialFingerprints": {FINGERPRINT: partial_fingerprint},
            "properties": {"category": v.category, "action": v.effective_action},
        })
        if v.suggestion:
            out["properties"]["suggestion"] = v.suggestion
        if v.suppression is not None:
            suppression: dict[str, Any] = {"kind": SUPPRESSION_KINDS[v.suppression.kind], "status": "accepted",
                                           "justification": v.suppression.reason}
            if v.suppression.source:
                suppression["properties"] = {"source": v.suppression.source}
            out["suppressions"] = [suppression]
        return out

    def log(self) -> dict[str, Any]:
        """The SARIF log of everything added so far."""
        run: dict[str, Any] = {
            "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
                                "rules": self.rules}},
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "utf16CodeUnits",
            "results": self.results,
        }
        if self.notes:
            run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": self.notes}]
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def end(self) -> None:
        log = self.log()
        try:
            out = json.dumps(log, indent=2, ensure_ascii=False)
            out.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate is not UTF-8; as a \u escape it is still valid JSON.
            out = json.dumps(log, indent=2)
        self.stream.write(out + "\n")
        self.stream.flush()
