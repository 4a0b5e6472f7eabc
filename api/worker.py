"""The query pool: worker processes that evaluate reads with a hard time limit.

pyoxigraph's Store.query takes no timeout and cannot be interrupted from another thread, so
every read runs in a worker process of its own store handle; a worker that overruns the time
limit is killed (SIGKILL) and replaced, and the request gets QueryTimeout. Workers open the
on-disk store read-only (RocksDB allows it beside the server's read-write handle); for a store in
memory each worker loads an N-Quads snapshot. A read-only handle sees the store as it was when
opened, so after a write the pool is refreshed: each worker is replaced before its next job.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from time import monotonic
from typing import Any

import pyoxigraph as ox

from inspectkg.errors import InspectkgError, QueryTimeout, StoreError
from inspectkg.graph import Store

STARTUP_S = 60.0
OPEN_ATTEMPTS = 20
# forkserver: workers are forked from a clean single-threaded server process, never from the
# threaded web server, and a replacement starts in milliseconds.
CONTEXT = mp.get_context("forkserver")
CONTEXT.set_forkserver_preload(["inspectkg.api.reads"])


def _open(source: Path | bytes) -> Store:
    """The worker's store; a read-only open that races the writer's compaction is tried again."""
    if isinstance(source, bytes):
        store = Store(None)
        store.raw.load(source, format=ox.RdfFormat.N_QUADS)
        return store
    error: Exception | None = None
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return Store(source, read_only=True)
        except (StoreError, RuntimeError, OSError) as exc:
            # RocksDB may delete a table file between reading the manifest and opening the file.
            error = exc
            time.sleep(0.05 * (attempt + 1))
    raise StoreError(f"cannot open the store {source} read-only: {error}")


def serve_jobs(conn: Connection, source: Path | bytes) -> None:
    """A worker's loop: open the store, then answer (read, args) jobs until the pipe closes.

    A read that fails in the store (a table file compacted away under the read-only handle) is
    tried once more on a freshly opened handle.
    """
    from .reads import READS

    try:
        store = _open(source)
    except InspectkgError as exc:
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    while True:
        try:
            name, args = conn.recv()
        except EOFError:
            return
        for attempt in range(2):
            try:
                conn.send(("ok", READS[name](store, *args)))
                break
            except (StoreError, RuntimeError, OSError) as exc:
                if attempt == 1:
                    conn.send(("error", StoreError(f"store read failed: {exc}")))
                    break
                store = _open(source)
            except InspectkgError as exc:
                conn.send(("error", exc))
                break
            except Exception as exc:
                # A bug must not cost the worker: answer 500, keep serving, and keep the detail out
                # of the response (style.md: no raw exception text turned into an answer).
                conn.send(
                    ("error", InspectkgError(f"internal error in a query worker ({type(exc).__name__})"))
                )
                break


@dataclass
class Worker:
    """One worker process, its end of the pipe and the store generation it opened."""

    process: Any
    conn: Connection
    generation: int

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class QueryPool:
    """A fixed number of query workers over one store, each job bounded by `timeout_s`."""

    store: Store
    size: int
    timeout_s: float
    generation: int = 0
    _idle: queue.Queue[Worker] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _snapshot: bytes | None = None
    _executor: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """Start the workers (blocks until each has opened the store)."""
        self._executor = ThreadPoolExecutor(max_workers=max(32, self.size * 4), thread_name_prefix="query")
        for _ in range(max(1, self.size)):
            self._idle.put(self._spawn())

    def close(self) -> None:
        """Stop every idle worker and the dispatch threads."""
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    def refresh(self) -> None:
        """After a write: replace each worker before its next job, so reads see the new data."""
        with self._lock:
            self.generation += 1
            self._snapshot = None

    def _source(self) -> Path | bytes:
        if self.store.path is not None:
            return self.store.path
        with self._lock:
            if self._snapshot is None:
                self._snapshot = bytes(ox.serialize(self.store.raw, format=ox.RdfFormat.N_QUADS) or b"")
            return self._snapshot

    def _spawn(self) -> Worker:
        generation = self.generation
        parent, child = CONTEXT.Pipe()
        process = CONTEXT.Process(target=serve_jobs, args=(child, self._source()), daemon=True)
        process.start()
        child.close()
        worker = Worker(process, parent, generation)
        try:
            if not parent.poll(STARTUP_S):
                raise EOFError
            status, error = parent.recv()
        except (EOFError, OSError):
            worker.stop()
            raise StoreError("a query worker could not open the store") from None
        if status != "ready":
            worker.stop()
            raise error if isinstance(error, InspectkgError) else StoreError("a query worker failed to start")
        return worker

    def _checkout(self, deadline: float) -> Worker:
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - monotonic()))
        except queue.Empty:
            raise QueryTimeout(
                f"every query worker stayed busy for {self.timeout_s:g} s (the time limit); try again later"
            ) from None
        if worker.generation != self.generation:
            worker.stop()
            worker = self._spawn()
        return worker

    def run(self, read: str, *args: Any) -> Any:
        """Run one read in a worker; blocks the calling thread up to the time limit."""
        deadline = monotonic() + self.timeout_s
        worker = self._checkout(deadline)
        try:
            worker.conn.send((read, args))
            if not worker.conn.poll(max(0.0, deadline - monotonic())):
                worker.stop()
                worker = self._spawn()
                raise QueryTimeout(
                    f"the query ran over the time limit of {self.timeout_s:g} s and was stopped"
                )
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.stop()
            worker = self._spawn()
            raise StoreError("a query worker died while answering; try again") from None
        finally:
            self._idle.put(worker)
        if status == "error":
            raise value
        return value

    async def arun(self, read: str, *args: Any) -> Any:
        """`run` from the event loop, on the pool's dispatch threads."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: self.run(read, *args))
