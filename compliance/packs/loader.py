"""Loaded rules: pack files are validated against the JSON Schema, checked for meaning
(citations, duplicate ids, matchers and regexes that compile) and decoded into Rules by
`Rule.from_dict`; policies, translations and overrides are resolved into one RuleSet.

Every error names the file, line, column and, where there is one, the rule id.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import itertools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..errors import PackError, Where
from ..matchers import _names as _kind_names
from ..model import ACTIONS, DEFAULT_SEVERITY, Policy, Rule, RuleSet
from .cache import cached
from .files import MarkedDict, MarkedList, builtin_pack_files, expand_pack_paths, read_pack_text, read_yaml
from .schema import pack_schema

if TYPE_CHECKING:  # pragma: no cover
    import jsonschema


@dataclass(frozen=True)
class Override:
    """A change a pack makes to rules of any pack: a new severity, or switching them off."""
    pattern: str
    severity: str | None
    enabled: bool | None
    where: tuple[str, int, int]


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


class Locator:
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

    def where(self, *keys: Any) -> Where:
        """The place `keys` into the pack, inside the rule they lead into, if any."""
        return Where(self.path, self.position, keys, self.rule_id(keys))


def schema_error(err: "jsonschema.ValidationError", loc: Locator) -> PackError:
    import jsonschema

    keys = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        if extra:
            return loc.where(*keys).error(f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})",
                                          extra[0], key_itself=True)
    if err.validator == "oneOf" and keys[:1] == ["rules"] and len(keys) == 2:
        return loc.where(*keys).error(f"a rule needs exactly one of {_kind_names()}")
    if err.validator == "oneOf" and err.context:
        best = jsonschema.exceptions.best_match(err.context)
        return loc.where(*keys, *best.relative_path).error(best.message)
    place = "/".join(str(k) for k in keys) or "pack"
    return loc.where(*keys).error(f"{place}: {err.message}")


def _langs(value: Any) -> list[str] | None:
    if value is None or value == "any":
        return None
    return [value] if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class _RawPack:
    id: str
    path: str
    data: MarkedDict
    loc: Locator

    def where(self, *keys: Any) -> Where:
        return self.loc.where(*keys)


def _schema_view(data: MarkedDict) -> MarkedDict:
    """`data` as the schema needs to see it: a rule's `terms` that are all non-empty strings
    (an organisation's 100,000 codenames) shown as their first item, which the schema judges
    exactly as it would each of them. Positions are kept for error messages."""
    rules = data.get("rules")
    if not isinstance(rules, list):
        return data
    shown = MarkedList(rules)
    shown.mark, shown.item_marks = rules.mark, rules.item_marks
    for i, rule in enumerate(rules):
        terms = rule.get("terms") if isinstance(rule, dict) else None
        if isinstance(terms, list) and len(terms) > 1 and all(isinstance(t, str) and t for t in terms):
            view = MarkedDict(rule)
            view.mark, view.key_marks, view.value_marks = rule.mark, rule.key_marks, rule.value_marks
            view["terms"] = terms[:1]
            shown[i] = view
    view = MarkedDict(data)
    view.mark, view.key_marks, view.value_marks = data.mark, data.key_marks, data.value_marks
    view["rules"] = shown
    return view


def _read_data(path: Path) -> tuple[MarkedDict, Locator]:
    """The pack file's data, dates as text, and its locator; PackError unless it is a YAML mapping."""
    data = read_yaml(read_pack_text(path), str(path))
    if not isinstance(data, dict):
        raise PackError("a pack must be a YAML mapping with a 'pack' key", str(path), 1, 1)
    _dates_to_text(data)
    return data, Locator(str(path), data)


def _read_pack(path: Path) -> _RawPack:
    data, loc = _read_data(path)
    validate(_schema_view(data), pack_schema(), loc)
    return _RawPack(id=data["pack"], path=str(path), data=data, loc=loc)


def _schema_failures(data: Any, schema: dict[str, Any], limit: int) -> list["jsonschema.ValidationError"]:
    import jsonschema  # only when files are read, not when rules come from the cache

    # Only the first errors: a file of thousands of broken items must not cost thousands of reports.
    return list(itertools.islice(jsonschema.Draft202012Validator(schema).iter_errors(data), limit))


def validate(data: Any, schema: dict[str, Any], loc: Locator) -> None:
    """Raise the PackError of the deepest place where `data` breaks `schema`, if any."""
    errors = sorted(_schema_failures(data, schema, 100),
                    key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
    if errors:
        deepest = max(errors, key=lambda e: len(list(e.absolute_path)))
        raise schema_error(deepest, loc)


def pack_schema_errors(path: Path, limit: int = 20) -> list[PackError]:
    """Every place (up to `limit`) where the pack file at `path` breaks the pack schema, in
    file order; [] when it keeps to it. Where `validate`, and so loading, names only the
    deepest, this is for reporting them all. PackError when the file is no YAML mapping."""
    data, loc = _read_data(path)
    errors = [schema_error(f, loc) for f in _schema_failures(_schema_view(data), pack_schema(), limit)]
    return sorted(errors, key=lambda e: (e.line or 0, e.column or 0))


_LIST_REF = "$"
_LIST_KEYS = ("terms", "patterns", "unless", "requires", "near", "requires_any", "requires_all", "position")


def _expand_lists(node: Any, lists: dict[str, list], where: Where) -> Any:
    """`node` with every `$name` replaced by the pack's word list `name`: spliced where it is
    an item of a list, put in place where it is a value."""
    def named(value: Any) -> list | None:
        if isinstance(value, str) and value.startswith(_LIST_REF) and len(value) > 1 and value[1:2].isalpha():
            if value[1:] not in lists:
                raise where.error(f"no word list named {value[1:]!r} (this pack has: "
                                  f"{', '.join(sorted(lists)) or 'none'})")
            return lists[value[1:]]
        return None

    if isinstance(node, list):
        out: list = []
        for item in node:
            spliced = named(item)
            out.extend(spliced if spliced is not None else [_expand_lists(item, lists, where)])
        return out
    if isinstance(node, dict):
        out_map = {}
        for key, value in node.items():
            words = named(value)
            out_map[key] = words if words is not None else _expand_lists(value, lists, where)
        return out_map
    return node


def _word_lists(raw: _RawPack) -> dict[str, list]:
    """The pack's named word lists, each with the lists it names spliced in."""
    lists: dict[str, list] = {}
    for name, words in raw.data.get("lists", {}).items():
        where = raw.where("lists", name)
        if isinstance(words, dict):
            words = word_list_file(Path(raw.path).parent / words["file"], where)
        lists[name] = _expand_lists(list(words), lists, where)
    return lists


def word_list_file(path: Path, where: Where) -> list[str]:
    """The entries of a word-list file: one a line, blank lines and `#` comments skipped."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise where.error(f"cannot read the word list {path.name}: {e}") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _rules_of(raw: _RawPack, policy: Policy, seen: dict[str, str]) -> list[Rule]:
    data = raw.data
    pack_langs = _langs(data.get("lang"))
    lists = _word_lists(raw)
    rules = []
    for i, r in enumerate(data.get("rules", [])):
        where = raw.where("rules", i)
        if r["id"] in seen:
            raise where.error(f"duplicate rule id {r['id']!r} (first defined at {seen[r['id']]})", "id")
        line, column = where.position()
        seen[r["id"]] = f"{raw.path}:{line}:{column}"
        r = {k: _expand_lists(v, lists, where.at(k)) if k in _LIST_KEYS else v for k, v in r.items()}
        resolved = {**r, "pack": raw.id, "policy": policy.id, "severity": r.get("severity", ACTIONS[r["action"]] if "action" in r else DEFAULT_SEVERITY),
                    "lang": _langs(r["lang"]) if "lang" in r else pack_langs, "source": seen[r["id"]]}
        rules.append(Rule.from_dict(resolved, policy, where))
    return rules


def _policies_of(raws: list[_RawPack], base: dict[str, Policy] | None = None) -> dict[str, Policy]:
    """Policies the packs define, on top of `base`, then the translations they carry."""
    policies: dict[str, Policy] = {}
    for raw in raws:
        if isinstance(raw.data.get("policy"), dict) and "translates" not in raw.data:
            policy = Policy.from_dict(raw.data["policy"], raw.id)
            if policy.id in policies:
                raise raw.where("policy").error(f"policy {policy.id!r} is defined twice")
            policies[policy.id] = policy
    policies = {**(base or {}), **policies}
    for raw in raws:
        if "translates" in raw.data:
            policies[raw.data["translates"]] = _translated(raw, policies)
    return policies


def _translated(raw: _RawPack, policies: dict[str, Policy]) -> Policy:
    """The policy that `raw` translates, with the translation added."""
    data = raw.data
    target = policies.get(data["translates"])
    if target is None:
        raise raw.where("translates").error(
            f"translates policy {data['translates']!r}, which no loaded pack carries")
    lang = data.get("lang")
    if not isinstance(lang, str) or not isinstance(data.get("policy"), dict) or data.get("rules"):
        raise raw.where().error("a translation pack needs one 'lang', a 'policy' mapping and no rules")
    sections = dict(target.sections)
    for i, s in enumerate(data["policy"]["sections"]):
        if s["id"] not in sections:
            raise raw.where("policy", "sections", i, "id").error(
                f"translates section {s['id']!r}, which policy {target.id!r} does not have")
        old = sections[s["id"]]
        sections[s["id"]] = replace(old, translations={**old.translations, lang: (s["title"], s.get("text", "").strip())})
    return replace(target, sections=sections, translations={**target.translations, lang: data["policy"]["title"]})


def load_rule_set(paths: Iterable[str | Path] = (), builtin: bool = True, base: RuleSet | None = None) -> RuleSet:
    """Load the built-in packs (unless `builtin` is False) and the packs at `paths` (files
    or folders) on top of the rules of `base`, resolve policy references and apply every
    new pack's overrides to all of the rules.

    Raises PackError naming file, line, column and rule id for anything that cannot load.
    A rule set loaded from files alone comes from the on-disk cache when those files and the
    engine are unchanged (see `cache`).
    """
    files = expand_pack_paths(paths)
    if base is not None:
        return _load(files, builtin, base)
    if builtin and files:
        # The built-in rule set is cached on its own, so a pack of the user's that is new or
        # edited costs reading that pack, not compiling every built-in one again.
        builtins = load_rule_set()
        return cached(builtin_pack_files() + files, lambda: _load(files, False, builtins), salt="builtin=True")
    # The built-in files are in the key even without `builtin`: a pack may cite their policy.
    return cached(builtin_pack_files() + files, lambda: _load(files, builtin, None), salt=f"builtin={builtin}")


def _load(files: list[Path], builtin: bool, base: RuleSet | None) -> RuleSet:
    # The caller's packs are read first, so a broken one stops the run before the built-ins load.
    theirs = [_read_pack(p) for p in files]
    raws = ([_read_pack(p) for p in builtin_pack_files()] if builtin else []) + theirs
    known = dict(base.policies) if base else {}
    defined = {r.data.get("policy", {}).get("id", r.id) for r in raws
               if isinstance(r.data.get("policy"), dict) and "translates" not in r.data}
    wanted = {r.data["policy"] for r in raws if isinstance(r.data.get("policy"), str)}
    wanted |= {r.data["translates"] for r in raws if "translates" in r.data}
    if not builtin and wanted - defined - set(known):
        # A pack may cite or translate the built-in model policy without the built-in rules.
        known = {**_policies_of([_read_pack(p) for p in builtin_pack_files()]), **known}
    policies = _policies_of(raws, known)
    # A new translation of a policy reaches the rules that already cite it.
    rules: list[Rule] = [r if policies.get(r.policy.id, r.policy) is r.policy else replace(r, policy=policies[r.policy.id])
                         for r in (base.rules if base else ())]
    seen: dict[str, str] = {r.id: r.source or r.pack for r in rules}
    overrides: list[Override] = []
    for raw in raws:
        ref = raw.data.get("policy")
        if raw.data.get("rules") and ref is None:
            raise raw.where().error("a pack with rules needs a 'policy' (written out, or the id of one)")
        if isinstance(ref, str) and ref not in policies:
            raise raw.where("policy").error(f"no loaded pack carries policy {ref!r} "
                                            f"(known: {', '.join(sorted(policies)) or 'none'})")
        if raw.data.get("rules"):
            policy = policies[ref] if isinstance(ref, str) else policies[ref.get("id", raw.id)]
            rules.extend(_rules_of(raw, policy, seen))
        for i, o in enumerate(raw.data.get("overrides", [])):
            line, column = raw.where("overrides", i).position()
            overrides.append(Override(o["rule"], o.get("severity"), o.get("enabled"), (raw.path, line, column)))
    return RuleSet(rules=tuple(apply_overrides(rules, overrides)), policies=policies)


def apply_overrides(rules: list[Rule], overrides: list[Override]) -> list[Rule]:
    """`rules` with each override applied in order; PackError at an override's place when
    its pattern names no rule."""
    for o in overrides:
        hit = [r for r in rules if fnmatch.fnmatchcase(r.id, o.pattern)]
        if not hit:
            raise PackError(f"override names rule {o.pattern!r}, which no loaded pack defines", *o.where)
        if o.enabled is False:
            rules = [r for r in rules if r not in hit]
        elif o.severity:
            rules = [replace(r, severity=o.severity) if r in hit else r for r in rules]
    return rules
