"""Throughput of `check_many` on a realistic stream (most posts clean), against spaCy's own
tokenizer, and the cost of seeing through obfuscation.

    python benchmarks/throughput.py [--posts 20000] [--seed 7]

Prints posts per second for: spaCy's default English tokenizer alone; our social tokenizer
alone; the full English pipeline with obfuscation handling off and on; and Checker.check_many
with language detection. Numbers are for comparison on one machine, not absolute targets.
"""
from __future__ import annotations

import argparse
import random
import time

import spacy

from compliance import Checker
from compliance.pipeline import build_pipeline

CLEAN = [
    "Huge thanks to everyone who came to our open day in {city}!", "Our new {thing} is in stores from Monday.",
    "We are hiring in {city}: see the careers page for details.", "Happy Friday from the whole {team} team 🎉",
    "The {thing} you asked for is back in stock at every branch.", "Join us at the {city} expo, stand 42. #Expo{year}",
    "Thank you for your patience while we fixed yesterday's outage.", "Read how our {team} team cut delivery times this year.",
    "Doors open at 9, coffee is on us ☕ See you there, @{city}Events!", "Our {thing} won a design award, congrats to the team!",
]
DIRTY = [
    "What a load of bullsh1t from the {city} council.", "Our competitors are a bunch of clowns.", "Call Tom on 07700 900461 anytime.",
    "Internal only: the {thing} launches next month, don't share.", "The best {thing} in the world, guaranteed.",
    "Sooo tired of this #FuckMondays", "Vote Green on Sunday!", "f*ck this {thing}",
]
FILL = {"city": ["Leeds", "Derby", "Hull", "Bristol", "Cardiff"], "thing": ["sofa", "router", "app", "kettle", "bike"],
        "team": ["support", "design", "logistics"], "year": ["2025", "2026"]}


def make_posts(n: int, seed: int, dirty_share: float = 0.08) -> list[str]:
    rng = random.Random(seed)
    posts = []
    for _ in range(n):
        sentences = [rng.choice(CLEAN) for _ in range(rng.randint(1, 3))]
        if rng.random() < dirty_share:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(DIRTY))
        posts.append(" ".join(s.format(**{k: rng.choice(v) for k, v in FILL.items()}) for s in sentences))
    return posts


def rate(label: str, n: int, fn) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:52} {n / seconds:10,.0f} posts/s   ({seconds:.2f} s)")
    return n / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    posts = make_posts(a.posts, a.seed)
    checker = Checker.default()
    plain = spacy.blank("en")
    on = build_pipeline("en", checker.rule_set)
    off = build_pipeline("en", checker.rule_set, overrides={"components.compliance_matcher.deobfuscate": False})
    for nlp in (on, off):  # warm caches and lazy loads once, as a long-running service would
        list(nlp.pipe(posts[:200]))
    list(checker.check_many(posts[:200]))
    n = len(posts)
    base = rate("spaCy tokenizer (blank en)", n, lambda: list(plain.tokenizer.pipe(posts)))
    rate("social tokenizer", n, lambda: list(on.tokenizer.pipe(posts)))
    r_off = rate("full pipeline, obfuscation handling off", n, lambda: list(off.pipe(posts)))
    r_on = rate("full pipeline, obfuscation handling on", n, lambda: list(on.pipe(posts)))
    r_chk = rate("Checker.check_many, lang detected", n, lambda: list(checker.check_many(posts)))
    rate("Checker.check_many, lang given", n, lambda: list(checker.check_many({"text": p, "lang": "en"} for p in posts)))
    print(f"\nnormalisation overhead (on vs off): {100 * (r_off / r_on - 1):.1f}% more time per post")
    print(f"full pipeline vs spaCy tokenizer: {base / r_on:.1f}x the time; with detection {base / r_chk:.1f}x")


if __name__ == "__main__":
    main()
