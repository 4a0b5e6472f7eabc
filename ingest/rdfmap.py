"""RDF mapping: the triples of one document's named graph (document, activity, judgements, findings).

A finding's Web Annotation (its anchor in the document's text) is not stored: it is built from the
finding's text and offsets and the document's text when a graph is exported (graph/annotations.py).

The triples are written as N-Triples statements directly, the text pyoxigraph itself would print
for them (tests/ingest/test_rdfmap.py checks it term by term): building a pyoxigraph term per
triple and printing it took half of the mapping time. Every IRI that does not extend one already
checked (the document's, a team's, an inspector's) is checked by pyoxigraph once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pyoxigraph as ox

from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import EVALUATIVE, DocumentFindings
from inspectkg.graph.linking import Sentence as LinkedSentence
from inspectkg.ontology import IKG, ORG, concept, lexicon_terms
from inspectkg.ontology.terms import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from .classify import Classification
from .metadata import DocumentMetadata
from .readers import RawDocument
from .structure import Sentence

RDF_TYPE = f"<{RDF.type}>"
RDFS_LABEL = f"<{RDFS.label}>"
FOAF_NAME = f"<{FOAF.name}>"

DOC_CLASS = {
    "inspection": "Report",
    "monitoring_visit": "Letter",
    "focused_visit": "Letter",
    "news_summary": "NewsSummary",
    "other": "Document",
}
ACTIVITY_CLASS = {
    "inspection": "Inspection",
    "monitoring_visit": "MonitoringVisit",
    "focused_visit": "FocusedVisit",
    "news_summary": "Inspection",
}


@lru_cache(maxsize=4096)
def _n(iri: str) -> str:
    """An IRI in N-Triples, checked by pyoxigraph (ValueError when it is not an IRI)."""
    return str(ox.NamedNode(iri))


# Cached: an rdflib Namespace builds and checks a URIRef on every lookup (a third of the mapping time).
@cache
def _term(namespace: str, name: str) -> str:
    return _n(namespace + name)


@cache
def _ikg(name: str) -> str:
    return _term(str(IKG), name)


@cache
def _concept(scheme: str, notation: str) -> str:
    return _n(concept(scheme, notation))


@cache
def _datatype(name: str) -> str:
    return _term(str(XSD), name)


# N-Triples string escapes as pyoxigraph prints them: ECHARs, other controls as \uXXXX.
_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]} | {
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}


_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def _lit(value: str | int, datatype: str | None = None) -> str:
    if isinstance(value, int):
        return f'"{value}"^^{_datatype(datatype or "integer")}'
    # Most text has nothing to escape: testing for it is cheaper than translating every character.
    quoted = f'"{value.translate(_ESCAPES)}"' if _NEEDS_ESCAPE.search(value) else f'"{value}"'
    return f"{quoted}^^{_datatype(datatype)}" if datatype else quoted


@dataclass(frozen=True)
class MappedDocument:
    """A document's IRI, its named graph's triples (N-Triples statements without the final " ."),
    its authority's URN and what linking needs of it."""

    iri: str
    urn: str
    triples: list[str]
    findings: DocumentFindings


def document_key(meta: DocumentMetadata, raw: RawDocument) -> str:
    """The stable part of a document's IRI: its visit or publication date, else its checksum."""
    when = meta.inspection_start or meta.published
    return when.isoformat() if when else "sha-" + raw.sha256[:16]


