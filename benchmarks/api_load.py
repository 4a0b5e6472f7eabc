"""Throughput of the HTTP API under 20 concurrent clients on 127.0.0.1: requests/s, p50 and p99 latency.

Starts a real `inspectkg serve` on a free port of 127.0.0.1 over the store of --store (or
INSPECTKG_STORE; without either, the bundled Blackpool sample ingested into a temporary store),
then runs a bounded asyncio client (httpx; Debian's wrk is not assumed) against a named query, a
REST listing and a trivial SPARQL query. Each target is bounded by a request count and a time cap.

    python -m benchmarks.api_load [--store DIR] [--requests 2000] [--seconds 30] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "blackpool"
TARGETS = {
    "named query (judgements, Blackpool)": "/api/queries/judgements?la=Blackpool",
    "REST listing (/api/authorities)": "/api/authorities",
    "SPARQL ASK (trivial)": "/sparql?query=ASK%20%7B%7D",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from inspectkg.cli import main; main()", *args]


@contextmanager
def served(store: Path, workers: int) -> Iterator[str]:
    """`inspectkg serve` on 127.0.0.1 for the duration of the block."""
    port = _free_port()
    env = {**os.environ, "INSPECTKG_QUERY_WORKERS": str(workers)}
    proc = subprocess.Popen(
        _cli("serve", "--store", str(store), "--host", HOST, "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/queries", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "the server did not start: " + (proc.stderr.read().decode() if proc.stderr else "")
                )
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(30)


async def _load(base: str, path: str, requests: int, seconds: float, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    issued = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await client.get(path)  # warm-up: connection and the workers' caches
        started = time.perf_counter()
        stop_at = started + seconds

        async def one_client() -> None:
            nonlocal errors, issued
            while issued < requests and time.perf_counter() < stop_at:
                issued += 1
                t0 = time.perf_counter()
                r = await client.get(path)
                latencies.append(time.perf_counter() - t0)
                errors += r.status_code != 200

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(ordered) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
    }


def run(store: Path, requests: int, seconds: float, concurrency: int, workers: int) -> dict[str, Any]:
    """Figures per target, measured one target after another."""
    with served(store, workers) as base:
        return {
            name: asyncio.run(_load(base, path, requests, seconds, concurrency))
            for name, path in TARGETS.items()
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=os.environ.get("INSPECTKG_STORE") or None)
    parser.add_argument("--requests", type=int, default=2000, help="requests per target [2000]")
    parser.add_argument("--seconds", type=float, default=30.0, help="time cap per target [30]")
    parser.add_argument("--concurrency", type=int, default=20, help="concurrent clients [20]")
    parser.add_argument("--workers", type=int, default=2, help="query worker processes of the server [2]")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="inspectkg-load-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            subprocess.run(
                _cli("ingest", str(SAMPLE), "--store", str(store)),
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        figures = run(Path(store), args.requests, args.seconds, args.concurrency, args.workers)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{args.concurrency} concurrent clients on {HOST}, {args.workers} query workers, one uvicorn process"
    )
    print(f"{'target':40} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, f in figures.items():
        cells = (f["requests"], f["errors"], f["requests_per_s"], f["p50_ms"], f["p99_ms"])
        print(f"{name:40} {cells[0]:>8} {cells[1]:>6} {cells[2]:>8} {cells[3]:>8} {cells[4]:>8}")


if __name__ == "__main__":
    main()
