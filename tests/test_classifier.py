"""The `classifier` kind and fallback rules: a context model trained here on a handful of
drafts, packs that name it, and the shipped model."""
import json
import pickle

import pytest
import spacy

from compliance import Checker, PackError
from compliance.errors import InputError
from compliance.model import BUILTIN_CATEGORIES
from compliance.packs import load_rule_set
from compliance.textmodel import Draft, drafts_of_examples, labels_of, load, read_drafts, train, words_of

GOSSIP = ["heard from a mate that the depot closes soon", "word is the boss gets sacked soon",
          "a mate says the chain closes soon", "rumour says the depot gets sold soon",
          "heard the boss says the shop closes soon", "word is the chain gets sold soon"]
PLAIN = ["thanks for coming to the open day", "our new menu starts on monday", "the car park opens at eight",
         "fresh bread every morning at the bakery", "we are hiring bakers for the summer", "the open day was lovely"]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models") / "gossip"
    drafts = [Draft(t, frozenset({"unverified-claim"})) for t in GOSSIP] + [Draft(t, frozenset()) for t in PLAIN]
    train(drafts * 3, ["unverified-claim", "insult"], folder, epochs=10)
    return folder


def _pack(tmp_path, model, *, label="unverified-claim", threshold=0.5, fallback="true", extra=""):
    pack = tmp_path / "context.yaml"
    pack.write_text(
        "pack: ctx\npolicy: model-policy\nrules:\n"
        "  - id: ctx.claims\n    category: unverified-claim\n    cite: accuracy.claims\n"
        f"    message: reads like a rumour\n    fallback: {fallback}\n"
        f"    classifier: {{model: {model}, label: {label}, threshold: {threshold}}}\n" + extra,
        encoding="utf-8")
    return pack


LISTED = ("  - id: ctx.listed\n    category: {category}\n    cite: accuracy.claims\n"
          "    message: listed\n    terms: [sacked]\n")


def test_a_model_rule_reports_the_sentence_that_reads_most_like_its_label(model_dir, tmp_path):
    checker = Checker.from_packs([_pack(tmp_path, model_dir)], builtin=False)
    text = "Lovely open day today. Heard from a mate the depot closes soon!"
    [v] = checker.check(text, lang="en").violations
    assert (v.rule, v.category, v.match) == ("ctx.claims", "unverified-claim", "Heard from a mate the depot closes soon!")
    assert text[v.start:v.end] == v.match
    assert checker.check("Thanks for coming to the open day.", lang="en").violations == ()


def test_the_model_folder_is_found_beside_the_pack(model_dir, tmp_path):
    (tmp_path / "packs").mkdir()
    pack = _pack(tmp_path / "packs", "../" + model_dir.name)
    (tmp_path / model_dir.name).symlink_to(model_dir, target_is_directory=True)
    [rule] = Checker.from_packs([pack], builtin=False).rules
    assert rule.matcher.model == str(model_dir.resolve())


def test_a_missing_model_or_label_is_a_pack_error_at_its_key(model_dir, tmp_path):
    with pytest.raises(PackError) as err:
        Checker.from_packs([_pack(tmp_path, tmp_path / "nowhere")], builtin=False)
    assert (err.value.line, err.value.rule) == (9, "ctx.claims") and "not a context model folder" in str(err.value)
    with pytest.raises(PackError) as err:
        Checker.from_packs([_pack(tmp_path, model_dir, label="taboo-topic")], builtin=False)
    assert "has no label 'taboo-topic' (it has: unverified-claim, insult)" in str(err.value)
    with pytest.raises(PackError):
        Checker.from_packs([_pack(tmp_path, model_dir, threshold=1.5)], builtin=False)


def test_a_fallback_is_silenced_by_another_rule_of_its_category(model_dir, tmp_path):
    text = "Word is the boss gets sacked soon."
    alone = Checker.from_packs([_pack(tmp_path, model_dir)], builtin=False)
    assert [v.rule for v in alone.check(text, lang="en").violations] == ["ctx.claims"]
    listed = Checker.from_packs([_pack(tmp_path, model_dir, extra=LISTED.format(category="unverified-claim"))],
                                builtin=False)
    assert [v.rule for v in listed.check(text, lang="en").violations] == ["ctx.listed"]
    # Another category silences it only when the rule names that category.
    other = _pack(tmp_path, model_dir, extra=LISTED.format(category="insult"))
    assert {v.rule for v in Checker.from_packs([other], builtin=False).check(text, lang="en").violations} == {
        "ctx.claims", "ctx.listed"}
    named = _pack(tmp_path, model_dir, fallback="[insult]", extra=LISTED.format(category="insult"))
    assert [v.rule for v in Checker.from_packs([named], builtin=False).check(text, lang="en").violations] == [
        "ctx.listed"]
    anything = _pack(tmp_path, model_dir, fallback="any", extra=LISTED.format(category="taboo-topic"))
    assert [v.rule for v in Checker.from_packs([anything], builtin=False).check(text, lang="en").violations] == [
        "ctx.listed"]


