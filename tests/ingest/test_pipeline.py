"""The ingest pipeline: parallel ingest writes what serial ingest writes; errors come back per file."""

from __future__ import annotations

import gc
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from inspectkg.errors import CorruptInput, EmptyInput, InputError
from inspectkg.graph import Store
from inspectkg.graph.iri import Iris
from inspectkg.ingest import IngestResult, ingest_paths, pipeline
from inspectkg.ingest.pipeline import STAGES, Serialised, default_jobs, process_file, write_batch
from inspectkg.ingest.readers import RawDocument
from inspectkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "blackpool"
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"


def _quads(store: Store, settings: Settings) -> set[str]:
    # The reference graph holds the ontology's blank nodes, labelled afresh on every load.
    reference = Iris(settings.base_iri).reference_graph
    return {str(q) for q in store.raw if q.graph_name.value != reference}


def test_parallel_ingest_writes_the_same_triples_as_serial(
    sample_ingest: tuple[Store, list[IngestResult]], settings: Settings
) -> None:
    parallel, parallel_results = sample_ingest
    assert default_jobs() >= 1
    serial = Store(None)
    serial_results = ingest_paths([SAMPLE], serial, replace(settings, jobs=1))
    assert [r.path.name for r in parallel_results] == [r.path.name for r in serial_results]
    assert [r.summary() for r in parallel_results] == [r.summary() for r in serial_results]
    assert _quads(parallel, settings) == _quads(serial, settings)


def test_results_count_pages_triples_and_time_each_stage(
    sample_ingest: tuple[Store, list[IngestResult]],
) -> None:
    results = {r.path.name: r for r in sample_ingest[1]}
    report = results["blackpool-2019-01-17.pdf"]
    assert report.pages == 13
    assert report.triples > 1000
    assert list(report.seconds) == ["read", "metadata", "segment", "classify", "map"]
    assert results["blackpool-2019-12-monitoring-letter.txt"].pages == 1


def test_errors_come_back_per_file_from_workers(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a-not-really.pdf").write_bytes(b"<html><body>moved</body></html>")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    shutil.copy(LETTER, tmp_path / "c-letter.txt")
    stages: dict[str, float] = {}
    store = Store(None)
    results = ingest_paths([tmp_path], store, replace(settings, jobs=2), stages=stages)
    assert [type(r.error) for r in results] == [CorruptInput, EmptyInput, type(None)]
    errors = [r.error for r in results if r.error is not None]
    assert [str(e) for e in errors] == [e.message for e in errors]
    assert errors[0].message == (
        f"{tmp_path / 'a-not-really.pdf'}: corrupt or unreadable PDF "
        "(an HTML page saved under a .pdf name, not a PDF)"
    )
    assert errors[0].path == tmp_path / "a-not-really.pdf"
    assert results[2].iri is not None and store.has_graph(results[2].iri)
    assert set(stages) == set(STAGES)


def test_a_missing_file_is_an_input_error(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(InputError, match="no such file"):
        process_file(tmp_path / "absent.txt", settings)


def _shout(raw: RawDocument) -> RawDocument:
    return replace(raw, text=raw.text.replace("Blackpool", "Newham"))


def test_prepare_rewrites_the_text_before_extraction(settings: Settings) -> None:
    _, plain = process_file(LETTER, settings)
    _, rewritten = process_file(LETTER, settings, prepare=_shout)
    assert (plain.authority, rewritten.authority) == ("Blackpool", "Newham")


def test_a_batch_replaces_graphs_already_there(settings: Settings) -> None:
    mapped, _ = process_file(LETTER, settings)
    doc = Serialised.of(mapped)
    store = Store(None)
    write_batch(store, [doc])
    first = len(store)
    assert first == len({str(t) for t in mapped.triples})
    write_batch(
        store,
        [
            doc,
            replace(
                doc,
                iri=doc.iri + "-copy",
                nquads=doc.nquads.replace(doc.iri.encode(), doc.iri.encode() + b"-copy"),
            ),
        ],
    )
    assert len(store) == 2 * first
    assert sorted(store.named_graphs()) == [doc.iri, doc.iri + "-copy"]


def test_a_file_named_twice_is_written_once_in_order(tmp_path: Path, settings: Settings) -> None:
    shutil.copy(LETTER, tmp_path / "letter.txt")
    files = [LETTER, tmp_path / "letter.txt", LETTER]
    stores = {jobs: Store(None) for jobs in (1, 2)}
    results = {jobs: ingest_paths(files, stores[jobs], replace(settings, jobs=jobs)) for jobs in stores}
    assert [r.path for r in results[2]] == files
    assert len({r.iri for r in results[2]}) == 1
    assert _quads(stores[1], settings) == _quads(stores[2], settings)


@pytest.fixture
def small_spool(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bulk load as soon as one document waits, so that a small corpus takes several loads."""
    monkeypatch.setattr(pipeline, "SPOOL_MIN_BYTES", 1)


@pytest.mark.usefixtures("small_spool")
def test_on_disk_the_spool_writes_what_batches_write_in_memory(
    tmp_path: Path, sample_ingest: tuple[Store, list[IngestResult]], settings: Settings
) -> None:
    disk = Store(tmp_path / "store")
    loads: list[int] = []
    add_graphs = disk.add_graphs
    disk.add_graphs = lambda data, graphs: (loads.append(len(graphs)), add_graphs(data, graphs))[1]  # type: ignore[method-assign]
    ingest_paths([SAMPLE], disk, replace(settings, jobs=2))
    assert len(loads) >= 2
    assert _quads(disk, settings) == _quads(sample_ingest[0], settings)
    assert sorted(p.name for p in (tmp_path / "store").glob("inspectkg-*")) == []
    # Ingesting again replaces every document and links graph in place.
    ingest_paths([SAMPLE], disk, replace(settings, jobs=2))
    assert _quads(disk, settings) == _quads(sample_ingest[0], settings)


@pytest.mark.usefixtures("small_spool")
def test_on_disk_a_file_named_twice_replaces_its_spooled_graph(tmp_path: Path, settings: Settings) -> None:
    shutil.copy(LETTER, tmp_path / "letter.txt")
    files = [LETTER, tmp_path / "letter.txt", LETTER]
    memory, disk = Store(None), Store(tmp_path / "store")
    ingest_paths(files, memory, replace(settings, jobs=1))
    ingest_paths(files, disk, replace(settings, jobs=2))
    assert _quads(disk, settings) == _quads(memory, settings)


def test_the_collector_runs_less_often_during_an_ingest_and_as_before_after(settings: Settings) -> None:
    """Ingest raises the collector's threshold for its own time only: the server that ingests an
    upload keeps its own collector settings."""
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    ingest_paths([LETTER], Store(None), settings, lambda _: during.append(gc.get_threshold()))
    assert during == [pipeline.GC_THRESHOLD]
    assert gc.get_threshold() == before != pipeline.GC_THRESHOLD
