"""Throughput of the HTTP API under 20 concurrent clients on 127.0.0.1: requests/s, p50 and p99 latency.

Starts a real `inspectkg serve` on a free port of 127.0.0.1 over the store of --store (or
INSPECTKG_STORE; without either, the bundled Blackpool sample ingested into a temporary store),
then loads a named query, one authority's persistence, a REST listing and a small SPARQL SELECT,
one after another. The load generator is Debian's `wrk` (a C client: 2 threads, keep-alive
connections, latency distribution); where wrk is absent, a bounded asyncio client (httpx), which
saturates before the server does, and the output says so. Each target is measured twice: as
served ("kept": repeated answers come from the server's cache of GET answers, api/cache.py) and
with `Cache-Control: no-cache`, which sends every request to the query workers ("computed").

    python -m benchmarks.api_load [--store DIR] [--la NAME] [--seconds 20] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
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
from urllib.parse import quote

import httpx

from inspectkg.settings import Settings

HOST = "127.0.0.1"
SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "blackpool"
WRK = shutil.which("wrk")
SELECT = "SELECT ?name WHERE { ?la a ikg:LocalAuthority ; skos:prefLabel ?name } ORDER BY ?name LIMIT 20"
MODES = {"kept": {}, "computed": {"Cache-Control": "no-cache"}}


def targets(la: str) -> dict[str, str]:
    """The loaded URLs: named query, persistence read, REST listing and SPARQL, for one authority."""
    return {
        f"named query judgements, la={la}": f"/api/queries/judgements?la={quote(la)}",
        f"persistence of {la}": f"/api/authorities/{quote(la)}/persistence",
        "REST listing /api/authorities": "/api/authorities",
        "SPARQL SELECT (20 rows)": "/sparql?query=" + quote(SELECT),
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


async def _load(
    base: str, path: str, headers: dict[str, str], requests: int, seconds: float, concurrency: int
) -> dict[str, Any]:
    """The fallback load generator: `concurrency` asyncio clients sharing one httpx pool."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60, headers=headers) as client:
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


def _ms(value: str, unit: str) -> float:
    return round(float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 2)


def wrk(url: str, headers: dict[str, str], seconds: float, concurrency: int) -> dict[str, Any]:
    """One wrk run (2 threads, `concurrency` connections, after a warm-up request), parsed.

    The warm-up waits out the requests a previous run left queued in the server (503: every
    query worker busy) for up to a minute."""
    deadline = time.monotonic() + 60
    while (answer := httpx.get(url, headers=headers, timeout=60)).status_code == 503:
        if time.monotonic() > deadline:
            break
        time.sleep(1)
    answer.raise_for_status()
    args = [
        WRK or "wrk",
        "-t2",
        f"-c{concurrency}",
        f"-d{max(1, int(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    latency = {p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", out, re.M)}
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s)", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if total is None or rate is None:
        raise RuntimeError(f"wrk printed no totals: {out}")
    return {
        "requests": int(total.group(1)),
        "errors": (int(failed.group(1)) if failed else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
        "seconds": round(_ms(total.group(2), total.group(3)) / 1000, 2),
        "requests_per_s": float(rate.group(1)),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
    }


def run(
    store: Path, la: str, requests: int, seconds: float, concurrency: int, workers: int
) -> dict[str, Any]:
    """Figures per target and mode, measured one after another on one server."""
    figures: dict[str, Any] = {
        "client": "wrk" if WRK else "httpx (wrk not installed: the client saturates first)"
    }
    with served(store, workers) as base:
        for name, path in targets(la).items():
            for mode, headers in MODES.items():
                if WRK:
                    figures[f"{name} [{mode}]"] = wrk(base + path, headers, seconds, concurrency)
                else:
                    figures[f"{name} [{mode}]"] = asyncio.run(
                        _load(base, path, headers, requests, seconds, concurrency)
                    )
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=os.environ.get("INSPECTKG_STORE") or None)
    parser.add_argument(
        "--la", default="Blackpool", help="the authority of the named query and persistence reads"
    )
    parser.add_argument("--requests", type=int, default=2000, help="requests per target without wrk [2000]")
    parser.add_argument("--seconds", type=float, default=20.0, help="time per target and mode [20]")
    parser.add_argument("--concurrency", type=int, default=20, help="concurrent clients [20]")
    parser.add_argument(
        "--workers",
        type=int,
        default=Settings().query_workers,
        help=f"query worker processes of the server [{Settings().query_workers}]",
    )
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
        figures = run(Path(store), args.la, args.requests, args.seconds, args.concurrency, args.workers)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    client = figures.pop("client")
    print(f"{args.concurrency} concurrent clients ({client}) on {HOST}, {args.workers} query workers")
    print(f"{'target [mode]':58} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, f in figures.items():
        cells = (f["requests"], f["errors"], f["requests_per_s"], f["p50_ms"], f["p99_ms"])
        print(f"{name:58} {cells[0]:>8} {cells[1]:>6} {cells[2]:>8} {cells[3]:>8} {cells[4]:>8}")


if __name__ == "__main__":
    main()
