"""Values that flow through the checker: policies, rules, rule sets, violations, reports.

All are frozen dataclasses, so they can be shared between threads and processes. Each value
that is saved (a rule set inside a pipeline, a violation on a Doc) owns its encoding as
plain JSON data and its decoding back, and the loader decodes pack files through the same
`Rule.from_dict`, so there is one decoder of rules.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import regex

from .errors import InputError, Where
from .metadata import Metadata, When, metadata_from

if TYPE_CHECKING:  # pragma: no cover
    from .matchers.base import Spec

SEVERITIES = ("info", "warning", "error")
BUILTIN_CATEGORIES = ("profanity", "insult", "confidential", "personal-data",
                      "unverified-claim", "taboo-topic")
# The regulated packs' categories, beside the six of the model policy.
REGULATED_CATEGORIES = ("financial-promotion", "endorsement-disclosure", "health-claim")
DEFAULT_SEVERITY = "warning"
# What a finding makes the publishing process do, and the severity each action carries:
# `require_approval` fails the check, as `block` does, until an approver signs the draft off.
ACTIONS = {"block": "error", "require_approval": "error", "warn": "warning", "info": "info"}
DEFAULT_ACTIONS = {"error": "block", "warning": "warn", "info": "info"}
SCOPES = ("sentence", "post")


class PlainPickle:
    """Pickles a frozen value without what its cached properties computed (compiled patterns,
    indexes), which rebuild on first use after loading; what is pickled is the plain data."""

    def __getstate__(self) -> dict[str, Any]:
        lazy = {name for cls in type(self).__mro__ for name, value in vars(cls).items()
                if isinstance(value, cached_property)}
        return {k: v for k, v in self.__dict__.items() if k not in lazy}


def severity_rank(severity: str) -> int:
    """0 for info, 1 for warning, 2 for error."""
    return SEVERITIES.index(severity)


def compile_pattern(pattern: str, where: Where, *keys: Any, flags: int = 0) -> regex.Pattern:
    """`pattern` compiled with the regex module; a PackError at `keys` when it does not compile."""
    try:
        return regex.compile(pattern, flags | regex.V0)
    except regex.error as exc:
        raise where.error(f"regex does not compile: {exc}", *keys) from None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "text": self.text, "url": self.url,
                "translations": {k: {"title": t, "text": x} for k, (t, x) in self.translations.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Section":
        """A section from pack data (`id`, `title`, optional `text`, `url`, `translations`)."""
        translations = {lang: (t["title"], t.get("text", "").strip())
                        for lang, t in data.get("translations", {}).items()}
        return cls(id=data["id"], title=data["title"], text=data.get("text", "").strip(),
                   url=data.get("url"), translations=translations)


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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url,
                "translations": dict(self.translations),
                "sections": [s.to_dict() for s in self.sections.values()]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], default_id: str | None = None) -> "Policy":
        """A policy from pack data; its id is `default_id` (the pack's) when the data has none."""
        sections = {s["id"]: Section.from_dict(s) for s in data["sections"]}
        return cls(id=data.get("id", default_id), title=data["title"], url=data.get("url"),
                   sections=sections, translations=dict(data.get("translations", {})))


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Citation":
        return cls(data["pack"], data["policy"], data["section"], data["title"], data.get("url"))


@dataclass(frozen=True)
class Condition(PlainPickle):
    """What is looked for around a match: words, a pattern, or a sense of the match itself
    (`negated`: in the scope of a negation; `quoted`: in quotation marks or mentioned as
    wording a rule is about). `unless` drops the match when any is found, `requires` when
    none is. `scope` is where words and patterns are looked for: "near" (three words either side
    of the match, within its sentence), "sentence" or "post"."""
    terms: tuple[str, ...] = ()
    regex: str | None = None
    scope: str = "sentence"
    negated: bool = False
    quoted: bool = False
    within: int | None = None   # with scope "near": this many words either side, not three

    @cached_property
    def compiled(self) -> regex.Pattern | None:
        return regex.compile(self.regex, regex.V0) if self.regex else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scope": self.scope}
        if self.terms:
            out["terms"] = list(self.terms)
        if self.regex:
            out["regex"] = self.regex
        for sense in ("negated", "quoted"):
            if getattr(self, sense):
                out[sense] = True
        if self.within is not None:
            out["within"] = self.within
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, where: Where) -> "Condition | None":
        if not data:
            return None
        within = data.get("within")
        scope = data.get("scope", "near" if within is not None else "sentence")
        if within is not None and scope != "near":
            raise where.error(f"'within' counts words around the match, so it goes with scope 'near', not {scope!r}",
                              "within")
        condition = cls(terms=tuple(data.get("terms", ())), regex=data.get("regex"), scope=scope,
                        negated=data.get("negated", False), quoted=data.get("quoted", False), within=within)
        if condition.regex:
            # Compiled now, so a bad pattern stops the load and the pipeline reuses this object.
            condition.__dict__["compiled"] = compile_pattern(condition.regex, where, "regex")
        return condition


