"""The engine's structure as users of spaCy and of the library rely on it: saved pipelines,
processes, pickles, rebuilt checkers, embargo dates, plug-in matcher kinds, layers."""
import ast
import datetime as dt
import json
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import spacy

from compliance import Checker, PackError, load_rule_set
from compliance.matchers import MATCHERS, register
from compliance.matchers.base import Candidate
from compliance.packs.schema import pack_schema, shipped_schema
from compliance.pipeline import build_pipeline, load_config

PACKAGE = Path(__file__).resolve().parents[1] / "compliance"
TEXTS = ["What a load of bullsh1t.", "Call Tom on 07700 900461 anytime.", "Sooo tired of this #FuckMondays",
         "Our competitors are a bunch of clowns.", "Thanks for coming to the open day!"]


def findings(docs):
    return [[v.to_dict() for v in doc._.violations] for doc in docs]


def test_saved_pipeline_loads_with_spacy_load_and_finds_the_same(checker, tmp_path):
    nlp = checker.pipeline("en")
    expected = findings(nlp.pipe(TEXTS))
    assert any(expected)
    nlp.to_disk(tmp_path / "pipeline")
    assert {p.name for p in (tmp_path / "pipeline" / "compliance_matcher").iterdir()} == {
        "cfg", "policies.json", "rules.jsonl"}
    loaded = spacy.load(tmp_path / "pipeline")
    assert findings(loaded.pipe(TEXTS)) == expected
    doc = loaded(TEXTS[0])
    spans = doc.spans["compliance"]
    assert [s.label_ for s in spans] == ["en.profanity.strong"] and spans[0].text == "bullsh1t"


def test_pipe_with_two_processes(checker):
    nlp = checker.pipeline("en")
    assert findings(nlp.pipe(TEXTS, n_process=2, batch_size=2)) == findings(nlp.pipe(TEXTS))


def test_checker_pickles_and_gives_the_same_reports(checker):
    copy = pickle.loads(pickle.dumps(checker))
    assert [r.to_dict() for r in copy.check_many(TEXTS)] == [r.to_dict() for r in checker.check_many(TEXTS)]
    assert copy.clock() == checker.clock()


def test_from_bytes_clears_first(checker):
    data = checker.pipeline("en").get_pipe("compliance_matcher").to_bytes()
    component = build_pipeline("en").get_pipe("compliance_matcher")
    component.from_bytes(data)
    component.from_bytes(data)
    assert len(component) == len(checker.pipeline("en").get_pipe("compliance_matcher"))
    # The policy is written once, not once per rule.
    assert data.count("Model Social Media Policy".encode()) == 1


def test_initialize_reads_the_packs_the_config_names():
    nlp = spacy.util.load_model_from_config(load_config("en"), auto_fill=True)
    nlp.initialize()
    assert [v.match for v in nlp("What a load of shit.")._.violations] == ["shit"]


def test_with_packs_keeps_every_rule(fixtures):
    rule_set = load_rule_set([fixtures / "acme.yaml"], builtin=False)
    made = Checker(rule_set)
    assert made.with_packs([]).rule_set.rules == rule_set.rules
    extended = Checker.from_packs([fixtures / "acme.yaml"]).with_packs([])
    assert {"acme.codenames", "en.profanity.strong"} <= {r.id for r in extended.rules}


def test_with_packs_rejects_a_duplicate_rule_id(fixtures):
    with pytest.raises(PackError, match="duplicate rule id"):
        Checker.from_packs([fixtures / "acme.yaml"]).with_packs([fixtures / "acme.yaml"])


class Calendar:
    """A clock the test can move."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def test_embargo_is_decided_on_the_day_of_each_check(tmp_path):
    pack = tmp_path / "embargo.yaml"
    pack.write_text(
        "pack: emb\npolicy: model-policy\nrules:\n  - id: emb.names\n    category: confidential\n"
        "    cite: confidential.information\n    message: embargoed\n    terms:\n"
        "      - term: Stingray\n        until: 2026-12-01\n", encoding="utf-8")
    calendar = Calendar(dt.date(2026, 11, 30))
    checker = Checker.from_packs([pack], builtin=False, clock=calendar)
    assert [v.match for v in checker.check("Stingray ships soon", lang="en").violations] == ["Stingray"]
    calendar.day = dt.date(2026, 12, 2)
    assert checker.check("Stingray ships soon", lang="en").violations == ()


@dataclass(frozen=True)
class LiteralSpec:
    text: str
    kind: str = "literal"

    def to_dict(self):
        return {"literal": self.text}


class LiteralSearcher:
    def __init__(self, setup):
        self.rules = []

    def add(self, index, rule):
        self.rules.append((index, rule.matcher.text))

    def find(self, context):
        for index, text in self.rules:
            start = context.text.find(text)
            while start >= 0:
                yield Candidate(index, start, start + len(text))
                start = context.text.find(text, start + 1)


class LiteralMatcher:
    """A matcher kind of the test's own: a case-sensitive substring."""
    kind = "literal"
    schema = {"literal": {"type": "string", "minLength": 1}}

    def compile(self, data, where):
        return LiteralSpec(data["literal"])

    def searcher(self, setup):
        return LiteralSearcher(setup)


@pytest.fixture
def literal_kind():
    register(LiteralMatcher())
    yield
    del MATCHERS["literal"]


