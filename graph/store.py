"""Store access: one interface over the embedded Oxigraph store (on disk or in memory) or a remote endpoint.

Each document lives in its own named graph, replaced in one transaction (a single SPARQL
Update: Oxigraph applies an update atomically, so a kill -9 leaves the old graph or the new).
Readers see a consistent snapshot while a writer replaces graphs. The remote backend
(graph/remote.py) implements the same interface over the SPARQL 1.1 protocols; `open_store`
picks the backend the settings name.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from inspectkg.errors import MalformedQuery, StoreError, StoreLocked
from inspectkg.ontology import PREFIXES
from inspectkg.settings import Settings

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


# Beside the data of an on-disk store: a file per running bulk load, naming the graphs it is adding
# one per line (see Store.add_graphs); "inspectkg-loading-<random>.txt".
LOADING_MARKER_PREFIX = "inspectkg-loading"
# Beside the data too: folders of N-Quads files waiting for a bulk load (ingest's spool), removed
# when the ingest ends and, after a crash, when the store is next opened for writing.
SPOOL_PREFIX = "inspectkg-spool-"


def _is_lock_error(exc: OSError) -> bool:
    text = str(exc).lower()
    return "lock" in text or "resource temporarily unavailable" in text


class Store:
    """The graph store: SPARQL query and update, and whole-graph replacement."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            if _is_lock_error(exc):
                raise StoreLocked(
                    f"the store {path} is in use by another process (is `inspectkg serve` running?); "
                    "stop it or use the API"
                ) from exc
            raise StoreError(f"cannot open the store {path}: {exc}") from exc
        if path is not None and not read_only:
            for marker in path.glob(LOADING_MARKER_PREFIX + "*.txt"):
                self._drop_unfinished_load(marker)
            for folder in path.glob(SPOOL_PREFIX + "*"):
                shutil.rmtree(folder, ignore_errors=True)

    def spool_folder(self) -> Path:
        """A new empty folder beside an on-disk store's data, on the same disk, for files to load."""
        assert self.path is not None
        return Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=self.path))

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for the API's protocol layer."""
        return self._store

    def query(self, sparql: str, **kwargs: Any) -> Any:
        """Evaluate a SPARQL query; syntax errors become MalformedQuery.

        The ontology's prefixes are predeclared, and the default graph is the union of all named
        graphs (as Oxigraph server's --union-default-graph), so queries need no GRAPH clauses.
        """
        kwargs.setdefault("prefixes", PREFIXES)
        if "default_graph" not in kwargs:
            kwargs.setdefault("use_default_graph_as_union", True)
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise MalformedQuery(f"malformed SPARQL query: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    def select(
        self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal | None] | None = None, **kwargs: Any
    ) -> list[dict[str, Any]]:
        """Rows of a SELECT as dicts of Python values (str, int, float, bool or None)."""
        result = self.query(bind(sparql, bindings) if bindings else sparql, **kwargs)
        names = [v.value for v in result.variables]
        # A solution iterates over its values in the order of the variables (None where unbound).
        return [dict(zip(names, map(to_python, row), strict=True)) for row in result]

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction."""
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise MalformedQuery(f"malformed SPARQL update: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store write failed: {exc}") from exc

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace a named graph's content by `triples` atomically (one SPARQL Update)."""
        body = " .\n".join(str(t) for t in triples)
        self.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}")

    def replace_graphs(self, graphs: dict[str, list[ox.Triple]]) -> None:
        """Replace several named graphs in one transaction.

        On disk, when none of them exists yet (the links graphs of a first ingest), they are added
        by the bulk loader instead (`add_graphs`: each graph absent or whole after a crash).
        """
        if self.path is not None and graphs and not any(self.has_graph(g) for g in graphs):
            quads = "".join(f"{t} <{g}> .\n" for g, triples in graphs.items() for t in triples)
            self.add_graphs(quads.encode("utf-8"), list(graphs))
            return
        parts = []
        for graph, triples in graphs.items():
            body = " .\n".join(str(t) for t in triples)
            parts.append(f"DROP SILENT GRAPH <{graph}>")
            if triples:
                parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}")
        if parts:
            self.update(" ;\n".join(parts))

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads (whole new graphs) in one transaction: the fast path of a batch of new documents."""
        try:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"malformed N-Quads: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store write failed: {exc}") from exc

    def add_graphs(self, data: bytes | Path, graphs: Sequence[str]) -> None:
        """Add whole new named graphs (`graphs`, absent from the store) from N-Quads `data` (bytes,
        or a file of them).

        In memory (and on a remote endpoint) this is `load_nquads`, one transaction. On disk it is
        Oxigraph's bulk loader, three times faster than a transactional load on the scaled corpus
        (16 s vs 52 s for 1.38 M quads; benchmarks/README.md) but not atomic. So the graphs' names
        are first written to a marker file beside the data and synced, and the marker is removed
        once the load is flushed; a store opened for writing with a marker left behind (a load
        killed half-way) drops those graphs first, so each new graph ends absent or whole.
        """
        if self.path is None:
            self.load_nquads(data if isinstance(data, bytes) else data.read_bytes())
            return
        # One marker per load: ingest runs its last loads side by side.
        handle, name = tempfile.mkstemp(prefix=LOADING_MARKER_PREFIX + "-", suffix=".txt", dir=self.path)
        marker = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("".join(f"{g}\n" for g in graphs))
            out.flush()
            os.fsync(out.fileno())
        try:
            # Lenient: the N-Quads are the store's own serialisation of terms pyoxigraph built, so
            # their IRIs were checked then (parsing is 2.5x faster without checking them again).
            if isinstance(data, Path):
                self._store.bulk_load(path=data, format=ox.RdfFormat.N_QUADS, lenient=True)
            else:
                self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            self._store.flush()
        except SyntaxError as exc:
            self._drop_unfinished_load(marker)
            raise StoreError(f"malformed N-Quads: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store write failed: {exc}") from exc
        marker.unlink()

    def _drop_unfinished_load(self, marker: Path) -> None:
        """Drop the graphs of a bulk load that did not finish (see `add_graphs`), then its marker."""
        graphs = marker.read_text(encoding="utf-8").split()
        if graphs:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
            self._store.flush()
        marker.unlink()

    def drop_graph(self, graph: str) -> None:
        """Remove a named graph (no error when it is absent)."""
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def has_graph(self, graph: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(graph)))

    def named_graphs(self) -> Iterator[str]:
        for g in self._store.named_graphs():
            yield g.value

    def load_turtle(self, data: str, graph: str, base_iri: str) -> None:
        """Replace a named graph with parsed Turtle (used for reference data)."""
        parsed = ox.parse(data.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base_iri)
        self.replace_graph(graph, [ox.Triple(q.subject, q.predicate, q.object) for q in parsed])

    def copy_to(self, target: Store) -> None:
        """Copy every named graph into another store (e.g. the embedded store to a remote endpoint),
        replacing the graphs of the same names there, in one dump and one load."""
        graphs = list(self.named_graphs())
        if not graphs:
            return
        data = bytes(self._store.dump(format=ox.RdfFormat.N_QUADS) or b"")
        target.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        target.load_nquads(data)

    def serialize_graph(self, graph: str, fmt: str) -> bytes:
        """A named graph (or "default") in an RDF syntax."""
        name = ox.DefaultGraph() if graph == "default" else ox.NamedNode(graph)
        quads = self._store.quads_for_pattern(None, None, None, name)
        if fmt in {"nquads", "trig"}:
            return bytes(ox.serialize(quads, format=GRAPH_FORMATS[fmt]) or b"")
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        return bytes(ox.serialize(triples, format=GRAPH_FORMATS[fmt]) or b"")

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Release the store (and its lock on disk) before the process ends."""
        if not self.read_only:
            self.flush()
        del self._store


