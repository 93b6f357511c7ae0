"""The on-disk cache of loaded packs: a hit gives the same rules and findings, any change to a
pack or the engine misses it, and an entry someone else could have written is never read."""
import os
import pickle

import pytest

from compliance import Checker, load_rule_set
from compliance.packs import cache

PACK = """\
pack: acme
version: 1
policy:
  title: ACME policy
  sections:
    - {id: s, title: Codenames}
rules:
  - id: acme.codenames
    category: confidential
    cite: s
    message: Codename
    terms: [Bluefin]
  - id: acme.tickets
    category: confidential
    cite: s
    message: Ticket
    regex: '\\bACME-\\d{4}\\b'
"""


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(where))
    monkeypatch.delenv("COMPLIANCE_NO_CACHE", raising=False)
    return where


def entries(folder):
    return sorted(folder.glob("*.rules.pickle"))


def test_a_hit_gives_the_same_rules_and_findings(folder, tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK)
    first = load_rule_set([pack], builtin=False)
    assert len(entries(folder)) == 1
    second = load_rule_set([pack], builtin=False)
    assert second is not first and second.to_dict() == first.to_dict()
    report = Checker(second).check("Bluefin ships with ACME-1234 fixed.", lang="en")
    assert sorted(v.match for v in report.violations) == ["ACME-1234", "Bluefin"]


def test_an_edited_pack_misses_the_cache(folder, tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK)
    load_rule_set([pack], builtin=False)
    pack.write_text(PACK.replace("Bluefin", "Halibut"))
    rules = load_rule_set([pack], builtin=False)
    assert [t.text for t in rules.rule("acme.codenames").matcher.terms] == ["Halibut"]
    assert len(entries(folder)) == 2


def test_an_entry_others_can_write_is_not_read(folder, tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK)
    load_rule_set([pack], builtin=False)
    entry, = entries(folder)
    # A planted entry: a rule set with another codename, made writable by the group.
    planted = load_rule_set([pack], builtin=False)
    forged = pickle.dumps(type(planted)(planted.rules[:1], planted.policies))
    entry.write_bytes(forged)
    os.chmod(entry, 0o664)
    assert len(load_rule_set([pack], builtin=False).rules) == 2
    os.chmod(folder, 0o777)
    entry.write_bytes(forged)
    os.chmod(entry, 0o600)
    assert len(load_rule_set([pack], builtin=False).rules) == 2


def test_a_corrupt_entry_is_a_miss(folder, tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK)
    load_rule_set([pack], builtin=False)
    entry, = entries(folder)
    entry.write_bytes(b"not a pickle")
    assert len(load_rule_set([pack], builtin=False).rules) == 2


def test_the_folder_is_private_and_the_cache_can_be_turned_off(folder, tmp_path, monkeypatch):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK)
    load_rule_set([pack], builtin=False)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert entries(folder)[0].stat().st_mode & 0o077 == 0
    monkeypatch.setenv("COMPLIANCE_NO_CACHE", "1")
    assert cache.cache_dir() is None
    pack.write_text(PACK.replace("Bluefin", "Halibut"))
    load_rule_set([pack], builtin=False)
    assert len(entries(folder)) == 1


def test_a_broken_pack_is_reported_not_cached(folder, tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK.replace("cite: s\n    message: Ticket", "cite: nope\n    message: Ticket"))
    with pytest.raises(Exception, match="nope"):
        load_rule_set([pack], builtin=False)
    assert entries(folder) == []


def test_an_edited_word_list_file_misses_the_cache(folder, tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK.replace("    terms: [Bluefin]", "    terms: [$names]").replace(
        "rules:\n", "lists:\n  names: {file: names.txt}\nrules:\n", 1))
    (tmp_path / "names.txt").write_text("# codenames\nBluefin\n\nHalibut\n")
    rules = load_rule_set([pack], builtin=False)
    assert [t.text for t in rules.rule("acme.codenames").matcher.terms] == ["Bluefin", "Halibut"]
    (tmp_path / "names.txt").write_text("Kestrel\n")
    rules = load_rule_set([pack], builtin=False)
    assert [t.text for t in rules.rule("acme.codenames").matcher.terms] == ["Kestrel"]


def test_a_users_pack_is_loaded_on_the_cached_built_in_rules(folder, tmp_path):
    from compliance.packs.loader import _load
    from compliance.packs.files import expand_pack_paths

    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK.replace("rules:\n", "overrides:\n  - {rule: en.profanity.*, severity: info}\nrules:\n"))
    builtins = load_rule_set()
    entry_count = len(entries(folder))
    combined = load_rule_set([pack])
    # One new entry (the combination); the built-in set came from its own entry.
    assert len(entries(folder)) == entry_count + 1
    assert combined.to_dict() == _load(expand_pack_paths([pack]), True, None).to_dict()
    assert len(combined.rules) == len(builtins.rules) + 2
    assert {r.severity for r in combined.rules if r.id.startswith("en.profanity.")} == {"info"}
