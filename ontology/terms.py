"""Namespaces and term IRIs of the inspectkg ontology; the only place names are spelled."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

__all__ = [
    "DCTERMS",
    "DEF",
    "FOAF",
    "GEO",
    "IKG",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMES",
    "SH",
    "SHAPES",
    "SKOS",
    "XSD",
    "concept",
    "notation",
    "sparql_prefixes",
]

DEF = "https://w3id.org/inspectkg/def"
IKG = Namespace(DEF + "#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
GEO = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")
#: The SHACL shapes of ontology/shapes.ttl.
SHAPES = Namespace(DEF + "/shapes#")

#: One namespace per concept scheme: <DEF>/<scheme>/<notation>.
SCHEMES = {
    "practice-area": Namespace(DEF + "/practice-area/"),
    "judgement-area": Namespace(DEF + "/judgement-area/"),
    "judgement-key": Namespace(DEF + "/judgement-key/"),
    "grade": Namespace(DEF + "/grade/"),
    "polarity": Namespace(DEF + "/polarity/"),
    "trajectory": Namespace(DEF + "/trajectory/"),
    "document-type": Namespace(DEF + "/document-type/"),
    "kind": Namespace(DEF + "/kind/"),
}

PREFIXES: dict[str, str] = {
    "ikg": str(IKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "prov": str(PROV),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "pa": str(SCHEMES["practice-area"]),
    "ja": str(SCHEMES["judgement-area"]),
    "jk": str(SCHEMES["judgement-key"]),
    "gr": str(SCHEMES["grade"]),
    "pol": str(SCHEMES["polarity"]),
    "tr": str(SCHEMES["trajectory"]),
    "dt": str(SCHEMES["document-type"]),
    "kd": str(SCHEMES["kind"]),
}


def concept(scheme: str, notation: str) -> str:
    """The IRI of a concept of one of SCHEMES by its notation (the id used in exports)."""
    return str(SCHEMES[scheme][notation])


def notation(iri: str) -> str:
    """The notation (last path segment) of a concept IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
