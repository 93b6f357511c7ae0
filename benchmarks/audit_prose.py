"""Audit against real prose that nobody here wrote: the translated interface strings that
free software ships (gettext .mo catalogues, e.g. /usr/share/locale/sl/LC_MESSAGES/*.mo) or
a plain text file (one post per paragraph). Every finding is printed for review, with the
share of texts flagged, which for interface strings should be close to zero.

    python benchmarks/audit_prose.py --lang sl /usr/share/locale/sl/LC_MESSAGES/*.mo
    python benchmarks/audit_prose.py --lang en book.txt
"""
from __future__ import annotations

import argparse
import collections
import gettext
import sys
from pathlib import Path

from compliance import Checker


def texts_of(path: Path) -> list[str]:
    if path.suffix == ".mo":
        try:
            with path.open("rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 - the parsed messages
        except (UnicodeDecodeError, OSError):
            return []  # a catalogue in a legacy encoding: skipped, not guessed
        values = [v for k, v in catalog.items() if k and isinstance(v, str)]
    else:
        values = path.read_text(encoding="utf-8", errors="replace").split("\n\n")
    return [" ".join(v.split()) for v in values if len(v.split()) >= 3]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=60)
    a = ap.parse_args()
    texts = list(dict.fromkeys(t for p in a.paths for t in texts_of(p)))
    checker = Checker.default()
    flagged = 0
    by_rule: collections.Counter[str] = collections.Counter()
    shown = 0
    for report in checker.check_many({"text": t, "lang": a.lang} for t in texts):
        if not report.violations:
            continue
        flagged += 1
        by_rule.update(v.rule for v in report.violations)
        if shown < a.show:
            shown += 1
            spans = "; ".join(f"{v.rule}: {v.match!r}" for v in report.violations)
            print(f"{report.text[:140]!r}\n    -> {spans}")
    print(f"\naudit {a.lang}: {len(texts)} texts, {flagged} flagged ({100 * flagged / max(len(texts), 1):.2f}%)",
          file=sys.stderr)
    for rule, n in by_rule.most_common(15):
        print(f"  {rule:45} {n}", file=sys.stderr)


if __name__ == "__main__":
    main()
