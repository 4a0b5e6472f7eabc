"""The ingest pipeline: files -> text -> sentences -> classification -> RDF -> store, across cores.

A pool of worker processes reads, segments, classifies and maps each file (no store is touched
there); the main process writes the documents' graphs in batches, each document whole or not at all
(Store.add_graphs for new graphs, one SPARQL Update to replace graphs), then relinks each touched
authority once. A file that fails comes back as an InputError in its own result; the rest goes on.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from inspectkg.errors import InputError, UnsupportedInput
from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import DocumentFindings, relink_many
from inspectkg.graph.reference import ensure_reference
from inspectkg.graph.store import Store
from inspectkg.ontology import authorities, concept_by_id, practice_areas
from inspectkg.settings import Settings

from .classify import classify
from .metadata import extract_metadata
from .rdfmap import MappedDocument, map_document
from .readers import SUFFIXES, RawDocument, read_document
from .structure import sentences

# A batch is written at once: large enough to amortise a bulk load (each writes its own sorted
# files: 48 documents a load took 17 s for the 130-document corpus where 16 took 23 s), small
# enough that the text of a batch stays under a hundred megabytes. The window lets the workers
# run ahead while the main process writes a batch: with a window of a whole batch they never wait
# for the writer (500 documents: 94 s with 8 files per worker, 86 s with 24; benchmarks/README.md).
BATCH_DOCUMENTS = 48
BATCH_BYTES = 96 * 1024 * 1024
WINDOW_PER_JOB = 24
STAGES = ("read", "metadata", "segment", "classify", "map", "write", "link")

Prepare = Callable[[RawDocument], RawDocument]


@dataclass(frozen=True)
class Serialised:
    """A mapped document as N-Triples text (pickling triples is 15x slower), with what linking needs
    of it: what workers send back."""

    iri: str
    urn: str
    ntriples: str
    findings: DocumentFindings

    @classmethod
    def of(cls, mapped: MappedDocument) -> Serialised:
        return cls(mapped.iri, mapped.urn, "".join(f"{t} .\n" for t in mapped.triples), mapped.findings)

    def nquads(self) -> str:
        # N-Triples escapes line breaks inside literals, so " .\n" only ever ends a statement.
        return self.ntriples.replace(" .\n", f" <{self.iri}> .\n")


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
    classified = [(s, classify(s)) for s in segmented]
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
    with multiprocessing.get_context().Pool(jobs) as pool:
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
    store.add_graphs("".join(doc.nquads() for doc in batch).encode("utf-8"), [doc.iri for doc in batch])


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
    iris = Iris(settings.base_iri)
    ensure_reference(store, iris)
    files = list(expand_paths(paths))
    spent = stages if stages is not None else {}
    results: list[IngestResult] = []
    pending: dict[str, Serialised] = {}
    touched: set[str] = set()
    # The findings of the documents written, so that linking need not read them back.
    held: dict[str, DocumentFindings] = {}

    def write() -> None:
        start = time.perf_counter()
        write_batch(store, list(pending.values()))
        spent["write"] = spent.get("write", 0.0) + time.perf_counter() - start
        touched.update(doc.urn for doc in pending.values())
        held.update((doc.iri, doc.findings) for doc in pending.values())
        pending.clear()

    for mapped, result in _processed(files, settings, settings.jobs, prepare):
        for stage, seconds in result.seconds.items():
            spent[stage] = spent.get(stage, 0.0) + seconds
        if mapped is not None:
            pending.pop(mapped.iri, None)
            pending[mapped.iri] = mapped
            if (
                len(pending) >= BATCH_DOCUMENTS
                or sum(len(d.ntriples) for d in pending.values()) >= BATCH_BYTES
            ):
                write()
        results.append(result)
        if on_result is not None:
            on_result(result)
    if pending:
        write()
    start = time.perf_counter()
    relink_many(store, iris, sorted(touched), held)
    store.flush()
    spent["link"] = spent.get("link", 0.0) + time.perf_counter() - start
    return results
