"""Values that flow through the checker: policy sections, rules, violations, reports.

All are frozen dataclasses so they can be shared between threads and cached freely.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

SEVERITIES = ("info", "warning", "error")
BUILTIN_CATEGORIES = ("profanity", "insult", "confidential", "personal-data",
                      "unverified-claim", "taboo-topic")


def severity_rank(severity: str) -> int:
    """0 for info, 1 for warning, 2 for error."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Section:
    """One section of a policy: what rules cite. `translations` maps a language to (title, text)."""
    id: str
    title: str
    text: str = ""
    url: str | None = None
    translations: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def localized(self, lang: str | None) -> tuple[str, str]:
        """(title, text) in `lang` when the policy carries a translation, else the original."""
        return self.translations.get(lang or "", (self.title, self.text))


@dataclass(frozen=True)
class Policy:
    """A policy document a pack carries, identified by `id` (the defining pack's id by default)."""
    id: str
    title: str
    url: str | None
    sections: Mapping[str, Section]
    translations: Mapping[str, str] = field(default_factory=dict)

    def localized_title(self, lang: str | None) -> str:
        return self.translations.get(lang or "", self.title)


@dataclass(frozen=True)
class Citation:
    """Where a violation's rule comes from: the pack and the policy section it cites."""
    pack: str
    policy: str
    section: str
    title: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"pack": self.pack, "policy": self.policy, "section": self.section,
                "title": self.title, "url": self.url}


@dataclass(frozen=True)
class Condition:
    """Words or a pattern looked for around a match: `unless` drops the match when found,
    `requires` drops it when not found. `scope` is "sentence" or "post"."""
    terms: tuple[str, ...] = ()
    regex: str | None = None
    scope: str = "sentence"


@dataclass(frozen=True)
class Term:
    """One entry of a rule's `terms`: a word or phrase, `stem*` for any ending, optional expiry."""
    text: str
    until: _dt.date | None = None


@dataclass(frozen=True)
class Rule:
    """One check. Exactly one matcher kind is set: `terms`, `patterns` or `regex`."""
    id: str
    category: str
    severity: str
    message: str
    pack: str
    policy: Policy
    cite: str
    langs: tuple[str, ...] | None = None          # None: every language
    suggestion: str | None = None
    link: str | None = None
    terms: tuple[Term, ...] = ()
    patterns: tuple[Any, ...] = ()               # spaCy Matcher patterns (lists of dicts)
    regex: str | None = None
    group: int | str = 0                          # which regex group is the reported span
    validate: str | None = None                  # checksum validator name, regex rules only
    exact: bool = False                          # opt out of normalisation
    unless: Condition | None = None
    requires: Condition | None = None
    allow: tuple[str, ...] = ()                  # regexes; a fully matching span is never flagged
    until: _dt.date | None = None
    examples_match: tuple[str, ...] = ()
    examples_ok: tuple[str, ...] = ()
    source: str | None = None                    # "file:line:column" of the rule, for messages

    @property
    def kind(self) -> str:
        return "terms" if self.terms else "patterns" if self.patterns else "regex"

    def applies_to(self, lang: str) -> bool:
        return self.langs is None or lang in self.langs

    def citation(self, lang: str | None = None) -> Citation:
        section = self.policy.sections[self.cite]
        title, _ = section.localized(lang)
        return Citation(pack=self.pack, policy=self.policy.localized_title(lang), section=self.cite,
                        title=title, url=section.url or self.policy.url)


@dataclass(frozen=True)
class Violation:
    """A span of the original text that breaks a rule. `match == text[start:end]`;
    `line` and `column` are 1-based and point at `start`."""
    rule: str
    category: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    match: str
    message: str
    suggestion: str | None
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "category": self.category, "severity": self.severity,
                "start": self.start, "end": self.end, "line": self.line, "column": self.column,
                "match": self.match, "message": self.message, "suggestion": self.suggestion,
                "citation": self.citation.to_dict()}


@dataclass(frozen=True)
class Report:
    """The outcome of checking one post. `ok` is True when nothing is at `fail_on` or above."""
    text: str
    lang: str
    violations: tuple[Violation, ...]
    id: Any = None
    channel: str | None = None
    fail_on: str = "warning"

    @property
    def ok(self) -> bool:
        threshold = severity_rank(self.fail_on)
        return all(severity_rank(v.severity) < threshold for v in self.violations)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "lang": self.lang,
                "violations": [v.to_dict() for v in self.violations]}
