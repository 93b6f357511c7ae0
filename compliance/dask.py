"""Checking posts on a Dask cluster (the optional extra `post-compliance[dask]`).

`check_bag` and `check_dataframe` check the posts of a Dask bag or of a dataframe's text
column, a partition at a time through `Checker.check_many`, results in input order. The
checker travels once, as its pickled recipe (one node of the graph, or one scattered copy),
and each worker process builds it once and keeps it for every later partition and
computation (a module-level cache keyed by a digest of the recipe). `scan_lines` is what
`compliance scan --dask ADDRESS` runs: the same output lines, in the same order, as a scan in
one process. Nothing else in the package imports this module or Dask.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import pickle
import threading
from typing import Any, Iterable, Iterator

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("compliance.dask needs Dask: pip install 'post-compliance[dask]'") from exc

from .batch import CHUNK, Line, check_lines, numbered_chunks
from .checker import Checker
from .parallel import WorkerLost
from .posts import MAX_TEXT_LENGTH

__all__ = ["check_bag", "check_dataframe", "scan_lines", "is_parquet"]

IN_FLIGHT_PER_WORKER = 3  # chunks (JSONL) or partitions (Parquet) per worker thread, as in the process pool

class DaskFailed(WorkerLost):
    """`scan --dask` could not go on: no scheduler at the address, unreadable shards; like a
    lost worker, the scan ends with status 2 and the count of complete lines."""


# What this process has built, by digest of the recipe: one Checker per recipe per process.
_checkers: dict[str, Checker] = {}
_lock = threading.Lock()


def _recipe(checker: Checker | None) -> tuple[str, bytes]:
    data = pickle.dumps(checker if checker is not None else Checker.default())
    return hashlib.sha256(data).hexdigest(), data


def _checker(digest: str, recipe: bytes) -> Checker:
    """The Checker of `recipe`, unpickled the first time this process sees it."""
    checker = _checkers.get(digest)
    if checker is None:
        with _lock:
            checker = _checkers.get(digest)
            if checker is None:
                checker = _checkers[digest] = pickle.loads(recipe)
    return checker


# -- collections ------------------------------------------------------------------------

def _check_partition(posts: Iterable[Any], digest: str, recipe: bytes, errors: str, max_chars: int) -> list[dict]:
    checker = _checker(digest, recipe)
    return [r.to_dict() for r in checker.check_many(list(posts), batch_size=CHUNK, errors=errors,
                                                   max_chars=max_chars)]


def check_bag(bag: "db.Bag", checker: Checker | None = None, *, errors: str = "report",
              max_chars: int = MAX_TEXT_LENGTH) -> "db.Bag":
    """A bag of report dicts (`Report.to_dict()`), one per element of `bag` and in its order.

    Each element is what `Checker.check_many` takes: a string or a mapping with "text" and
    optionally "id", "lang", "channel". Each partition goes through one `check_many` call on
    a worker, with `checker` (by default `Checker.default()`) built once per worker process.
    With `errors="report"` (the default) a post that cannot be checked gives a dict with its
    "id" and an "error" and the others go on; with `errors="raise"` the computation fails
    with an InputError whose index counts from the start of the post's partition.
    Lazy: nothing is checked until the bag is computed."""
    digest, recipe = _recipe(checker)
    return bag.map_partitions(_check_partition, digest, dask.delayed(recipe, pure=True), errors, max_chars)


def _post_records(frame, text_column: str, id_column: str | None, lang_column: str | None) -> list[dict]:
    columns = {"text": text_column, "id": id_column, "lang": lang_column}
    values = {key: frame[col].tolist() for key, col in columns.items() if col is not None}
    return [{key: _native(v[i]) for key, v in values.items()} for i in range(len(frame))]


def _native(value: Any) -> Any:
    """A Python value for JSON: pandas' missing values become None."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if value != value else value
    try:
        import pandas as pd
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    item = getattr(value, "item", None)  # numpy scalars
    return item() if callable(item) else value


def _check_frame(frame, digest: str, recipe: bytes, text_column: str, id_column: str | None,
                 lang_column: str | None, errors: str, max_chars: int):
    import pandas as pd

    posts = _post_records(frame, text_column, id_column, lang_column)
    reports = _check_partition(posts, digest, recipe, errors, max_chars)
    return pd.Series(reports, index=frame.index, dtype=object, name="report")


