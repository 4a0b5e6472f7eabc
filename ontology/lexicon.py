"""The extractor's lexicon, read from the ontology's SKOS schemes (never from Python literals)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .terms import IKG, notation

TURTLE_FILES = ("inspectkg.ttl", "schemes.ttl", "practice-areas.ttl", "lexicon.ttl", "local-authorities.ttl")
DEFAULT_BASE = "https://w3id.org/inspectkg/id/"


@dataclass(frozen=True)
class Concept:
    """A SKOS concept with the words that signal it."""

    iri: str
    id: str
    label: str
    definition: str
    broader: str | None
    cues: tuple[str, ...]
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Authority:
    """An English local authority of the reference table."""

    iri: str
    urn: str
    name: str
    names: tuple[str, ...]
    gss: str | None
    dfe: str | None
    region: str | None


def turtle(name: str) -> str:
    """The text of one of the ontology's Turtle files."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def ontology_graph(base_iri: str = DEFAULT_BASE) -> Graph:
    """Every Turtle file of ontology/ in one rdflib graph (reference data for the store)."""
    g = Graph()
    for name in TURTLE_FILES:
        g.parse(data=turtle(name), format="turtle", publicID=base_iri)
    return g


def _strings(g: Graph, s: URIRef, p: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal)))


def _one(g: Graph, s: URIRef, p: URIRef) -> str | None:
    value = g.value(s, p)
    return None if value is None else str(value)


@cache
def scheme(name: str) -> tuple[Concept, ...]:
    """The concepts of a scheme (e.g. "PracticeAreas", "Polarities"), in notation order."""
    g = ontology_graph()
    out = []
    for s in g.subjects(SKOS.inScheme, IKG[name]):
        assert isinstance(s, URIRef)
        broader = g.value(s, SKOS.broader)
        out.append(
            Concept(
                iri=str(s),
                id=_one(g, s, SKOS.notation) or notation(str(s)),
                label=_one(g, s, SKOS.prefLabel) or "",
                definition=_one(g, s, SKOS.definition) or "",
                broader=notation(str(broader)) if broader is not None else None,
                cues=_strings(g, s, SKOS.altLabel),
                patterns=_strings(g, s, IKG.cuePattern),
            )
        )
    return tuple(sorted(out, key=lambda c: c.id))


def practice_areas() -> tuple[Concept, ...]:
    """The practice-area scheme (shared/spec/practice-areas.tsv, as SKOS)."""
    return scheme("PracticeAreas")


@cache
def concept_by_id(name: str) -> dict[str, Concept]:
    """A scheme's concepts by notation."""
    return {c.id: c for c in scheme(name)}


@cache
def authorities(base_iri: str = DEFAULT_BASE) -> tuple[Authority, ...]:
    """The English local authorities of the reference table."""
    g = ontology_graph(base_iri)
    out = []
    for s in g.subjects(RDF.type, IKG.LocalAuthority):
        assert isinstance(s, URIRef)
        name = _one(g, s, SKOS.prefLabel) or ""
        out.append(
            Authority(
                iri=str(s),
                urn=_one(g, s, IKG.ofstedURN) or "",
                name=name,
                names=tuple(sorted({name, *_strings(g, s, SKOS.altLabel)})),
                gss=_one(g, s, IKG.gssCode),
                dfe=_one(g, s, IKG.dfeCode),
                region=_one(g, s, IKG.region),
            )
        )
    return tuple(sorted(out, key=lambda a: a.name))


@cache
def lexicon_terms(kind: str) -> tuple[str, ...]:
    """Words of a lexicon entry of lexicon.ttl (e.g. "TeamHead"), as listed by skos:altLabel."""
    g = ontology_graph()
    return _strings(g, IKG[kind], SKOS.altLabel)


@cache
def lexicon_entries() -> tuple[str, ...]:
    """Names of the lexicon entries of lexicon.ttl that have regular expressions (ikg:cuePattern)."""
    g = ontology_graph()
    entries = {s for s in g.subjects(RDF.type, IKG.LexiconEntry) if (s, IKG.cuePattern, None) in g}
    return tuple(sorted(str(s).removeprefix(str(IKG)) for s in entries))


@cache
def lexicon_patterns(kind: str) -> tuple[str, ...]:
    """Regular expressions of a lexicon entry of lexicon.ttl (ikg:cuePattern)."""
    g = ontology_graph()
    return _strings(g, IKG[kind], IKG.cuePattern)


@cache
def pair_counts() -> dict[str, str]:
    """The local name of the ikg:AreaTally count of document pairs for each status, by the status's
    notation (ikg:pairsWithStatus)."""
    g = ontology_graph()
    return {
        notation(str(status)): str(prop).removeprefix(str(IKG))
        for prop, status in g.subject_objects(IKG.pairsWithStatus)
    }
