"""Cold start: `compliance check one.md` on a one-line clean draft against
`python -c "import spacy; spacy.blank('en')('x')"`, run alternately in the same session so
both see the same machine load; prints the medians and their ratio (issue 15 asks <= 1.3).

The first check run fills the pack cache and is reported apart (what a user sees once after
installing or editing a pack)."""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    bindir = Path(sys.executable).parent
    compliance = str(bindir / "compliance")
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "one.md"
        draft.write_text("Lunch with the team at noon, see you there.\n", encoding="utf-8")
        env = {**os.environ, "COMPLIANCE_CACHE_DIR": str(Path(tmp) / "cache")}
        first = timed([compliance, "check", str(draft)], env)
        ours, spacy_alone = [], []
        for _ in range(runs):
            ours.append(timed([compliance, "check", str(draft)], env))
            spacy_alone.append(timed([sys.executable, "-c", "import spacy; spacy.blank('en')('x')"], env))
    a, b = statistics.median(ours), statistics.median(spacy_alone)
    print(f"first run (fills the pack cache)  {first:.2f} s")
    print(f"compliance check one.md (median)  {a:.2f} s")
    print(f"spaCy blank pipeline (median)     {b:.2f} s")
    print(f"ratio                             {a / b:.2f}")


if __name__ == "__main__":
    main()
