"""Web Annotations built on export (graph/annotations.py) from the findings of real documents."""

from __future__ import annotations

from collections import Counter, defaultdict

import pyoxigraph as ox

from inspectkg.graph import Iris, Store
from inspectkg.graph.annotations import annotations_of, with_annotations
from inspectkg.ontology import IKG, OA
from inspectkg.ontology.terms import RDF, XSD

TYPE = ox.NamedNode(str(RDF.type))


def _n(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def documents(store: Store) -> list[str]:
    return sorted(r["d"] for r in store.select("SELECT ?d WHERE { ?d a ikg:Document }"))


def test_the_store_holds_no_annotation_only_what_they_are_built_from(sample_store: Store) -> None:
    quads = list(sample_store.raw.quads_for_pattern(None, None, None))
    oa = str(OA)
    assert [q for q in quads if q.predicate.value.startswith(oa) or q.object.value.startswith(oa)] == []
    findings = {q.subject for q in quads if q.predicate == TYPE and q.object == _n(IKG.Finding)}
    assert len(findings) > 100
    # Each finding is anchored by its own text and offsets and its document's text.
    for prop in (IKG.inDocument, IKG.text, IKG.start, IKG.end):
        assert {q.subject for q in quads if q.predicate == _n(prop)} >= findings


def test_every_finding_of_a_document_gets_one_annotation_anchored_in_its_text(sample_store: Store) -> None:
    docs = documents(sample_store)
    assert len(docs) >= 2
    for doc in docs:
        graph = defaultdict(list)
        for q in with_annotations(sample_store, [doc]):
            assert q.graph_name == ox.NamedNode(doc)
            graph[(q.subject, q.predicate)].append(q.object)
        (text,) = graph[(ox.NamedNode(doc), _n(IKG.extractedText))]
        findings = [s for (s, p), objects in graph.items() if p == TYPE and _n(IKG.Finding) in objects]
        annotations = [s for (s, p), objects in graph.items() if p == TYPE and _n(OA.Annotation) in objects]
        assert len(findings) == len(annotations) > 10
        bodies = Counter(o for a in annotations for o in graph[(a, _n(OA.hasBody))])
        assert set(bodies) == set(findings) and set(bodies.values()) == {1}
        for annotation in annotations:
            (finding,) = graph[(annotation, _n(OA.hasBody))]
            (start,) = (int(o.value) for o in graph[(finding, _n(IKG.start))])
            (end,) = (int(o.value) for o in graph[(finding, _n(IKG.end))])
            (target,) = graph[(annotation, _n(OA.hasTarget))]
            assert graph[(target, _n(OA.hasSource))] == [ox.NamedNode(doc)]
            selectors = {graph[(s, TYPE)][0]: s for s in graph[(target, _n(OA.hasSelector))]}
            quote, position = selectors[_n(OA.TextQuoteSelector)], selectors[_n(OA.TextPositionSelector)]
            assert [o.value for o in graph[(quote, _n(OA.exact))]] == [text.value[start:end]]
            before = text.value[max(0, start - 32) : start]
            assert [o.value for o in graph[(quote, _n(OA.prefix))]] == [before]
            assert [o.value for o in graph[(quote, _n(OA.suffix))]] == [text.value[end : end + 32]]
            assert [int(o.value) for o in graph[(position, _n(OA.start))]] == [start]
            assert [int(o.value) for o in graph[(position, _n(OA.end))]] == [end]
            assert annotation.value == Iris.provenance(finding.value, "annotation")


def test_a_graph_that_is_not_a_document_gets_none(sample_store: Store) -> None:
    links = sorted(g for g in sample_store.named_graphs() if Iris.is_links_graph(g))
    assert links
    assert annotations_of(sample_store, links[0]) == []
    stored = list(sample_store.raw.quads_for_pattern(None, None, None, ox.NamedNode(links[0])))
    assert sorted(map(str, with_annotations(sample_store, links[:1]))) == sorted(map(str, stored))


def test_a_store_ingested_when_annotations_were_stored_exports_each_quad_once(sample_store: Store) -> None:
    doc = documents(sample_store)[0]
    exported = with_annotations(sample_store, [doc])
    # Ingest wrote the annotations as N-Quads text, the selector offsets as xsd:nonNegativeInteger.
    integer, count = f"^^<{XSD.integer}>", f"^^<{XSD.nonNegativeInteger}>"
    old = "".join(
        f"{q} .\n".replace(integer, count) if q.predicate in {_n(OA.start), _n(OA.end)} else f"{q} .\n"
        for q in exported
    )
    assert count in old
    store = Store(None)
    store.load_nquads(old.encode("utf-8"))
    again = with_annotations(store, [doc])
    assert len(again) == len(exported) == len(set(exported))
    assert set(again) == set(exported)
