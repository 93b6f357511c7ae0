"""Cues: a set of words and a pattern that a kind looks for as one thing (a disclosure
label, a return word). Their terms match as rule terms do (inflection, disguises); their
regex runs over the regex views under the post's time budget. The kinds that reason about
where cues are, or that they are missing, share this."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Hashable, Mapping


from ..errors import MatchTimeout, Where
from ..model import PlainPickle, compile_pattern
from .base import MatchContext, Setup
from .regex import RegexMatcher, RegexSpec, finditer, may_match
from .terms import TermIndex

SCHEMA: Mapping[str, Any] = {
    "description": "Words and phrases (a list, or `terms:`) and/or a `regex`.",
    "oneOf": [
        {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}},
        {"type": "object", "additionalProperties": False, "minProperties": 1,
         "properties": {"terms": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}},
                        "regex": {"$ref": "#/$defs/text"}}},
    ],
}


@dataclass(frozen=True)
class Cues(PlainPickle):
    terms: tuple[str, ...] = ()
    regex: str | None = None

    @cached_property
    def spec(self) -> RegexSpec | None:
        """The regex with the prefilter of the regex kind, so a post that cannot match is
        never searched (nor spends the post's regex budget)."""
        return RegexMatcher().compile({"regex": self.regex}, None) if self.regex else None

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.terms:
            out["terms"] = list(self.terms)
        if self.regex:
            out["regex"] = self.regex
        return out

    @classmethod
    def from_data(cls, data: Any, where: Where, *keys: Any) -> "Cues":
        """Cues from pack data (a list of terms, or a mapping of `terms` and `regex`),
        the regex compiled now so a bad one stops the load at `keys`."""
        if isinstance(data, list):
            return cls(tuple(data))
        cues = cls(tuple(data.get("terms", ())), data.get("regex"))
        if cues.regex:
            compile_pattern(cues.regex, where, *keys, "regex")  # a bad pattern stops the load here
        return cues


class CueFinder:
    """Where the cues of the rules of one pipeline occur in a Doc. A target is `(rule index,
    anything)`. Terms are found for every target at once; a target's regex runs only when
    its searcher asks (most need it only when the terms found nothing), and a rule whose
    regex runs out of time is marked as given up."""

    def __init__(self, setup: Setup) -> None:
        self.terms = TermIndex(setup.lexicon, setup.split)
        self._regexes: dict[tuple[int, Hashable], tuple[Cues, Any]] = {}

    def add(self, target: tuple[int, Hashable], cues: Cues, rule: Any) -> None:
        for term in cues.terms:
            self.terms.add(term, target)
        if cues.regex:
            self._regexes[target] = (cues, rule)

    def term_hits(self, context: MatchContext) -> dict[tuple[int, Hashable], list[tuple[int, int]]]:
        """Each target's term spans in the Doc's text, in text order, once each."""
        found: dict[tuple[int, Hashable], set[tuple[int, int]]] = {}
        if self.terms:
            for target, start, end in self.terms.matches(context.lattice):
                found.setdefault(target, set()).add((start, end))
        return {target: sorted(spans) for target, spans in found.items()}

    def hits(self, target: tuple[int, Hashable], terms: dict[tuple[int, Hashable], list[tuple[int, int]]],
             context: MatchContext, need_regex: bool = False) -> list[tuple[int, int]]:
        """The target's spans: its term spans (from `term_hits`) and, when those are none or
        `need_regex`, its regex's spans too."""
        found = terms.get(target, [])
        if (found and not need_regex) or target not in self._regexes:
            return found
        cues, rule = self._regexes[target]
        index = target[0]
        if index in context.gave_up or not context.regex_allowed(index):
            return found
        spec = cues.spec
        try:
            spans = {view.to_original(*m.span()) for view, lowered, atoms in context.prefiltered_views
                     if may_match(spec, lowered, atoms)
                     for m in finditer(spec.compiled, view.text, context, rule) if m.end() > m.start()}
        except MatchTimeout:
            context.gave_up.add(index)  # undecided: reported, never a silent pass
            return found
        return sorted(spans.union(found))
