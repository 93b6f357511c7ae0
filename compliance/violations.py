"""Matches to violations: checksum validation, `unless`/`requires` conditions, allow lists,
overlap resolution, and the Violation values with line, column and citation."""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import Sequence

import regex
from spacy.tokens import Doc

from .model import Rule, Violation, severity_rank
from .validators import VALIDATORS


@dataclass(frozen=True)
class Candidate:
    """A span of the original text that a rule's matcher found, before any filtering."""
    rule: int
    start: int
    end: int


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc.text))]
    return [(s.start_char, s.end_char) for s in doc.sents]


def _scope(bounds: list[tuple[int, int]], starts: list[int], scope: str, pos: int, length: int) -> tuple[int, int]:
    if scope == "post":
        return 0, length
    i = max(bisect.bisect_right(starts, pos) - 1, 0)
    return bounds[i]


def _hit_within(hits: Sequence[tuple[int, int]], lo: int, hi: int) -> bool:
    return any(s < hi and e > lo for s, e in hits)


def _format(template: str | None, match: str) -> str | None:
    return None if template is None else template.replace("{match}", match)


def _keep_longest(cands: list[Candidate]) -> list[Candidate]:
    """Per rule, drop matches inside or overlapping a longer match of the same rule."""
    kept: list[Candidate] = []
    by_rule: dict[int, list[Candidate]] = {}
    for c in cands:
        by_rule.setdefault(c.rule, []).append(c)
    for group in by_rule.values():
        taken: list[Candidate] = []
        for c in sorted(group, key=lambda c: (-(c.end - c.start), c.start)):
            if all(c.end <= t.start or c.start >= t.end for t in taken):
                taken.append(c)
        kept.extend(taken)
    return kept


def to_violations(doc: Doc, rules: Sequence[Rule], candidates: list[Candidate],
                  cond_hits: dict[tuple[int, str], list[tuple[int, int]]],
                  allow: dict[int, list[regex.Pattern]], lang: str,
                  merge_same_span: bool = True) -> tuple[Violation, ...]:
    """The violations that survive every filter, in text order."""
    if not candidates:
        return ()
    text = doc.text
    bounds = _sentence_bounds(doc)
    starts = [b[0] for b in bounds]
    survivors: list[Candidate] = []
    for c in set(candidates):
        rule, match = rules[c.rule], text[c.start:c.end]
        if rule.validate and not VALIDATORS[rule.validate](match):
            continue
        if any(p.fullmatch(match) for p in allow.get(c.rule, ())):
            continue
        if rule.unless:
            lo, hi = _scope(bounds, starts, rule.unless.scope, c.start, len(text))
            if _hit_within(cond_hits.get((c.rule, "unless"), ()), lo, hi):
                continue
        if rule.requires:
            lo, hi = _scope(bounds, starts, rule.requires.scope, c.start, len(text))
            if not _hit_within(cond_hits.get((c.rule, "requires"), ()), lo, hi):
                continue
        survivors.append(c)
    best: dict[tuple[str, int, int], Candidate] = {}
    for c in _keep_longest(survivors):
        key = (rules[c.rule].category, c.start, c.end) if merge_same_span else (c.rule, c.start, c.end)
        other = best.get(key)
        if other is None or severity_rank(rules[c.rule].severity) > severity_rank(rules[other.rule].severity):
            best[key] = c
    out = []
    for c in sorted(best.values(), key=lambda c: (c.start, c.end, rules[c.rule].id)):
        rule, match = rules[c.rule], text[c.start:c.end]
        line, column = line_column(text, c.start)
        out.append(Violation(
            rule=rule.id, category=rule.category, severity=rule.severity, start=c.start, end=c.end,
            line=line, column=column, match=match,
            message=_format(rule.message, match), suggestion=_format(rule.suggestion, match),
            citation=rule.citation(lang)))
    return tuple(out)


def line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of offset `pos` in `text`."""
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def shifted(v: Violation, offset: int, text: str) -> Violation:
    """`v`, found in a slice of `text` starting at `offset`, placed in `text` itself."""
    start, end = v.start + offset, v.end + offset
    line, column = line_column(text, start)
    return dataclasses.replace(v, start=start, end=end, line=line, column=column)
