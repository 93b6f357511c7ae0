"""Audit against real vocabulary: every one of the N most frequent words of a language
(wordfreq's list), alone and inside a neutral sentence, through the built-in packs. Every
word that fires is printed with the rules it fires, so a pack author can review each one: a
listed word, a sense that needs context, or a mistake.

    python benchmarks/audit_words.py --lang sl [--top 20000] [--out findings.tsv]

Needs the `wordfreq` package (pip install wordfreq).
"""
from __future__ import annotations

import argparse
import collections
import sys

from compliance import Checker

# A sentence in each language that says nothing a policy cares about, with a slot.
NEUTRAL = {
    "en": "We talked about {} at the team meeting today.",
    "is": "Við ræddum um {} á fundinum í dag.",
    "sl": "Danes smo na sestanku govorili o {}.",
    "mk": "Денес на состанокот зборувавме за {}.",
    "he": "היום דיברנו בישיבה על {}.",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True, choices=sorted(NEUTRAL))
    ap.add_argument("--top", type=int, default=20000)
    ap.add_argument("--out", help="write word, context, rules as TSV here")
    a = ap.parse_args()
    from wordfreq import top_n_list

    words = [w for w in top_n_list(a.lang, a.top) if any(ch.isalpha() for ch in w)]
    checker = Checker.default()
    posts = [{"id": (w, "alone"), "text": w, "lang": a.lang} for w in words]
    posts += [{"id": (w, "sentence"), "text": NEUTRAL[a.lang].format(w), "lang": a.lang} for w in words]
    fired: dict[tuple[str, str], list[str]] = {}
    for report in checker.check_many(posts):
        if report.violations:
            fired[report.id] = sorted({v.rule for v in report.violations})
    by_rule = collections.Counter(rule for rules in fired.values() for rule in rules)
    firing_words = sorted({w for w, _ in fired})
    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    for (word, context), rules in sorted(fired.items()):
        out.write(f"{word}\t{context}\t{','.join(rules)}\n")
    print(f"audit {a.lang}: {len(words)} words, {len(firing_words)} fire "
          f"({len([k for k in fired if k[1] == 'alone'])} alone, {len([k for k in fired if k[1] == 'sentence'])} "
          f"in a sentence)", file=sys.stderr)
    for rule, n in by_rule.most_common(15):
        print(f"  {rule:45} {n}", file=sys.stderr)


if __name__ == "__main__":
    main()
