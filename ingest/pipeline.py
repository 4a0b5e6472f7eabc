"""The ingest pipeline: files -> text -> sentences -> classification -> RDF -> store, across cores.

A pool of worker processes reads, segments, classifies and maps each file (no store is touched
there); the main process writes the documents' graphs, each document whole or not at all (new
graphs bulk-loaded through a spool by a background thread on disk, or in batches in memory, by
Store.add_graphs; one SPARQL Update to replace graphs), then relinks each touched authority once
from the findings it holds. A file that fails comes back as an InputError in its own result; the rest goes on.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from inspectkg.errors import InputError, UnsupportedInput
from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import DocumentFindings, ensure_current, link_graphs
from inspectkg.graph.store import Store
from inspectkg.ontology import authorities, concept_by_id, practice_areas
from inspectkg.settings import Settings

from .classify import classify_document
from .metadata import extract_metadata
from .rdfmap import MappedDocument, map_document
from .readers import SUFFIXES, RawDocument, read_document
from .structure import sentences

# A batch is written at once (a store in memory or remote; `_Batches`): large enough to amortise
# a load, small enough that the text of a batch stays under a hundred megabytes. On disk documents
# go through a spool (`_Spool`). The window lets the workers run ahead of the main process.
BATCH_DOCUMENTS = 48
BATCH_BYTES = 96 * 1024 * 1024
WINDOW_PER_JOB = 8
SPOOL_MIN_BYTES = 64 * 1024 * 1024
SPOOL_MAX_BYTES = 256 * 1024 * 1024
# After the last document, loads run side by side while their files together stay under this size.
SPOOL_LAST_BYTES = 384 * 1024 * 1024
# Niceness of the worker processes (`_start_worker`).
WORKER_NICENESS = 5
# Ingest allocates millions of small objects that live until their document is written: at
# CPython's default threshold (700 allocations) the cyclic collector took ~6 % of a serial ingest
# of the sample (672 collections, 0.31 of 5.4 s), at this one under 1 % (9 collections).
GC_THRESHOLD = (20_000, 50, 100)
STAGES = ("read", "metadata", "segment", "classify", "map", "write", "link")

Prepare = Callable[[RawDocument], RawDocument]


def nquads(statements: Iterable[str | ox.Triple], graph: str) -> bytes:
    """Triples (N-Triples statements without the final " .", or pyoxigraph triples) as N-Quads in
    one graph, encoded."""
    end = f" <{graph}> .\n"
    text = end.join(map(str, statements))
    return (text + end).encode("utf-8") if text else b""


@dataclass(frozen=True)
class Serialised:
    """A mapped document as N-Quads in its own graph, encoded (pickling triples is 15x slower), with
    what linking needs of it: what workers send back. Encoded in the worker, the text crosses the
    pipe as bytes and the main process writes it as it comes (500 documents: 1.4 GB)."""

    iri: str
    urn: str
    nquads: bytes
    findings: DocumentFindings

    @classmethod
    def of(cls, mapped: MappedDocument) -> Serialised:
        return cls(mapped.iri, mapped.urn, nquads(mapped.triples, mapped.iri), mapped.findings)

    @property
    def ntriples(self) -> str:
        """The statements without their graph (for a SPARQL Update that replaces the graph)."""
        # N-Triples escapes line breaks inside literals, so a line only ever ends a statement.
        return self.nquads.decode("utf-8").replace(f" <{self.iri}> .\n", " .\n")


@dataclass(frozen=True)
class IngestResult:
    """What became of one file: its document IRI and counts, or the error that stopped it."""

    path: Path
    iri: str | None = None
    authority: str | None = None
    document_type: str | None = None
    findings: int = 0
    concerns: int = 0
    strengths: int = 0
    recommendations: int = 0
    judgements: int = 0
    pages: int = 0
    triples: int = 0
    seconds: dict[str, float] = field(default_factory=dict, compare=False)
    error: InputError | None = None

    def summary(self) -> str:
        """One line for the terminal."""
        if self.error is not None:
            return f"error: {self.error.message}"
        return (
            f"{self.path.name}: {self.authority}, {self.document_type}; {self.findings} findings "
            f"({self.concerns} concerns, {self.strengths} strengths), "
            f"{self.recommendations} recommendations, {self.judgements} judgements"
        )


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def default_jobs() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_file(
    path: Path, settings: Settings, prepare: Prepare | None = None
) -> tuple[MappedDocument, IngestResult]:
    """Read, segment, classify and map one file; no store is touched.

    `prepare` rewrites the text read before anything is extracted from it (the benchmarks use it
    to re-ingest real reports under other authorities); ingest itself never passes one.
    """
    if not path.exists():
        raise UnsupportedInput(path, "no such file")
    clock = [time.perf_counter()]
    raw = read_document(path, settings.max_file_bytes)
    if prepare is not None:
        raw = prepare(raw)
    clock.append(time.perf_counter())
    meta = extract_metadata(raw)
    clock.append(time.perf_counter())
    segmented = sentences(raw.text)
    clock.append(time.perf_counter())
    classified = list(zip(segmented, classify_document(segmented), strict=True))
    clock.append(time.perf_counter())
    mapped = map_document(raw, meta, classified, Iris(settings.base_iri))
    clock.append(time.perf_counter())
    evaluative = [c for _, c in classified if c.kind != "context"]
    result = IngestResult(
        path=path,
        iri=mapped.iri,
        authority=meta.authority.name,
        document_type=meta.document_type,
        findings=sum(c.kind == "finding" for c in evaluative),
        concerns=sum(c.polarity in {"concern", "mixed"} for c in evaluative),
        strengths=sum(c.polarity == "strength" for c in evaluative),
        recommendations=sum(c.kind == "recommendation" for c in evaluative),
        judgements=len(meta.judgements),
        pages=len(raw.page_starts),
        triples=len(mapped.triples),
        seconds={stage: b - a for stage, a, b in zip(STAGES, clock, clock[1:], strict=False)},
    )
    return mapped, result


def _attempt(
    path: Path, settings: Settings, prepare: Prepare | None
) -> tuple[Serialised | None, IngestResult]:
    try:
        mapped, result = process_file(path, settings, prepare)
    except InputError as exc:
        return None, IngestResult(path=path, error=exc)
    start = time.perf_counter()
    serialised = Serialised.of(mapped)
    result.seconds["map"] += time.perf_counter() - start
    return serialised, result


def _worker(task: tuple[Path, Settings, Prepare | None]) -> tuple[Serialised | None, IngestResult]:
    return _attempt(*task)


def _revived(outcome: tuple[Serialised | None, IngestResult]) -> tuple[Serialised | None, IngestResult]:
    """An outcome back from a worker, its error's args mended.

    Unpickling calls InputError(message) where the constructor takes (path, detail): `message` and
    `path` come back from the instance dict, but `args` (hence str()) reads the message twice.
    """
    error = outcome[1].error
    if error is not None:
        error.args = (error.message,)
    return outcome


def _warm() -> None:
    """Load the lexicon and reference tables once, before workers fork, so they inherit them."""
    authorities()
    practice_areas()
    for name in ("Grades", "JudgementKeys"):
        concept_by_id(name)


def _start_worker() -> None:
    """Lower a worker's priority, so that the store's loads in the main process get a core when
    they need one: with the workers first, the loads fell behind and grew (500 documents: peak RSS
    1.7 GiB, 1.1 GiB with the workers niced, in the same time). The lexicon and ontology it
    inherited stay for its life: the collector leaves them out of its scans (`gc.freeze`) and
    runs less often (GC_THRESHOLD)."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


