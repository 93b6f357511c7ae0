"""Every built-in rule carries its own examples, and they pass."""
import pytest

from compliance import BUILTIN_CATEGORIES, load_rule_set
from compliance.model import REGULATED_CATEGORIES
from compliance.rule_tests import run_examples


@pytest.fixture(scope="module")
def builtin():
    return load_rule_set()


def test_builtin_rule_examples_pass(builtin):
    results = run_examples(builtin)
    assert not results.failures, "\n".join(map(str, results.failures))
    assert results.passed > 100


def test_each_builtin_rule_has_examples_and_a_builtin_category(builtin):
    for rule in builtin.rules:
        assert len(rule.examples_match) >= 3 and len(rule.examples_ok) >= 3, rule.id
        assert rule.category in BUILTIN_CATEGORIES + REGULATED_CATEGORIES, rule.id
        assert rule.cite in rule.policy.sections, rule.id