def open_store(settings: Settings) -> Store:
    """The store the settings name: the remote endpoint when one is set, else the on-disk store."""
    if settings.remote_endpoint:
        from .remote import RemoteStore

        return RemoteStore(settings.remote_endpoint, timeout_s=settings.query_timeout_s)
    return Store(settings.store_path)


WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.I)


def bind(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal | None]) -> str:
    """The query with its variables bound by a VALUES block at the top of its WHERE clause.

    Values are serialised as RDF terms by pyoxigraph (escaped), never pasted as raw text; a None
    value is UNDEF, so `FILTER(!BOUND(?x) || ...)` treats it as not given. (pyoxigraph's own
    `substitutions` needs every variable in the projection, which optional filters do not have.)
    """
    m = WHERE_OPEN.search(sparql)
    if m is None:
        raise MalformedQuery("a parameterised query needs a WHERE { ... } clause")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join("UNDEF" if v is None else str(v) for v in bindings.values())
    return f"{sparql[: m.end()]}\n  VALUES ({names}) {{ ({row}) }}{sparql[m.end() :]}"


XSD = PREFIXES["xsd"]
# Literals of these datatypes become Python numbers and booleans; every other literal its text.
PYTHON_VALUES: dict[ox.NamedNode, Callable[[str], Any]] = {
    **{ox.NamedNode(XSD + name): int for name in ("integer", "int", "long")},
    **{ox.NamedNode(XSD + name): float for name in ("decimal", "double", "float")},
    ox.NamedNode(XSD + "boolean"): lambda text: text == "true",
}


def to_python(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = PYTHON_VALUES.get(term.datatype)
        return term.value if convert is None else convert(term.value)
    return term.value