class _Collector:
    """The collector at GC_THRESHOLD while an ingest runs in this process (the server may run two
    at once), and as it was once none runs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ingests = 0
        self.before = gc.get_threshold()

    @contextmanager
    def relaxed(self) -> Iterator[None]:
        with self.lock:
            if self.ingests == 0:
                self.before = gc.get_threshold()
                gc.set_threshold(*GC_THRESHOLD)
            self.ingests += 1
        try:
            yield
        finally:
            with self.lock:
                self.ingests -= 1
                if self.ingests == 0:
                    gc.set_threshold(*self.before)


_COLLECTOR = _Collector()


def _processed(
    files: list[Path], settings: Settings, jobs: int, prepare: Prepare | None
) -> Iterator[tuple[Serialised | None, IngestResult]]:
    """Each file's outcome, in the order of `files`; a pool of `jobs` processes when it pays."""
    jobs = min(jobs or default_jobs(), len(files))
    if jobs <= 1:
        for path in files:
            yield _attempt(path, settings, prepare)
        return
    _warm()
    todo = iter(files)
    with multiprocessing.get_context().Pool(jobs, initializer=_start_worker) as pool:
        # A bounded window of files in flight, taken in order: a document named twice ends as in a
        # serial run (last wins), and when the store writes fall behind, finished documents do not
        # pile up in memory (pool.imap would keep every one).
        window = deque(
            pool.apply_async(_worker, ((path, settings, prepare),))
            for path in itertools.islice(todo, WINDOW_PER_JOB * jobs)
        )
        while window:
            outcome = window.popleft().get()
            for path in itertools.islice(todo, 1):
                window.append(pool.apply_async(_worker, ((path, settings, prepare),)))
            yield _revived(outcome)


