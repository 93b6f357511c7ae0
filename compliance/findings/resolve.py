"""The one place that decides overlaps: within a rule the longest match wins, and one finding
is kept per category and span, whichever rules or languages found it."""
from __future__ import annotations

from typing import Iterable, Mapping

from ..model import ANY_CATEGORY, Violation, severity_rank


def resolve(violations: Iterable[Violation], merge_same_span: bool = True) -> tuple[Violation, ...]:
    """`violations`, given in order of preference (the post's own language first), with
    overlapping matches of one rule reduced to the longest (which also drops repeats) and,
    when `merge_same_span`, one finding per (category, start, end): the most severe, the
    earliest on a tie. In text order."""
    by_rule: dict[str, list[Violation]] = {}
    for v in violations:
        by_rule.setdefault(v.rule, []).append(v)
    kept: list[Violation] = []
    for group in by_rule.values():
        taken: list[Violation] = []
        for v in sorted(group, key=lambda v: (-(v.end - v.start), v.start)):
            if all(v.end <= t.start or v.start >= t.end for t in taken):
                taken.append(v)
        kept.extend(taken)
    if merge_same_span:
        best: dict[tuple[str, int, int], Violation] = {}
        for v in kept:
            key = (v.category, v.start, v.end)
            other = best.get(key)
            if other is None or severity_rank(v.severity) > severity_rank(other.severity):
                best[key] = v
        kept = list(best.values())
    return tuple(sorted(kept, key=lambda v: (v.start, v.end, v.rule)))


def without_fallbacks(violations: tuple[Violation, ...], fallbacks: Mapping[str, tuple[str, ...]],
                      weighed: Iterable[str] = ()) -> tuple[Violation, ...]:
    """`violations` less those of a fallback rule (an id in `fallbacks`) when another rule
    found one of the categories that silence it, or weighed a match of that category and
    let it go (`weighed`: a failed checksum, a negated claim, an innocent sense): a fallback
    speaks only where the rest had nothing to say."""
    if not fallbacks:
        return violations
    spoken = {v.category for v in violations if v.rule not in fallbacks and v.severity != "info"}
    spoken.update(weighed)
    if spoken:
        spoken.add(ANY_CATEGORY)
    return tuple(v for v in violations if spoken.isdisjoint(fallbacks.get(v.rule, ())))
