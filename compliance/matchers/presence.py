"""The `requires_any` and `requires_all` kinds: what a post must say, found missing. A
sponsored post must carry an advertising label; a supplement's promise must carry the
regulator's disclaimer. The finding marks the post's first line, where the missing words
belong; pair the rule with `when` (the posts it is about) or `requires` (the words that make
the disclosure necessary) so it speaks only where a disclosure is due."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import regex

from ..errors import Where
from .base import Candidate, MatchContext, Setup
from .cues import SCHEMA as CUES_SCHEMA, CueFinder, Cues

_FIRST_LINE = regex.compile(r"\S[^\n]*")


@dataclass(frozen=True)
class PresenceSpec:
    required: tuple[Cues, ...]   # each must be present (`requires_any` has one)
    kind: str

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "requires_any":
            return {"requires_any": self.required[0].to_data()}
        return {"requires_all": [c.to_data() for c in self.required]}


class PresenceSearcher:
    def __init__(self, setup: Setup) -> None:
        self.cues = CueFinder(setup)
        self._rules: dict[int, Any] = {}

    def add(self, index: int, rule) -> None:
        for i, cues in enumerate(rule.matcher.required):
            self.cues.add((index, i), cues, rule)
        self._rules[index] = rule

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        line = _FIRST_LINE.search(context.text)
        if not self._rules or line is None:
            return []
        terms = self.cues.term_hits(context)
        start, end = line.start(), len(line.group().rstrip()) + line.start()
        found = []
        for index, rule in self._rules.items():
            if not rule.applies_when(context.metadata):
                continue
            missing = any(not self.cues.hits((index, i), terms, context) for i in range(len(rule.matcher.required)))
            if missing and index not in context.gave_up:
                found.append(Candidate(index, start, end))
        return found


class PresenceMatcher:
    """`requires_any` (one set of cues, any of which will do) or `requires_all` (a list of
    sets, each of which must be present)."""

    # What a post lacks is a fact of the whole post, never of one sentence in another language.
    whole_post = True

    def __init__(self, kind: str) -> None:
        self.kind = kind
        if kind == "requires_any":
            described = dict(CUES_SCHEMA, description="Words or a pattern of which the post must contain one.")
        else:
            described = {"type": "array", "minItems": 1, "items": CUES_SCHEMA,
                         "description": "Sets of cues, each of which the post must contain."}
        self.schema: Mapping[str, Mapping[str, Any]] = {kind: described}

    def compile(self, data: Mapping[str, Any], where: Where) -> PresenceSpec:
        value = data[self.kind]
        if self.kind == "requires_any":
            return PresenceSpec((Cues.from_data(value, where, self.kind),), self.kind)
        return PresenceSpec(tuple(Cues.from_data(v, where, self.kind, i) for i, v in enumerate(value)), self.kind)

    def searcher(self, setup: Setup) -> PresenceSearcher:
        return PresenceSearcher(setup)
