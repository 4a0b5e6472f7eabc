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


@dataclass(eq=False)
class Job:
    """A read waiting for a worker or running in one: its name, arguments, deadline and answer."""

    read: str
    args: tuple[Any, ...]
    deadline: float
    # The worker's (status, value), or the error that ended the job.
    answer: asyncio.Future[Any]


@dataclass(eq=False)
class Worker:
    """One worker process, its end of the pipe, the store generation it opened and its job."""

    process: Any
    conn: Connection
    generation: int
    job: Job | None = None
    timer: asyncio.TimerHandle | None = None

    def stop(self) -> None:
        """Kill the process and close the pipe, without waiting for it to be gone (see `reap`)."""
        self.process.kill()
        self.conn.close()

    def reap(self) -> None:
        """Wait for the killed process to be gone (blocking: off the event loop)."""
        self.process.join(5)


@dataclass
class QueryPool:
    """A fixed number of query workers over one store, each job bounded by `timeout_s`.

    Jobs are dispatched on the event loop itself: a read joins a first-come queue, and whenever a
    worker is free (started, or its answer just read by a reader callback on its pipe) the next job
    is sent to it at once, from that callback, with no thread or task between the answer and the
    next job. A job whose request is cancelled (the client went away) still runs to its end, so a
    late answer is never read as another job's. Only starting a worker (blocking: it opens the
    store) runs on a thread.
    """

    store: Store
    size: int
    timeout_s: float
    generation: int = 0
    _workers: list[Worker] = field(default_factory=list)
    _queue: deque[Job] = field(default_factory=deque)
    # Places of workers killed or dead, filled again when a job needs one.
    _missing: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _snapshot: bytes | None = None
    _executor: ThreadPoolExecutor | None = None
    # The event loop of `run` (callers without one): one for the pool's life, as its jobs may
    # outlive the call that queued them.
    _runner: asyncio.Runner | None = None
    _closed: bool = False

    def start(self) -> None:
        """Start the workers (blocks until each has opened the store)."""
        self._executor = ThreadPoolExecutor(max_workers=max(2, self.size), thread_name_prefix="query-start")
        self._closed = False
        for _ in range(max(1, self.size)):
            self._workers.append(self._spawn())

    def close(self) -> None:
        """Stop the workers and the starting threads; jobs running or queued end with an error."""
        self._closed = True
        stopping = StoreError("the server is stopping")
        for worker in self._workers:
            if worker.job is not None:
                loop = worker.job.answer.get_loop()
                if not loop.is_closed():
                    loop.remove_reader(worker.conn.fileno())
                if worker.timer is not None:
                    worker.timer.cancel()
                _settle(worker.job, stopping)
            worker.stop()
            worker.reap()
        self._workers.clear()
        while self._queue:
            _settle(self._queue.popleft(), stopping)
        self._missing = 0
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        if self._runner is not None:
            self._runner.close()
            self._runner = None

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

    async def arun(self, read: str, *args: Any) -> Any:
        """Run one read in a worker, waiting and running up to the time limit in all."""
        loop = asyncio.get_running_loop()
        job = Job(read, args, monotonic() + self.timeout_s, loop.create_future())
        # The answer of a cancelled request is read by nobody: mark its error seen.
        job.answer.add_done_callback(lambda done: done.cancelled() or done.exception())
        waiting = loop.call_later(self.timeout_s, self._waited_too_long, job)
        job.answer.add_done_callback(lambda _: waiting.cancel())
        self._queue.append(job)
        self._dispatch()
        status, value = await asyncio.shield(job.answer)
        if status == "error":
            raise value
        return value

    def run(self, read: str, *args: Any) -> Any:
        """`arun` from code with no event loop running (tests, scripts), on the pool's own loop."""
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner.run(self.arun(read, *args))

    def _dispatch(self) -> None:
        """Send queued jobs to free workers; start workers in the places of lost ones as needed."""
        while self._queue:
            worker = self._free_worker()
            if worker is None:
                if self._missing > 0:
                    self._missing -= 1
                    self._start_worker()
                    continue
                return
            job = self._queue.popleft()
            if not job.answer.done():
                self._send(worker, job)

    def _free_worker(self) -> Worker | None:
        for worker in list(self._workers):
            if worker.job is None:
                if worker.generation == self.generation:
                    return worker
                self._lose(worker)
        return None

    def _start_worker(self) -> None:
        """A worker started on a thread; the oldest waiting job gets the error if it cannot start."""
        started = asyncio.get_running_loop().run_in_executor(self._executor, self._spawn)

        def ready(done: asyncio.Future[Worker]) -> None:
            if done.cancelled():
                self._missing += 1
                return
            error = done.exception()
            if error is None and self._closed:
                done.result().stop()
                return
            if error is None:
                self._workers.append(done.result())
            else:
                self._missing += 1
                waiting = [job for job in self._queue if not job.answer.done()]
                if waiting:
                    self._queue.remove(waiting[0])
                    _settle(waiting[0], error)
            self._dispatch()

        started.add_done_callback(ready)

    def _send(self, worker: Worker, job: Job) -> None:
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send((job.read, job.args))
        except Exception:
            # A pipe closed by a dead worker, or (a bug) arguments that cannot be pickled.
            self._lose(worker)
            _settle(job, StoreError("a query worker died while answering; try again"))
            return
        worker.job = job
        fd = worker.conn.fileno()
        loop.add_reader(fd, self._answered, worker)
        # The loop made the pipe non-blocking to watch it; the worker's answer comes in several reads.
        os.set_blocking(fd, True)
        worker.timer = loop.call_later(max(0.0, job.deadline - monotonic()), self._overran, worker)

    def _answered(self, worker: Worker) -> None:
        job = worker.job
        assert job is not None
        try:
            received = worker.conn.recv()
        except Exception:
            # A pipe closed by a dead worker, or an answer that cannot be unpickled: the job ends now.
            self._end(worker, job, StoreError("a query worker died while answering; try again"))
            return
        self._end(worker, job, received)

    def _overran(self, worker: Worker) -> None:
        job = worker.job
        assert job is not None
        self._end(
            worker,
            job,
            QueryTimeout(f"the query ran over the time limit of {self.timeout_s:g} s and was stopped"),
        )

    def _end(self, worker: Worker, job: Job, outcome: BaseException | tuple[str, Any]) -> None:
        """A job's end: its answer (the worker is free) or its error (the worker is killed)."""
        asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        if worker.timer is not None:
            worker.timer.cancel()
        worker.job, worker.timer = None, None
        if isinstance(outcome, BaseException):
            self._lose(worker)
        _settle(job, outcome)
        self._dispatch()

    def _lose(self, worker: Worker) -> None:
        """A worker killed, dead or out of date: its place is filled when a job needs it."""
        self._workers.remove(worker)
        worker.stop()
        asyncio.get_running_loop().run_in_executor(self._executor, worker.reap)
        self._missing += 1

    def _waited_too_long(self, job: Job) -> None:
        if job in self._queue:
            self._queue.remove(job)
            limit = f"{self.timeout_s:g} s (the time limit)"
            _settle(job, QueryTimeout(f"every query worker stayed busy for {limit}; try again later"))


def _settle(job: Job, outcome: BaseException | tuple[str, Any]) -> None:
    """A job's answer or error, unless it has one already (the wait ran out)."""
    if job.answer.done():
        return
    if isinstance(outcome, BaseException):
        job.answer.set_exception(outcome)
    else:
        job.answer.set_result(outcome)
