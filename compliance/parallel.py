"""A pool of worker processes that maps a function over a stream, results in input order,
with a bounded number of items in flight, each worker holding one state object (a Checker)
that it got once, when it started."""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .errors import ComplianceError

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_PROCESS = 3  # enough to keep every worker busy while the parent writes


class WorkerLost(ComplianceError):
    """A worker process ended without sending back its results (killed, out of memory)."""


# What this process holds when it is a worker: set once by _start_worker.
_state: Any = None
_work: Callable[[Any, Any], Any] | None = None


def _start_worker(work: Callable[[S, T], R], state: S) -> None:
    global _state, _work
    # The parent decides when to stop and which output lines are complete; Ctrl-C reaches
    # the whole process group, so a worker ignores it and is shut down by the parent. A
    # forked worker would otherwise also inherit the parent's own handlers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _state, _work = state, work


def _run(item: Any) -> Any:
    assert _work is not None, "not a worker started by ordered_map"
    return _work(_state, item)


def _context() -> multiprocessing.context.BaseContext:
    # Fork shares the parent's loaded rules with the workers at no cost; elsewhere the state
    # is pickled (a Checker pickles as its recipe and rebuilds in the worker).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def ordered_map(work: Callable[[S, T], R], items: Iterable[T], state: S, processes: int,
                in_flight: int | None = None) -> Iterator[R]:
    """`work(state, item)` for every item, computed in `processes` worker processes and
    yielded in the order of `items`. At most `in_flight` items (by default a few per process)
    are read ahead of the one being yielded, so memory stays bounded on an endless stream.
    `work` and `state` must pickle where processes cannot fork. Raises WorkerLost when a
    worker dies; closing the iterator early (or an exception, an interrupt) ends the workers
    without waiting for the items they hold."""
    limit = max(in_flight or processes * IN_FLIGHT_PER_PROCESS, 1)
    pool = ProcessPoolExecutor(processes, mp_context=_context(), initializer=_start_worker, initargs=(work, state))
    pending: deque[Future] = deque()
    try:
        for item in items:
            pending.append(pool.submit(_run, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerLost("a worker process ended unexpectedly (killed, or out of memory?)") from None
    finally:
        if pending:  # stopped early: what the workers hold is not wanted, so don't wait for it
            _terminate_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
