"""Loaded rules: pack files are validated against the JSON Schema, checked for meaning
(citations, duplicate ids, regexes and patterns that compile) and turned into Rule values.

Every error names the file, line, column and, where there is one, the rule id.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import importlib.resources
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import jsonschema
import regex

from .errors import PackError
from .model import Condition, Policy, Rule, Section, Term
from .pack_files import MarkedDict, MarkedList, builtin_pack_files, expand_pack_paths, read_yaml

DEFAULT_SEVERITY = "warning"


@lru_cache(maxsize=1)
def pack_schema() -> dict[str, Any]:
    """The JSON Schema every pack file must satisfy (shipped as compliance/schema/pack.schema.json)."""
    text = importlib.resources.files("compliance").joinpath("schema/pack.schema.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Override:
    """A change a pack makes to rules of any pack: a new severity, or switching them off."""
    pattern: str
    severity: str | None
    enabled: bool | None
    where: tuple[str, int, int]


@dataclass(frozen=True)
class RuleSet:
    """Rules of every loaded pack after overrides; what pipelines are built from."""
    rules: tuple[Rule, ...]
    policies: dict[str, Policy]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _dates_to_text(node: Any) -> None:
    """YAML reads 2027-01-31 as a date; the schema speaks of strings, so turn them back."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dt.date, dt.datetime)):
                node[key] = value.isoformat()[:10]
            else:
                _dates_to_text(value)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, (dt.date, dt.datetime)):
                node[i] = value.isoformat()[:10]
            else:
                _dates_to_text(value)


class _Locator:
    """Finds the source position and enclosing rule id of a path into a pack's data."""

    def __init__(self, path: str, data: Any) -> None:
        self.path, self.data = path, data

    def position(self, keys: Sequence[Any], key_itself: bool = False) -> tuple[int, int]:
        node, mark = self.data, getattr(self.data, "mark", (1, 1))
        for i, key in enumerate(keys):
            last = i == len(keys) - 1
            if isinstance(node, MarkedDict) and key in node:
                marks = node.key_marks if (last and key_itself) else node.value_marks
                mark = marks.get(key, mark)
            elif isinstance(node, MarkedList) and isinstance(key, int) and key < len(node):
                mark = node.item_marks[key]
            else:
                break
            node = node[key]
        return mark

    def rule_id(self, keys: Sequence[Any]) -> str | None:
        if len(keys) >= 2 and keys[0] == "rules" and isinstance(keys[1], int):
            rules = self.data.get("rules") if isinstance(self.data, dict) else None
            if isinstance(rules, list) and keys[1] < len(rules) and isinstance(rules[keys[1]], dict):
                rid = rules[keys[1]].get("id")
                return rid if isinstance(rid, str) else None
        return None

    def error(self, message: str, keys: Sequence[Any], key_itself: bool = False) -> PackError:
        line, column = self.position(keys, key_itself)
        return PackError(message, self.path, line, column, self.rule_id(keys))


def _schema_error(err: jsonschema.ValidationError, loc: _Locator) -> PackError:
    keys = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        if extra:
            return loc.error(f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})",
                             keys + [extra[0]], key_itself=True)
    if err.validator == "oneOf" and keys[:1] == ["rules"] and len(keys) == 2:
        return loc.error("a rule needs exactly one of 'terms', 'patterns' or 'regex'", keys)
    if err.validator == "oneOf" and err.context:
        best = jsonschema.exceptions.best_match(err.context)
        return loc.error(best.message, keys + list(best.relative_path))
    where = "/".join(str(k) for k in keys) or "pack"
    return loc.error(f"{where}: {err.message}", keys)


def _compile_regex(pattern: str, loc: _Locator, keys: Sequence[Any]) -> regex.Pattern:
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise loc.error(f"regex does not compile: {exc}", keys) from None


def _check_patterns(patterns: list, loc: _Locator, keys: Sequence[Any]) -> None:
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    matcher = Matcher(Vocab(), validate=True)
    for i, pattern in enumerate(patterns):
        try:
            matcher.add("p", [pattern])
        except Exception as exc:  # spaCy raises MatchPatternError or ValueError
            lines = [l.strip() for l in str(exc).splitlines() if l.strip()]
            detail = [l for l in lines if l.startswith("- [")] or lines[:1]
            raise loc.error(f"invalid token pattern: {'; '.join(detail[:2])}", list(keys) + [i]) from None


