"""`compliance.dask` and `scan --dask`: on a two-process LocalCluster, the same reports and the
same output bytes as one process, in input order."""
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from compliance import Checker  # noqa: E402
from compliance.dask import check_bag, check_dataframe  # noqa: E402

COMPLIANCE = str(Path(sys.executable).with_name("compliance"))

TEXTS = [
    ("en", "Huge thanks to everyone who came to our open day!"),
    ("en", "Honestly, this release was a total shit show."),
    ("en", "What a load of bullsh1t. Call Tom on 07700 900461."),
    ("is", "Takk fyrir komuna á opna daginn okkar."),
    ("is", "Þetta er helvítis rugl."),
    ("mk", "Ви благодариме на сите што дојдоа."),
    ("mk", "Вие сте идиоти."),
    ("sl", "Hvala vsem, ki ste prišli na dan odprtih vrat."),
    ("sl", "To je pravo sranje."),
    ("he", "תודה לכל מי שהגיע ליום הפתוח."),
    ("he", "חרא של מוצר."),
]


def varied_posts(n: int = 60, seed: int = 15) -> list:
    """Strings and mappings, with and without lang and id, clean and violating."""
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        lang, text = TEXTS[i % len(TEXTS)]
        text = f"{text} #{rng.randint(1, 99)}"
        kind = rng.random()
        if kind < 0.2:
            posts.append(text)
        elif kind < 0.6:
            posts.append({"id": f"p{i}", "text": text})
        else:
            posts.append({"id": i, "text": text, "lang": lang})
    return posts


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield cluster, client


@pytest.fixture(scope="module")
def expected():
    posts = varied_posts()
    return posts, [r.to_dict() for r in Checker.default().check_many(posts)]


def test_a_bag_gives_the_reports_of_one_process_in_order(cluster, expected):
    posts, reports = expected
    _, client = cluster
    got = check_bag(db.from_sequence(posts, npartitions=4)).compute(scheduler=client)
    assert got == reports
    assert any(r["violations"] for r in got) and any(not r["violations"] for r in got)


def test_a_dataframe_column_gives_a_series_of_reports_on_its_index(cluster, expected):
    posts, reports = expected
    _, client = cluster
    rows = [p if isinstance(p, dict) else {"text": p} for p in posts]
    frame = pd.DataFrame({"body": [r["text"] for r in rows], "ident": [str(r.get("id")) for r in rows],
                          "language": [r.get("lang") for r in rows]})
    series = check_dataframe(dd.from_pandas(frame, npartitions=3), text_column="body", id_column="ident",
                             lang_column="language").compute(scheduler=client)
    assert list(series.index) == list(frame.index) and series.name == "report"
    want = [r.to_dict() for r in Checker.default().check_many(
        {"id": i, "text": t, "lang": la if isinstance(la, str) else None}
        for i, t, la in zip(frame.ident, frame.body, frame.language))]
    assert list(series) == want
    assert [r["lang"] for r in want] == [r["lang"] for r in reports]


def _jsonl(posts) -> bytes:
    lines = [json.dumps(p if isinstance(p, dict) else {"text": p}, ensure_ascii=False).encode() for p in posts]
    lines[5:5] = [b"not json", b'{"id": "n", "text": 5}', b"\xff broken", b""]
    return b"\n".join(lines) + b"\n"


def scan(*args: str) -> subprocess.Popen:
    """A scan started in the background (two at once keep the module quick)."""
    return subprocess.Popen([COMPLIANCE, "scan", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_scan_on_dask_writes_the_bytes_of_one_process(cluster, expected, tmp_path):
    posts, _ = expected
    path = tmp_path / "posts.jsonl"
    path.write_bytes(_jsonl(posts))
    one, on_dask = scan(str(path)), scan("--dask", cluster[0].scheduler_address, str(path))
    one, on_dask = finished(one), finished(on_dask)
    assert on_dask.returncode == one.returncode == 2, on_dask.stderr
    assert on_dask.stdout == one.stdout and len(one.stdout.splitlines()) == len(posts) + 4
    assert on_dask.stderr == one.stderr


def test_scan_on_dask_reads_a_folder_of_parquet_shards(cluster, expected, tmp_path):
    posts, _ = expected
    rows = [{"id": str(p.get("id")) if isinstance(p, dict) else None,
             "text": p["text"] if isinstance(p, dict) else p,
             "lang": p.get("lang") if isinstance(p, dict) else None} for p in posts]
    folder = tmp_path / "shards"
    folder.mkdir()
    pd.DataFrame(rows[:25]).to_parquet(folder / "part-0.parquet")
    pd.DataFrame(rows[25:]).to_parquet(folder / "part-1.parquet")
    path = tmp_path / "same.jsonl"
    path.write_bytes(b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows))
    one, on_dask = scan(str(path)), scan("--dask", cluster[0].scheduler_address, str(folder))
    one, on_dask = finished(one), finished(on_dask)
    assert on_dask.returncode == one.returncode == 1, on_dask.stderr
    assert on_dask.stdout == one.stdout and len(one.stdout.splitlines()) == len(posts)