@dataclass(frozen=True)
class Example:
    """A rule's example post: its text and the metadata it is published with."""
    text: str
    metadata: Metadata = Metadata()

    def to_data(self) -> str | dict[str, Any]:
        return {"text": self.text, **self.metadata.to_dict()} if self.metadata.to_dict() else self.text

    @classmethod
    def from_data(cls, data: str | Mapping[str, Any], where: Where) -> "Example":
        if isinstance(data, str):
            return cls(data)
        try:
            return cls(data["text"], metadata_from(data))
        except InputError as exc:
            raise where.error(f"example: {exc}") from None


@dataclass(frozen=True)
class Rule(PlainPickle):
    """One check: a matcher (`matcher.kind` is "terms", "patterns", "regex" or a kind a plug-in
    registers) plus what every kind shares: conditions, allow list, embargo, citation."""
    id: str
    category: str
    severity: str
    message: str
    pack: str
    policy: Policy
    cite: str
    matcher: "Spec"
    langs: tuple[str, ...] | None = None          # None: every language
    suggestion: str | None = None
    link: str | None = None
    exact: bool = False                           # opt out of normalisation
    fallback: tuple[str, ...] = ()                # categories another rule's finding of silences this one
    unless: Condition | None = None
    requires: Condition | None = None
    allow: tuple[str, ...] = ()                   # regexes; a fully matching span is never flagged
    until: dt.date | None = None                  # from this date on the rule no longer applies
    examples_match: tuple[Example, ...] = ()
    examples_ok: tuple[Example, ...] = ()
    source: str | None = None                     # "file:line:column" of the rule, for messages
    when: When | None = None                      # the post metadata the rule applies to
    action: str | None = None                     # as the pack gives it; see `effective_action`

    @property
    def effective_action(self) -> str:
        """The rule's action: the pack's, unless an override changed the severity it carries."""
        if self.action is not None and ACTIONS[self.action] == self.severity:
            return self.action
        return DEFAULT_ACTIONS[self.severity]

    def applies_when(self, metadata: Metadata) -> bool:
        """Whether a post with `metadata` is one the rule is about."""
        return self.when is None or self.when.holds(metadata)

    @property
    def kind(self) -> str:
        return self.matcher.kind

    def applies_to(self, lang: str) -> bool:
        return self.langs is None or lang in self.langs

    def live_on(self, day: dt.date) -> bool:
        """False once the rule's `until` date has come."""
        return self.until is None or day < self.until

    @cached_property
    def allow_patterns(self) -> tuple[regex.Pattern, ...]:
        return tuple(regex.compile(a, regex.IGNORECASE | regex.V0) for a in self.allow)

    def citation(self, lang: str | None = None) -> Citation:
        section = self.policy.sections[self.cite]
        title, _ = section.localized(lang)
        return Citation(pack=self.pack, policy=self.policy.localized_title(lang), section=self.cite,
                        title=title, url=section.url or self.policy.url)

    def to_dict(self) -> dict[str, Any]:
        """The rule in the pack format, every default spelled out, its policy named by id."""
        out: dict[str, Any] = {
            "id": self.id, "category": self.category, "severity": self.severity,
            "message": self.message, "cite": self.cite, "pack": self.pack, "policy": self.policy.id,
            "lang": list(self.langs) if self.langs is not None else None,
            "suggestion": self.suggestion, "link": self.link, "exact": self.exact,
            "fallback": list(self.fallback), "allow": list(self.allow), "until": self.until.isoformat() if self.until else None,
            "examples": {"match": [e.to_data() for e in self.examples_match],
                         "ok": [e.to_data() for e in self.examples_ok]},
            "source": self.source,
        }
        if self.action is not None:
            out["action"] = self.action
        if self.when is not None:
            out["when"] = self.when.to_data()
        for name in ("unless", "requires"):
            condition = getattr(self, name)
            if condition is not None:
                out[name] = condition.to_dict()
        out.update(self.matcher.to_dict())
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], policy: Policy, where: Where) -> "Rule":
        """A rule from pack-format data whose `pack`, `severity`, `lang` and `source` are
        resolved (see `to_dict`). Compiles the matcher and every regex now; errors name `where`."""
        from .matchers import kind_of

        if data["cite"] not in policy.sections:
            raise where.error(f"cites section {data['cite']!r}, which policy {policy.id!r} does not have "
                              f"(it has: {', '.join(sorted(policy.sections))})", "cite")
        kind = kind_of(data, where)
        spec = kind.compile(data, where)
        for i, pattern in enumerate(data.get("allow", ())):
            compile_pattern(pattern, where, "allow", i, flags=regex.IGNORECASE)
        lang = data.get("lang")
        examples = data.get("examples", {})
        action, severity = data.get("action"), data.get("severity", DEFAULT_SEVERITY)
        if action is not None and ACTIONS[action] != severity:
            raise where.error(f"action {action!r} carries severity {ACTIONS[action]!r}, not {severity!r} "
                              "(give one of the two)", "action")
        return cls(
            id=data["id"], category=data["category"], severity=severity,
            message=data["message"], pack=data["pack"], policy=policy, cite=data["cite"], matcher=spec,
            langs=None if lang is None else ((lang,) if isinstance(lang, str) else tuple(lang)),
            suggestion=data.get("suggestion"), link=data.get("link"), exact=data.get("exact", False),
            fallback=_fallback(data.get("fallback"), data["category"]), unless=Condition.from_dict(data.get("unless"), where.at("unless")),
            requires=Condition.from_dict(data.get("requires"), where.at("requires")),
            allow=tuple(data.get("allow", ())), until=_date(data.get("until")),
            examples_match=tuple(Example.from_data(e, where.at("examples", "match", i))
                                 for i, e in enumerate(examples.get("match", ()))),
            examples_ok=tuple(Example.from_data(e, where.at("examples", "ok", i))
                              for i, e in enumerate(examples.get("ok", ()))),
            source=data.get("source"), when=When.from_data(data.get("when"), where.at("when")), action=action)


