"""Latency of POST /v1/check for a short post on a warm service, one client at a time.

    python benchmarks/service.py [--requests 200] [--warm 20]

Starts the service (built-in packs) with uvicorn on 127.0.0.1, sends `--warm` requests that
are not counted, then times `--requests` more over one kept-alive connection and prints the
median, p95 and max, beside the library's own time for the same post (what HTTP, JSON and the
threadpool add is the difference). Numbers are for comparison on one machine.
"""
from __future__ import annotations

import argparse
import statistics
import time

import httpx

from compliance import Checker
from compliance.service import create_app, running

POST = {"text": "Our competitors are a bunch of clowns. 🎉 Call me on 07911 123456.", "lang": "en"}


def percentiles(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    return f"median {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   max {ms[-1]:6.2f} ms"


def timed(n: int, fn) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--warm", type=int, default=20)
    a = ap.parse_args()
    checker = Checker.default()
    started = time.perf_counter()
    with running(create_app(checker)) as url, httpx.Client(base_url=url) as client:
        print(f"service up, English pipeline warm, in {time.perf_counter() - started:.2f} s")

        def request() -> None:
            client.post("/v1/check", json=POST).raise_for_status()

        timed(a.warm, request)
        http = timed(a.requests, request)
    library = timed(a.requests, lambda: checker.check(POST["text"], lang=POST["lang"]))
    print(f"POST /v1/check ({a.requests} requests)  {percentiles(http)}")
    print(f"Checker.check  ({a.requests} calls)     {percentiles(library)}")


if __name__ == "__main__":
    main()
