"""Fuzz the pack loader: random and mutated packs must load or raise PackError, quickly.

    python fuzz/fuzz_packs.py --minutes 10

Any other exception, or a pack that takes more than a few seconds, is printed with the pack
that caused it and ends the run with status 1.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from compliance import PackError, load_rule_set

KEYS = ["id", "category", "severity", "message", "cite", "terms", "patterns", "regex", "group", "validate",
        "exact", "unless", "requires", "allow", "until", "examples", "lang", "suggestion", "link", "bogus"]
SCALARS = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
                    st.sampled_from(["(a+)+$", "[", "\\", "*", "$name", "2026-13-45", "error", "s", "!!python/name:os"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                       st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
                      max_leaves=30)
RULE = st.fixed_dictionaries({"id": st.sampled_from(["a.b", "a b", "", "x"]), "category": st.sampled_from(["profanity", "X"]),
                              "cite": st.sampled_from(["s", "nope"]), "message": st.text(max_size=10)},
                             optional={k: VALUES for k in KEYS if k not in ("id", "category", "cite", "message")})


def _yaml(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)  # JSON is YAML


@st.composite
def packs(draw) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:  # a well-formed shape with random rules
        rules = draw(st.lists(RULE, max_size=4))
        return ("pack: fz\nversion: 1\npolicy: {title: T, sections: [{id: s, title: S}]}\n"
                f"lists: {_yaml(draw(st.dictionaries(st.sampled_from(['a', 'b']), st.lists(st.text(max_size=8)), max_size=2)))}\n"
                f"rules: {_yaml(rules)}\n")
    if kind == 1:  # random YAML text
        return draw(st.text(alphabet=st.sampled_from(list("&*!|>-:[]{}#'\" \n\tabcx0123%@`")), max_size=300))
    if kind == 2:  # aliases and nesting
        depth = draw(st.integers(1, 12))
        width = draw(st.integers(1, 9))
        text = "pack: fz\na0: &a0 [x]\n"
        for i in range(1, depth):
            text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]\n"
        return text + f"rules: *a{depth - 1}\n"
    return "pack: fz\nrules: " + "[" * draw(st.integers(1, 3000)) + "]" * draw(st.integers(0, 3000)) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--hang", type=float, default=30, help="seconds after which one case counts as a hang")
    a = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fuzz-packs-"))
    stats = {"runs": 0, "loaded": 0, "pack_errors": 0}

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(packs())
    def one(text: str) -> None:
        path = folder / "p.yaml"
        path.write_text(text, encoding="utf-8")
        started = time.monotonic()
        stats["runs"] += 1
        try:
            load_rule_set([path], builtin=False)
            stats["loaded"] += 1
        except PackError:
            stats["pack_errors"] += 1
        except Exception:
            print("FAILED on pack:\n" + text[:2000])
            traceback.print_exc()
            raise
        elapsed = time.monotonic() - started
        assert elapsed < a.hang, f"{elapsed:.1f}s on pack:\n{text[:2000]}"

    end = time.monotonic() + a.minutes * 60
    while time.monotonic() < end:
        one()
    print(f"fuzz packs: {stats['runs']} packs in {a.minutes} min: {stats['loaded']} loaded, "
          f"{stats['pack_errors']} PackErrors, no other failure")


if __name__ == "__main__":
    main()
