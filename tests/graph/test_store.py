"""The store: atomic graph replacement (proved with kill -9), snapshot reads, the lock, re-ingest."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from inspectkg.cli import cli
from inspectkg.errors import MalformedQuery
from inspectkg.graph import Store
from inspectkg.graph.store import LOADING_MARKER_PREFIX, bind
from inspectkg.ingest import ingest_paths
from inspectkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "blackpool"
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"
REPORT = SAMPLE / "blackpool-2019-01-17.pdf"
BIN = Path(sys.executable).parent
EX = "https://example.org/"
MARK = ox.Triple(ox.NamedNode(EX + "old"), ox.NamedNode(EX + "version"), ox.Literal("old"))


def graph_of(store: Store, graph: str) -> set[str]:
    return set(store.serialize_graph(graph, "ntriples").decode("utf-8").splitlines())


def triples_of(store: Store, graph: str) -> list[ox.Triple]:
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(store.serialize_graph(graph, "ntriples"), format=ox.RdfFormat.N_TRIPLES)
    ]


def doc_graph(store: Store, file: str) -> str:
    return str(store.select(f"SELECT ?d WHERE {{ ?d ikg:fileName '{file}' }}")[0]["d"])


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_kill_9_during_ingest_leaves_each_document_old_or_new(
    tmp_path: Path, sample_store: Store, delay: float
) -> None:
    """Old versions (half the triples and a marker) are in the store; an ingest that replaces them is
    killed while it writes. Every document graph must then be exactly the old or exactly the new one."""
    files = [REPORT.name, LETTER.name]
    graphs = {f: doc_graph(sample_store, f) for f in files}
    new = {f: graph_of(sample_store, g) for f, g in graphs.items()}
    old = {}
    store = Store(tmp_path / "s")
    for f, g in graphs.items():
        triples = triples_of(sample_store, g)
        store.replace_graph(g, [*triples[: len(triples) // 2], MARK])
        old[f] = graph_of(store, g)
    store.close()
    proc = subprocess.Popen(
        [
            str(BIN / "inspectkg"),
            "ingest",
            str(REPORT),
            str(LETTER),
            "--store",
            str(tmp_path / "s"),
            "--jobs",
            "1",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    seen = 0
    for line in proc.stderr:
        seen += line.count("findings (")
        if seen == len(files):
            break
    # Both documents are processed: the batch write (one transaction) is under way or about to be.
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=20)
    proc.stderr.close()
    store = Store(tmp_path / "s")
    states = {
        f: "new" if graph_of(store, g) == new[f] else "old" if graph_of(store, g) == old[f] else "torn"
        for f, g in graphs.items()
    }
    assert "torn" not in states.values(), states


WRITER = """
import sys
from pathlib import Path
import pyoxigraph as ox
from inspectkg.graph import Store
store = Store(Path(sys.argv[1]))
n = ox.NamedNode("https://example.org/n")
for i in range(10_000):
    size = 20_000 if i % 2 else 10_000
    triples = [ox.Triple(n, n, ox.Literal(f"{i % 2}-{j}")) for j in range(size)]
    store.replace_graphs({"https://example.org/g": triples})
    print(i, flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_graph_replacement_never_tears_a_graph(tmp_path: Path) -> None:
    """A writer alternates one graph between two versions (10,000 and 20,000 triples) and is killed."""
    for delay in (0.05, 0.25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path / "s")], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        store = Store(tmp_path / "s")
        rows = store.select("SELECT ?o WHERE { GRAPH <https://example.org/g> { ?s ?p ?o } }")
        versions = {r["o"].split("-")[0] for r in rows}
        assert (len(rows), len(versions)) in {(10_000, 1), (20_000, 1)}
        assert len(rows) == (20_000 if versions == {"1"} else 10_000)
        store.close()


