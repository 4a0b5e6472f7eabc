"""The ontology's Turtle: loads in rdflib and Oxigraph, declares every ikg term that code and data use."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from inspectkg.graph import Store
from inspectkg.ontology import IKG, ontology_graph, scheme, turtle
from inspectkg.ontology.lexicon import TURTLE_FILES
from inspectkg.ontology.terms import PREFIXES, SH, SHAPES

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
CODE_DIRS = ("inspectkg", "ontology", "ingest", "graph", "api", "viz", "tools")
IKG_USE = re.compile(
    r"ikg:([A-Za-z_][A-Za-z0-9_]*)|IKG\.([A-Za-z_][A-Za-z0-9_]*)|IKG\[\"([A-Za-z_][A-Za-z0-9_]*)\"\]"
    r"|_ikg\(\"([A-Za-z_][A-Za-z0-9_]*)\"\)|inspectkg/def#([A-Za-z_][A-Za-z0-9_]*)"
    r"|(?:lexicon_terms|lexicon_patterns|scheme|concept_by_id)\(\"([A-Za-z_][A-Za-z0-9_]*)\"\)"
)
#: Namespaces whose terms are declared by their W3C (or DCMI, FOAF) specifications.
STANDARD = tuple(
    PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd", "skos", "org", "prov", "oa", "dcterms", "foaf")
)


def declared() -> set[str]:
    """Local names of every ikg: term that the ontology's Turtle files describe."""
    g = ontology_graph()
    return {
        str(s)[len(str(IKG)) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(IKG))
    }


def used_in_code() -> dict[str, set[str]]:
    """ikg local names used in the project's source, by file."""
    out: dict[str, set[str]] = {}
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in {".py", ".rq", ".ttl", ".html", ".js"} or not path.is_file():
                continue
            names = {
                next(g for g in m.groups() if g) for m in IKG_USE.finditer(path.read_text(encoding="utf-8"))
            }
            if names:
                out[str(path.relative_to(ROOT))] = names
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in ONTOLOGY.glob("*.ttl")))
def test_turtle_loads_in_rdflib_and_oxigraph(name: str) -> None:
    text = (ONTOLOGY / name).read_text(encoding="utf-8")
    in_rdflib = Graph().parse(data=text, format="turtle", publicID="https://example.org/base/")
    in_oxigraph = ox.parse(
        text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri="https://example.org/base/"
    )
    # A set: Oxigraph's parser yields a triple written twice twice, rdflib's graph keeps it once.
    assert len(in_rdflib) == len({str(q) for q in in_oxigraph})


def test_every_turtle_file_but_the_shapes_is_reference_data() -> None:
    assert sorted(TURTLE_FILES) == sorted(p.name for p in ONTOLOGY.glob("*.ttl") if p.name != "shapes.ttl")


def test_code_uses_no_undeclared_ikg_term() -> None:
    known = declared()
    undeclared = {f: sorted(n - known) for f, n in used_in_code().items() if n - known}
    assert undeclared == {}


def test_sample_store_uses_no_undeclared_ikg_term(sample_store: Store) -> None:
    rows = sample_store.select(
        "SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } UNION { ?s ?p ?term } "
        f'FILTER(isIRI(?term) && STRSTARTS(STR(?term), "{IKG}")) }}'
    )
    used = {r["term"][len(str(IKG)) :] for r in rows}
    assert "Finding" in used
    assert sorted(used - declared()) == []


def test_sample_store_types_are_declared_classes(sample_store: Store) -> None:
    rows = sample_store.select("SELECT DISTINCT ?type WHERE { ?s a ?type }")
    g = ontology_graph()
    ours = {r["type"] for r in rows if not r["type"].startswith(STANDARD)}
    assert sorted(t for t in ours if (URIRef(t), RDF.type, OWL.Class) not in g) == []


def test_every_ikg_property_has_a_domain_and_a_range() -> None:
    g = ontology_graph()
    props = {s for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in g.subjects(RDF.type, t)}
    assert len(props) > 40
    missing = sorted(
        str(p) for p in props if g.value(p, RDFS.domain) is None or g.value(p, RDFS.range) is None
    )
    assert missing == []


def test_every_ikg_class_is_labelled_and_rooted_in_a_standard_or_declared_class() -> None:
    g = ontology_graph()
    classes = set(g.subjects(RDF.type, OWL.Class))
    for c in classes:
        assert g.value(c, RDFS.label) is not None, c
        for parent in g.objects(c, RDFS.subClassOf):
            assert parent in classes or str(parent).startswith(STANDARD), (c, parent)


def test_property_domains_and_ranges_are_declared_or_standard() -> None:
    g = ontology_graph()
    classes = set(g.subjects(RDF.type, OWL.Class))

    def members(node: URIRef | BNode) -> list[URIRef]:
        union = g.value(node, OWL.unionOf)
        return list(Collection(g, union)) if union is not None else [node]  # type: ignore[list-item]

    for p in set(g.subjects(RDFS.domain, None)) | set(g.subjects(RDFS.range, None)):
        for bound in list(g.objects(p, RDFS.domain)) + list(g.objects(p, RDFS.range)):
            for c in members(bound):
                assert c in classes or str(c).startswith(STANDARD), (p, c)


def test_grade_scale_is_ordered() -> None:
    ranks = {c.id: int(ontology_graph().value(URIRef(c.iri), IKG.rank)) for c in scheme("Grades")}
    assert sorted(ranks, key=ranks.__getitem__, reverse=True) == [
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
    ]


def shapes() -> Graph:
    return Graph().parse(data=turtle("shapes.ttl"), format="turtle")


def test_shapes_target_every_class_of_the_ontology() -> None:
    g, sg = ontology_graph(), shapes()
    targeted = set(sg.objects(None, SH.targetClass))
    assert sorted(str(c) for c in set(g.subjects(RDF.type, OWL.Class)) - targeted) == []


@pytest.mark.parametrize(
    ("path", "scheme_name"),
    [
        (IKG.kind, "Kinds"),
        (IKG.polarity, "Polarities"),
        (IKG.trajectory, "Trajectories"),
        (IKG.documentType, "DocumentTypes"),
        (IKG.judgementKey, "JudgementKeys"),
        (IKG.grade, "Grades"),
        (IKG.judgementArea, "JudgementAreas"),
    ],
)
def test_allowed_values_of_shapes_are_the_scheme(path: URIRef, scheme_name: str) -> None:
    sg = shapes()
    lists = [
        Collection(sg, sg.value(ps, SH["in"])) for ps in sg.subjects(SH.path, path) if sg.value(ps, SH["in"])
    ]
    assert lists, path
    expected = {c.iri for c in scheme(scheme_name)}
    # One list allows the whole scheme; others (a letter's document types) allow part of it.
    assert max(({str(v) for v in values} for values in lists), key=len) == expected
    assert all({str(v) for v in values} <= expected for values in lists)


def test_shapes_are_in_their_own_namespace() -> None:
    sg = shapes()
    names = {s for s in sg.subjects(RDF.type, SH.NodeShape)}
    assert all(str(s).startswith(str(SHAPES)) for s in names)
    assert SHAPES.FindingShape in names


def test_concepts_have_notation_and_label() -> None:
    g = ontology_graph()
    for c in g.subjects(RDF.type, SKOS.Concept):
        assert g.value(c, SKOS.notation) is not None and g.value(c, SKOS.prefLabel) is not None, c
