"""Regulated communications: post metadata as rule input (every door it comes in by), the
rule kinds regulations need (`near`, `requires_any`/`requires_all`, `position`, `when`,
conditions `within`), actions and their exit statuses, and the built-in packs on posts of
our own."""
from __future__ import annotations

import json
import pickle

import pytest
import spacy
from click.testing import CliRunner

from compliance import Checker, InputError, PackError
from compliance.audit.records import read_records
from compliance.audit.replay import replay
from compliance.cli import main
from compliance.metadata import Metadata, When, metadata_from
from compliance.pipeline import build_pipeline

PACK = """\
pack: reg
version: 1
policy: {title: Reg, sections: [{id: s, title: S, text: t}]}
lists:
  labels: ["#ad", ad, sponsored, paid partnership]
  money: [return, returns, profit, yield]
rules:
  - id: reg.near
    category: financial-promotion
    cite: s
    message: 'promise "{match}"'
    near: {a: [guaranteed, risk-free], b: {terms: [$money], regex: '\\d\\s?%'}, within: 2}
    unless: {negated: true}
  - id: reg.label
    category: endorsement-disclosure
    action: require_approval
    cite: s
    message: label missing
    when: [{sponsored: true, author_role: {not: brand}}, {affiliate: true}]
    requires_any: [$labels]
  - id: reg.disclaimer
    category: health-claim
    cite: s
    severity: error
    message: disclaimer missing
    when: {audience: US}
    requires_all: [[not been evaluated], {regex: '(?i)not intended to (?:diagnose|treat)'}]
    requires: {terms: [supports], scope: post}
  - id: reg.late
    category: endorsement-disclosure
    cite: s
    severity: warning
    message: late label "{match}"
    position: {terms: [$labels], within: {default: 30, x: 280}}
  - id: reg.free
    category: financial-promotion
    cite: s
    message: free "{match}"
    terms: [no fees]
    requires: {terms: [trading, invest], within: 2}
"""


def checker_for(tmp_path, pack=PACK) -> Checker:
    path = tmp_path / "reg.yaml"
    path.write_text(pack)
    return Checker.from_packs([path], builtin=False)


def found(checker, text, **metadata):
    report = checker.check(text, lang="en", **metadata)
    for v in report.violations:
        assert text[v.start:v.end] == v.match
    return [(v.rule, v.match) for v in report.violations]


# -- metadata ---------------------------------------------------------------------------
def test_metadata_is_validated_with_the_key_and_its_values_named():
    assert metadata_from({"audience": ["us", "Retail"], "sponsored": True, "channel": "Instagram", "x": 1}) == \
        Metadata(channel="instagram", sponsored=True, audience=("US", "retail"))
    for bad, words in [({"sponsored": "yes"}, '"sponsored" is true or false'),
                       ({"audience": ["Mars"]}, "'Mars'"), ({"author_role": "ceo"}, "brand, employee"),
                       ({"substantiation": [3]}, "list of strings")]:
        with pytest.raises(InputError, match=words):
            metadata_from(bad)


def test_when_tests_values_lists_negations_and_alternatives():
    when = When.from_data([{"sponsored": True, "author_role": {"not": "brand"}}, {"audience": ["US", "UK"]}], None)
    assert when.holds(Metadata(sponsored=True))                       # author_role unsaid is "not brand"
    assert not when.holds(Metadata(sponsored=True, author_role="brand"))
    assert when.holds(Metadata(audience=("UK", "retail")))            # a list shares a value
    assert not when.holds(Metadata())
    assert When.from_data(when.to_data(), None) == when


def test_a_when_value_a_key_never_takes_is_a_pack_error_at_its_place(tmp_path):
    bad = PACK.replace("when: {audience: US}", "when: {audience: Narnia}")
    with pytest.raises(PackError) as err:
        checker_for(tmp_path, bad)
    assert err.value.rule == "reg.disclaimer" and (err.value.line, err.value.column) == (26, 22) and "Narnia" in str(err.value)


