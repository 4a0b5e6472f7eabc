"""A real uvicorn on 127.0.0.1 in a thread, over an on-disk store: the API tests' server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from inspectkg.api import create_app
from inspectkg.graph import Store
from inspectkg.ingest import ingest_paths
from inspectkg.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "blackpool"
# The two short text documents of the sample: small enough for every query to answer in milliseconds.
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"
NEWS = SAMPLE / "blackpool-2019-01-news-summary.txt"
TOKEN = "test-admin-token"


@dataclass(frozen=True)
class Served:
    """A running server: its base URL, app and store."""

    url: str
    app: FastAPI
    store: Store

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(settings: Settings, store: Store) -> Iterator[Served]:
    """uvicorn in a thread on 127.0.0.1, stopped on exit."""
    app = create_app(settings, store=store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{port}", app, store)
    finally:
        server.should_exit = True
        thread.join(30)


def make_store(path: Path, *files: Path) -> Store:
    """An on-disk store holding the given documents."""
    store = Store(path)
    results = ingest_paths(list(files), store, Settings(store=path))
    assert [r.error for r in results] == [None] * len(files)
    return store
