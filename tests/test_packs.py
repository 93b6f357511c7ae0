"""Loading packs: the contract's user pack shape, and errors that name file, line, column, rule."""
import datetime as dt

import pytest
from click.testing import CliRunner

from compliance import Checker, PackError, load_rule_set
from compliance.cli import main


@pytest.fixture(scope="module")
def acme_checker(fixtures):
    return Checker.default(today=dt.date(2026, 11, 23)).with_packs([fixtures / "acme.yaml"])


@pytest.mark.parametrize("text,match", [
    ("Sneak peek of Project Bluefin today", "Project Bluefin"),
    ("Project Bluefin's new look is here", "Project Bluefin"),
    ("PROJECT BLUEFIN launches soon", "PROJECT BLUEFIN"),
    ("Meet halibut 2 at the expo", "halibut 2"),
    ("Meet Halibut\u200b 2 at the expo", "Halibut\u200b 2"),
    ("Project Blu3fin today", "Project Blu3fin"),
])
def test_user_terms_match_with_inflection_and_obfuscation(acme_checker, text, match):
    hits = [v for v in acme_checker.check(text, lang="en").violations if v.rule == "acme.codenames"]
    assert [v.match for v in hits] == [match]
    v = hits[0]
    assert text[v.start:v.end] == v.match
    assert v.citation.pack == "acme" and v.citation.policy == "ACME Social Media Policy"
    assert v.citation.section == "conf.projects" and v.citation.title == "Unreleased projects"
    assert v.citation.url == "https://intranet.example/social-policy"
    assert v.message == f'Internal codename "{match}" must not be published'


def test_user_terms_do_not_match_other_words(acme_checker):
    assert not [v for v in acme_checker.check("We caught a bluefin tuna and a halibut.", lang="en").violations
                if v.rule == "acme.codenames"]


def test_user_regex_rule(acme_checker):
    vs = [v for v in acme_checker.check("See ticket ACME-1234 for details", lang="en").violations if v.rule == "acme.ticket"]
    assert [(v.match, v.severity) for v in vs] == [("ACME-1234", "warning")]


def test_user_pack_in_every_language(acme_checker):
    report = acme_checker.check("Project Bluefin kemur út í vor, ekki segja neinum.", lang="is")
    assert "acme.codenames" in {v.rule for v in report.violations}


@pytest.mark.parametrize("name,line,column,rule,words", [
    ("bad_yaml.yaml", 5, 1, None, "invalid YAML"),
    ("unknown_key.yaml", 9, 5, "broken.unknown", "unknown key 'colour'"),
    ("missing_section.yaml", 6, 11, "broken.cite", "conduct.nope"),
    ("bad_regex.yaml", 8, 12, "broken.regex", "does not compile"),
    ("duplicate_id.yaml", 9, 9, "broken.twice", "duplicate rule id"),
    ("bad_pattern.yaml", 9, 9, "broken.pattern", "invalid token pattern"),
    ("two_matchers.yaml", 4, 5, "broken.two", "exactly one of"),
])
def test_broken_pack_errors_name_the_place(fixtures, name, line, column, rule, words):
    path = fixtures / "broken" / name
    with pytest.raises(PackError) as err:
        load_rule_set([path])
    e = err.value
    assert (e.path, e.line, e.column, e.rule) == (str(path), line, column, rule)
    assert words in str(e)
    for command in (["check", "--pack", str(path), "-"], ["scan", "--pack", str(path), "-"]):
        result = CliRunner().invoke(main, command, input="hello\n")
        assert result.exit_code == 2
        assert f"{path}:{line}:{column}:" in result.output and words in result.output


def test_overrides_change_and_disable_rules(tmp_path):
    pack = tmp_path / "override.yaml"
    pack.write_text("pack: ours\noverrides:\n  - rule: en.profanity.mild\n    severity: info\n"
                    "  - rule: en.taboo.gambling\n    enabled: false\n", encoding="utf-8")
    checker = Checker.from_packs([pack])
    assert checker.check("Damn servers.", lang="en").violations[0].severity == "info"
    assert checker.check("Damn servers.", lang="en").ok
    assert not checker.check("Team night at the casino!", lang="en").violations


def test_override_of_unknown_rule_is_an_error(tmp_path):
    pack = tmp_path / "override.yaml"
    pack.write_text("pack: ours\noverrides:\n  - rule: nope.*\n    enabled: false\n", encoding="utf-8")
    with pytest.raises(PackError, match="nope"):
        load_rule_set([pack])


def test_term_until_date_expires_embargo(tmp_path):
    pack = tmp_path / "embargo.yaml"
    pack.write_text(
        "pack: emb\npolicy: model-policy\nrules:\n  - id: emb.names\n    category: confidential\n"
        "    cite: confidential.information\n    message: embargoed\n    terms:\n"
        "      - term: Stingray\n        until: 2026-12-01\n      - Marlin\n", encoding="utf-8")
    before = Checker.from_packs([pack], builtin=False, today=dt.date(2026, 11, 30))
    after = Checker.from_packs([pack], builtin=False, today=dt.date(2026, 12, 1))
    assert {v.match for v in before.check("Stingray and Marlin", lang="en").violations} == {"Stingray", "Marlin"}
    assert {v.match for v in after.check("Stingray and Marlin", lang="en").violations} == {"Marlin"}


def test_translation_pack_localises_citations(tmp_path):
    pack = tmp_path / "tr.yaml"
    pack.write_text("pack: tr\ntranslates: model-policy\nlang: de\npolicy:\n  title: Muster-Richtlinie\n"
                    "  sections:\n    - id: conduct.language\n      title: Sprache und Ton\n", encoding="utf-8")
    checker = Checker.from_packs([pack])
    v = checker.check("What a load of shit.", lang="en").violations[0]
    assert v.citation.title == "Language and tone"
    rule = checker.rule_set.rule(v.rule)
    assert rule.citation("de").title == "Sprache und Ton" and rule.citation("de").policy == "Muster-Richtlinie"


def test_a_missing_word_list_file_is_an_error_at_its_line(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\npolicy: model-policy\nlists:\n  names: {file: names.txt}\nrules:\n"
                    "  - {id: p.r, category: insult, cite: conduct.respect, message: m, terms: [$names]}\n")
    with pytest.raises(PackError) as e:
        load_rule_set([pack], builtin=False)
    assert "names.txt" in str(e.value) and f"{pack}:4:" in str(e.value)
