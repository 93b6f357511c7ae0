"""The `near` kind: two sets of cues within a few words of each other in one sentence, in
either order ("guaranteed" near a return word, "double" near "your money"). The span runs
from the first cue to the last, so the finding quotes the whole phrase. Either word alone is
everyday language; together they make the claim."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..errors import Where
from .base import Candidate, MatchContext, Setup
from .cues import SCHEMA as CUES_SCHEMA, CueFinder, Cues

DEFAULT_WITHIN = 5  # words between the two cues


@dataclass(frozen=True)
class NearSpec:
    a: Cues
    b: Cues
    within: int = DEFAULT_WITHIN
    kind: str = "near"

    def to_dict(self) -> dict[str, Any]:
        return {"near": {"a": self.a.to_data(), "b": self.b.to_data(), "within": self.within}}


class NearSearcher:
    def __init__(self, setup: Setup) -> None:
        self.cues = CueFinder(setup)
        self._rules: dict[int, Any] = {}

    def add(self, index: int, rule) -> None:
        spec: NearSpec = rule.matcher
        self.cues.add((index, "a"), spec.a, rule)
        self.cues.add((index, "b"), spec.b, rule)
        self._rules[index] = rule

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        if not self._rules:
            return []
        terms = self.cues.term_hits(context)
        starts = context.token_starts
        sentences = _sentence_starts(context)
        # Punctuation between the cues is not a word between them ("guaranteed, 9% returns").
        words = [any(ch.isalnum() for ch in t.text) for t in context.tokens]

        def token(pos: int) -> int:
            return max(bisect.bisect_right(starts, pos) - 1, 0)

        def sentence(pos: int) -> int:
            return bisect.bisect_right(sentences, pos)

        found = []
        for index, rule in self._rules.items():
            if not rule.applies_when(context.metadata):
                continue
            # The costlier regex cues run only where the other set can pair with them.
            a_hits = self.cues.hits((index, "a"), terms, context, need_regex=(index, "b") in terms)
            b_hits = self.cues.hits((index, "b"), terms, context, need_regex=True) if a_hits else []
            if not b_hits:
                continue
            within = rule.matcher.within
            pairs = set()
            for a_start, a_end in a_hits:
                for b_start, b_end in b_hits:
                    if a_start < b_end and b_start < a_end:
                        continue  # one word read as both is not two words near each other
                    (s1, e1), (s2, e2) = sorted([(a_start, a_end), (b_start, b_end)])
                    gap = sum(words[token(e1 - 1) + 1:token(s2)])
                    if gap <= within and sentence(s1) == sentence(s2):
                        pairs.add((s1, max(e1, e2)))
            # The shortest phrase around each first cue: "guaranteed returns" rather than
            # "guaranteed returns and guaranteed returns".
            best: dict[int, int] = {}
            for s, e in sorted(pairs):
                best.setdefault(s, e)
            found.extend(Candidate(index, s, e) for s, e in best.items())
        return found


def _sentence_starts(context: MatchContext) -> list[int]:
    doc = context.doc
    if not doc.has_annotation("SENT_START"):
        return []
    return [s.start_char for s in doc.sents][1:]


class NearMatcher:
    kind = "near"
    schema: Mapping[str, Mapping[str, Any]] = {
        "near": {
            "type": "object", "additionalProperties": False, "required": ["a", "b"],
            "description": "Two sets of cues within `within` words of each other in one sentence.",
            "properties": {"a": CUES_SCHEMA, "b": CUES_SCHEMA,
                           "within": {"type": "integer", "minimum": 0, "maximum": 50,
                                      "description": f"Words allowed between them (default {DEFAULT_WITHIN})."}},
        },
    }

    def compile(self, data: Mapping[str, Any], where: Where) -> NearSpec:
        near = data["near"]
        return NearSpec(Cues.from_data(near["a"], where, "near", "a"), Cues.from_data(near["b"], where, "near", "b"),
                        near.get("within", DEFAULT_WITHIN))

    def searcher(self, setup: Setup) -> NearSearcher:
        return NearSearcher(setup)