def write_batch(store: Store, batch: list[Serialised]) -> None:
    """Write whole document graphs in one transaction, replacing those already there.

    New graphs (the usual case) are added as one N-Quads text (`Store.add_graphs`: a bulk load on
    disk, each graph absent or whole after a crash); when any graph exists, one Update drops and
    re-inserts them all.
    """
    if not batch:
        return
    if any(store.has_graph(doc.iri) for doc in batch):
        store.update(
            " ;\n".join(
                f"DROP SILENT GRAPH <{doc.iri}> ;\nINSERT DATA {{ GRAPH <{doc.iri}> {{\n{doc.ntriples}}} }}"
                for doc in batch
            )
        )
        return
    store.add_graphs(b"".join(doc.nquads for doc in batch), [doc.iri for doc in batch])


class _Batches:
    """Writes documents in batches of whole documents (`write_batch`): the store in memory or remote."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: dict[str, Serialised] = {}
        self.graphs: dict[str, list[ox.Triple]] = {}
        self.seconds = 0.0

    def add(self, doc: Serialised) -> None:
        self.pending.pop(doc.iri, None)
        self.pending[doc.iri] = doc
        if (
            len(self.pending) >= BATCH_DOCUMENTS
            or sum(len(d.nquads) for d in self.pending.values()) >= BATCH_BYTES
        ):
            self.finish()

    def documents_done(self) -> None:
        """Nothing to do before the derived graphs: the last batch is written with them."""

    def add_graphs(self, graphs: dict[str, list[ox.Triple]]) -> None:
        """Derived graphs, written (replacing those there) with the last documents."""
        self.graphs.update(graphs)

    def finish(self) -> None:
        start = time.perf_counter()
        write_batch(self.store, list(self.pending.values()))
        self.pending.clear()
        self.store.replace_graphs(self.graphs)
        self.graphs.clear()
        self.seconds += time.perf_counter() - start

    def close(self) -> None:
        """Nothing to release."""


class _Spool:
    """Writes new documents to an on-disk store through a spool: their N-Quads are appended to a
    file beside the store, which a background thread bulk-loads (`Store.add_graphs`, crash-safe)
    while the next file fills, so reading the workers' results never waits for the store.

    A load starts when no load is running and the file holds half as much as all loads so far (at
    least SPOOL_MIN_BYTES), or half of what the documents still to come are expected to add:
    loads grow with the store, then shrink towards the end, so that little is left to load after
    the last document. Each bulk load merges its sorted files into every index already there, so
    few large loads cost far less than many small ones (500 documents: 47 s of CPU in one load,
    ~70 s in loads of 48 documents). A load holds memory in proportion to its file (peak RSS
    1.8 GB with a last load of 365 MB, 1.5 GB with at most 256 MB), so at SPOOL_MAX_BYTES the spool
    waits for the running load and starts the next.
    After the last document (`documents_done`) the workers are gone and a core is free: what the
    spool holds is loaded at once, and then the links graphs, each alongside the loads still
    running while all of them together stay under SPOOL_LAST_BYTES.
    A document whose graph exists, or waits in the spool, is written after the spool is drained,
    replacing the graph in one transaction (`write_batch`).
    """

    def __init__(self, store: Store, expected: int) -> None:
        self.store = store
        self.expected = expected
        self.seen = 0
        self.seen_bytes = 0
        self.folder = store.spool_folder()
        self.loader = ThreadPoolExecutor(max_workers=2, thread_name_prefix="inspectkg-load")
        # Running loads: each one's future (its seconds), bytes and graphs.
        self.loads: list[tuple[Future[float], int, list[str]]] = []
        self.loaded_bytes = 0
        self.files = 0
        # Graphs in the spool or in a running load.
        self.spooled: set[str] = set()
        self.replacing: dict[str, list[ox.Triple]] = {}
        self.seconds = 0.0
        self._open()

    def _open(self) -> None:
        self.files += 1
        self.path = self.folder / f"{self.files}.nq"
        self.file = self.path.open("wb")
        self.iris: list[str] = []
        self.bytes = 0

    def add(self, doc: Serialised) -> None:
        if doc.iri in self.spooled or self.store.has_graph(doc.iri):
            self.finish()
            start = time.perf_counter()
            write_batch(self.store, [doc])
            self.seconds += time.perf_counter() - start
            return
        self._write(doc.iri, doc.nquads)
        self.seen += 1
        self.seen_bytes += len(doc.nquads)
        to_come = self.seen_bytes * max(self.expected - self.seen, 0) // self.seen
        if self.bytes >= SPOOL_MAX_BYTES or (
            self._running() == 0 and self.bytes >= max(SPOOL_MIN_BYTES, min(self.loaded_bytes, to_come) // 2)
        ):
            self._submit()

    def documents_done(self) -> None:
        """No document is to come: load what the spool holds now, alongside a running load."""
        if self.iris:
            self._submit(alongside=True)

    def add_graphs(self, graphs: dict[str, list[ox.Triple]]) -> None:
        """Derived graphs: new ones loaded after the documents, others replaced after them."""
        for graph, triples in graphs.items():
            if graph in self.spooled or self.store.has_graph(graph):
                self.replacing[graph] = triples
                continue
            data = nquads(triples, graph)
            if self.iris and self.bytes + len(data) > SPOOL_MAX_BYTES:
                self._submit(alongside=True)
            self._write(graph, data)

    def _write(self, graph: str, data: bytes) -> None:
        self.file.write(data)
        self.bytes += len(data)
        self.iris.append(graph)
        self.spooled.add(graph)

    def _submit(self, alongside: bool = False) -> None:
        """Load the spool's file in the background: after the running loads, or alongside them
        (once the documents are done) where all together stay under SPOOL_LAST_BYTES."""
        if not alongside or self._running() + self.bytes > SPOOL_LAST_BYTES:
            self._wait()
        self.file.close()
        self.loads.append((self.loader.submit(self._load, self.path, self.iris), self.bytes, self.iris))
        self.loaded_bytes += self.bytes
        self._open()

    def _load(self, path: Path, iris: list[str]) -> float:
        start = time.perf_counter()
        self.store.add_graphs(path, iris)
        path.unlink()
        return time.perf_counter() - start

    def _running(self) -> int:
        """Bytes of the loads still running (those finished are collected)."""
        for load in [load for load in self.loads if load[0].done()]:
            self._collect(load)
        return sum(size for _, size, _ in self.loads)

    def _collect(self, load: tuple[Future[float], int, list[str]]) -> None:
        self.loads.remove(load)
        self.seconds += load[0].result()
        self.spooled.difference_update(load[2])

    def _wait(self) -> None:
        for load in list(self.loads):
            self._collect(load)

    def finish(self) -> None:
        """Load what the spool holds and wait for it; then replace the derived graphs there."""
        if self.iris:
            self._submit(alongside=True)
        self._wait()
        if self.replacing:
            start = time.perf_counter()
            self.store.replace_graphs(self.replacing)
            self.replacing.clear()
            self.seconds += time.perf_counter() - start

    def close(self) -> None:
        """Stop the loader (after the loads it runs, if any) and remove the spool."""
        self.file.close()
        self.loader.shutdown(wait=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    settings: Settings,
    on_result: Callable[[IngestResult], None] | None = None,
    *,
    prepare: Prepare | None = None,
    stages: dict[str, float] | None = None,
) -> list[IngestResult]:
    """Ingest files and folders into the store; each document replaces its own graph atomically.

    Files are processed by `settings.jobs` processes (0: one per core); graphs are written in
    batches of whole documents. `stages` (if given) accumulates the seconds spent per stage.
    """
    with _COLLECTOR.relaxed():
        return _ingest(paths, store, settings, on_result, prepare, spent=stages if stages is not None else {})


def _ingest(
    paths: Iterable[Path],
    store: Store,
    settings: Settings,
    on_result: Callable[[IngestResult], None] | None,
    prepare: Prepare | None,
    spent: dict[str, float],
) -> list[IngestResult]:
    iris = Iris(settings.base_iri)
    ensure_current(store, iris)
    files = list(expand_paths(paths))
    results: list[IngestResult] = []
    touched: set[str] = set()
    # The findings of the documents written, so that linking need not read them back.
    held: dict[str, DocumentFindings] = {}
    writer = _Spool(store, len(files)) if store.path is not None and len(files) > 1 else _Batches(store)
    try:
        for mapped, result in _processed(files, settings, settings.jobs, prepare):
            for stage, seconds in result.seconds.items():
                spent[stage] = spent.get(stage, 0.0) + seconds
            if mapped is not None:
                writer.add(mapped)
                touched.add(mapped.urn)
                held[mapped.iri] = mapped.findings
            results.append(result)
            if on_result is not None:
                on_result(result)
        # Linking reads the documents of each touched authority that ingest does not hold; those
        # it holds may still be loading. Their links graphs are written after the last documents.
        writer.documents_done()
        start = time.perf_counter()
        writer.add_graphs(link_graphs(store, iris, sorted(touched), held))
        spent["link"] = spent.get("link", 0.0) + time.perf_counter() - start
        writer.finish()
    finally:
        writer.close()
    store.flush()
    spent["write"] = spent.get("write", 0.0) + writer.seconds
    return results
