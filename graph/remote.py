"""A remote SPARQL 1.1 endpoint as a Store: Query and Update protocols, and the Graph Store protocol.

Works with any endpoint that speaks the three W3C protocols (Oxigraph server, Apache Jena Fuseki,
GraphDB, Virtuoso, Amazon Neptune). Results come back as pyoxigraph objects, parsed from the
standard result formats, so callers cannot tell a remote store from the embedded one.

The endpoint must answer queries over the union of its named graphs, as the embedded store does
(Oxigraph: `oxigraph serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pyoxigraph as ox

from inspectkg.errors import MalformedQuery, QueryTimeout, StoreError
from inspectkg.ontology import sparql_prefixes

from .store import GRAPH_FORMATS, Store

# Media types of the SPARQL 1.1 Protocol (section 2.1) and of RDF syntaxes for the Graph Store protocol.
SELECT_MEDIA = "application/sparql-results+json"
GRAPH_MEDIA = "application/n-triples"
QUERY_FORM = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


@dataclass(frozen=True)
class Endpoint:
    """The three URLs of a SPARQL service: query, update and graph store."""

    query: str
    update: str
    store: str

    @classmethod
    def parse(cls, spec: str) -> Endpoint:
        """From a base URL with Oxigraph's layout (BASE/query, BASE/update, BASE/store), or from
        three URLs separated by white space (e.g. Fuseki's `.../ds/query .../ds/update .../ds/data`)."""
        parts = spec.split()
        if len(parts) == 3:
            return cls(*parts)
        if len(parts) != 1:
            raise StoreError(
                f"remote endpoint {spec!r}: give one base URL or three URLs (query update store)"
            )
        base = parts[0].rstrip("/")
        return cls(f"{base}/query", f"{base}/update", f"{base}/store")


class RemoteStore(Store):
    """The Store interface over a remote SPARQL 1.1 endpoint."""

    def __init__(self, endpoint: Endpoint | str, *, timeout_s: float = 30.0) -> None:
        self.path = None
        self.endpoint = endpoint if isinstance(endpoint, Endpoint) else Endpoint.parse(endpoint)
        self._client = httpx.Client(timeout=timeout_s)

    @property
    def raw(self) -> ox.Store:
        raise StoreError("a remote store has no embedded Oxigraph store")

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise QueryTimeout(f"the endpoint {url} did not answer in time") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the endpoint {url}: {exc}") from exc
        if response.status_code == 400:
            raise MalformedQuery(f"the endpoint refused the request: {response.text.strip()[:500]}")
        if response.status_code >= 300 and not (method == "GET" and response.status_code == 404):
            raise StoreError(
                f"the endpoint {url} answered {response.status_code}: {response.text.strip()[:500]}"
            )
        return response

    def query(self, sparql: str, **kwargs: Any) -> Any:
        """Evaluate a query remotely (SPARQL 1.1 Protocol, POST directly); the result as pyoxigraph's."""
        text = sparql_prefixes() + sparql
        m = QUERY_FORM.match(sparql_prefixes() + _strip_comments(sparql))
        form = m.group(1).upper() if m else "SELECT"
        accept = GRAPH_MEDIA if form in {"CONSTRUCT", "DESCRIBE"} else SELECT_MEDIA
        response = self._send(
            "POST",
            self.endpoint.query,
            content=text.encode("utf-8"),
            headers={"content-type": "application/sparql-query", "accept": accept},
        )
        if accept == GRAPH_MEDIA:
            return [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
            ]
        return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)

    def update(self, sparql: str) -> None:
        """Run an update remotely (SPARQL 1.1 Protocol, POST directly): one request, one transaction."""
        self._send(
            "POST",
            self.endpoint.update,
            content=(sparql_prefixes() + sparql).encode("utf-8"),
            headers={"content-type": "application/sparql-update"},
        )

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace one named graph by the Graph Store protocol (section 5.3, PUT replaces atomically)."""
        body = bytes(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"")
        self._send(
            "PUT",
            self.endpoint.store,
            params={"graph": graph},
            content=body,
            headers={"content-type": GRAPH_MEDIA},
        )

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads as one SPARQL Update (INSERT DATA), which every endpoint applies atomically."""
        by_graph: dict[str, list[str]] = {}
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            name = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
            by_graph.setdefault(name, []).append(f"{ox.Triple(q.subject, q.predicate, q.object)} .")
        parts = [
            ("\n".join(t) if not g else f"GRAPH {g} {{\n" + "\n".join(t) + "\n}") for g, t in by_graph.items()
        ]
        if parts:
            self.update("INSERT DATA {\n" + "\n".join(parts) + "\n}")

    def has_graph(self, graph: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def named_graphs(self) -> Iterator[str]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield row["g"].value

    def serialize_graph(self, graph: str, fmt: str) -> bytes:
        """A named graph (or "default") fetched by the Graph Store protocol (section 5.2, GET)."""
        params = {"default": ""} if graph == "default" else {"graph": graph}
        response = self._send("GET", self.endpoint.store, params=params, headers={"accept": GRAPH_MEDIA})
        if response.status_code == 404:
            return b""
        triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        if fmt in {"nquads", "trig"}:
            name = ox.DefaultGraph() if graph == "default" else ox.NamedNode(graph)
            quads = [ox.Quad(q.subject, q.predicate, q.object, name) for q in triples]
            return bytes(ox.serialize(quads, format=GRAPH_FORMATS[fmt]) or b"")
        plain = [ox.Triple(q.subject, q.predicate, q.object) for q in triples]
        return bytes(ox.serialize(plain, format=GRAPH_FORMATS[fmt]) or b"")

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"])

    def flush(self) -> None:
        """Nothing to do: the endpoint commits each request."""

    def close(self) -> None:
        self._client.close()


def _strip_comments(sparql: str) -> str:
    return "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
