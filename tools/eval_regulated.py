#!/usr/bin/env python3
"""Score the regulated-communications packs on a labeled JSONL of drafts with metadata.

Usage: tools/eval_regulated.py DRAFTS.jsonl [--cmd "compliance scan --format jsonl"] [--with-lang] [--show N]

Each line: {"id", "lang", "text", "expect": [categories], the post metadata keys (channel,
sponsored, gifted, affiliate, audience, author_role, substantiation), "spans"?, "note"?}.
Only the three regulated categories are scored (a draft's profanity or personal data is
another set's business). The command gets every line without its labels, so the metadata
reaches the checker as a publishing tool would send it. Prints precision and recall per
category (one category per pack family), per language, and the share of clean drafts flagged.
"""
from __future__ import annotations

import argparse
import collections
import json
import shlex
import subprocess
import sys
import tempfile

CATEGORIES = ("financial-promotion", "endorsement-disclosure", "health-claim")
LABELS = ("expect", "spans", "note", "hard")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("drafts")
    ap.add_argument("--cmd", default="compliance scan --format jsonl")
    ap.add_argument("--with-lang", action="store_true", help="pass each draft's language (detected otherwise)")
    ap.add_argument("--show", type=int, default=10, help="misses and false alarms to list")
    args = ap.parse_args()
    gold = [json.loads(line) for line in open(args.drafts, encoding="utf-8") if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for g in gold:
            post = {k: v for k, v in g.items() if k not in LABELS and (args.with_lang or k != "lang")}
            f.write(json.dumps(post, ensure_ascii=False) + "\n")
    proc = subprocess.run([*shlex.split(args.cmd), f.name], capture_output=True, text=True)
    out = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            out[obj.get("id")] = obj
    if not out:
        print(f"no output (exit {proc.returncode}):\n{proc.stderr[-1500:]}")
        return 1
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    by_lang: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    clean = flagged = errors = 0
    misses, alarms = [], []
    for g in gold:
        report = out.get(g["id"], {})
        errors += "error" in report
        got = {v["category"] for v in report.get("violations", ()) if v.get("severity") != "info"} & set(CATEGORIES)
        expected = set(g["expect"]) & set(CATEGORIES)
        for c in CATEGORIES:
            slot = {(True, True): 0, (True, False): 1, (False, True): 2}.get((c in got, c in expected))
            if slot is not None:
                counts[c][slot] += 1
                by_lang[g["lang"]][slot] += 1
                (alarms if slot == 1 else misses if slot == 2 else []).append((g["id"], c, g["text"][:100]))
        if not expected:
            clean += 1
            flagged += bool(got)
    print(f"drafts {len(gold)}  errors {errors}  exit {proc.returncode}")
    print(f"{'category':24} {'P':>6} {'R':>6}  tp fp fn")
    for c, (tp, fp, fn) in counts.items():
        p, r = prf(tp, fp, fn)
        print(f"{c:24} {p:6.3f} {r:6.3f}  {tp} {fp} {fn}")
    for lang, (tp, fp, fn) in sorted(by_lang.items()):
        p, r = prf(tp, fp, fn)
        print(f"lang {lang:19} {p:6.3f} {r:6.3f}  {tp} {fp} {fn}")
    for title, rows in (("missed", misses), ("false alarm", alarms)):
        for row in rows[:args.show]:
            print(f"  {title}: {row[0]} {row[1]}: {row[2]!r}")
    tp, fp, fn = (sum(v[i] for v in counts.values()) for i in range(3))
    p, r = prf(tp, fp, fn)
    print(f"clean drafts flagged: {flagged}/{clean}")
    print(f"eval-regulated: precision {p:.3f} recall {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
