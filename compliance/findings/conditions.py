"""What every kind shares after matching: a rule's embargo, its allow list, and its `unless`
and `requires` conditions, looked for next to the match, in its sentence or in the whole post."""
from __future__ import annotations

import bisect
from typing import Iterable, NamedTuple, Sequence

from ..matchers.base import Candidate, MatchContext, Setup
from ..errors import MatchTimeout
from ..matchers.regex import finditer
from ..matchers.terms import TermIndex
from ..model import Condition, Rule
from .senses import negated, quoted


class _Target(NamedTuple):
    rule: int
    kind: str  # "unless" or "requires"


class Conditions:
    """The conditions of every rule of one pipeline: their terms in one trie over the Doc's
    lattice, their regexes run only for rules that found something."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.terms = TermIndex(setup.lexicon, setup.split)
        self._regexes: list[tuple[_Target, Rule]] = []

    def add(self, index: int, rule: Rule) -> None:
        for kind in ("unless", "requires"):
            condition = getattr(rule, kind)
            if condition is None:
                continue
            for term in condition.terms:
                self.terms.add(term, _Target(index, kind))
            if condition.regex:  # compiled when a match of its rule first needs it
                self._regexes.append((_Target(index, kind), rule))

    def filter(self, candidates: Sequence[Candidate], rules: Sequence[Rule],
               context: MatchContext) -> list[Candidate]:
        """The candidates whose rule is live on the context's day, whose match no allow pattern
        covers, and whose conditions hold."""
        day, text = context.day, context.text
        kept = []
        metadata = context.metadata
        for c in candidates:
            if not rules[c.rule].live_on(day) or not rules[c.rule].applies_when(metadata):
                continue
            if any(p.fullmatch(text[c.start:c.end]) for p in rules[c.rule].allow_patterns):
                context.rejected.add(c.rule)
            else:
                kept.append(c)
        conditioned = {c.rule for c in kept if rules[c.rule].unless or rules[c.rule].requires}
        if not conditioned:
            return kept
        hits = self._hits(context, conditioned, rules)
        bounds = _sentence_bounds(context)
        starts = [b[0] for b in bounds]

        def holds(c: Candidate) -> bool:
            rule = rules[c.rule]
            for kind, wanted in (("unless", False), ("requires", True)):
                condition = getattr(rule, kind)
                if condition is None:
                    continue
                lo, hi = _scope_bounds(condition, c, context, bounds, starts)
                found = (any(s < hi and e > lo for s, e in hits.get(_Target(c.rule, kind), ()))
                         or self._sense_holds(condition, c, context))
                if found != wanted:
                    if kind == "unless":
                        context.rejected.add(c.rule)  # weighed and let go, not merely out of its context
                    return False
            return True

        return [c for c in kept if c.rule not in context.gave_up and (c.rule not in conditioned or holds(c))]

    def _sense_holds(self, condition: Condition, c: Candidate, context: MatchContext) -> bool:
        return ((condition.negated and negated(context, c.start, c.end, self.setup.lang))
                or (condition.quoted and quoted(context, c.start, c.end, self.setup.lang)))

    def _hits(self, context: MatchContext, wanted: set[int], rules: Sequence[Rule]) -> dict[_Target, list]:
        hits: dict[_Target, list[tuple[int, int]]] = {}
        if self.terms:
            for target, start, end in self.terms.matches(context.lattice):
                if target.rule in wanted:
                    hits.setdefault(target, []).append((start, end))
        for target, rule in self._regexes:
            if target.rule not in wanted or not context.regex_allowed(target.rule):
                continue
            pattern = getattr(rule, target.kind).compiled
            try:
                found = [view.to_original(*m.span()) for view in context.regex_views
                         for m in finditer(pattern, view.text, context, rule)]
            except MatchTimeout:
                context.gave_up.add(target.rule)  # undecided: reported, never a silent pass
                continue
            hits.setdefault(target, []).extend(dict.fromkeys(found))
        return hits


# Words of an idiom sit next to the verb they change ("kill time", "crush the competition"):
# further away they are about something else.
NEAR_WORDS = 3


def _scope_bounds(condition: Condition, c: Candidate, context: MatchContext,
                  sentences: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    scope = condition.scope
    if scope == "post":
        return 0, len(context.text)
    lo, hi = sentences[max(bisect.bisect_right(starts, c.start) - 1, 0)]
    if scope == "near":
        idx = context.token_starts
        first = max(bisect.bisect_right(idx, c.start) - 1, 0)
        last = max(bisect.bisect_left(idx, c.end) - 1, first)
        tokens, words = context.tokens, condition.within or NEAR_WORDS
        near_lo = tokens[max(first - words, 0)].idx
        end_token = tokens[min(last + words, len(tokens) - 1)]
        lo, hi = max(lo, near_lo), min(hi, end_token.idx + len(end_token.text))
    return lo, hi


def _sentence_bounds(context: MatchContext) -> list[tuple[int, int]]:
    doc = context.doc
    if not doc.has_annotation("SENT_START"):
        return [(0, len(context.text))]
    return [(s.start_char, s.end_char) for s in doc.sents]


def candidates_of(searchers: Iterable, context: MatchContext) -> list[Candidate]:
    """Every candidate of every searcher, in searcher order."""
    return [c for searcher in searchers for c in searcher.find(context)]
