"""Fixtures of the graph tests: a real Oxigraph server on a free local port, started and stopped here."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running `oxigraph serve` (union default graph, as the embedded store)."""
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server (PyPI `oxigraph`, in the test extra) is not installed")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    location = tmp_path_factory.mktemp("oxigraph")
    log = location / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(OXIGRAPH),
                "serve",
                "--location",
                str(location / "db"),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph did not start: {log.read_text(errors='replace')}") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def port() -> int:
    """A free TCP port on 127.0.0.1."""
    return free_port()
