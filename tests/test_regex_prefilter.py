"""The regex prefilter may skip a regex only when it cannot match: never loses a finding."""
import functools

import regex
from hypothesis import given, settings, strategies as st

from compliance import load_rule_set
from compliance.normalize.fold import fold
from compliance.matchers.prefilter import DIGIT, holds, required_any, required_atoms, required_formula, text_atoms

RULES = [r for r in load_rule_set().rules if r.kind == "regex"]
EXAMPLES = sorted({e.text for r in load_rule_set().rules for e in r.examples_match + r.examples_ok})


@functools.lru_cache(maxsize=None)
def needs(pattern: str):
    return required_atoms(pattern), required_any(pattern), required_formula(pattern)


def passes(pattern: str, text: str) -> bool:
    need_all, need_any, formula = needs(pattern)
    lowered = text.casefold()
    return (need_all <= text_atoms(text) and (need_any is None or any(s in lowered for s in need_any))
            and (formula is None or holds(formula, lowered)))


def test_no_example_match_is_skipped():
    checked = 0
    for rule in RULES:
        compiled = regex.compile(rule.matcher.pattern)
        for example in EXAMPLES:
            subject = example if rule.exact else fold(example, casefold=False).text
            if compiled.search(subject):
                checked += 1
                assert passes(rule.matcher.pattern, subject), (rule.id, example)
    assert checked > 100


FRAGMENTS = st.sampled_from(["password is", "PIN", " 4111 1111 1111 1111", "@", "guaranteed", "the best",
                             "in the world", "07700 900461", "%", "of customers", "before the", "earnings call",
                             "SSN", "078-05-1120", "Vote", "Labour", " ", ".", "AKIA", "IOSFODNN7EXAMPLE", "x"])


@settings(deadline=None)  # every built-in regex per example: a loaded machine is slow, not wrong
@given(st.lists(FRAGMENTS, max_size=12))
def test_prefilter_is_sound_on_generated_text(parts):
    text = "".join(parts)
    for rule in RULES:
        if regex.compile(rule.matcher.pattern).search(text):
            assert passes(rule.matcher.pattern, text), (rule.id, text)


def test_requirements_found():
    assert required_atoms(r"\d{3}-\d{2}") == {DIGIT, "-"}
    assert required_any(r"(?i)\b(?:before|until)\s+the\s+results") == {"results"}
    assert required_any(r"\b(?:LSD|MDMA)\b") == {"lsd", "mdma"}
    assert required_any(r"\p{L}+") is None


def test_formula_keeps_each_branch_s_own_requirements():
    formula = required_formula(r"(?i)\b(?:at|in)\s+gunpoint|kill\s+(?:you|him)")
    assert not holds(formula, "lunch at noon in leeds")  # "at" and "in" alone do not do
    assert holds(formula, "robbed at gunpoint") and holds(formula, "i will kill him")
    assert required_formula(r"\w+") is None and required_formula(r"a|\d") is None
    # Most built-in regexes run on a clean English post when only one set of strings is asked
    # of them; the formula rules out most of those.
    post = "Lunch with the team at noon, see you there."
    en = [r for r in RULES if r.langs in (None, ("en",))]
    by_any = [r.id for r in en if passes_any(r.matcher.pattern, post)]
    by_formula = [r.id for r in en if passes(r.matcher.pattern, post)]
    assert len(by_formula) * 2 < len(by_any), (by_any, by_formula)


def passes_any(pattern: str, text: str) -> bool:
    need_all, need_any, _ = needs(pattern)
    return need_all <= text_atoms(text) and (need_any is None or any(s in text.casefold() for s in need_any))


def test_defined_groups_named_groups_and_properties_are_read_through():
    pattern = r"""(?x)
(?(DEFINE)
  (?P<kw>(?i:token|secret))   # a comment with a ( paren
)
(?P<name>\w*(?&kw))[ ]*=[ ]*(?P<q>["'])(?P<value>[\p{L}\d]{8,})(?P=q)
| (?P<name>(?&kw))=\d+
"""
    assert required_any(pattern) == frozenset({"token", "secret"})
    assert required_atoms(pattern) == frozenset({"=", "e", "t"})  # "e" and "t": in both keywords
    compiled = regex.compile(pattern)
    for text in ('api_token = "abcd1234"', "SECRET=42"):
        assert compiled.search(text) and passes(pattern, text)
    assert not passes(pattern, "no keyword here = 'abcdefgh'")


def test_every_builtin_regex_but_a_few_has_a_prefilter():
    # Rules no prefilter can read run on every post of their language: keep them rare (one in
    # twenty; `compliance rules profile` shows what each costs). 6 of 197 when this was written.
    unread = [r.id for r in RULES if required_any(r.matcher.pattern) is None and not required_atoms(r.matcher.pattern)]
    assert len(unread) * 20 <= len(RULES), unread
