"""`scan --processes N` writes the bytes one process writes, keeps whole lines when stopped,
and the pool under it keeps input order with a bounded number of items read ahead."""
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compliance.parallel import WorkerLost, ordered_map

FIXTURES = Path(__file__).parent / "fixtures"
COMPLIANCE = str(Path(sys.executable).with_name("compliance"))

WORDS = ("our team shipped the new app today thanks everyone for coming to the open day "
         "see you at the expo #launch @support https://example.com/news 🎉 what a shit show "
         "call Tom on 07700 900461 helvítis rugl идиоти חרא של מוצר sranje bullsh1t").split()


def generated_stream(n: int, seed: int = 15) -> list[bytes]:
    """Posts of random words in every language, with every kind of line scan cannot check."""
    rng = random.Random(seed)
    bad = [b"not json", b'{"id": "no-text"}', b"\xff\xfe broken utf-8", b"[1, 2]", b'{"id": 5, "text": 7}',
           b"[" * 5000 + b"]" * 5000, json.dumps({"id": "long", "text": "word " * 1000}).encode(), b"",
           json.dumps({"id": "bad-lang", "text": "hello there", "lang": "english"}).encode()]
    lines = []
    for i in range(n):
        if rng.random() < 0.08:
            lines.append(rng.choice(bad))
            continue
        post = {"id": i, "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))}
        if rng.random() < 0.3:
            post["lang"] = rng.choice(["en", "is", "mk", "sl", "he", "fr"])
        lines.append(json.dumps(post, ensure_ascii=rng.random() < 0.5).encode() + (b"\r" if i % 7 == 0 else b""))
    return lines


@pytest.fixture(scope="module")
def stream(tmp_path_factory) -> Path:
    """The shipped JSONL fixtures and a generated stream with bad lines, in one input file."""
    lines = [line for path in sorted((FIXTURES / "peers").glob("*.jsonl"))
             for line in path.read_bytes().splitlines()]
    lines += generated_stream(600)
    path = tmp_path_factory.mktemp("parallel") / "posts.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def scan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([COMPLIANCE, "scan", *args], capture_output=True)


def test_two_processes_write_the_bytes_of_one(stream, tmp_path):
    one = scan("--max-chars", "2000", str(stream))
    out = tmp_path / "two.jsonl"
    two = scan("--max-chars", "2000", "--processes", "2", "-o", str(out), str(stream))
    assert one.returncode == two.returncode == 2  # the bad lines
    assert out.read_bytes() == one.stdout
    assert one.stderr == two.stderr and b"could not be checked" in two.stderr
    lines = one.stdout.decode().splitlines()
    assert len(lines) == len(stream.read_bytes().splitlines())
    errors = [json.loads(l) for l in lines if "error" in json.loads(l)]
    assert {e["line"] for e in errors} and all(e["error"].startswith(f"{stream}:{e['line']}:") for e in errors)
    assert any("a post may have at most 2,000" in e["error"] for e in errors)


def test_interrupted_pool_keeps_whole_lines_and_resumes(stream, tmp_path):
    posts = [json.dumps({"id": i, "text": f"Post {i}: we shipped it, what a shit show."}) for i in range(3000)]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(posts) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    # A session of its own, so that SIGINT goes to the whole group as a terminal's Ctrl-C does.
    proc = subprocess.Popen([COMPLIANCE, "scan", "--processes", "2", "--output", str(out), str(data)],
                            stderr=subprocess.PIPE, start_new_session=True)
    while (not out.exists() or out.stat().st_size < 3000) and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate()
    text = out.read_text(encoding="utf-8")
    assert b"Traceback" not in err
    assert text.endswith("\n") and [json.loads(l)["id"] for l in text.splitlines()] == list(range(len(text.splitlines())))
    if len(text.splitlines()) < len(posts):
        assert proc.returncode == 130 and b"--resume" in err
    with pytest.raises(ProcessLookupError):  # no worker outlives the scan
        os.killpg(proc.pid, 0)
    resumed = scan("--processes", "2", "--resume", "--output", str(out), str(data))
    assert resumed.returncode == 1
    assert out.read_bytes() == scan(str(data)).stdout


def _slow_square(offset: int, n: int) -> int:
    time.sleep(0.001 * (n % 5))  # later items often finish first
    return offset + n * n


def test_ordered_map_keeps_order_and_reads_a_bounded_way_ahead():
    read: list[int] = []

    def items():
        for n in range(200):
            read.append(n)
            yield n

    results = ordered_map(_slow_square, items(), 1000, processes=2, in_flight=4)
    for n, result in enumerate(results):
        assert result == 1000 + n * n
        assert len(read) <= n + 4  # those yielded, and at most 4 submitted (this one among them)


def _die_on_seven(state: None, n: int) -> int:
    if n == 7:
        os._exit(3)
    return n


def test_a_worker_that_dies_is_an_error_not_a_hang():
    with pytest.raises(WorkerLost):
        list(ordered_map(_die_on_seven, range(50), None, processes=2))


def test_what_the_parent_had_not_yet_written_is_written_once():
    code = ("import operator, sys\nfrom compliance.parallel import ordered_map\nsys.stdout.write('unflushed ')\n"
            "print(list(ordered_map(operator.add, range(4), 10, processes=2)))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "unflushed [10, 11, 12, 13]\n"
