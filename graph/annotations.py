"""Web Annotations of findings: what anchors each sentence in its document's text, built on export.

Each finding is a W3C Web Annotation's body (motivation oa:classifying); its target is the document
(oa:SpecificResource, oa:hasSource) with two selectors: the exact sentence with the text on each
side (oa:TextQuoteSelector) and its character offsets (oa:TextPositionSelector). Everything in them
is in the store once already: the finding's text and offsets, and its document's text. So the
store does not hold them (they were 15 of a finding's 31 quads: 43 % of the store and ~30 % of an
ingest's time, benchmarks/README.md); the named queries `web-annotations` and `document-text` read
what they are built from, and a document graph is exported and validated with them
(`with_annotations`). SPARQL over the store reads the findings' own properties (ikg:text,
ikg:start, ikg:end, ikg:inDocument).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from inspectkg.ontology import OA
from inspectkg.ontology.terms import RDF, XSD

from .iri import Iris
from .queries import run_named_query
from .store import Store

PARTS = ("annotation", "target", "quote", "position")
#: Characters of the document's text on each side of the sentence (oa:prefix, oa:suffix).
CONTEXT_CHARS = 32
_TYPE = ox.NamedNode(str(RDF.type))
# xsd:integer, as the finding's offsets (and as Oxigraph gave back the nonNegativeInteger of the Web
# Annotation vocabulary when the annotations were stored).
_COUNT = ox.NamedNode(str(XSD.integer))


def _oa(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(OA[name]))


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after the sentence at [start, end) of a document's text (oa:prefix, oa:suffix)."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def annotation_triples(row: dict[str, Any], text: str) -> list[ox.Triple]:
    """The Web Annotation of one finding: a row of the `web-annotations` query, its document's text."""
    finding = ox.NamedNode(row["finding"])
    prefix, suffix = context(text, row["start"], row["end"])
    annotation, target, quote, position = (ox.NamedNode(Iris.provenance(row["finding"], p)) for p in PARTS)
    return [
        ox.Triple(annotation, _TYPE, _oa("Annotation")),
        ox.Triple(annotation, _oa("hasBody"), finding),
        ox.Triple(annotation, _oa("hasTarget"), target),
        ox.Triple(annotation, _oa("motivatedBy"), _oa("classifying")),
        ox.Triple(target, _TYPE, _oa("SpecificResource")),
        ox.Triple(target, _oa("hasSource"), ox.NamedNode(row["document"])),
        ox.Triple(target, _oa("hasSelector"), quote),
        ox.Triple(target, _oa("hasSelector"), position),
        ox.Triple(quote, _TYPE, _oa("TextQuoteSelector")),
        ox.Triple(quote, _oa("exact"), ox.Literal(row["exact"])),
        ox.Triple(quote, _oa("prefix"), ox.Literal(prefix)),
        ox.Triple(quote, _oa("suffix"), ox.Literal(suffix)),
        ox.Triple(position, _TYPE, _oa("TextPositionSelector")),
        ox.Triple(position, _oa("start"), ox.Literal(str(row["start"]), datatype=_COUNT)),
        ox.Triple(position, _oa("end"), ox.Literal(str(row["end"]), datatype=_COUNT)),
    ]


def annotations_of(store: Store, document: str) -> list[ox.Triple]:
    """The Web Annotations of a document's findings (none for a graph that is not a document's)."""
    rows = run_named_query(store, "web-annotations", {"document": document})
    if not rows:
        return []
    # The text is read once: sliced by SUBSTR in the query, it was read again for every finding (0.2 s
    # for 800 findings of a 100 kB report).
    text = document_text(store, document)
    return [triple for row in rows for triple in annotation_triples(row, text)]


def document_text(store: Store, document: str) -> str:
    """The text a document's findings count their offsets into ("" when it has none)."""
    rows = run_named_query(store, "document-text", {"document": document})
    return str(rows[0]["text"]) if rows else ""


def with_annotations(store: Store, graphs: Sequence[str]) -> list[ox.Quad]:
    """The quads of named graphs as the store holds them, each document's graph with the Web
    Annotations of its findings (a store ingested before they were derived holds them already:
    each quad is given once)."""
    quads: dict[ox.Quad, None] = {}
    for graph in graphs:
        name = ox.NamedNode(graph)
        quads.update(dict.fromkeys(store.raw.quads_for_pattern(None, None, None, name)))
        quads.update(dict.fromkeys(_in_graph(annotations_of(store, graph), name)))
    return list(quads)


def _in_graph(triples: Iterable[ox.Triple], graph: ox.NamedNode) -> Iterable[ox.Quad]:
    return (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
