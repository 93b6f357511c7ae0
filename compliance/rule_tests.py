"""Running each rule's own examples, the way `semgrep --test` runs annotated tests:
every `match` example must make the rule fire, every `ok` example must not."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .model import Example, Rule, RuleSet
from .pipeline import build_pipeline


@dataclass(frozen=True)
class ExampleFailure:
    """An example that the rule got wrong on `day`, the day the examples ran."""
    rule: Rule
    lang: str
    example: Example
    expected: bool  # True: should have matched
    day: dt.date

    def __str__(self) -> str:
        wanted = "should match but did not" if self.expected else "should not match but did"
        published = self.example.metadata.to_dict()
        out = (f"{self.rule.source}: {self.rule.id} [{self.lang}]: example {wanted}: {self.example.text!r}"
               + (f" (published with {published})" if published else ""))
        if self.expected and not self.rule.live_on(self.day):
            # Otherwise this reads like a broken matcher, when the rule has simply retired.
            out += (f" (the rule's embargo ended on {self.rule.until.isoformat()}: with `until` "
                    "passed it no longer applies)")
        return out


@dataclass(frozen=True)
class ExampleResults:
    passed: int
    failures: tuple[ExampleFailure, ...]


def _example_lang(rule: Rule) -> str:
    return rule.langs[0] if rule.langs else "en"


def run_examples(rule_set: RuleSet, rules: Iterable[Rule] | None = None,
                 today: dt.date | None = None) -> ExampleResults:
    """Check every example of `rules` (all rules of the set by default) in the rule's first
    language, with all of the set's rules loaded and overlapping findings kept apart."""
    rules = list(rule_set.rules if rules is None else rules)
    day = today or dt.date.today()
    by_lang: dict[str, list[Rule]] = {}
    for rule in rules:
        by_lang.setdefault(_example_lang(rule), []).append(rule)
    passed, failures = 0, []
    for lang, lang_rules in by_lang.items():
        nlp = build_pipeline(lang, rule_set, {"components.compliance_matcher.merge_same_span": False})
        for rule in lang_rules:
            for expected, examples in ((True, rule.examples_match), (False, rule.examples_ok)):
                for example in examples:
                    doc = nlp.make_doc(example.text)
                    doc._.check_date = day
                    doc._.post_metadata = example.metadata
                    fired = any(v.rule == rule.id for v in nlp(doc)._.violations)
                    if fired == expected:
                        passed += 1
                    else:
                        failures.append(ExampleFailure(rule, lang, example, expected, day))
    return ExampleResults(passed, tuple(failures))
