"""The speed table of issue 15, side by side in one run on one stream (benchmarks/stream.py):
spaCy's blank tokenizer alone (the floor), `compliance scan` as a whole process, one and two
processes, `Checker.check_many`, and the single-purpose filters a user might pick instead.

    python benchmarks/compare.py [--posts 5000] [--seed 15]
    python benchmarks/compare.py --million [--processes 2]

Each row runs in a fresh process of its own, so its peak memory is its own: the peak of the
resident set of the whole process tree (sampled), or of its largest process if that was
higher. In-process rows time their loop over the stream only, after set-up and a pass over 500
other posts of the same kind (lazy loads done, common words seen, as in a long-running
service); `scan` rows time the whole command, start-up included, as a user runs it (with the
pack cache warm). A peer that is not installed is left
out with a note (`pip install -e '.[bench]'` installs them). `--million` streams a million
generated posts through `compliance scan` without writing them anywhere and reports the
peak memory as it goes. Linux only (/proc, wait4). Numbers on a shared machine are noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable

PAGE = os.sysconf("SC_PAGE_SIZE")
WARM = 500


# -- rows that run inside one process: each sets up and returns the function to time ----------
Loop = Callable[[list[str]], object]


def floor() -> Loop:
    import spacy

    nlp = spacy.blank("en")
    return lambda texts: sum(1 for _ in nlp.pipe(texts))


def check_many() -> Loop:
    from compliance import Checker

    checker = Checker.default()
    return lambda texts: sum(1 for _ in checker.check_many(texts))


def better_profanity() -> Loop:
    from better_profanity import profanity

    profanity.load_censor_words()
    return lambda texts: [profanity.contains_profanity(t) for t in texts]


def profanex() -> Loop:
    import profanex as px

    matcher = px.Filter()
    return lambda texts: matcher.find_many(texts)


def safetype() -> Loop:
    import safetype as st

    engine = st.create_moderation_engine()
    return lambda texts: [engine.moderate(t) for t in texts]


def alt_profanity_check() -> Loop:
    from profanity_check import predict

    return lambda texts: predict(texts)


@dataclass(frozen=True)
class Row:
    label: str
    what: str                       # what it does, for the table
    loop: Callable[[], Loop] | None = None  # an in-process row: its set-up
    processes: int = 0              # a `compliance scan` row: how many processes
    package: str = ""               # a peer: the package that brings it


ROWS = (
    Row("spaCy blank tokenizer (floor)", "tokens only", loop=floor),
    Row("compliance scan", "6 categories, 5 languages, spans; whole process", processes=1),
    Row("compliance scan --processes 2", "the same, two worker processes", processes=2),
    Row("Checker.check_many", "the same, in-process loop", loop=check_many),
    Row("better-profanity", "English profanity, yes/no", loop=better_profanity, package="better-profanity"),
    Row("profanex", "English profanity, spans", loop=profanex, package="profanex"),
    Row("safetype", "profanity, hate, harassment; spans", loop=safetype, package="safetype"),
    Row("alt-profanity-check", "English offensiveness, a linear model; yes/no", loop=alt_profanity_check,
        package="alt-profanity-check"),
)


def texts_of(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


def run_row(label: str, stream: Path, warm: Path) -> None:
    """In a child process: time one in-process row on `stream` after a pass over `warm`, print
    {"seconds"} or {"skip"}."""
    row = next(r for r in ROWS if r.label == label)
    texts = texts_of(stream)
    try:
        loop = row.loop()  # type: ignore[misc]
    except ImportError:
        print(json.dumps({"skip": f"not installed (pip install {row.package})"}))
        return
    loop(texts_of(warm))  # lazy loads, and the words a long-running service has seen
    started = time.perf_counter()
    loop(texts)
    print(json.dumps({"seconds": time.perf_counter() - started}))


# -- measuring a process -------------------------------------------------------------------------
def tree_rss(root: int) -> int:
    """Bytes resident in process `root` and all its descendants now (0 where /proc is not)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float      # of the process and the children it waited for
    peak_mb: float
    returncode: int
    stdout: bytes


def measure(cmd: list[str], feed: Iterable[bytes] | IO[bytes] | None = None,
            progress: Callable[[float, int], None] | None = None) -> Measured:
    """Run `cmd` with its standard input fed from `feed` (data, or a pipe it reads directly),
    timing it and sampling its tree's memory; `progress(seconds, peak bytes)` is called every
    few seconds."""
    out = tempfile.TemporaryFile()
    started = time.perf_counter()
    piped = feed is not None and hasattr(feed, "fileno")
    stdin = feed if piped else subprocess.PIPE if feed is not None else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=out)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        last = time.perf_counter()
        while not done.wait(0.2):
            peak[0] = max(peak[0], tree_rss(proc.pid))
            if progress and time.perf_counter() - last >= 5:
                last = time.perf_counter()
                progress(last - started, peak[0])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if feed is not None and not piped:
        assert proc.stdin is not None
        try:
            for data in feed:
                proc.stdin.write(data)
            proc.stdin.close()
        except BrokenPipeError:
            pass
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    out.seek(0)
    return Measured(seconds, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss * 1024) / 2 ** 20,
                    proc.returncode, out.read())