def map_document(
    raw: RawDocument,
    meta: DocumentMetadata,
    sentences: list[tuple[Sentence, Classification]],
    iris: Iris,
) -> MappedDocument:
    """All triples of one document's named graph."""
    urn = meta.authority.urn
    key = document_key(meta, raw)
    doc = iris.document(urn, meta.document_type, key)
    act = iris.activity(urn, meta.document_type, key)
    la = _n(iris.authority(urn))
    d, a = _n(doc), _n(act)
    t: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        t.append(f"{s} {p} {o}")

    add(d, RDF_TYPE, _ikg(DOC_CLASS.get(meta.document_type, "Document")))
    add(d, RDF_TYPE, _ikg("Document"))
    add(d, RDF_TYPE, _term(str(PROV), "Entity"))
    add(d, _ikg("documentType"), _concept("document-type", meta.document_type))
    add(d, _ikg("about"), la)
    add(d, _ikg("fileName"), _lit(raw.path.name))
    add(d, _term(str(DCTERMS), "source"), _lit(raw.path.name))
    title = meta.title or f"{meta.authority.name}: {meta.document_type.replace('_', ' ')}"
    add(d, _term(str(DCTERMS), "title"), _lit(title))
    add(d, _ikg("sha256"), _lit(raw.sha256))
    add(d, _ikg("extractedText"), _lit(raw.text))
    add(d, _ikg("pageCount"), _lit(len(raw.page_starts)))
    add(d, _ikg("pageBreak"), _lit(" ".join(str(s) for s in raw.page_starts[1:])))
    if meta.published:
        add(d, _term(str(DCTERMS), "date"), _lit(meta.published.isoformat(), "date"))
    if meta.earlier_inspection:
        add(d, _ikg("earlierInspectionDate"), _lit(meta.earlier_inspection))
    if meta.earlier_grade:
        add(d, _ikg("earlierInspectionGrade"), _concept("grade", meta.earlier_grade))
    if meta.document_type != "other":
        add(d, _term(str(PROV), "wasGeneratedBy"), a)
        add(a, RDF_TYPE, _ikg(ACTIVITY_CLASS.get(meta.document_type, "InspectionActivity")))
        add(a, RDF_TYPE, _ikg("InspectionActivity"))
        add(a, RDF_TYPE, _term(str(PROV), "Activity"))
        add(a, _ikg("inspected"), la)
        if meta.inspection_start:
            add(a, _ikg("startDate"), _lit(meta.inspection_start.isoformat(), "date"))
        if meta.inspection_end:
            add(a, _ikg("endDate"), _lit(meta.inspection_end.isoformat(), "date"))
        if meta.framework:
            add(a, _ikg("framework"), _lit(meta.framework))
        if meta.visit_ordinal:
            add(a, _ikg("visitOrdinal"), _lit(meta.visit_ordinal))
        names = list(dict.fromkeys(([meta.lead_inspector] if meta.lead_inspector else []) + meta.inspectors))
        for name in names:
            person = _n(iris.inspector(name))
            add(person, RDF_TYPE, _ikg("Inspector"))
            # The W3C superclasses are asserted too, so queries need no RDFS inference.
            add(person, RDF_TYPE, _term(str(PROV), "Agent"))
            add(person, FOAF_NAME, _lit(name))
            add(a, _term(str(PROV), "wasAssociatedWith"), person)
        if meta.lead_inspector:
            add(a, _ikg("leadInspector"), _n(iris.inspector(meta.lead_inspector)))
    for jkey, grade in sorted(meta.judgements.items()):
        j = _n(iris.judgement(doc, jkey))
        add(d, _ikg("hasJudgement"), j)
        add(j, RDF_TYPE, _ikg("Judgement"))
        add(j, _ikg("judgementKey"), _concept("judgement-key", jkey))
        add(j, _ikg("grade"), _concept("grade", grade))
    posts = {p.lower() for p in lexicon_terms("Post")}
    for sentence, c in sentences:
        _map_sentence(t, raw, doc, urn, sentence, c, iris, posts)
    # A team named in several sentences is described once (the store would keep one copy anyway).
    return MappedDocument(doc, urn, list(dict.fromkeys(t)), _findings(raw, meta, doc, sentences, iris))


def _findings(
    raw: RawDocument,
    meta: DocumentMetadata,
    doc: str,
    sentences: list[tuple[Sentence, Classification]],
    iris: Iris,
) -> DocumentFindings:
    """The document as linking reads it from the mapped triples (graph/linking.py DOCS_OF, FINDINGS_OF)."""
    started = meta.inspection_start if meta.document_type != "other" else None
    when = started or meta.published
    return DocumentFindings(
        doc,
        meta.authority.urn,
        raw.path.name,
        meta.document_type,
        when.isoformat() if when else None,
        tuple(
            LinkedSentence(
                iris.finding(doc, s.start, s.end), c.kind, c.polarity, c.practice_areas, c.trajectory
            )
            for s, c in sentences
            if c.kind in EVALUATIVE and c.practice_areas
        ),
    )


def _map_sentence(
    t: list[str],
    raw: RawDocument,
    doc: str,
    urn: str,
    s: Sentence,
    c: Classification,
    iris: Iris,
    posts: set[str],
) -> None:

    def add(s: str, p: str, o: str) -> None:
        t.append(f"{s} {p} {o}")

    # The finding's IRIs extend the document's, checked by `map_document`.
    f_iri = iris.finding(doc, s.start, s.end)
    f, d = f"<{f_iri}>", _n(doc)
    add(f, RDF_TYPE, _ikg("Finding"))
    if c.kind == "recommendation":
        add(f, RDF_TYPE, _ikg("Recommendation"))
    add(f, _ikg("inDocument"), d)
    text = _lit(s.text)
    add(f, _ikg("text"), text)
    add(f, _ikg("start"), _lit(s.start))
    add(f, _ikg("end"), _lit(s.end))
    add(f, _ikg("order"), _lit(s.order))
    add(f, _ikg("page"), _lit(raw.page_at(s.start)))
    if s.section:
        add(f, _ikg("section"), _lit(s.section))
    if s.paragraph is not None:
        add(f, _ikg("paragraph"), _lit(s.paragraph))
    add(f, _ikg("kind"), _concept("kind", c.kind))
    add(f, _ikg("polarity"), _concept("polarity", c.polarity))
    for area in c.practice_areas:
        add(f, _ikg("practiceArea"), _concept("practice-area", area))
    if c.judgement_area:
        add(f, _ikg("judgementArea"), _concept("judgement-area", c.judgement_area))
    if c.trajectory:
        add(f, _ikg("trajectory"), _concept("trajectory", c.trajectory))
    for cue in c.cues:
        add(f, _ikg("cue"), _lit(cue))
    for name in c.teams:
        team = _n(iris.team(urn, name))
        add(f, _ikg("mentions"), team)
        is_post = name.lower() in posts
        add(team, RDF_TYPE, _ikg("Role" if is_post else "Team"))
        add(team, RDF_TYPE, _term(str(ORG), "Post" if is_post else "OrganizationalUnit"))
        add(team, RDFS_LABEL, _lit(name))
        add(team, _term(str(ORG), "postIn" if is_post else "unitOf"), _n(iris.authority(urn)))
