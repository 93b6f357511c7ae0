"""The `patterns` kind runs a rule's Matcher only on a Doc holding every token value one of its
patterns requires: what it finds must be exactly what one Matcher of all the patterns finds."""
import datetime as dt

from hypothesis import given, settings, strategies as st
from spacy.matcher import Matcher

from compliance import Checker
from compliance.matchers.base import MatchContext
from compliance.matchers.patterns import FOLDED_ATTR, PatternsSearcher, _on_folded, _requirements

CHECKER = Checker.default()
LANGS = ("en", "is", "mk", "sl", "he")
EXAMPLES = {lang: sorted({e.text for r in CHECKER.rules if r.langs and lang in r.langs
                          for e in r.examples_match + r.examples_ok}) for lang in LANGS}


def _searcher(lang: str) -> PatternsSearcher:
    component = CHECKER.pipeline(lang).get_pipe("compliance_matcher")
    return component.searchers["patterns"]


def _both(lang: str, text: str) -> tuple[list, list]:
    """The matches of the triggered Matchers in `text`, and those of one Matcher of every pattern."""
    nlp = CHECKER.pipeline(lang)
    component = nlp.get_pipe("compliance_matcher")
    searcher = component.searchers["patterns"]
    doc = nlp.make_doc(text)
    context = MatchContext(doc, component.setup, dt.date(2026, 1, 1))
    texts = [t.text for t in context.tokens]
    values = searcher._set_token_attrs(doc, [w or t for t, w in zip(texts, context.folded_tokens)], texts)
    found = sorted(tuple(c) for c in searcher._matches(doc, values, lambda s, e: (s, e)))
    everything = Matcher(nlp.vocab)
    for index, rule in enumerate(component.rules):
        if rule.kind == "patterns":
            everything.add(str(index), [_on_folded(list(p)) for p in rule.matcher.patterns])
    strings = nlp.vocab.strings
    return found, sorted((int(strings[m]), s, e) for m, s, e in everything(doc))


def test_requirements_of_a_pattern():
    pattern = _on_folded([{"LOWER": {"IN": ["a", "an"]}, "OP": "?"}, {"NORM": "idiot"},
                          {"LEMMA": {"IN": ["be"], "NOT_IN": ["is"]}, "OP": "{1,2}"}, {"IS_PUNCT": True}])
    assert _requirements(pattern) == {("NORM", frozenset({"idiot"})), ("LEMMA", frozenset({"be"}))}
    assert _requirements([{"TEXT": "Hi", "OP": "+"}, {"ORTH": "x", "OP": "*"}]) == {("ORTH", frozenset({"Hi"}))}
    assert _requirements([{"LOWER": {"REGEX": "^x"}}, {"IS_ALPHA": True, "OP": "!"}]) == frozenset()
    assert _on_folded([{"LOWER": "x"}])[0].keys() == {FOLDED_ATTR}


def test_every_language_has_triggered_rules():
    for lang in LANGS:
        searcher = _searcher(lang)
        assert searcher.matchers and searcher.triggers.index, lang


def test_triggered_matches_equal_one_matcher_on_every_example():
    compared = 0
    for lang in LANGS:
        for text in EXAMPLES[lang]:
            found, expected = _both(lang, text)
            assert found == expected, (lang, text)
            compared += bool(expected)
    assert compared > 100


WORDS = st.sampled_from(["you", "are", "a", "total", "idiot", "the", "people", "in", "accounts", "such", "clown",
                         "bunch", "of", "useless", "f*cking", "smoke", "some", "weed", "ti", "si", "budala",
                         "ти", "си", "будала", "אתה", "מטומטם", "þú", "ert", "fífl", "#UselessPrick", "!", ","])


@settings(deadline=None, max_examples=60)
@given(st.lists(WORDS, min_size=1, max_size=10), st.sampled_from(LANGS))
def test_triggered_matches_equal_one_matcher_on_generated_text(words, lang):
    found, expected = _both(lang, " ".join(words))
    assert found == expected
