"""Persistence read through the HTTP API at scale: one authority's (p50, p99) and the national summary.

A real `inspectkg serve` on 127.0.0.1 (a free port) over the benchmark store; requests are made one
after another with httpx, so the figures are latencies, not throughput (benchmarks/api_load.py
measures throughput under 20 concurrent clients).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

HOST = "127.0.0.1"
# A slow read stops after this much time (and at least MIN_REQUESTS), to keep the suite bounded.
BUDGET_MS = 30_000
MIN_REQUESTS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def server(store: Path) -> Iterator[str]:
    """A served store's base URL, for the duration of the block."""
    port = free_port()
    args = ["serve", "--store", str(store), "--host", HOST, "--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from inspectkg.cli import main; main()", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/queries", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            why = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"the server did not start: {why}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def latencies(client: httpx.Client, url: str, count: int, computed: bool = False) -> dict[str, float]:
    """p50 and p99 in milliseconds of up to `count` sequential GETs (after one warm-up).

    `computed` sends `Cache-Control: no-cache`, so that each answer is computed by a query worker
    rather than taken from the server's cache of GET answers (api/cache.py).
    """
    headers = {"Cache-Control": "no-cache"} if computed else {}
    client.get(url, headers=headers).raise_for_status()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        client.get(url, headers=headers).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
        if len(times) >= MIN_REQUESTS and sum(times) > BUDGET_MS:
            break
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1),
        "requests": count,
    }


def measure(store: Path, authority: str, count: int) -> dict[str, Any]:
    """Latencies of the persistence reads of one authority and of the whole country, as served (kept
    answers) and computed by a query worker for every request."""
    one = f"/api/authorities/{quote(authority)}/persistence"
    national = "/api/queries/persisting-national"
    with server(store) as base, httpx.Client(base_url=base, timeout=60) as client:
        return {
            "authority": authority,
            "one_authority": latencies(client, one, count),
            "one_authority_computed": latencies(client, one, count, computed=True),
            "national_summary": latencies(client, national, max(5, count // 5)),
            "national_summary_computed": latencies(client, national, max(5, count // 5), computed=True),
            "national_pairs_computed": latencies(client, "/api/persistence", max(3, count // 20), True),
        }
