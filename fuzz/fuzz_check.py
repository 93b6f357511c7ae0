"""Fuzz `check`: random posts in all five scripts, with the characters people use to dodge
filters, must give reports whose offsets point into the text, the same twice, quickly.

    python fuzz/fuzz_check.py --minutes 10
"""
from __future__ import annotations

import argparse
import time

from hypothesis import HealthCheck, given, settings, strategies as st

from compliance import Checker, InputError

ALPHABET = ([chr(c) for c in range(32, 127)] + [chr(c) for c in range(0x400, 0x460)]
            + [chr(c) for c in range(0x5B0, 0x5F5)] + list("þðæöáíóúýéčšžćđ")
            + ["\u200b", "\u200d", "\u202e", "\ufeff", "\u00ad", "\u0301", "\n", "\ud800", "😀", "\U0001F3FD", "ｓ", "𝐬"])
WORDS = ["shit", "sh1t", "f*ck", "idiot", "sranje", "helvítis", "срање", "חרא", "guaranteed", "07700 900461",
         "AKIAIOSFODNN7EXAMPLE", "a@b.co", "#FuckMondays", "s h i t", "DE89 3704 0044 0532 0130 00"]
POSTS = st.lists(st.one_of(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40), st.sampled_from(WORDS)),
                 max_size=12).map(" ".join)
LANGS = st.sampled_from([None, "en", "is", "sl", "mk", "he", "fr", "en-GB"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--hang", type=float, default=30, help="seconds after which one case counts as a hang")
    a = ap.parse_args()
    checker = Checker.default()
    for lang in ("en", "is", "sl", "mk", "he", "fr", None):  # pipelines load before timing starts
        checker.check("warm up the pipelines", lang=lang)
    stats = {"runs": 0, "findings": 0}

    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(POSTS, LANGS)
    def one(text: str, lang: str | None) -> None:
        started = time.monotonic()
        try:
            first = checker.check(text, lang=lang)
        except InputError:
            return
        assert checker.check(text, lang=lang) == first, text
        for v in first.violations:
            assert 0 <= v.start <= v.end <= len(text) and text[v.start:v.end] == v.match, (text, v)
            line = text.count("\n", 0, v.start) + 1
            assert (v.line, v.column) == (line, v.start - (text.rfind("\n", 0, v.start) + 1) + 1), (text, v)
        stats["runs"] += 1
        stats["findings"] += len(first.violations)
        assert time.monotonic() - started < a.hang, text

    end = time.monotonic() + a.minutes * 60
    while time.monotonic() < end:
        one()
    print(f"fuzz check: {stats['runs']} posts in {a.minutes} min, {stats['findings']} findings, no failure")


if __name__ == "__main__":
    main()
