"""The remote backend against a real Oxigraph server: the same answers as the embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from inspectkg.errors import MalformedQuery
from inspectkg.graph import Store
from inspectkg.graph.export import documents, findings, persistence
from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import relink_all
from inspectkg.graph.remote import Endpoint, RemoteStore
from inspectkg.graph.store import open_store
from inspectkg.ingest import ingest_paths
from inspectkg.settings import Settings

pytestmark = pytest.mark.slow

EX = "https://example.org/"


@pytest.fixture(scope="module")
def remote(oxigraph_server: str, sample_store: Store) -> Iterator[RemoteStore]:
    """The sample corpus copied graph by graph into the server (Graph Store protocol PUT)."""
    store = RemoteStore(oxigraph_server)
    sample_store.copy_to(store)
    yield store
    store.close()


def test_the_remote_store_holds_the_same_graphs(remote: RemoteStore, sample_store: Store) -> None:
    assert sorted(remote.named_graphs()) == sorted(sample_store.named_graphs())
    assert len(remote) == len(sample_store)


def test_exports_are_the_same_remotely(remote: RemoteStore, sample_store: Store) -> None:
    assert list(findings(remote)) == list(findings(sample_store))
    assert list(documents(remote)) == list(documents(sample_store))


def test_relinking_remotely_gives_the_same_persistence(remote: RemoteStore, sample_store: Store) -> None:
    relink_all(remote, Iris(Settings().base_iri))
    assert persistence(remote) == persistence(sample_store)


def test_a_graph_is_replaced_and_dropped(remote: RemoteStore) -> None:
    graph = EX + "g"
    triple = ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("v"))
    remote.replace_graphs({graph: [triple, ox.Triple(triple.subject, triple.predicate, ox.Literal("w"))]})
    remote.replace_graph(graph, [triple])
    assert remote.serialize_graph(graph, "ntriples").decode() == f"{triple} .\n"
    assert remote.has_graph(graph)
    remote.drop_graph(graph)
    assert not remote.has_graph(graph)


def test_construct_and_ask_come_back_as_pyoxigraph_results(remote: RemoteStore) -> None:
    assert bool(remote.query("ASK { ?d a ikg:Document }")) is True
    triples = remote.query("CONSTRUCT { ?d a ikg:Document } WHERE { ?d a ikg:Document }")
    assert len(triples) == 6


def test_a_malformed_query_is_a_malformed_query(remote: RemoteStore) -> None:
    with pytest.raises(MalformedQuery):
        remote.select("SELECT ?x WHERE { ?x }")


@pytest.mark.parametrize(
    ("spec", "store_url"),
    [
        ("http://h:7878", "http://h:7878/store"),
        ("http://h/ds/query http://h/ds/update http://h/ds/data", "http://h/ds/data"),
    ],
)
def test_endpoint_urls(spec: str, store_url: str) -> None:
    assert Endpoint.parse(spec).store == store_url


def test_the_settings_choose_the_remote_backend(oxigraph_server: str) -> None:
    store = open_store(Settings(remote_endpoint=oxigraph_server))
    assert isinstance(store, RemoteStore)
    store.close()
    assert store.endpoint.query == f"{oxigraph_server}/query"


def test_ingest_writes_to_the_remote_store(oxigraph_server: str, sample_store: Store) -> None:
    """ingest_paths on a remote store: reference data, new graphs (N-Quads), then a replacement."""
    store = RemoteStore(oxigraph_server)
    settings = Settings(remote_endpoint=oxigraph_server)
    letter = (
        Path(__file__).resolve().parents[2]
        / "examples"
        / "blackpool"
        / "blackpool-2019-12-monitoring-letter.txt"
    )
    graph = str(sample_store.select(f"SELECT ?d WHERE {{ ?d ikg:fileName '{letter.name}' }}")[0]["d"])
    store.drop_graph(graph)
    ingest_paths([letter], store, settings)
    first = store.serialize_graph(graph, "ntriples")
    ingest_paths([letter], store, settings)
    again = store.serialize_graph(graph, "ntriples")
    store.close()
    assert sorted(again.splitlines()) == sorted(first.splitlines())
    assert sorted(first.splitlines()) == sorted(sample_store.serialize_graph(graph, "ntriples").splitlines())
