"""Violation values: a rule's message and citation on a span, with line and column."""
from __future__ import annotations

import dataclasses

from ..model import Rule, Violation


def line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of offset `pos` in `text`."""
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _format(template: str | None, match: str) -> str | None:
    return None if template is None else template.replace("{match}", match)


def violation(rule: Rule, text: str, start: int, end: int, lang: str | None) -> Violation:
    """`rule` broken by `text[start:end]`, cited in `lang` where the policy has it."""
    match = text[start:end]
    line, column = line_column(text, start)
    return Violation(rule=rule.id, category=rule.category, severity=rule.severity, start=start, end=end,
                     line=line, column=column, match=match, message=_format(rule.message, match),
                     suggestion=_format(rule.suggestion, match), citation=rule.citation(lang),
                     action=rule.effective_action)


def gave_up(rule: Rule, text: str, budget: float, lang: str | None) -> Violation:
    """An `info` finding saying that `rule` could not be checked on `text`: its regex ran
    out of the post's time budget. Never a silent pass."""
    return Violation(rule=rule.id, category=rule.category, severity="info", start=0, end=0, line=1, column=1,
                     match="", message=f"rule {rule.id} gave up after {budget * 1000:.0f} ms on this post; "
                                       "it was not checked",
                     suggestion="Simplify the rule's regex (`compliance rules validate` warns about nested "
                                "quantifiers) or raise components.compliance_matcher.regex_budget",
                     citation=rule.citation(lang))


def shifted(v: Violation, offset: int, text: str) -> Violation:
    """`v`, found in a slice of `text` starting at `offset`, placed in `text` itself."""
    start, end = v.start + offset, v.end + offset
    line, column = line_column(text, start)
    return dataclasses.replace(v, start=start, end=end, line=line, column=column)