def _check_term(term: str, loc: _Locator, keys: Sequence[Any]) -> None:
    for word in term.split():
        if "*" in word[:-1] or (word.endswith("*") and len(word.rstrip("*")) < 3):
            raise loc.error(f"term {term!r}: '*' may only end a word of at least 3 letters", keys)


def _langs(value: Any) -> tuple[str, ...] | None:
    if value is None or value == "any":
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def _policy(data: dict, pack_id: str) -> Policy:
    sections = {}
    for s in data["sections"]:
        translations = {lang: (t["title"], t.get("text", "")) for lang, t in s.get("translations", {}).items()}
        sections[s["id"]] = Section(id=s["id"], title=s["title"], text=s.get("text", "").strip(),
                                    url=s.get("url"), translations=translations)
    return Policy(id=data.get("id", pack_id), title=data["title"], url=data.get("url"),
                  sections=sections, translations=dict(data.get("translations", {})))


def _condition(data: dict | None) -> Condition | None:
    if not data:
        return None
    return Condition(terms=tuple(data.get("terms", ())), regex=data.get("regex"),
                     scope=data.get("scope", "sentence"))


@dataclass(frozen=True)
class _RawPack:
    id: str
    path: str
    data: MarkedDict
    loc: _Locator


def _read_pack(path: Path) -> _RawPack:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read pack: {exc}", str(path)) from None
    data = read_yaml(text, str(path))
    loc = _Locator(str(path), data)
    if not isinstance(data, dict):
        raise PackError("a pack must be a YAML mapping with a 'pack' key", str(path), 1, 1)
    _dates_to_text(data)
    errors = sorted(jsonschema.Draft202012Validator(pack_schema()).iter_errors(data),
                    key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
    if errors:
        deepest = max(errors, key=lambda e: len(list(e.absolute_path)))
        raise _schema_error(deepest, loc)
    return _RawPack(id=data["pack"], path=str(path), data=data, loc=loc)


def _rules_of(raw: _RawPack, policy: Policy, seen: dict[str, str]) -> list[Rule]:
    loc, data = raw.loc, raw.data
    pack_langs = _langs(data.get("lang"))
    rules = []
    for i, r in enumerate(data.get("rules", [])):
        keys = ["rules", i]
        if r["id"] in seen:
            raise loc.error(f"duplicate rule id {r['id']!r} (first defined at {seen[r['id']]})", keys + ["id"])
        line, column = loc.position(keys)
        seen[r["id"]] = f"{raw.path}:{line}:{column}"
        if r["cite"] not in policy.sections:
            raise loc.error(f"cites section {r['cite']!r}, which policy {policy.id!r} does not have "
                            f"(it has: {', '.join(sorted(policy.sections))})", keys + ["cite"])
        if "regex" in r:
            compiled = _compile_regex(r["regex"], loc, keys + ["regex"])
            group = r.get("group", 0)
            if (isinstance(group, int) and group > compiled.groups) or (
                    isinstance(group, str) and group not in compiled.groupindex):
                raise loc.error(f"regex has no group {group!r}", keys + ["group"])
        elif "validate" in r:
            raise loc.error("'validate' only goes with 'regex'", keys + ["validate"], key_itself=True)
        if "patterns" in r:
            _check_patterns(r["patterns"], loc, keys + ["patterns"])
        terms = []
        for j, t in enumerate(r.get("terms", [])):
            text, until = (t, None) if isinstance(t, str) else (t["term"], dt.date.fromisoformat(t["until"]) if "until" in t else None)
            _check_term(text, loc, keys + ["terms", j])
            terms.append(Term(text=text, until=until))
        for cond in ("unless", "requires"):
            if cond in r and "regex" in r[cond]:
                _compile_regex(r[cond]["regex"], loc, keys + [cond, "regex"])
        for j, pattern in enumerate(r.get("allow", [])):
            _compile_regex(pattern, loc, keys + ["allow", j])
        examples = r.get("examples", {})
        rules.append(Rule(
            id=r["id"], category=r["category"], severity=r.get("severity", DEFAULT_SEVERITY),
            message=r["message"], pack=raw.id, policy=policy, cite=r["cite"],
            langs=_langs(r["lang"]) if "lang" in r else pack_langs,
            suggestion=r.get("suggestion"), link=r.get("link"), terms=tuple(terms),
            patterns=tuple(r.get("patterns", ())), regex=r.get("regex"), group=r.get("group", 0),
            validate=r.get("validate"), exact=r.get("exact", False),
            unless=_condition(r.get("unless")), requires=_condition(r.get("requires")),
            allow=tuple(r.get("allow", ())),
            until=dt.date.fromisoformat(r["until"]) if "until" in r else None,
            examples_match=tuple(examples.get("match", ())), examples_ok=tuple(examples.get("ok", ())),
            source=f"{raw.path}:{line}:{column}"))
    return rules


def _policies_of(raws: list[_RawPack], base: dict[str, Policy] | None = None) -> dict[str, Policy]:
    """Policies the packs define, on top of `base`, then the translations they carry."""
    policies: dict[str, Policy] = {}
    for raw in raws:
        if isinstance(raw.data.get("policy"), dict) and "translates" not in raw.data:
            policy = _policy(raw.data["policy"], raw.id)
            if policy.id in policies:
                raise raw.loc.error(f"policy {policy.id!r} is defined twice", ["policy"])
            policies[policy.id] = policy
    policies = {**(base or {}), **policies}
    for raw in raws:
        if "translates" in raw.data:
            policies[raw.data["translates"]] = _translated(raw, policies)
    return policies


def _translated(raw: _RawPack, policies: dict[str, Policy]) -> Policy:
    """The policy that `raw` translates, with the translation added."""
    data, loc = raw.data, raw.loc
    target = policies.get(data["translates"])
    if target is None:
        raise loc.error(f"translates policy {data['translates']!r}, which no loaded pack carries", ["translates"])
    lang = data.get("lang")
    if not isinstance(lang, str) or not isinstance(data.get("policy"), dict) or data.get("rules"):
        raise loc.error("a translation pack needs one 'lang', a 'policy' mapping and no rules", [])
    sections = dict(target.sections)
    for i, s in enumerate(data["policy"]["sections"]):
        if s["id"] not in sections:
            raise loc.error(f"translates section {s['id']!r}, which policy {target.id!r} does not have",
                            ["policy", "sections", i, "id"])
        old = sections[s["id"]]
        sections[s["id"]] = replace(old, translations={**old.translations, lang: (s["title"], s.get("text", "").strip())})
    return replace(target, sections=sections, translations={**target.translations, lang: data["policy"]["title"]})


def load_rule_set(paths: Iterable[str | Path] = (), builtin: bool = True) -> RuleSet:
    """Load the built-in packs (unless `builtin` is False) and the packs at `paths`
    (files or folders), resolve policy references and apply every pack's overrides.

    Raises PackError naming file, line, column and rule id for anything that cannot load.
    """
    files = (builtin_pack_files() if builtin else []) + expand_pack_paths(paths)
    raws = [_read_pack(p) for p in files]
    defined = {r.data.get("policy", {}).get("id", r.id) for r in raws
               if isinstance(r.data.get("policy"), dict) and "translates" not in r.data}
    wanted = {r.data["policy"] for r in raws if isinstance(r.data.get("policy"), str)}
    wanted |= {r.data["translates"] for r in raws if "translates" in r.data}
    base: dict[str, Policy] = {}
    if not builtin and wanted - defined:
        # A pack may cite or translate the built-in model policy without the built-in rules.
        base = _policies_of([_read_pack(p) for p in builtin_pack_files()])
    policies = _policies_of(raws, base)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    overrides: list[Override] = []
    for raw in raws:
        ref = raw.data.get("policy")
        if raw.data.get("rules") and ref is None:
            raise raw.loc.error("a pack with rules needs a 'policy' (written out, or the id of one)", [])
        if isinstance(ref, str) and ref not in policies:
            raise raw.loc.error(f"no loaded pack carries policy {ref!r} "
                                f"(known: {', '.join(sorted(policies)) or 'none'})", ["policy"])
        if raw.data.get("rules"):
            policy = policies[ref] if isinstance(ref, str) else policies[ref.get("id", raw.id)]
            rules.extend(_rules_of(raw, policy, seen))
        for i, o in enumerate(raw.data.get("overrides", [])):
            line, column = raw.loc.position(["overrides", i])
            overrides.append(Override(o["rule"], o.get("severity"), o.get("enabled"), (raw.path, line, column)))
    return RuleSet(rules=tuple(_apply_overrides(rules, overrides)), policies=policies)


def _apply_overrides(rules: list[Rule], overrides: list[Override]) -> list[Rule]:
    for o in overrides:
        hit = [r for r in rules if fnmatch.fnmatchcase(r.id, o.pattern)]
        if not hit:
            raise PackError(f"override names rule {o.pattern!r}, which no loaded pack defines", *o.where)
        if o.enabled is False:
            rules = [r for r in rules if r not in hit]
        elif o.severity:
            rules = [replace(r, severity=o.severity) if r in hit else r for r in rules]
    return rules
