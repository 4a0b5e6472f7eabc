"""Removing a document: its graph goes, and its authority's links are recomputed without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectkg.cli import cli
from inspectkg.errors import NotFound
from inspectkg.graph import Store
from inspectkg.graph.export import persistence
from inspectkg.graph.manage import remove_document, store_stats
from inspectkg.settings import Settings

LETTER = "blackpool-2019-12-monitoring-letter.txt"


@pytest.fixture
def store(sample_store: Store) -> Store:
    copy = Store(None)
    sample_store.copy_to(copy)
    return copy


def test_remove_drops_the_graph_and_relinks(store: Store, settings: Settings) -> None:
    before = [(p["earlier"], p["later"]) for p in persistence(store)["pairs"]]
    iri = remove_document(store, settings, LETTER)
    assert not store.has_graph(iri)
    after = [(p["earlier"], p["later"]) for p in persistence(store)["pairs"]]
    assert after == [pair for pair in before if LETTER not in pair]
    assert not bool(store.query(f"ASK {{ ?x ?p <{iri}> }}"))


def test_remove_by_iri(store: Store, settings: Settings) -> None:
    iri = str(store.select(f"SELECT ?d WHERE {{ ?d ikg:fileName '{LETTER}' }}")[0]["d"])
    assert remove_document(store, settings, iri) == iri


def test_removing_an_unknown_document_is_not_found(store: Store, settings: Settings) -> None:
    with pytest.raises(NotFound, match=r"no document 'nope\.pdf'"):
        remove_document(store, settings, "nope.pdf")


def test_stats_count_the_documents_and_links(sample_store: Store) -> None:
    stats = {r["what"]: r["count"] for r in store_stats(sample_store)}
    assert (stats["documents"], stats["authorities"]) == (6, 1)
    links = sum(
        len(p[s])
        for p in persistence(sample_store)["pairs"]
        for s in ("persisting", "improved", "new", "not_covered")
    )
    assert stats["area links"] == links


def test_remove_command(sample_store: Store, tmp_path: Path) -> None:
    disk = Store(tmp_path / "s")
    sample_store.copy_to(disk)
    disk.close()
    result = CliRunner().invoke(cli, ["remove", LETTER, "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("removed https://w3id.org/inspectkg/id/doc/80431/monitoring_visit/")
    again = CliRunner().invoke(cli, ["remove", LETTER, "--store", str(tmp_path / "s")])
    assert (again.exit_code, again.stderr) == (1, f"inspectkg: no document '{LETTER}' in the store\n")
