"""The reads a query worker may run: SPARQL evaluation, named queries, exports and graph dumps.

Each takes the worker's read-only Store first; the pool sends only a name from READS and its
arguments, so a request cannot make a worker run anything else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from inspectkg.errors import MalformedQuery
from inspectkg.graph import Store, get_query, run_named_query
from inspectkg.graph.annotations import context, document_text, with_annotations
from inspectkg.graph.export import documents, findings, persistence_json

from .guard import names_dataset
from .results import Answer, serialize

GRAPH_EXPORTS = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "nquads": (ox.RdfFormat.N_QUADS, "application/n-quads"),
}


def graph_names(iris: list[str], parameter: str) -> list[ox.NamedNode]:
    """The graphs a protocol parameter names; an invalid IRI is the request's error."""
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise MalformedQuery(f"invalid {parameter}: {exc}") from None


def sparql(
    store: Store,
    query: str,
    default_graphs: list[str],
    named_graphs: list[str],
    accept: str | None,
    formats: list[str],
    row_cap: int,
) -> Answer:
    """A SPARQL query over the store, answered in the negotiated format.

    The dataset is the one the request names (default-graph-uri, named-graph-uri: SPARQL 1.1
    Protocol §2.1.4), else the query's FROM clauses, else the union of the named graphs (Store.query).
    """
    kwargs: dict[str, Any] = {}
    if default_graphs:
        kwargs["default_graph"] = graph_names(default_graphs, "default-graph-uri")
    if named_graphs:
        kwargs["named_graphs"] = graph_names(named_graphs, "named-graph-uri")
        kwargs.setdefault("default_graph", ox.DefaultGraph())
    if not kwargs and names_dataset(query):
        # The query's FROM clauses define its dataset; the union default graph would hide them.
        kwargs["use_default_graph_as_union"] = False
    return serialize(store.query(query, **kwargs), accept, formats, row_cap)


def named(store: Store, name: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of a named query; a value that is not of its parameter's kind (IRI, integer, date) is a 400."""
    try:
        get_query(name).bind(params)
    except ValueError as exc:
        raise MalformedQuery(f"invalid parameter value for the query {name}: {exc}") from None
    return run_named_query(store, name, params)


def named_json(store: Store, name: str, params: dict[str, str]) -> Answer:
    """Rows of a named query as JSON text, written here so the server sends it as it is."""
    text = json.dumps(named(store, name, params), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Answer(text.encode(), "application/json")


def evidence(store: Store, finding: str) -> list[dict[str, Any]]:
    """The `api-evidence` row of a finding with the text around it, as in its Web Annotation (sliced
    here, so the document's text does not leave the worker)."""
    rows = named(store, "api-evidence", {"finding": finding})
    for row in rows:
        row["prefix"], row["suffix"] = context(
            document_text(store, row["document"]), row["start"], row["end"]
        )
    return rows


def export_findings(store: Store, params: dict[str, str]) -> list[dict[str, Any]]:
    """Findings in the contract's shape."""
    return list(findings(store, params))


def export_documents(store: Store, params: dict[str, str]) -> list[dict[str, Any]]:
    """Documents in the contract's shape."""
    return list(documents(store, params))


def export_persistence(store: Store, la: str | None) -> Answer:
    """Persistence pairs in the contract's shape, as JSON text (sent as it is)."""
    return Answer(persistence_json(store, la), "application/json")


def graphs(store: Store, names: list[str], fmt: str) -> Answer:
    """Named graphs in Turtle or JSON-LD (their triples merged) or N-Quads (graphs kept), each
    document's with the Web Annotations of its findings."""
    rdf_format, media = GRAPH_EXPORTS[fmt]
    quads = with_annotations(store, names)
    items: list[Any] = (
        quads
        if rdf_format.supports_datasets
        else [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    )
    return Answer(bytes(ox.serialize(items, format=rdf_format) or b""), media)


READS: dict[str, Callable[..., Any]] = {
    "sparql": sparql,
    "named": named,
    "named_json": named_json,
    "evidence": evidence,
    "findings": export_findings,
    "documents": export_documents,
    "persistence": export_persistence,
    "graphs": graphs,
}