def test_readers_see_a_consistent_snapshot_while_a_writer_replaces(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    graph = EX + "g"
    node = ox.NamedNode(EX + "n")
    versions = [[ox.Triple(node, node, ox.Literal(str(j))) for j in range(size)] for size in (300, 700)]
    store.replace_graph(graph, versions[0])
    done = threading.Event()

    def write() -> None:
        for i in range(20):
            store.replace_graph(graph, versions[i % 2])
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    counts = set()
    while not done.is_set():
        counts.add(
            store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"]
        )
    writer.join()
    assert counts <= {300, 700}


@pytest.mark.slow
def test_a_cli_command_on_a_store_held_by_the_server_says_so_in_one_line(tmp_path: Path, port: int) -> None:
    store = tmp_path / "s"
    server = subprocess.Popen(
        [str(BIN / "inspectkg"), "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=1)
                break
            except httpx.HTTPError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        for args in (["stats"], ["ingest", str(LETTER)], ["persistence"], ["remove", LETTER.name]):
            result = CliRunner().invoke(cli, [*args, "--store", str(store)])
            assert result.exit_code == 1, result.output
            assert result.output.count("\n") == 1, result.output
            assert result.output.startswith(f"inspectkg: the store {store} is in use by another process"), (
                result.output
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_reingesting_a_document_yields_identical_triples(sample_store: Store, settings: Settings) -> None:
    store = Store(None)
    ingest_paths([LETTER], store, settings)
    graph = doc_graph(store, LETTER.name)
    first = graph_of(store, graph)
    ingest_paths([LETTER], store, settings)
    assert graph_of(store, graph) == first == graph_of(sample_store, graph)


@pytest.mark.parametrize("on_disk", [False, True])
def test_replace_and_drop_a_graph(tmp_path: Path, on_disk: bool) -> None:
    """On disk the first replace_graphs adds absent graphs by a load, the second replaces by an Update."""
    store = Store(tmp_path / "s" if on_disk else None)
    triple = ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal('a "quoted" value'))
    store.replace_graphs({EX + "g": [triple, MARK], EX + "h": [MARK]})
    store.replace_graph(EX + "g", [triple])
    assert triples_of(store, EX + "g") == [triple]
    assert sorted(store.named_graphs()) == [EX + "g", EX + "h"]
    store.drop_graph(EX + "h")
    assert not store.has_graph(EX + "h")


def test_bound_values_are_rdf_terms_never_query_text() -> None:
    store = Store(None)
    store.replace_graph(EX + "g", [MARK])
    sneaky = ox.Literal('old" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "')
    assert store.select("SELECT ?s WHERE { ?s ?p ?v }", bindings={"v": sneaky}) == []
    assert store.select("SELECT ?s WHERE { ?s ?p ?v }", bindings={"v": ox.Literal("old")}) == [
        {"s": EX + "old"}
    ]
    with pytest.raises(MalformedQuery):
        bind("ASK {}", {"v": None})


def test_graphs_added_on_disk_are_whole_and_leave_no_marker(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    quads = f'<{EX}old> <{EX}version> "old" <{EX}g> .\n<{EX}old> <{EX}version> "new" <{EX}h> .\n'
    store.add_graphs(quads.encode("utf-8"), [EX + "g", EX + "h"])
    assert sorted(store.named_graphs()) == [EX + "g", EX + "h"]
    assert triples_of(store, EX + "g") == [MARK]
    assert not list((tmp_path / "s").glob(LOADING_MARKER_PREFIX + "*"))


def test_store_opened_after_a_killed_bulk_load_drops_its_graphs(tmp_path: Path) -> None:
    """A marker left behind names the graphs a bulk load was adding when it was killed: the next
    writer drops them (each new graph ends absent or whole) and keeps every other graph."""
    store = Store(tmp_path / "s")
    store.replace_graph(EX + "kept", [MARK])
    store.replace_graph(EX + "torn", [MARK])
    store.replace_graph(EX + "torn-too", [MARK])
    store.close()
    # Two loads ran side by side when the process was killed: each left its marker.
    (tmp_path / "s" / f"{LOADING_MARKER_PREFIX}-a1.txt").write_text(
        f"{EX}torn\n{EX}absent\n", encoding="utf-8"
    )
    (tmp_path / "s" / f"{LOADING_MARKER_PREFIX}-b2.txt").write_text(f"{EX}torn-too\n", encoding="utf-8")
    store = Store(tmp_path / "s")
    assert sorted(store.named_graphs()) == [EX + "kept"]
    assert not list((tmp_path / "s").glob(LOADING_MARKER_PREFIX + "*"))


def test_a_spool_left_by_a_killed_ingest_is_removed_when_the_store_is_next_written(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.replace_graph(EX + "kept", [MARK])
    spool = store.spool_folder()
    (spool / "1.nq").write_text(f'<{EX}s> <{EX}p> "never loaded" <{EX}g> .\n', encoding="utf-8")
    store.close()
    assert spool.parent == tmp_path / "s"
    Store(tmp_path / "s", read_only=True).close()
    assert spool.exists()
    store = Store(tmp_path / "s")
    assert not spool.exists()
    assert sorted(store.named_graphs()) == [EX + "kept"]
