"""Project configuration: `.compliance.yaml`, found from a draft's folder upward as linters
find theirs, validated against the shipped JSON Schema, and resolved into the settings for
one draft (top-level values, then every `paths` entry whose globs name the draft, then the
command line), each value remembering where it came from.

A configuration changes which rules run, never how they match: `disable` and `severity`
work as a pack's overrides do, `allow` adds to every rule's allow list, and each distinct
combination gets a checker of its own (see `Checkers`).
"""
from __future__ import annotations

import fnmatch
import functools
import hashlib
import importlib.resources
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import regex

from ..audit.records import AuditLog
from ..audit.retention import DEFAULT_RETENTION_DAYS, keep_records
from ..checker import Checker
from ..errors import ConfigError, PackError
from ..model import RuleSet
from ..packs import load_rule_set
from ..packs.files import MarkedDict, read_yaml
from ..packs.loader import Locator, Override, apply_overrides, validate

CONFIG_NAMES = (".compliance.yaml", ".compliance.yml")
DEFAULT = "default"
COMMAND_LINE = "command line"


@functools.lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    """The JSON Schema of `.compliance.yaml`, as shipped in compliance/schema."""
    text = importlib.resources.files("compliance").joinpath("schema/config.schema.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class RecordSettings:
    """Where and how checks are recorded (`record:`, `--record DIR`): the record folder,
    whether records keep the post's text, how many days they are kept, and a legal hold."""
    dir: Path
    keep_text: bool = False
    retention_days: int = DEFAULT_RETENTION_DAYS
    legal_hold: bool = False

    def open(self) -> AuditLog:
        """The record folder's log, its retention.json keeping records at least
        `retention_days` (and under a legal hold with `legal_hold`); AuditError when the
        folder cannot be written."""
        keep_records(self.dir, self.retention_days, self.legal_hold)
        return AuditLog(self.dir)

    def to_dict(self) -> dict[str, Any]:
        """The settings as `config show` and the schema write them."""
        return {"dir": str(self.dir), "keep_text": self.keep_text, "retention_days": self.retention_days,
                "legal_hold": self.legal_hold}


@dataclass(frozen=True)
class Settings:
    """The effective configuration for one draft. `sources` maps each key to where its value
    came from: "file:line:column", "command line" or "default" (several places for a list
    that several entries add to)."""
    packs: tuple[str, ...] = ()
    builtin: bool = True
    lang: str | None = None
    fail_on: str = "warning"
    disable: tuple[Override, ...] = ()
    severity: tuple[Override, ...] = ()
    allow: tuple[str, ...] = ()
    report_unused_waivers: bool = False
    # (rule ids or globs, role): findings of those rules count until that role approves the content.
    require_approval: tuple[tuple[tuple[str, ...], str], ...] = ()
    record: RecordSettings | None = None
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def rules_key(self) -> tuple:
        """What decides the rule set: equal keys, equal rules."""
        return (self.packs, self.builtin, tuple((o.pattern, o.enabled) for o in self.disable),
                tuple((o.pattern, o.severity) for o in self.severity), self.allow)

    def with_command_line(self, *, packs: Iterable[str] = (), builtin: bool | None = None,
                          lang: str | None = None, fail_on: str | None = None,
                          report_unused_waivers: bool | None = None, record: str | Path | None = None) -> "Settings":
        """These settings with the options given on the command line on top (packs add to
        the configured ones; the others replace them when given; a record folder replaces
        the configured one and keeps its other record settings)."""
        changes: dict[str, Any] = {}
        given = {"builtin": builtin, "lang": lang, "fail_on": fail_on, "report_unused_waivers": report_unused_waivers}
        for key, value in given.items():
            if value is not None:
                changes[key] = value
        packs = tuple(str(Path(p).resolve()) for p in packs)
        if packs:
            changes["packs"] = self.packs + packs
        if record is not None:
            folder = Path(record).resolve()
            changes["record"] = replace(self.record, dir=folder) if self.record else RecordSettings(folder)
        if not changes:
            return self
        sources = dict(self.sources)
        for key in changes:
            sources[key] = (sources.get(key, ()) if key == "packs" else ()) + (COMMAND_LINE,)
        return replace(self, **changes, sources=sources)

    def describe(self) -> list[tuple[str, Any, tuple[str, ...]]]:
        """(key, value as written, where from) for every setting, for `config show`."""
        values = {"packs": list(self.packs), "builtin": self.builtin, "lang": self.lang, "fail_on": self.fail_on,
                  "disable": [o.pattern for o in self.disable],
                  "severity": {o.pattern: o.severity for o in self.severity},
                  "allow": list(self.allow), "report_unused_waivers": self.report_unused_waivers,
                  "require_approval": [{"rules": list(rules), "role": role} for rules, role in self.require_approval],
                  "record": self.record.to_dict() if self.record else None}
        return [(key, value, self.sources.get(key, (DEFAULT,))) for key, value in values.items()]


def _glob(pattern: str) -> regex.Pattern:
    """A glob as gitignore reads one: '**' spans folders, '*' and '?' stay inside one, and a
    glob without '/' matches a file or folder name at any depth."""
    anchored = "/" in pattern.rstrip("/")
    out, i = [], 0
    body = pattern.strip("/")
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(regex.escape(body[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    # A glob naming a folder names everything in it.
    return regex.compile(f"{prefix}{''.join(out)}(?:/.*)?")


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether the glob `pattern` names the path `relative` (forward slashes, no leading /)."""
    return _glob(pattern).fullmatch(relative) is not None


@dataclass(frozen=True)
class ProjectConfig:
    """One configuration file (or none: `path` None, every setting at its default). Globs and
    pack paths are relative to `root`, the file's folder."""
    path: Path | None
    root: Path
    data: Mapping[str, Any] = field(default_factory=dict)
    locator: Locator | None = field(default=None, compare=False, repr=False)

    def _where(self, *keys: Any) -> str:
        if self.locator is None or self.path is None:
            return DEFAULT
        line, column = self.locator.position(list(keys))
        return f"{self.locator.path}:{line}:{column}"

    def relative(self, draft: str | Path) -> str | None:
        """`draft`'s path relative to the configuration's folder, None when outside it."""
        try:
            return Path(os.path.abspath(draft)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def excludes(self, draft: str | Path) -> bool:
        """Whether the configuration's `exclude` globs name `draft`."""
        relative = self.relative(draft)
        return relative is not None and any(glob_matches(g, relative) for g in self.data.get("exclude", ()))

    def settings_for(self, draft: str | Path | None) -> Settings:
        """The settings for `draft` (None: the top-level settings alone)."""
        relative = None if draft is None else self.relative(draft)
        layers: list[tuple[tuple[Any, ...], Mapping[str, Any]]] = [((), self.data)]
        for i, entry in enumerate(self.data.get("paths", ())):
            globs = [entry["files"]] if isinstance(entry["files"], str) else entry["files"]
            if relative is not None and any(glob_matches(g, relative) for g in globs):
                layers.append((("paths", i), entry))
        values: dict[str, Any] = {}
        sources: dict[str, tuple[str, ...]] = {}
        for keys, layer in layers:
            for key in ("lang", "fail_on"):
                if key in layer:
                    values[key], sources[key] = layer[key], (self._where(*keys, key),)
            for key in ("disable", "allow"):
                for j, item in enumerate(layer.get(key, ())):
                    where = self._where(*keys, key, j)
                    values.setdefault(key, []).append(
                        Override(item, None, False, self._mark(where)) if key == "disable" else item)
                    sources[key] = sources.get(key, ()) + (where,)
            for pattern, severity in layer.get("severity", {}).items():
                where = self._where(*keys, "severity", pattern)
                values.setdefault("severity", []).append(Override(pattern, severity, None, self._mark(where)))
                sources["severity"] = sources.get("severity", ()) + (where,)
            for j, entry in enumerate(layer.get("require_approval", ())):
                values.setdefault("require_approval", []).append((tuple(entry["rules"]), entry["role"]))
                where = self._where(*keys, "require_approval", j)
                sources["require_approval"] = sources.get("require_approval", ()) + (where,)
        top = self.data
        if "packs" in top:
            sources["packs"] = tuple(self._where("packs", j) for j in range(len(top["packs"])))
            values["packs"] = tuple(str((self.root / p).resolve()) for p in top["packs"])
            for pack, where in zip(values["packs"], sources["packs"]):
                if not Path(pack).exists():
                    raise ConfigError(f"packs: no such pack file or folder: {pack}", *self._mark(where))
        for key in ("builtin", "report_unused_waivers"):
            if key in top:
                values[key], sources[key] = top[key], (self._where(key),)
        if "record" in top:
            record = top["record"]
            values["record"] = RecordSettings(dir=(self.root / record["dir"]).resolve(),
                                              keep_text=record.get("keep_text", False),
                                              retention_days=record.get("retention_days", DEFAULT_RETENTION_DAYS),
                                              legal_hold=record.get("legal_hold", False))
            sources["record"] = (self._where("record"),)
        if "report_unused_waivers" not in values and os.environ.get("CI"):
            values["report_unused_waivers"], sources["report_unused_waivers"] = True, ("the CI environment variable",)
        for key in ("disable", "severity", "allow", "require_approval"):
            if key in values:
                values[key] = tuple(values[key])
        return Settings(**values, sources=sources)

    def _mark(self, where: str) -> tuple[str, int, int]:
        path, line, column = where.rsplit(":", 2) if where != DEFAULT else (DEFAULT, "0", "0")
        return path, int(line), int(column)


def find_config(start: str | Path) -> Path | None:
    """The configuration file that governs `start` (a file or folder): the first
    `.compliance.yaml` in its folder or any folder above it."""
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def load_config(path: Path | None) -> ProjectConfig:
    """The configuration in file `path` (None: no file, defaults throughout), validated
    against the schema; ConfigError naming file, line and column for anything it cannot use.
    A file is read once while it stays unchanged."""
    if path is None:
        return ProjectConfig(path=None, root=Path.cwd())
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", str(path)) from None
    return _load_config(path, stat.st_mtime_ns, stat.st_size, os.getcwd())


@functools.lru_cache(maxsize=64)
def _load_config(path: Path, mtime_ns: int, size: int, cwd: str) -> ProjectConfig:
    # Named as linters name files: relative to the working folder when it is below it.
    relative = os.path.relpath(path, cwd)
    name = str(path) if relative.startswith("..") else relative
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", name) from None
    try:
        data = read_yaml(text, name)
        if data is None:
            data = MarkedDict()
        if not isinstance(data, dict):
            raise PackError("the configuration must be a YAML mapping", name, 1, 1)
        locator = Locator(name, data)
        validate(data, config_schema(), locator)
    except PackError as exc:
        raise ConfigError(exc.message, exc.path, exc.line, exc.column) from None
    return ProjectConfig(path=path, root=path.parent, data=data, locator=locator)


def config_for(draft: str | Path, explicit: str | Path | None = None) -> ProjectConfig:
    """The configuration for `draft`: the file `explicit` when given, else the one found
    from the draft's folder upward, else the defaults."""
    if explicit is not None:
        return load_config(Path(os.path.abspath(explicit)))
    return load_config(find_config(draft))


def _allowed(term: str) -> str:
    """An allow-list regex for a configured word or phrase: its words as written, any run
    of spaces between them."""
    return r"\s+".join(regex.escape(word) for word in term.split())


def check_require_approval(settings: Settings, rule_set: RuleSet) -> None:
    """ConfigError at the configuration's line for a `require_approval` rule id or glob that
    names no rule of `rule_set`, so a typo cannot let a finding through without approval."""
    for (rules, _), where in zip(settings.require_approval, settings.sources.get("require_approval", ())):
        for pattern in rules:
            if not any(fnmatch.fnmatchcase(r.id, pattern) for r in rule_set.rules):
                path, line, column = where.rsplit(":", 2) if where != DEFAULT else (DEFAULT, "0", "0")
                raise ConfigError(f"require_approval names rule {pattern!r}, which no loaded pack defines "
                                  "(see `compliance rules list`)", path, int(line), int(column))


def configured(rule_set: RuleSet, settings: Settings) -> RuleSet:
    """`rule_set` with `settings`' disabled rules left out, its severities applied and its
    allowed terms added to every rule. ConfigError at the configuration's line for a rule id
    or glob that names no rule."""
    if not (settings.disable or settings.severity or settings.allow):
        return rule_set  # the same rules, and the same fingerprint for what is derived from them
    rules = list(rule_set.rules)
    for o in settings.disable + settings.severity:
        if not any(fnmatch.fnmatchcase(r.id, o.pattern) for r in rule_set.rules):
            key = "disable" if o.enabled is False else "severity"
            raise ConfigError(f"{key} names rule {o.pattern!r}, which no loaded pack defines "
                              "(see `compliance rules list`)", *o.where)
        # A rule an earlier entry switched off is not there to change.
        if any(fnmatch.fnmatchcase(r.id, o.pattern) for r in rules):
            rules = apply_overrides(rules, [o])
    if settings.allow:
        extra = tuple(_allowed(t) for t in settings.allow)
        rules = [replace(r, allow=r.allow + extra) for r in rules]
    # Data derived from the rules (the Latin spellings of rule words) is kept on disk under the
    # rule set's fingerprint: changed rules get a fingerprint of their own.
    fingerprint = None if rule_set.fingerprint is None else hashlib.sha256(
        f"{rule_set.fingerprint}\0{settings.rules_key!r}".encode()).hexdigest()
    return RuleSet(rules=tuple(rules), policies=rule_set.policies, fingerprint=fingerprint)


class Checkers:
    """One checker per distinct rule configuration, each built on first use and reused, so a
    folder of drafts with two sets of settings builds each language's pipeline twice at most."""

    def __init__(self) -> None:
        self._rule_sets: dict[tuple, RuleSet] = {}
        self._checkers: dict[tuple, Checker] = {}

    def get(self, settings: Settings) -> Checker:
        """The checker for `settings`; PackError or ConfigError when its packs or rule ids
        cannot be used."""
        key = (settings.rules_key, settings.fail_on, settings.report_unused_waivers)
        checker = self._checkers.get(key)
        if checker is None:
            base_key = (settings.packs, settings.builtin)
            base = self._rule_sets.get(base_key)
            if base is None:
                base = self._rule_sets[base_key] = load_rule_set(settings.packs, builtin=settings.builtin)
            checker = Checker(configured(base, settings), fail_on=settings.fail_on,
                              report_unused_waivers=settings.report_unused_waivers)
            self._checkers[key] = checker
        return checker

    def rule_set(self) -> RuleSet:
        """Every rule of every checker made so far (the first definition of an id), for
        formats that list the rules before the findings."""
        seen: dict[str, Any] = {}
        policies: dict[str, Any] = {}
        for checker in self._checkers.values():
            for rule in checker.rules:
                seen.setdefault(rule.id, rule)
            policies.update({k: v for k, v in checker.rule_set.policies.items() if k not in policies})
        return RuleSet(rules=tuple(seen.values()), policies=policies)