def test_metadata_reaches_rules_from_the_library_scan_front_matter_and_options(tmp_path):
    checker = checker_for(tmp_path)
    assert found(checker, "Loving my new serum") == []
    assert found(checker, "Loving my new serum", sponsored=True) == [("reg.label", "Loving my new serum")]
    assert found(checker, "Loving my new serum", sponsored=True, author_role="brand") == []
    assert next(checker.check_many([{"text": "Loving it", "affiliate": True}])).violations[0].rule == "reg.label"

    pack = str(tmp_path / "reg.yaml")
    lines = tmp_path / "posts.jsonl"
    lines.write_text(json.dumps({"id": 1, "text": "Loving it", "sponsored": True}) + "\n"
                     + json.dumps({"id": 2, "text": "Loving it", "sponsored": "yes"}) + "\n")
    result = CliRunner().invoke(main, ["scan", "--no-builtin", "--pack", pack, str(lines)])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["violations"][0]["rule"] == "reg.label" and '"sponsored" is true or false' in second["error"]

    draft = tmp_path / "draft.md"
    draft.write_text("---\nsponsored: true\n---\nLoving it\n")
    result = CliRunner().invoke(main, ["check", "--no-builtin", "--pack", pack, "--format", "json", str(draft)])
    assert [v["rule"] for v in json.loads(result.stdout)["violations"]] == ["reg.label"]
    draft.write_text("Loving it\n")
    result = CliRunner().invoke(main, ["check", "--no-builtin", "--pack", pack, "--format", "json", "--sponsored", str(draft)])
    assert [v["rule"] for v in json.loads(result.stdout)["violations"]] == ["reg.label"]
    result = CliRunner().invoke(main, ["check", "--no-builtin", "--pack", pack, "--audience", "Narnia", str(draft)])
    assert result.exit_code == 2 and "Narnia" in result.output


