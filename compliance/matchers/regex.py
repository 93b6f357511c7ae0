"""The `regex` kind: a pattern matched with the `regex` module under a time limit, against
the folded text and, where it reads differently, against its reading with hashtags split into
words and spelled-out words joined (or, with `exact`, against the text as written). `group`
picks the reported span and `validate`, the kind's hook, names a checksum the match must pass."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

import regex

from ..errors import MatchTimeout, Where
from ..model import PlainPickle, compile_pattern
from .base import Candidate, MatchContext, Setup
from .prefilter import Formula, holds, required_any, required_atoms, required_formula, text_atoms
from .validators import VALIDATORS


@dataclass(frozen=True)
class RegexSpec(PlainPickle):
    pattern: str
    group: int | str = 0
    validate: str | None = None
    kind: str = "regex"
    # Characters every match contains, and the strings of which every match contains one
    # (None when unknown): a post lacking them cannot match (see prefilter).
    need_all: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    need_any: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    # And the formula every match satisfies (None: nothing more is known), tested only on a
    # post that has one of `need_any`.
    need_formula: Formula | None = field(default=None, compare=False, repr=False)

    # Compiled on first use: a rule set loaded from the pack cache compiles only the
    # patterns that some post gets past the prefilter.
    @cached_property
    def compiled(self) -> regex.Pattern:
        return regex.compile(self.pattern, regex.V0)

    @cached_property
    def need_any_search(self) -> re.Pattern | None:
        # The standard library's engine scans a plain literal alternation about four times
        # faster than the regex module's.
        if self.need_any is None:
            return None
        return re.compile("|".join(re.escape(s) for s in self.need_any))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"regex": self.pattern, "group": self.group}
        if self.validate:
            out["validate"] = self.validate
        return out


def finditer(pattern: regex.Pattern, subject: str, context: MatchContext, rule) -> list:
    """Every match of `pattern` in `subject` within what is left of the post's regex budget;
    MatchTimeout naming the rule when the budget runs out."""
    remaining = context.regex_allowance - context.regex_spent
    started = time.monotonic()
    try:
        if remaining <= 0:
            raise TimeoutError
        return list(pattern.finditer(subject, timeout=remaining))
    except TimeoutError:
        raise MatchTimeout(f"rule {rule.id}: regex ran out of the post's time budget ({rule.source})") from None
    finally:
        context.regex_spent += time.monotonic() - started


class RegexSearcher:
    def __init__(self, setup: Setup) -> None:
        self._rules: list[tuple[int, Any]] = []

    def add(self, index: int, rule) -> None:
        self._rules.append((index, rule))

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        if not self._rules:
            return []
        # Per `exact`: (subject, casefolded subject, its atoms, its map back; None: as written).
        views: dict[bool, list[tuple[str, str, frozenset[str], Any]]] = {}
        found: list[Candidate] = []
        for index, rule in self._rules:
            spec: RegexSpec = rule.matcher
            if rule.exact not in views:
                views[rule.exact] = ([(context.text, context.text.casefold(), text_atoms(context.text), None)]
                                     if rule.exact else [(v.text, lowered, atoms, v)
                                                         for v, lowered, atoms in context.prefiltered_views])
            runnable = [view for view in views[rule.exact] if may_match(spec, view[1], view[2])]
            if not runnable or not context.regex_allowed(index):
                continue
            spans: set[tuple[int, int]] = set()
            try:
                for subject, _, _, view in runnable:
                    for m in finditer(spec.compiled, subject, context, rule):
                        s, e = m.span(spec.group)
                        if 0 <= s < e:
                            spans.add((s, e) if view is None else view.to_original(s, e))
            except MatchTimeout:
                context.gave_up.add(index)
                continue
            check = VALIDATORS[spec.validate] if spec.validate else None
            for s, e in sorted(spans):
                if check is None or check(context.text[s:e]):
                    found.append(Candidate(index, s, e))
                else:
                    context.rejected.add(index)
        return found


def may_match(spec: RegexSpec, lowered: str, atoms: frozenset[str]) -> bool:
    """False when the prefilter shows the regex cannot match a text (casefolded: `lowered`)."""
    return (spec.need_all <= atoms and (spec.need_any is None or spec.need_any_search.search(lowered) is not None)
            and (spec.need_formula is None or holds(spec.need_formula, lowered)))


class RegexMatcher:
    kind = "regex"
    schema: Mapping[str, Mapping[str, Any]] = {
        "regex": {"$ref": "#/$defs/text"},
        "group": {"type": ["integer", "string"], "description": "The regex group reported as the span."},
        "validate": {"enum": sorted(VALIDATORS), "description": "A checksum the match must pass."},
    }

    def compile(self, data: Mapping[str, Any], where: Where) -> RegexSpec:
        pattern, group = data["regex"], data.get("group", 0)
        compiled = compile_pattern(pattern, where, "regex")
        if (isinstance(group, int) and group > compiled.groups) or (
                isinstance(group, str) and group not in compiled.groupindex):
            raise where.error(f"regex has no group {group!r}", "group")
        any_of = required_any(pattern)
        spec = RegexSpec(pattern, group, data.get("validate"), need_all=required_atoms(pattern),
                         need_any=None if any_of is None else tuple(sorted(any_of, key=len, reverse=True)),
                         need_formula=required_formula(pattern))
        spec.__dict__["compiled"] = compiled  # the one compiled while checking the pack
        return spec

    def searcher(self, setup: Setup) -> RegexSearcher:
        return RegexSearcher(setup)
