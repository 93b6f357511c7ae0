"""Peers' own public test cases, scored through the library: at least 95% of each peer's cases
pass in every category.

The fixtures under fixtures/peers/ are the true and false positives that gitleaks
(cmd/generate/config/rules/*.go), detect-secrets (tests/plugins/*_test.py) and Presidio
(presidio-analyzer/tests/test_*_recognizer.py) ship, each framed as a post; their `source`
names the peer's file. Labels that contradict our contract were changed, and their `note`
says why (`relabelled: ...`).

A positive case passes when every category it expects is found, each span it names is
covered by a finding of such a category, and nothing else is flagged; a negative case passes
when nothing is flagged. A negative counts in the category of its family's positives (an
AWS placeholder is a confidential case, a failing IBAN a personal-data one).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest

PEERS = ("gitleaks", "detect-secrets", "presidio")
REQUIRED = 0.95


def _family(case: dict) -> str:
    return case["id"].rsplit("-", 1)[0]


def _cases(fixtures, peer: str) -> list[dict]:
    path = fixtures / "peers" / f"{peer}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _categories(cases: list[dict]) -> dict[str, list[str]]:
    """Each case's categories: what it expects, or for a negative the category most of its
    family's positives expect (the peer's, for a family of negatives only)."""
    by_family: dict[str, Counter] = defaultdict(Counter)
    overall: Counter = Counter()
    for case in cases:
        by_family[_family(case)].update(case["expect"])
        overall.update(case["expect"])

    def main(counts: Counter) -> list[str]:
        return [(counts or overall).most_common(1)[0][0]]

    return {case["id"]: sorted(case["expect"]) or main(by_family[_family(case)]) for case in cases}


def _failure(case: dict, violations) -> str | None:
    """Why `case` fails against `violations`, or None when it passes."""
    found = {v.category for v in violations}
    expected = set(case["expect"])
    if found != expected:
        return f"expected {sorted(expected)}, found {sorted(found)}"
    for span in case.get("spans", []):
        start = case["text"].find(span)
        end = start + len(span)
        if not any(v.category in expected and v.start < end and v.end > start for v in violations):
            return f"span {span!r} not covered"
    return None


@pytest.fixture(scope="module")
def scored(checker, fixtures):
    """Per peer: (cases, each case's categories, each case's failure or None)."""
    out = {}
    for peer in PEERS:
        cases = _cases(fixtures, peer)
        reports = checker.check_many({"id": c["id"], "text": c["text"], "lang": c["lang"]} for c in cases)
        failures = {}
        for case, report in zip(cases, reports):
            violations = [v for v in report.violations if v.severity != "info"]
            failures[case["id"]] = (_failure(case, violations), [(v.rule, v.match) for v in violations])
        out[peer] = (cases, _categories(cases), failures)
    return out


@pytest.mark.parametrize("peer", PEERS)
def test_peer_cases_pass_per_category(scored, peer, capsys):
    cases, categories, failures = scored[peer]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lines = []
    for case in cases:
        why, found = failures[case["id"]]
        for category in categories[case["id"]]:
            totals[category][1] += 1
            totals[category][0] += why is None
        if why is not None:
            lines.append(f"  FAIL {case['id']}: {why}; found {found}\n       {case['text'][:160]!r}")
    with capsys.disabled():
        summary = ", ".join(f"{c} {p}/{t}" for c, (p, t) in sorted(totals.items()))
        print(f"\n{peer}: {summary}")
        print("\n".join(lines))
    for category, (passed, total) in totals.items():
        assert passed >= REQUIRED * total, f"{peer} {category}: {passed}/{total} pass"


def test_every_peer_case_names_its_source(fixtures):
    for peer in PEERS:
        cases = _cases(fixtures, peer)
        assert len(cases) >= 100, peer
        assert all(case["source"] and case["id"].startswith(f"peer-{peer}-") for case in cases), peer