def test_a_new_matcher_kind_needs_only_a_registry_line(literal_kind, tmp_path):
    pack = tmp_path / "literal.yaml"
    pack.write_text("pack: lit\npolicy: model-policy\nrules:\n  - id: lit.code\n    category: confidential\n"
                    "    cite: confidential.information\n    message: m\n    literal: XJ-9\n", encoding="utf-8")
    checker = Checker.from_packs([pack], builtin=False)
    assert [v.match for v in checker.check("The XJ-9 is here, not the xj-9", lang="en").violations] == ["XJ-9"]
    nlp = checker.pipeline("en")
    reloaded = build_pipeline("en").get_pipe("compliance_matcher").from_bytes(
        nlp.get_pipe("compliance_matcher").to_bytes())
    assert reloaded.rules[0].matcher == LiteralSpec("XJ-9")
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: lit\npolicy: model-policy\nrules:\n  - id: lit.code\n    category: confidential\n"
                   "    cite: confidential.information\n    message: m\n    literal: 5\n", encoding="utf-8")
    with pytest.raises(PackError, match="literal"):
        load_rule_set([bad], builtin=False)


def test_shipped_schema_is_the_registry_schema():
    assert pack_schema() == shipped_schema()
    kinds = [alt["required"][0] for alt in shipped_schema()["$defs"]["rule"]["oneOf"]]
    assert kinds == list(MATCHERS)


def test_word_lists_expand_in_terms_and_patterns(tmp_path):
    pack = tmp_path / "lists.yaml"
    pack.write_text(
        "pack: lists\npolicy: model-policy\nlang: en\nlists:\n  fish: [bluefin, halibut]\n"
        "  sea: [$fish, cod]\nrules:\n"
        "  - id: lists.terms\n    category: confidential\n    cite: confidential.information\n    message: m\n"
        "    terms: [$sea, Project Marlin]\n"
        "  - id: lists.patterns\n    category: confidential\n    cite: confidential.information\n    message: m\n"
        "    patterns:\n      - [{LOWER: project}, {LOWER: {IN: $fish}}]\n", encoding="utf-8")
    rule_set = load_rule_set([pack], builtin=False)
    assert [t.text for t in rule_set.rule("lists.terms").matcher.terms] == ["bluefin", "halibut", "cod", "Project Marlin"]
    assert rule_set.rule("lists.patterns").matcher.patterns[0][1] == {"LOWER": {"IN": ["bluefin", "halibut"]}}
    found = Checker(rule_set).check("Project halibut and a cod", lang="en").violations
    assert {(v.rule, v.match) for v in found} >= {("lists.patterns", "Project halibut"), ("lists.terms", "cod")}
    pack.write_text(pack.read_text(encoding="utf-8").replace("[$sea, Project Marlin]", "[$whales]"), encoding="utf-8")
    with pytest.raises(PackError, match="no word list named 'whales'"):
        load_rule_set([pack], builtin=False)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_cli_and_service_layers_import_click_or_fastapi():
    front_ends = {PACKAGE / "cli", PACKAGE / "service"}
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if not any(d in p.parents for d in front_ends) and _imports(p) & {"click", "fastapi", "uvicorn"}]
    assert offenders == []


def test_python_dash_m_and_the_checkout_script_run_the_cli(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("What a load of shit.\n", encoding="utf-8")
    module = subprocess.run([sys.executable, "-m", "compliance", "check", "--format", "json", str(draft)],
                            capture_output=True, text=True)
    assert module.returncode == 1 and json.loads(module.stdout)["violations"][0]["match"] == "shit"
    script = subprocess.run([sys.executable, str(PACKAGE.parent / "cli.py"), "--help"], capture_output=True, text=True)
    assert script.returncode == 0 and "check" in script.stdout


def test_a_stream_of_new_words_does_not_grow_the_vocabulary(checker):
    # Each post brings strings no other has (handles, links, made-up words); spaCy's memory
    # zones free them after the batch, so a long scan's string store stays flat.
    posts = [{"text": f"zqx{i}word meets @handle{i} at https://example.com/p/{i} #tag{i}", "lang": "en"}
             for i in range(300)]
    list(checker.check_many([{"text": f"warm{i} meets @warm{i}", "lang": "en"} for i in range(10)]))
    strings = checker.pipeline("en").vocab.strings
    before = len(strings)
    reports = list(checker.check_many(posts))
    # Only what every post repeats ("meets", "at") is kept for good, with its suffix string.
    assert len(reports) == 300 and len(strings) <= before + 3
    assert "zqx299word" not in strings


def test_words_a_stream_keeps_bringing_are_kept_up_to_a_limit():
    from compliance.packs import load_rule_set
    from compliance.pipeline import build_pipeline
    from compliance.pipeline.recurring import RecurringWords

    nlp = build_pipeline("en", load_rule_set([], builtin=False), {})
    recurring, bounded = RecurringWords(), RecurringWords(limit=2)
    for i in range(3):
        batch = [f"qqrecur thanks, zzonce{i} and qqagain!"]
        with nlp.memory_zone():
            list(nlp.tokenizer.pipe(batch))
        recurring.learn(nlp, batch)
        bounded.learn(nlp, batch)
    strings = nlp.vocab.strings
    assert recurring.kept == {"qqrecur", "thanks,", "and", "qqagain!"} and len(bounded.kept) == 2
    assert {"qqrecur", "qqagain"} <= set(strings) and "zzonce1" not in strings
    assert [t.text for t in nlp("qqrecur thanks, qqagain!")] == ["qqrecur", "thanks", ",", "qqagain", "!"]
