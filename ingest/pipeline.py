"""The ingest pipeline: files -> text -> sentences -> classification -> RDF -> store, one file at a time.

A file that fails raises an InputError that is reported and skipped; the rest of the batch goes
on, and the store is written one whole document graph at a time, so nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from inspectkg.errors import InputError, UnsupportedInput
from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import relink
from inspectkg.graph.reference import ensure_reference
from inspectkg.graph.store import Store
from inspectkg.settings import Settings

from .classify import classify
from .metadata import extract_metadata
from .rdfmap import MappedDocument, map_document
from .readers import SUFFIXES, read_document
from .structure import sentences


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
    error: InputError | None = None

    def summary(self) -> str:
        """One line for the terminal."""
        if self.error is not None:
            return f"error: {self.error.message}"
        return (
            f"{self.path.name}: {self.authority}, {self.document_type}; {self.findings} findings "
            f"({self.concerns} concerns, {self.strengths} strengths), {self.recommendations} recommendations, "
            f"{self.judgements} judgements"
        )


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def process_file(path: Path, settings: Settings) -> tuple[MappedDocument, IngestResult]:
    """Read, segment, classify and map one file; no store is touched."""
    if not path.exists():
        raise UnsupportedInput(path, "no such file")
    raw = read_document(path, settings.max_file_bytes)
    meta = extract_metadata(raw)
    classified = [(s, classify(s)) for s in sentences(raw.text)]
    mapped = map_document(raw, meta, classified, Iris(settings.base_iri))
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
    )
    return mapped, result


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    settings: Settings,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest files and folders into the store; each document replaces its own graph atomically."""
    iris = Iris(settings.base_iri)
    ensure_reference(store, iris)
    results = []
    touched: set[str] = set()
    for path in expand_paths(paths):
        try:
            mapped, result = process_file(path, settings)
        except InputError as exc:
            result = IngestResult(path=path, error=exc)
        else:
            store.replace_graph(mapped.iri, mapped.triples)
            touched.add(mapped.urn)
        results.append(result)
        if on_result is not None:
            on_result(result)
    for urn in sorted(touched):
        relink(store, iris, urn)
    store.flush()
    return results
