"""`compliance rules profile`: every rule of the packs, timed over a corpus, slowest first."""
import json

from click.testing import CliRunner

from compliance.cli import main
from compliance.packs import load_rule_set

SLOW_PACK = """pack: slow
version: 1
policy: {title: P, sections: [{id: s, title: S, text: t}]}
rules:
  - id: slow.cubic
    category: confidential
    severity: warning
    cite: s
    message: m
    regex: '(.*)(.*)(.*)\\d{30}'
"""


def test_profile_lists_every_rule_and_the_slow_regex_first(tmp_path, fixtures):
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    posts = [{"id": i, "lang": "en", "text": f"We shipped {i} Project Bluefin units, see ACME-1234. " + "thingsthings " * 6}
             for i in range(20)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in posts) + "not json\n", encoding="utf-8")
    packs = [str(fixtures / "acme.yaml"), str(tmp_path / "slow.yaml")]
    rule_ids = {r.id for r in load_rule_set(packs, builtin=False).rules}

    result = CliRunner().invoke(main, ["rules", "profile", *packs, "--corpus", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "1 line left out" in result.stderr and "corpus.jsonl:21:1" in result.stderr
    profile = json.loads(result.stdout)
    rules = {r["rule"]: r for r in profile["rules"]}
    assert set(rules) == rule_ids and len(profile["rules"]) == len(rule_ids) == 3
    assert profile["rules"][0]["rule"] == "slow.cubic"
    assert profile["posts"] == 20 and profile["langs"] == {"en": 20}
    assert rules["slow.cubic"]["regex_runs"] == 20 and rules["slow.cubic"]["findings"] == 0
    assert rules["acme.codenames"]["candidates"] == rules["acme.codenames"]["findings"] == 20
    assert rules["acme.ticket"]["findings"] == 20 and rules["acme.ticket"]["prefilter_skips"] == 0
    assert rules["acme.codenames"]["prefilter_skips"] is None
    seconds = [r["seconds"] for r in profile["rules"]]
    assert seconds == sorted(seconds, reverse=True)

    table = CliRunner().invoke(main, ["rules", "profile", *packs, "--corpus", str(corpus)])
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["rule", "kind", "total"]
    assert lines[1].split()[0] == "slow.cubic"
    assert {line.split()[0] for line in lines[1:4]} == rule_ids
