"""Matcher kinds: the registry that the pack schema, the loader and the pipeline all read.

A kind is one module implementing `base.Matcher`; `register` is its one registry line.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..errors import Where
from .base import Candidate, MatchContext, Matcher, Searcher, Setup, Spec
from .classifier import ClassifierMatcher
from .near import NearMatcher
from .patterns import PatternsMatcher
from .position import PositionMatcher
from .presence import PresenceMatcher
from .regex import RegexMatcher
from .terms import TermsMatcher

MATCHERS: dict[str, Matcher] = {}


def register(matcher: Matcher) -> Matcher:
    """Make a matcher kind available to packs under the key `matcher.kind`."""
    MATCHERS[matcher.kind] = matcher
    return matcher


register(TermsMatcher())
register(PatternsMatcher())
register(RegexMatcher())
register(ClassifierMatcher())
register(NearMatcher())
register(PresenceMatcher("requires_any"))
register(PresenceMatcher("requires_all"))
register(PositionMatcher())


def owner_of(key: str) -> Matcher | None:
    """The kind that owns rule key `key`, if any."""
    return next((m for m in MATCHERS.values() if key in m.schema), None)


def kind_of(data: Mapping[str, Any], where: Where) -> Matcher:
    """The kind a rule's data selects; a PackError unless exactly one is present, or when the
    rule uses a key that belongs to another kind."""
    present = [m for kind, m in MATCHERS.items() if kind in data]
    if len(present) != 1:
        raise where.error(f"a rule needs exactly one of {_names()}")
    kind = present[0]
    for key in data:
        owner = owner_of(key)
        if owner is not None and owner is not kind:
            raise where.error(f"{key!r} only goes with {owner.kind!r}", key, key_itself=True)
    return kind


def _names() -> str:
    quoted = [f"'{k}'" for k in MATCHERS]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


__all__ = ["MATCHERS", "register", "kind_of", "owner_of", "Candidate", "MatchContext", "Matcher",
           "Searcher", "Setup", "Spec"]
