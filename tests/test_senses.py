"""`negated` and `quoted` conditions: a negated or quoted claim is no claim, in every language."""
import pytest

from compliance import Checker, load_rule_set

PACK = """
pack: senses
policy: model-policy
rules:
  - id: senses.claim
    category: unverified-claim
    cite: accuracy.claims
    message: m
    terms: [guaranteed, "100% safe", cure, zajamčeno, tryggt, гарантирано, מובטח]
    unless: {negated: true, quoted: true}
"""


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    path = tmp_path_factory.mktemp("senses") / "senses.yaml"
    path.write_text(PACK, encoding="utf-8")
    return Checker(load_rule_set([path], builtin=False))


@pytest.mark.parametrize("text,lang,flagged", [
    ("Returns are guaranteed.", "en", True),
    ("Returns are not guaranteed.", "en", False),
    ("Returns aren't guaranteed, but the cure is real.", "en", True),   # the cure is outside the negated clause
    ("We never promise a cure.", "en", False),
    ("No guarantee, but returns are guaranteed.", "en", True),
    ("Our guidelines say never to call a product 100% safe.", "en", False),
    ("It is 100% safe, trust us.", "en", True),
    ('Please stop writing "guaranteed" in the ads.', "en", False),
    ("Donos je zajamčeno.", "sl", True),
    ("Donos ni zajamčeno visok.", "sl", False),
    ("Ávöxtun er tryggt.", "is", True),
    ("Ávöxtun er ekki tryggt.", "is", False),
    ("Приносот е гарантирано висок.", "mk", True),
    ("Приносот не е гарантирано висок.", "mk", False),
    ("התשואה מובטח.", "he", True),
    ("התשואה לא מובטח.", "he", False),
    ("ההנחיות אומרות שאסור לכתוב מובטח.", "he", False),
    ("Returns are not guaranteed 📈", "en", False),
    ("The jeans didn't fit 👖 guaranteed to fit by Friday", "en", True),   # an emoji ends the clause
    ("Nothing is certain. Guaranteed returns for all", "en", True),      # so does a sentence
])
def test_negated_and_quoted_claims_pass(checker, text, lang, flagged):
    found = [v for v in checker.check(text, lang=lang).violations if v.rule == "senses.claim"]
    assert bool(found) == flagged, found
    assert all(text[v.start:v.end] == v.match for v in found)


NEAR_PACK = """
pack: near
policy: model-policy
rules:
  - id: near.threat
    category: taboo-topic
    cite: voice.violence
    message: m
    terms: [kill him]
    unless: {scope: near, terms: [laughing, time]}
  - id: near.sentence
    category: insult
    cite: voice.violence
    message: m
    terms: [kill him]
    unless: {terms: [laughing, time]}
"""


@pytest.mark.parametrize("text,near,sentence", [
    ("That joke will kill him laughing.", False, False),        # the idiom's word is next to the verb
    ("Every time the courier is late I could honestly kill him.", True, False),  # seven words away
    ("I will kill him. Time to go.", True, True),                 # another sentence
    ("I'll kill him, no time.", False, False),
])
def test_a_near_condition_looks_three_words_either_side(tmp_path, text, near, sentence):
    path = tmp_path / "near.yaml"
    path.write_text(NEAR_PACK, encoding="utf-8")
    found = {v.rule for v in Checker(load_rule_set([path], builtin=False)).check(text, lang="en").violations}
    assert ("near.threat" in found, "near.sentence" in found) == (near, sentence)
