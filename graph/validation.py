"""Validation of the store against ontology/shapes.ttl (pySHACL), plus checks across named graphs.

SHACL runs one named graph at a time, as it is exported (a document's with the Web Annotations of
its findings, graph/annotations.py), each with the reference graph's concepts and the
authorities it names as context: a whole corpus in one rdflib graph would be slow and large, and
every shape but the cross-visit evidence looks inside one document's graph. What crosses graphs
(a link's evidence must be findings of some document; a finding's text must be the slice of its
document's text at its offsets) is checked by SPARQL over the store's union graph.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from inspectkg.ontology import PREFIXES, turtle
from inspectkg.ontology.terms import IKG, RDF, SH

from .annotations import with_annotations
from .store import Store

#: Reference data that is not context for a document: every authority but the ones it names,
#: and the extractor's lexicon. Their shapes run once, on the reference graph itself.
NOT_CONTEXT = (IKG.LocalAuthority, IKG.LexiconEntry)

REFERENCE_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?g ikg:referenceChecksum ?checksum } }"

#: Cross-graph checks: (message, query selecting ?graph ?focus ?value of each violation).
CROSS_GRAPH_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "link evidence is not a finding of any document",
        """SELECT ?graph ?focus ?value WHERE { GRAPH ?graph {
             ?focus ikg:earlierEvidence|ikg:laterEvidence|ikg:continues|ikg:improvesOn|ikg:answers ?value }
           FILTER NOT EXISTS { ?value a ikg:Finding } }""",
    ),
    (
        "linked document is not in the store",
        """SELECT ?graph ?focus ?value WHERE {
             GRAPH ?graph { ?focus ikg:earlierDocument|ikg:laterDocument ?value }
           FILTER NOT EXISTS { ?value a ikg:Document } }""",
    ),
    (
        "answered finding is not a recommendation",
        """SELECT ?graph ?focus ?value WHERE { GRAPH ?graph { ?focus ikg:answers ?value }
           ?value a ikg:Finding FILTER NOT EXISTS { ?value a ikg:Recommendation } }""",
    ),
    (
        "finding text is not the document's text at its offsets",
        """SELECT ?graph ?focus ?value WHERE { GRAPH ?graph {
             ?focus ikg:inDocument ?doc ; ikg:text ?value ; ikg:start ?start ; ikg:end ?end .
             ?doc ikg:extractedText ?all }
           FILTER(SUBSTR(?all, ?start + 1, ?end - ?start) != ?value) }""",
    ),
    (
        "document names no authority of the reference table",
        """SELECT ?graph ?focus ?value WHERE { GRAPH ?graph { ?focus ikg:about ?value }
           FILTER NOT EXISTS { ?value a ikg:LocalAuthority } }""",
    ),
)


@dataclass(frozen=True)
class Violation:
    """One broken constraint: where (graph, node, path), what value, and why."""

    graph: str
    focus: str
    path: str
    value: str
    message: str

    def line(self) -> str:
        where = f"{compact(self.focus)}" + (f" {compact(self.path)}" if self.path else "")
        value = f" (value: {_clip(compact(self.value))})" if self.value else ""
        return f"{compact(self.graph)}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a store: conforms when there is no violation."""

    graphs: int
    triples: int
    seconds: float
    violations: tuple[Violation, ...] = field(default_factory=tuple)

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def text(self) -> str:
        """A readable report: one line per violation, then a summary line."""
        lines = [v.line() for v in self.violations]
        verdict = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines.append(
            f"{verdict}: {self.graphs} named graph(s), {self.triples} triples checked against "
            f"ontology/shapes.ttl in {self.seconds:.1f} s"
        )
        return "\n".join(lines)


def compact(iri: str) -> str:
    """A prefixed name for an IRI of a known namespace, else the IRI itself."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns) and "/" not in iri[len(ns) :]:
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@cache
def shapes_graph() -> Graph:
    """ontology/shapes.ttl, parsed once."""
    return Graph().parse(data=turtle("shapes.ttl"), format="turtle")


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def _triples(store: Store, graph: str) -> list[tuple[Node, Node, Node]]:
    """A named graph as exported: a document's with the Web Annotations of its findings."""
    quads = with_annotations(store, [graph])
    return [(_term(q.subject), _term(q.predicate), _term(q.object)) for q in quads]


@dataclass
class _Context:
    """The reference graph split into what every document needs and the authorities by IRI."""

    shared: list[tuple[Node, Node, Node]]
    authorities: dict[Node, list[tuple[Node, Node, Node]]]

    @classmethod
    def of(cls, triples: list[tuple[Node, Node, Node]]) -> _Context:
        excluded = {s for s, p, o in triples if p == RDF.type and o in NOT_CONTEXT}
        authorities = {s for s, p, o in triples if p == RDF.type and o == IKG.LocalAuthority}
        by_la: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
        shared = []
        for t in triples:
            if t[0] in authorities:
                by_la[t[0]].append(t)
            elif t[0] not in excluded:
                shared.append(t)
        return cls(shared, dict(by_la))

    def graph_for(self, triples: list[tuple[Node, Node, Node]]) -> Graph:
        g = Graph()
        for t in self.shared:
            g.add(t)
        named = {o for _, _, o in triples if o in self.authorities}
        for la in named:
            for t in self.authorities[la]:
                g.add(t)
        for t in triples:
            g.add(t)
        return g


def shacl_violations(data: Graph, graph: str) -> list[Violation]:
    """Violations of the shapes by an rdflib graph (validated in place, no inference)."""
    conforms, results, _ = validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=False, inplace=True, allow_warnings=True
    )
    if conforms:
        return []
    assert isinstance(results, Graph)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        # A sh:node or sh:or result carries its causes as sh:detail: report the causes, which say more.
        if results.value(r, SH.resultSeverity) != SH.Violation or results.value(r, SH.detail) is not None:
            continue
        out.append(
            Violation(
                graph=graph,
                focus=_str(results.value(r, SH.focusNode)),
                path=_str(results.value(r, SH.resultPath)),
                value=_str(results.value(r, SH.value)),
                message=_str(results.value(r, SH.resultMessage))
                or "violates " + _str(results.value(r, SH.sourceShape)),
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message, v.value))


def _str(node: Node | None) -> str:
    if node is None or isinstance(node, BNode):
        return ""
    return str(node)


def cross_graph_violations(store: Store) -> list[Violation]:
    """Violations of the checks that span named graphs (CROSS_GRAPH_CHECKS)."""
    out = []
    for message, query in CROSS_GRAPH_CHECKS:
        for row in store.select(query):
            out.append(Violation(str(row["graph"]), str(row["focus"]), "", str(row["value"] or ""), message))
    return out


def validate_store(store: Store, graphs: Iterable[str] | None = None) -> ValidationReport:
    """Validate every named graph of the store and the links between them; given `graphs`, only
    those graphs, without the checks across graphs."""
    started = time.perf_counter()
    references = [r["g"] for r in store.select(REFERENCE_GRAPHS)]
    reference_triples = [t for g in references for t in _triples(store, g)]
    context = _Context.of(reference_triples)
    names = sorted(store.named_graphs()) if graphs is None else list(graphs)
    violations: list[Violation] = []
    triples = 0
    for name in names:
        if name in references:
            data = Graph()
            for t in reference_triples:
                data.add(t)
        else:
            data = context.graph_for(_triples(store, name))
        triples += len(data)
        violations += shacl_violations(data, name)
    if graphs is None:
        violations += cross_graph_violations(store)
    return ValidationReport(len(names), triples, time.perf_counter() - started, tuple(violations))
