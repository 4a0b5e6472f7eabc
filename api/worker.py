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
import os
import threading
import time
from collections import deque
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
    """A fixed number of query workers over one store, each job bounded by `timeout_s`.

    Jobs are dispatched on the event loop itself: a request takes an idle worker (or waits its turn
    in a first-come queue), sends its job down the pipe and awaits the answer through a reader
    callback on the pipe, with no thread between the server and the worker. A job whose request is
    cancelled (the client went away) runs to its end and hands its worker back then, so a late
    answer is never read as the next job's. Only starting a worker (blocking: it opens the store)
    runs on a thread.
    """

    store: Store
    size: int
    timeout_s: float
    generation: int = 0
    _idle: deque[Worker] = field(default_factory=deque)
    _waiting: deque[asyncio.Future[Worker | None]] = field(default_factory=deque)
    _missing: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _snapshot: bytes | None = None
    _executor: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """Start the workers (blocks until each has opened the store)."""
        self._executor = ThreadPoolExecutor(max_workers=max(2, self.size), thread_name_prefix="query-start")
        for _ in range(max(1, self.size)):
            self._idle.append(self._spawn())

    def close(self) -> None:
        """Stop every idle worker and the starting threads."""
        while self._idle:
            self._idle.popleft().stop()
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

    async def _started(self) -> Worker:
        """A new worker in place of a missing one; the place stays missing if it cannot start."""
        self._missing -= 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._spawn)
        except BaseException:
            self._missing += 1
            raise

    def _release(self, worker: Worker) -> None:
        """A worker free again: to the first request still waiting, else idle."""
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _lose(self, worker: Worker) -> None:
        """A worker killed or dead: its place is filled by the next request that needs one."""
        worker.stop()
        self._missing += 1
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def _checkout(self, deadline: float) -> Worker:
        loop = asyncio.get_running_loop()
        while True:
            if self._idle:
                worker = self._idle.popleft()
            elif self._missing > 0:
                worker = await self._started()
            else:
                waiter: asyncio.Future[Worker | None] = loop.create_future()
                self._waiting.append(waiter)
                try:
                    given = await asyncio.wait_for(asyncio.shield(waiter), max(0.0, deadline - monotonic()))
                except TimeoutError:
                    handed = waiter.result() if waiter.done() else None
                    if handed is not None:
                        self._release(handed)  # handed over as the wait ran out
                    waiter.cancel()
                    raise QueryTimeout(
                        f"every query worker stayed busy for {self.timeout_s:g} s (the time limit); "
                        "try again later"
                    ) from None
                if given is None:
                    continue
                worker = given
            if worker.generation != self.generation:
                self._lose(worker)
                continue
            return worker

    def _dispatch(
        self, worker: Worker, read: str, args: tuple[Any, ...], deadline: float
    ) -> asyncio.Future[Any]:
        """Send a job; the future gets the worker's (status, value), or the error that ended the job."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Any] = loop.create_future()
        # The answer of a cancelled request is read by nobody: mark its error seen.
        answer.add_done_callback(lambda done: done.cancelled() or done.exception())
        fd = worker.conn.fileno()

        def finish(outcome: BaseException | tuple[str, Any], keep: bool) -> None:
            loop.remove_reader(fd)
            timer.cancel()
            if keep:
                self._release(worker)
            else:
                self._lose(worker)
            if answer.done():
                return
            if isinstance(outcome, BaseException):
                answer.set_exception(outcome)
            else:
                answer.set_result(outcome)

        def readable() -> None:
            try:
                # The loop made the pipe non-blocking to watch it; a long answer comes in several reads.
                loop.remove_reader(fd)
                os.set_blocking(fd, True)
                received = worker.conn.recv()
            except (EOFError, OSError):
                finish(StoreError("a query worker died while answering; try again"), keep=False)
                return
            finish(received, keep=True)

        def overrun() -> None:
            finish(
                QueryTimeout(f"the query ran over the time limit of {self.timeout_s:g} s and was stopped"),
                keep=False,
            )

        timer = loop.call_later(max(0.0, deadline - monotonic()), overrun)
        try:
            worker.conn.send((read, args))
        except (OSError, BrokenPipeError):
            timer.cancel()
            self._lose(worker)
            answer.set_exception(StoreError("a query worker died while answering; try again"))
            return answer
        loop.add_reader(fd, readable)
        return answer

    async def arun(self, read: str, *args: Any) -> Any:
        """Run one read in a worker, up to the time limit (a job outlives a cancelled request)."""
        deadline = monotonic() + self.timeout_s
        worker = await self._checkout(deadline)
        status, value = await asyncio.shield(self._dispatch(worker, read, args, deadline))
        if status == "error":
            raise value
        return value

    def run(self, read: str, *args: Any) -> Any:
        """`arun` from code with no event loop running (tests, scripts)."""
        return asyncio.run(self.arun(read, *args))