def check_dataframe(df: "dd.DataFrame", text_column: str = "text", id_column: str | None = None,
                    lang_column: str | None = None, checker: Checker | None = None, *, errors: str = "report",
                    max_chars: int = MAX_TEXT_LENGTH) -> "dd.Series":
    """A Series named "report" of report dicts (`Report.to_dict()`, object dtype), one per row
    of `df`, on `df`'s index and partitions and so in its order: `df.assign(report=...)`
    lines them up, and `.map(json.dumps, meta=("report", str))` gives JSON strings for storage.

    Each row is checked as the post {"text": row[text_column], "id": row[id_column],
    "lang": row[lang_column]} (id and lang only when their column is named; a missing lang
    is detected). Each partition goes through one `check_many` call on a worker, with
    `checker` (by default `Checker.default()`) built once per worker process. `errors` and
    `max_chars` are as in `check_bag`. Lazy: nothing is checked until it is computed."""
    import pandas as pd

    for column in (text_column, id_column, lang_column):
        if column is not None and column not in df.columns:
            raise KeyError(f"no column {column!r} in the dataframe (it has {', '.join(map(str, df.columns))})")
    digest, recipe = _recipe(checker)
    meta = pd.Series([], dtype=object, name="report")
    # No string conversion of the meta: the values are dicts, not strings.
    with dask.config.set({"dataframe.convert-string": False}):
        return df.map_partitions(_check_frame, digest, dask.delayed(recipe, pure=True), text_column, id_column,
                                 lang_column, errors, max_chars, meta=meta)


# -- compliance scan --dask ----------------------------------------------------------------

def is_parquet(path: str) -> bool:
    """Whether `compliance scan --dask` reads `path` as Parquet shards: a folder, a glob, or
    a file named *.parquet; anything else is a JSONL file (or - for standard input)."""
    return path != "-" and (os.path.isdir(path) or glob.has_magic(path) or path.endswith((".parquet", ".parq")))


def _worker_lines(digest: str, recipe: bytes, chunk: list[tuple[int, bytes]], source: str,
                  max_chars: int) -> list[Line]:
    return check_lines(_checker(digest, recipe), chunk, source, max_chars)


def _json_lines(frame, columns: list[str]) -> list[bytes]:
    """A Parquet partition's rows as the JSONL lines that hold the same posts."""
    values = {c: frame[c].tolist() for c in columns}
    return [json.dumps({c: _native(values[c][i]) for c in columns}, ensure_ascii=False).encode("utf-8")
            for i in range(len(frame))]


def _parquet_lines(digest: str, recipe: bytes, raws: list[bytes], first: int, skip: int, source: str,
                   max_chars: int) -> list[Line]:
    chunk = [(first + i, raw) for i, raw in enumerate(raws) if first + i > skip]
    return check_lines(_checker(digest, recipe), chunk, source, max_chars)


def scan_lines(address: str, checker: Checker, input_path: str, lines: Iterable[bytes] | None, source: str,
               max_chars: int, skip: int = 0) -> Iterator[Line]:
    """The output lines of `compliance scan`, checked on the Dask scheduler at `address`, in
    input order and equal to a scan in one process (`compliance.batch.scan_lines`).

    For JSONL `lines` (read here, so workers need no access to the file), chunks go out as
    the process pool sends them, a bounded number in flight. For Parquet shards at
    `input_path` (`lines` None; read by the workers, so they must see the path) each row is
    the JSONL line of its "text" and, where the shards have them, "id", "lang" and
    "channel" columns; line numbers count rows across the shards in order."""
    from collections import deque

    from distributed import Client

    digest, recipe = _recipe(checker)
    try:
        client = Client(address, set_as_default=False, timeout="10s")
    except (OSError, ValueError) as exc:
        raise DaskFailed(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        recipe_future = client.scatter(recipe, broadcast=True, hash=False)
        limit = max(sum(client.nthreads().values()), 1) * IN_FLIGHT_PER_WORKER
        pending: deque = deque()
        try:
            if lines is not None:
                for chunk in numbered_chunks(lines, skip, CHUNK):
                    pending.append(client.submit(_worker_lines, digest, recipe_future, chunk, source, max_chars,
                                                 pure=False))
                    if len(pending) >= limit:
                        yield from pending.popleft().result()
            else:
                try:
                    frame = dd.read_parquet(input_path)
                except (OSError, ValueError) as exc:
                    raise DaskFailed(f"{input_path}: cannot read as Parquet: {exc}") from None
                if "text" not in frame.columns:
                    raise DaskFailed(f"{input_path}: the Parquet shards have no \"text\" column")
                columns = [c for c in ("id", "text", "lang", "channel") if c in frame.columns]
                parts = frame[columns].to_delayed()
                raws = client.compute([dask.delayed(_json_lines)(p, columns) for p in parts])
                lengths = client.gather(client.map(len, raws, pure=False))
                first = 1
                for raw, length in zip(raws, lengths):
                    if first + length - 1 > skip:
                        pending.append(client.submit(_parquet_lines, digest, recipe_future, raw, first, skip,
                                                     source, max_chars, pure=False))
                    first += length
                    if len(pending) >= limit:
                        yield from pending.popleft().result()
                del raws
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