def scan_command(processes: int, source: str) -> list[str]:
    return [sys.executable, "-m", "compliance", "scan", "--processes", str(processes), source]


# -- the two modes -------------------------------------------------------------------------------
STREAM = Path(__file__).with_name("stream.py")


def stream_command(n: int, seed: int) -> list[str]:
    # Its own process: the rows' peak memory is read when they exit, and a child that was
    # forked from a large parent can report the parent's size (Linux keeps it across exec).
    return [sys.executable, str(STREAM), "--posts", str(n), "--seed", str(seed)]


def table(n: int, seed: int) -> None:
    """Write the stream, run every row on it, print the table (Markdown) and notes."""
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "posts.jsonl"
        warm = Path(folder) / "warm.jsonl"
        with stream.open("wb") as f:
            made = subprocess.run(stream_command(n, seed), stdout=f, stderr=subprocess.PIPE, check=True)
        with warm.open("wb") as f:  # other posts of the same kind
            subprocess.run(stream_command(WARM, seed + 1), stdout=f, stderr=subprocess.DEVNULL, check=True)
        measure(scan_command(1, str(warm)))  # fills the pack cache, as any earlier run has
        results: list[tuple[Row, float | None, float, str]] = []
        cpu: dict[int, float] = {}
        for row in ROWS:
            if row.loop is None:
                m = measure(scan_command(row.processes, str(stream)))
                cpu[row.processes] = m.cpu_seconds
                note = "" if m.returncode in (0, 1, 2) else f"exit status {m.returncode}"
                results.append((row, n / m.seconds, m.peak_mb, note))
            else:
                m = measure([sys.executable, __file__, "--row", row.label, str(stream), str(warm)])
                answer = json.loads(m.stdout or b"{}") if m.returncode == 0 else {"skip": f"failed ({m.returncode})"}
                rate = n / answer["seconds"] if "seconds" in answer else None
                results.append((row, rate, m.peak_mb, answer.get("skip", "")))
            print(f"  {row.label}: done", file=sys.stderr)
    base = results[0][1] or 1.0
    print(f"{n:,} posts (seed {seed}); {made.stderr.decode().strip()}")
    print(f"load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores\n")
    print("| | does | posts/s | x floor | peak RSS |")
    print("| --- | --- | ---: | ---: | ---: |")
    for row, rate, peak, note in results:
        if rate is None:
            print(f"| {row.label} | {row.what} | - | - | - | {note}")
            continue
        print(f"| {row.label} | {row.what} | {rate:,.0f} | {rate / base:.3f} | {peak:,.0f} MB |{' ' + note if note else ''}")
    rates = {row.label: rate for row, rate, _, _ in results}
    one, two = rates["compliance scan"], rates["compliance scan --processes 2"]
    if one and two:
        print(f"\n--processes 2 against one process: {two / one:.2f}x the posts/s, using {cpu[2]:.1f} s of CPU "
              f"against {cpu[1]:.1f} s (a second core helps only when it is free)")


def million(n: int, seed: int, processes: int) -> None:
    """Stream `n` generated posts through `compliance scan` (nothing written to disk) and report
    its peak memory as it goes and at the end."""
    def progress(seconds: float, peak: int) -> None:
        print(f"  {seconds:8.0f} s  peak RSS so far {peak / 2 ** 20:,.0f} MB", file=sys.stderr, flush=True)

    maker = subprocess.Popen(stream_command(n, seed), stdout=subprocess.PIPE)
    m = measure(scan_command(processes, "-"), maker.stdout, progress)
    maker.wait()
    print(f"compliance scan --processes {processes}: {n:,} posts in {m.seconds:,.0f} s ({n / m.seconds:,.0f} posts/s), "
          f"peak RSS {m.peak_mb:,.0f} MB, exit status {m.returncode}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, help="posts in the stream (5,000; with --million 1,000,000)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--million", action="store_true", help="stream a million posts through scan, report memory")
    ap.add_argument("--processes", type=int, default=1, help="with --million: scan's --processes")
    ap.add_argument("--row", help=argparse.SUPPRESS)  # internal: run one in-process row
    ap.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)  # with --row: stream, warm-up
    a = ap.parse_args()
    if a.row:
        run_row(a.row, *a.files)
    elif a.million:
        million(a.posts or 1_000_000, a.seed, a.processes)
    else:
        table(a.posts or 5000, a.seed)


if __name__ == "__main__":
    main()