def test_a_model_rule_survives_pickling_and_a_saved_pipeline(model_dir, tmp_path):
    checker = Checker.from_packs([_pack(tmp_path, model_dir)], builtin=False)
    text = "Heard from a mate the depot closes soon."
    expected = [v.to_dict() for v in checker.check(text, lang="en").violations]
    assert expected
    copy = pickle.loads(pickle.dumps(checker))
    assert [v.to_dict() for v in copy.check(text, lang="en").violations] == expected
    checker.pipeline("en").to_disk(tmp_path / "pipeline")
    doc = spacy.load(tmp_path / "pipeline")(text)
    assert [v.to_dict() for v in doc._.violations] == expected


def test_training_is_repeatable(model_dir, tmp_path):
    drafts = [Draft(t, frozenset({"unverified-claim"})) for t in GOSSIP] + [Draft(t, frozenset()) for t in PLAIN]
    again = train(drafts * 3, ["unverified-claim", "insult"], tmp_path / "again", epochs=10)
    texts = ["word is the depot closes", "fresh bread at the open day"]
    assert again.score(texts) == load(model_dir).score(texts)
    assert labels_of(tmp_path / "again") == ("unverified-claim", "insult")


def test_a_bad_training_line_is_named_by_file_and_line(tmp_path):
    data = tmp_path / "drafts.jsonl"
    data.write_text(json.dumps({"text": "fine", "expect": []}) + "\n" + json.dumps({"text": "no labels"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"drafts.jsonl:2:1: not a labelled draft"):
        read_drafts([data])


def test_the_shipped_model_knows_the_built_in_categories(checker):
    folders = {r.matcher.model for r in checker.rules if r.kind == "classifier"}
    assert len(folders) == 1
    assert set(labels_of(folders.pop())) == set(BUILTIN_CATEGORIES)
    # Swear words are left to the lists, every other category has a model rule.
    assert {r.category for r in checker.rules if r.kind == "classifier"} == set(BUILTIN_CATEGORIES) - {"profanity"}


def test_short_and_wordless_posts_are_not_scored(model_dir, tmp_path):
    checker = Checker.from_packs([_pack(tmp_path, model_dir, threshold=0.01)], builtin=False)
    assert [v.rule for v in checker.check("Word is the depot closes very soon.", lang="en").violations] == [
        "ctx.claims"]
    for text in ("Word is the depot closes.", "", "   ", "https://example.com/word-is-the-depot-closes-very-soon"):
        assert checker.check(text, lang="en").violations == (), text


def test_the_model_reads_words_not_links_code_or_disguises():
    assert words_of("Word is: f*ck @boss 12.5% https://x.io/a see `rm -rf` now!") == [
        "word", "is", ":", "f", "ck", "boss", "0", ".", "0", "see", "now", "!"]


def test_a_rule_example_teaches_its_own_category_only(tmp_path):
    pack = tmp_path / "listed.yaml"
    pack.write_text(
        "pack: listed\npolicy: model-policy\nrules:\n"
        "  - id: l.rumour\n    category: unverified-claim\n    cite: accuracy.claims\n    message: m\n"
        "    terms: [word is]\n    examples: {match: [word is the depot closes], ok: [the word of the day]}\n",
        encoding="utf-8")
    drafts = drafts_of_examples(load_rule_set([pack], builtin=False).rules)
    assert drafts == [Draft("word is the depot closes", frozenset({"unverified-claim"}), frozenset({"unverified-claim"})),
                      Draft("the word of the day", frozenset(), frozenset({"unverified-claim"}))]
    # Unknown labels are left out of the truth, so training leaves their weights alone.
    assert drafts[1].truth(["unverified-claim", "insult"]) == {"unverified-claim": 0.0}
    assert Draft("x", frozenset({"insult"})).truth(["unverified-claim", "insult"]) == {
        "unverified-claim": 0.0, "insult": 1.0}


def test_a_match_another_rule_weighed_and_let_go_silences_the_fallback(model_dir, tmp_path):
    weighed = ("  - id: ctx.denied\n    category: unverified-claim\n    cite: accuracy.claims\n"
               "    message: listed\n    terms: [sacked]\n    unless: {terms: [never]}\n")
    checker = Checker.from_packs([_pack(tmp_path, model_dir, extra=weighed)], builtin=False)
    assert [v.rule for v in checker.check("Word is the boss gets sacked soon.", lang="en").violations] == ["ctx.denied"]
    # The listed rule saw "sacked", and its condition let it go: that verdict stands.
    assert checker.check("Word is the boss never gets sacked soon.", lang="en").violations == ()


def test_a_match_out_of_its_required_context_does_not_silence_the_fallback(model_dir, tmp_path):
    # "sacked" counts for this rule only beside "court"; without it the rule never weighed the
    # post, so the model's reading stands.
    out_of_context = ("  - id: ctx.court\n    category: taboo-topic\n    cite: accuracy.claims\n"
                      "    message: listed\n    terms: [sacked]\n    requires: {terms: [court]}\n")
    checker = Checker.from_packs([_pack(tmp_path, model_dir, fallback="any", extra=out_of_context)], builtin=False)
    assert [v.rule for v in checker.check("Word is the boss gets sacked soon.", lang="en").violations] == ["ctx.claims"]
    assert [v.rule for v in checker.check("Word is the boss gets sacked by the court.", lang="en").violations] == [
        "ctx.court"]