def test_wrong_front_matter_metadata_names_the_file_and_line(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("---\nlang: en\nsponsored: maybe\n---\nLoving it\n")
    result = CliRunner().invoke(main, ["check", str(draft)])
    assert result.exit_code == 2 and f"{draft}:3:1: front matter" in result.output and "sponsored" in result.output


# -- rule kinds -------------------------------------------------------------------------
def test_near_pairs_cues_within_words_in_one_sentence_either_way(tmp_path):
    checker = checker_for(tmp_path)
    assert found(checker, "Guaranteed returns!") == [("reg.near", "Guaranteed returns")]
    assert found(checker, "A yield that is guaranteed.") == [("reg.near", "yield that is guaranteed")]
    assert found(checker, "Guaranteed, 9% a year") == [("reg.near", "Guaranteed, 9%")]   # punctuation is no word
    assert found(checker, "Guaranteed delivery on every order. Free returns.") == []       # another sentence
    assert found(checker, "Guaranteed next day delivery and returns") == []                 # too far apart
    assert found(checker, "Returns are not guaranteed.") == []                              # negated


def test_requires_any_and_all_report_what_is_missing_on_the_first_line(tmp_path):
    checker = checker_for(tmp_path)
    text = "\n  Our gummies supports joints\nThese statements have not been evaluated."
    assert found(checker, text, audience=["US"]) == [("reg.disclaimer", "Our gummies supports joints")]
    whole = text + " Not intended to diagnose any disease."
    assert found(checker, whole, audience=["US"]) == []
    assert found(checker, text, audience=["UK"]) == []
    assert found(checker, "Tastes great", audience=["US"]) == []    # nothing that needs the disclaimer


def test_position_wants_a_label_before_the_fold_and_outside_the_closing_hashtags(tmp_path):
    checker = checker_for(tmp_path)
    assert found(checker, "#ad Loving my new serum, it is the best") == []
    late = "Loving my new serum, it is the best thing this year. Ad"
    assert found(checker, late) == [("reg.late", "Ad")]
    assert found(checker, late, channel="x") == []
    assert found(checker, "Loving my new serum #skincare #ad", channel="x") == [("reg.late", "#ad")]


def test_a_condition_within_counts_words_around_the_match(tmp_path):
    checker = checker_for(tmp_path)
    assert found(checker, "Trading with no fees") == [("reg.free", "no fees")]
    assert found(checker, "Trading is fun, and the party has no fees") == []


def test_rules_of_the_new_kinds_survive_pickling_and_a_saved_pipeline(tmp_path):
    checker = checker_for(tmp_path)
    again = pickle.loads(pickle.dumps(checker))
    text = "Guaranteed returns! Loving it"
    assert again.check(text, sponsored=True).to_dict() == checker.check(text, sponsored=True).to_dict()
    nlp = build_pipeline("en", checker.rule_set)
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    doc = loaded.make_doc(text)
    doc._.post_metadata = Metadata(sponsored=True)
    assert sorted(v.rule for v in loaded(doc)._.violations) == ["reg.label", "reg.near"]


# -- actions ----------------------------------------------------------------------------
def test_an_action_carries_its_severity_and_a_contradiction_is_an_error(tmp_path):
    checker = checker_for(tmp_path)
    [v] = checker.check("Loving it", sponsored=True).violations
    assert (v.severity, v.effective_action, v.to_dict()["action"]) == ("error", "require_approval", "require_approval")
    with pytest.raises(PackError, match="carries severity 'error', not 'warning'"):
        checker_for(tmp_path, PACK.replace("action: require_approval", "action: require_approval\n    severity: warning"))


def test_approval_only_findings_exit_3_and_say_so_in_every_format(tmp_path):
    checker_for(tmp_path)
    pack = str(tmp_path / "reg.yaml")
    draft = tmp_path / "draft.md"
    draft.write_text("---\nsponsored: true\n---\nLoving it\n")
    base = ["check", "--no-builtin", "--pack", pack, str(draft)]
    text = CliRunner().invoke(main, base)
    assert text.exit_code == 3 and "error (needs approval) reg.label" in text.output
    sarif = json.loads(CliRunner().invoke(main, [*base, "--format", "sarif"]).stdout)
    assert sarif["runs"][0]["results"][0]["properties"]["action"] == "require_approval"
    github = CliRunner().invoke(main, [*base, "--format", "github"]).stdout
    assert "Needs approval: label missing" in github
    draft.write_text("---\nsponsored: true\n---\nGuaranteed returns\n")
    assert CliRunner().invoke(main, base).exit_code == 1   # something blocks: no approval clears it


# -- the record ------------------------------------------------------------------------
def test_the_check_record_keeps_the_metadata_and_replay_uses_it(tmp_path):
    checker_for(tmp_path)
    pack, record = str(tmp_path / "reg.yaml"), tmp_path / "record"
    (tmp_path / ".compliance.yaml").write_text(f"record:\n  dir: {record}\n  keep_text: true\n")
    draft = tmp_path / "draft.md"
    draft.write_text("Loving it\n")
    result = CliRunner().invoke(main, ["check", "--no-builtin", "--pack", pack, "--sponsored", "--audience", "US",
                                       str(draft)])
    assert result.exit_code == 3, result.output
    [entry] = [r for _, _, r in read_records(record) if "findings" in r]
    assert entry["metadata"]["published"] == {"sponsored": True, "audience": ["US"]}
    assert [f["rule"] for f in entry["findings"]] == ["reg.label"]
    assert replay(record, entry["id"]).identical


# -- the built-in packs -----------------------------------------------------------------
@pytest.mark.parametrize("text,metadata,category", [
    ("Guaranteed 8% returns every single year, DM me 📈", {}, "financial-promotion"),
    ("Bitcoin is going to the moon, buy now before it 10x's", {}, "financial-promotion"),
    ("If you'd invested $2,000 with us in 2018 you'd have $11,500 today", {}, "financial-promotion"),
    ("Obsessed with this protein powder 💪 code LIFT15 saves you 15%", {"affiliate": True}, "endorsement-disclosure"),
    ("Morning routine with my favourite new serum ✨", {"sponsored": True, "channel": "instagram"}, "endorsement-disclosure"),
    ("Our mushroom tincture cures insomnia for good", {}, "health-claim"),
    ("Lose 6 kg in 3 weeks with the shake plan", {}, "health-claim"),
])
def test_the_regulated_packs_catch_posts_of_each_family(checker, text, metadata, category):
    report = checker.check(text, lang="en", **metadata)
    assert category in {v.category for v in report.violations}, report.violations


def test_what_a_post_lacks_is_judged_on_the_whole_post_not_on_a_part_in_another_language(checker):
    text = "Gifted by @Lumo: these candles are lovely and smell of summer. Kupiv gi vo Ramstore vchera."
    assert checker.check(text, gifted=True).violations == ()
    assert "endorsement-disclosure" in {v.category for v in checker.check(text.replace("Gifted by @Lumo:", "From @Lumo:"),
                                                                          gifted=True).violations}


@pytest.mark.parametrize("text,metadata", [
    ("We doubled the size of our Leeds office this year 🎉", {}),
    ("Returns are not guaranteed and the value of investments can fall as well as rise.", {}),
    ("#ad Morning routine with my favourite new serum ✨", {"sponsored": True, "channel": "instagram"}),
    ("Free returns on every order this week 📦", {}),
    ("Our cardiology team treats heart disease patients from across the region", {}),
    ("Vitamin D contributes to the normal function of the immune system.", {"audience": ["UK"]}),
])
def test_the_regulated_packs_leave_near_misses_alone(checker, text, metadata):
    report = checker.check(text, lang="en", **metadata)
    regulated = [v for v in report.violations if v.category in
                 ("financial-promotion", "endorsement-disclosure", "health-claim")]
    assert regulated == [], regulated
