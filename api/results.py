"""Query results as bytes: content negotiation (SPARQL 1.1 Protocol §2.1.6) and the row cap.

SELECT and ASK answer in SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle
(default), N-Triples, JSON-LD or RDF/XML. A `format` parameter (as SPARQLWrapper and many endpoints
send) overrides the Accept header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from inspectkg.errors import RowCapExceeded

TABLE_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/xml": ox.RdfFormat.RDF_XML,
}
TABLE_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_NAMES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}


@dataclass(frozen=True)
class Answer:
    """A serialised result: its bytes and media type."""

    body: bytes
    media_type: str


def accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, zero dropped)."""
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def choose(accept: str | None, formats: list[str], types: dict[str, Any], names: dict[str, str]) -> str:
    """The media type to answer in: a `format` parameter, else the Accept header, else the default.

    A `format` value is a short name (json, xml, turtle...) or a list of media types, as
    SPARQLWrapper sends both.
    """
    default = next(iter(types))
    for fmt in formats:
        if fmt.lower() in names:
            return names[fmt.lower()]
        media = next((m for m in accepted(fmt) if m in types), None)
        if media:
            return media
    for media in accepted(accept):
        if media in types:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = next((t for t in types if t.startswith(media[:-1])), None)
            if family:
                return family
    return default


def term_json(term: Any) -> dict[str, Any]:
    """An RDF term in the SPARQL 1.1 Query Results JSON Format (§3.2.2)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        },
    }


def serialize(result: Any, accept: str | None, formats: list[str], row_cap: int) -> Answer:
    """The result of Store.query as bytes in the negotiated format; over `row_cap` rows is an error."""
    if isinstance(result, ox.QueryBoolean):
        media = choose(accept, formats, TABLE_TYPES, TABLE_NAMES)
        if TABLE_TYPES[media] == ox.QueryResultsFormat.JSON:
            return Answer(json.dumps({"head": {}, "boolean": bool(result)}).encode(), media)
        return Answer(bytes(result.serialize(format=TABLE_TYPES[media]) or b""), media)
    if isinstance(result, ox.QuerySolutions):
        media = choose(accept, formats, TABLE_TYPES, TABLE_NAMES)
        names = [v.value for v in result.variables]
        rows: list[dict[str, Any]] = []
        for solution in result:
            if len(rows) == row_cap:
                raise RowCapExceeded(
                    f"the result has more than {row_cap} rows (the row cap); add a LIMIT "
                    "or page with LIMIT and OFFSET"
                )
            rows.append({n: term_json(solution[n]) for n in names if solution[n] is not None})
        body = json.dumps(
            {"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False
        ).encode()
        if TABLE_TYPES[media] != ox.QueryResultsFormat.JSON:
            # One writer for the bindings; Oxigraph's own serialisers give the other syntaxes.
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = bytes(parsed.serialize(format=TABLE_TYPES[media]) or b"")
        return Answer(body, media)
    media = choose(accept, formats, GRAPH_TYPES, GRAPH_NAMES)
    triples: list[Any] = []
    for triple in result:
        if len(triples) == row_cap:
            raise RowCapExceeded(f"the result has more than {row_cap} triples (the row cap); add a LIMIT")
        triples.append(triple)
    return Answer(bytes(ox.serialize(triples, format=GRAPH_TYPES[media]) or b""), media)