ANY_CATEGORY = "*"  # in a rule's `fallback`: a finding of any category silences it


def _fallback(value: bool | str | list[str] | None, category: str) -> tuple[str, ...]:
    """A rule's `fallback` as the categories that silence it: its own always, and those listed
    (`any`: every category, written ANY_CATEGORY)."""
    if not value:
        return ()
    listed = [ANY_CATEGORY] if value == "any" else value if isinstance(value, list) else []
    return tuple(dict.fromkeys([category, *listed]))


@dataclass(frozen=True)
class RuleSet(PlainPickle):
    """Rules of every loaded pack after overrides, and the policies they cite; what
    pipelines are built from. Saved as the policies once and the rules naming them by id."""
    rules: tuple[Rule, ...]
    policies: Mapping[str, Policy]
    # A digest of the pack files and engine the rules were loaded from (None when made in
    # code), under which data derived from the rules alone may be cached.
    fingerprint: str | None = field(default=None, compare=False)

    def rule(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    @cached_property
    def _by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def fallbacks(self) -> Mapping[str, tuple[str, ...]]:
        """Each fallback rule's id and the categories whose finding by another rule silences it."""
        return {r.id: r.fallback for r in self.rules if r.fallback}

    def for_lang(self, lang: str) -> tuple[Rule, ...]:
        """The rules that apply to posts in `lang`."""
        return tuple(r for r in self.rules if r.applies_to(lang))

    def policies_to_list(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self.policies.values()]

    def rules_to_list(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.rules]

    @classmethod
    def from_lists(cls, policies: Iterable[Mapping[str, Any]], rules: Iterable[Mapping[str, Any]],
                   source: str = "<rules>") -> "RuleSet":
        """The inverse of `policies_to_list` and `rules_to_list`. Raises PackError naming
        `source` and the rule's position in the list for data that does not decode."""
        known = {p["id"]: Policy.from_dict(p) for p in policies}
        decoded = []
        for i, data in enumerate(rules):
            where = Where(source, lambda keys, _k, i=i: (i + 1, 1), rule=data.get("id"))
            policy = known.get(data.get("policy"))
            if policy is None:
                raise where.error(f"names policy {data.get('policy')!r}, which is not saved with it")
            decoded.append(Rule.from_dict(data, policy, where))
        return cls(tuple(decoded), known)

    def to_dict(self) -> dict[str, Any]:
        return {"policies": self.policies_to_list(), "rules": self.rules_to_list()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<rules>") -> "RuleSet":
        return cls.from_lists(data["policies"], data["rules"], source)


SUPPRESSION_KINDS = ("waiver", "baseline", "approval")


@dataclass(frozen=True)
class Suppression:
    """Why a finding does not count against a draft: a `waiver` written in the draft or its
    post (with the author's reason), an entry of the project's `baseline` of accepted
    findings, or an `approval` of the draft's content in the audit record. `source` is where
    it was written ("path:line:column", the baseline file, or the approval record's id)."""
    kind: str
    reason: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "reason": self.reason, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Suppression":
        return cls(kind=data["kind"], reason=data["reason"], source=data.get("source"))


@dataclass(frozen=True)
class Violation:
    """A span of the original text that breaks a rule. `match == text[start:end]`;
    `line` and `column` are 1-based and point at `start`. `suppression` is set on a finding
    that a waiver or the baseline accepts (such findings are in `Report.suppressed`)."""
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
    suppression: Suppression | None = None
    action: str | None = None   # None: the one its severity carries by default

    @property
    def effective_action(self) -> str:
        """What the finding makes the publishing process do (see ACTIONS)."""
        return self.action or DEFAULT_ACTIONS[self.severity]

    def to_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "category": self.category, "severity": self.severity,
               "action": self.effective_action,
               "start": self.start, "end": self.end, "line": self.line, "column": self.column,
               "match": self.match, "message": self.message, "suggestion": self.suggestion,
               "citation": self.citation.to_dict()}
        if self.suppression is not None:
            out["suppression"] = self.suppression.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Violation":
        suppression = data.get("suppression")
        return cls(rule=data["rule"], category=data["category"], severity=data["severity"],
                   start=data["start"], end=data["end"], line=data["line"], column=data["column"],
                   match=data["match"], message=data["message"], suggestion=data.get("suggestion"),
                   citation=Citation.from_dict(data["citation"]),
                   suppression=Suppression.from_dict(suppression) if suppression else None,
                   action=data.get("action"))


@dataclass(frozen=True)
class Report:
    """The outcome of checking one post. `ok` is True when nothing is at `fail_on` or above
    and the post could be checked. `coverage` says what was not checked (a language without
    packs); `error` is set, and nothing was checked, when the post itself was unusable.
    `suppressed` holds the findings that waivers or the baseline accept: reported, never
    counted against `ok`."""
    text: str
    lang: str
    violations: tuple[Violation, ...]
    id: Any = None
    metadata: Metadata = Metadata()   # what the post was checked as being published with
    fail_on: str = "warning"
    coverage: str | None = None
    error: str | None = None
    suppressed: tuple[Violation, ...] = ()

    @property
    def channel(self) -> str | None:
        return self.metadata.channel

    @property
    def failing(self) -> tuple[Violation, ...]:
        """The findings at `fail_on` or above."""
        threshold = severity_rank(self.fail_on)
        return tuple(v for v in self.violations if severity_rank(v.severity) >= threshold)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failing

    @property
    def needs_approval(self) -> bool:
        """True when the post fails only on findings that an approval can clear."""
        failing = self.failing
        return self.error is None and bool(failing) and all(v.effective_action == "require_approval" for v in failing)

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"id": self.id, "error": self.error}
        out = {"id": self.id, "lang": self.lang, "violations": [v.to_dict() for v in self.violations]}
        if self.coverage:
            out["coverage"] = self.coverage
        if self.suppressed:
            out["suppressed"] = [v.to_dict() for v in self.suppressed]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], text: str, *, metadata: Metadata = Metadata(),
                  fail_on: str = "warning") -> "Report":
        """The report that `to_dict()` gave `data` for the post `text` (a report object, as a
        batch output line holds it), so a check made in another process can be used where
        its line arrives."""
        return cls(text=text, lang=data["lang"], id=data.get("id"), metadata=metadata, fail_on=fail_on,
                   coverage=data.get("coverage"), violations=tuple(map(Violation.from_dict, data["violations"])),
                   suppressed=tuple(map(Violation.from_dict, data.get("suppressed", ()))))

