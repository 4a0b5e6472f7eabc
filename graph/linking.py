"""Cross-visit linking: how each practice area's concerns moved between an authority's documents.

For each pair (inspection -> each later visit before the next inspection, inspection -> next
inspection) every practice area is persisting, improved, new or not covered (design.md):
  earlier concerns = concern or mixed findings, recommendations and judgements of the earlier document;
  a monitoring or focused visit covers only the areas its own findings speak to, an inspection all;
  persisting = earlier and later concern, unless the later document's own cues of improvement
  ("improved", "maintained" on its strengths) outweigh its concerns in the area, where a concern
  the later document itself calls persisting ("still", "continue to") weighs double;
  improved = earlier concern, later strength and no persisting concern; a strength the later
  document calls new (a newly introduced panel or tool) says nothing yet about the earlier concern;
  new = later concern with no earlier one; not covered = earlier concern the visit did not look at.
The result is stored in one derived named graph per authority, so reads are lookups; later findings
also point to the earlier findings they continue or improve on and the recommendations they answer.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import Any

import pyoxigraph as ox

from inspectkg.ontology import IKG, authorities, concept, pair_counts
from inspectkg.ontology.terms import RDF

from .iri import Iris
from .reference import ensure_reference
from .store import Store

CONCERNS = {"concern", "mixed"}
STRENGTHS = {"strength", "mixed"}
EVALUATIVE = {"finding", "recommendation", "judgement"}
# Trajectory cues by which a later sentence says an earlier weakness was addressed or a strength kept.
IMPROVING = {"improved", "maintained"}
PERSISTING = "persisting"
NEW = "new"
VISITS = {"monitoring_visit", "focused_visit"}
STATUSES = ("persisting", "improved", "new", "not_covered")
# The version of what linking derives: a store linked under another one is linked again when next
# opened (`ensure_current`). 2: tallies, and an answer in every links graph.
DERIVED_VERSION = "2"
RELINK_CHUNK = 20
RDF_TYPE = ox.NamedNode(str(RDF.type))

DOCS_OF = """
SELECT ?doc ?file ?type ?date WHERE {
  ?doc ikg:about ?la ; ikg:fileName ?file ; ikg:documentType/skos:notation ?type .
  OPTIONAL { ?doc prov:wasGeneratedBy/ikg:startDate ?start } OPTIONAL { ?doc dcterms:date ?pub }
  BIND(COALESCE(?start, ?pub) AS ?date)
} ORDER BY ?date ?file
"""

# The trajectory is read by a one-pattern OPTIONAL and named through a key that is never unbound
# (rdf:nil has no notation): an OPTIONAL holding a property path was evaluated over every finding of
# the store, so linking one authority slowed as the store grew (0.25 s per authority at 130 documents).
FINDINGS_OF = """
SELECT ?doc ?finding ?kind ?polarity ?area ?trajectory WHERE {
  ?doc ikg:about ?la .
  ?finding ikg:inDocument ?doc ; ikg:kind ?kind_iri ; ikg:polarity ?polarity_iri ;
           ikg:practiceArea ?area_iri .
  ?kind_iri skos:notation ?kind .
  ?polarity_iri skos:notation ?polarity .
  ?area_iri skos:notation ?area .
  OPTIONAL { ?finding ikg:trajectory ?trajectory_iri }
  BIND(COALESCE(?trajectory_iri, rdf:nil) AS ?trajectory_key)
  OPTIONAL { ?trajectory_key skos:notation ?trajectory }
}
"""

AUTHORITIES = "SELECT DISTINCT ?urn WHERE { ?d ikg:about ?la . ?la ikg:ofstedURN ?urn }"


@dataclass(frozen=True)
class Sentence:
    """The classification of one kept sentence that linking needs."""

    iri: str
    kind: str
    polarity: str
    areas: tuple[str, ...]
    trajectory: str | None = None


@dataclass(frozen=True)
class DocumentFindings:
    """What linking needs of one document, as ingest holds it before it is read back from the
    store: its IRI, its authority's URN, file name, type (notation), date (ISO, the visit's start
    or else the publication date, as DOCS_OF reads it) and its evaluative sentences."""

    doc: str
    urn: str
    file: str
    type: str
    date: str | None
    sentences: tuple[Sentence, ...]


@dataclass
class AreaEvidence:
    """One document's evaluative sentences in one practice area."""

    concerns: list[str] = field(default_factory=list)
    persisting: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    improving: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AreaLink:
    """One practice area's status between two documents, with its evidence."""

    area: str
    status: str
    earlier: tuple[str, ...]
    later: tuple[str, ...]
    recommendations: tuple[str, ...] = ()


def document_pairs(docs: list[dict[str, str]]) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(earlier, later) pairs: each inspection with each later visit before the next inspection,
    and with the next inspection. `docs` carry "type" and "date" (ISO), in any order."""
    dated = sorted(
        (d for d in docs if d.get("date") and d["type"] in VISITS | {"inspection"}),
        key=lambda d: (d["date"], d.get("file", "")),
    )
    pairs = []
    for i, doc in enumerate(dated):
        if doc["type"] != "inspection":
            continue
        for later in dated[i + 1 :]:
            if later["date"] <= doc["date"]:
                continue
            pairs.append((doc, later))
            if later["type"] == "inspection":
                break
    return pairs


def area_evidence(sentences: Iterable[Sentence]) -> dict[str, AreaEvidence]:
    """A document's evaluative sentences grouped by practice area and polarity."""
    out: dict[str, AreaEvidence] = defaultdict(AreaEvidence)
    for s in sentences:
        if s.kind not in EVALUATIVE:
            continue
        for area in s.areas:
            ev = out[area]
            if s.polarity in CONCERNS:
                ev.concerns.append(s.iri)
                if s.trajectory == PERSISTING:
                    ev.persisting.append(s.iri)
                if s.kind == "recommendation":
                    ev.recommendations.append(s.iri)
            if s.polarity in STRENGTHS and s.trajectory != NEW:
                ev.strengths.append(s.iri)
                if s.trajectory in IMPROVING:
                    ev.improving.append(s.iri)
    return dict(out)


def _ids(*groups: list[str]) -> tuple[str, ...]:
    return tuple(sorted({i for g in groups for i in g}))


def compare(
    earlier: dict[str, AreaEvidence], later: dict[str, AreaEvidence], later_is_visit: bool
) -> list[AreaLink]:
    """Each practice area's status between two documents' evidence (the rule of the module docstring)."""
    links = []
    empty = AreaEvidence()
    for area in sorted(set(earlier) | set(later)):
        e, lt = earlier.get(area, empty), later.get(area, empty)
        recs = _ids(e.recommendations)
        covered = bool(lt.concerns or lt.strengths) or not later_is_visit
        if e.concerns and not covered:
            links.append(AreaLink(area, "not_covered", _ids(e.concerns), (), recs))
        elif e.concerns and lt.concerns:
            # A later document that mostly reports an area as improved outweighs a residual concern.
            improved = len(set(lt.improving)) > len(set(lt.concerns)) + len(set(lt.persisting))
            if improved:
                links.append(AreaLink(area, "improved", _ids(e.concerns), _ids(lt.improving), recs))
            else:
                links.append(AreaLink(area, "persisting", _ids(e.concerns), _ids(lt.concerns), recs))
        elif e.concerns and lt.strengths:
            links.append(AreaLink(area, "improved", _ids(e.concerns), _ids(lt.strengths), recs))
        elif not e.concerns and lt.concerns:
            links.append(AreaLink(area, "new", (), _ids(lt.concerns)))
    return links


def _sentences(rows: list[dict[str, str]]) -> dict[str, list[Sentence]]:
    """Rows of FINDINGS_OF (one per finding and area) as Sentences per document."""
    areas: dict[str, list[str]] = defaultdict(list)
    first: dict[str, dict[str, str]] = {}
    for r in rows:
        areas[r["finding"]].append(r["area"])
        first.setdefault(r["finding"], r)
    out: dict[str, list[Sentence]] = defaultdict(list)
    for iri, r in first.items():
        out[r["doc"]].append(Sentence(iri, r["kind"], r["polarity"], tuple(areas[iri]), r.get("trajectory")))
    return out


def links_of(
    store: Store, iris: Iris, urn: str, held: Mapping[str, DocumentFindings] | None = None
) -> list[tuple[str, str, AreaLink]]:
    """(earlier document, later document, link) for every document pair of one authority.

    `held`: documents by IRI whose findings the caller holds (ingest has written them, or is
    loading them); they count among the authority's documents, and their findings are never read
    back from the store (which may not hold them yet, or hold an older version).
    """
    held = held or {}
    docs = _documents(store, iris, urn, held)
    return _links(docs, _findings_by_document(store, iris, urn, docs, held))


def _documents(
    store: Store, iris: Iris, urn: str, held: Mapping[str, DocumentFindings]
) -> list[dict[str, str]]:
    """An authority's documents (DOCS_OF rows), those held by the caller included."""
    docs = store.select(DOCS_OF, bindings={"la": ox.NamedNode(iris.authority(urn))})
    stored = {d["doc"] for d in docs}
    return docs + [
        {"doc": f.doc, "file": f.file, "type": f.type} | ({"date": f.date} if f.date else {})
        for f in held.values()
        if f.urn == urn and f.doc not in stored
    ]


def _findings_by_document(
    store: Store, iris: Iris, urn: str, docs: list[dict[str, str]], held: Mapping[str, DocumentFindings]
) -> dict[str, list[Sentence]]:
    """Each document's sentences: those the caller holds, the others read from the store."""
    stored: dict[str, list[Sentence]] = {}
    if not all(d["doc"] in held for d in docs):
        stored = _sentences(store.select(FINDINGS_OF, bindings={"la": ox.NamedNode(iris.authority(urn))}))
    return {
        d["doc"]: list(held[d["doc"]].sentences) if d["doc"] in held else stored.get(d["doc"], [])
        for d in docs
    }


def _links(
    docs: list[dict[str, str]], by_doc: Mapping[str, list[Sentence]]
) -> list[tuple[str, str, AreaLink]]:
    out = []
    for earlier, later in document_pairs(docs):
        links = compare(
            area_evidence(by_doc.get(earlier["doc"], [])),
            area_evidence(by_doc.get(later["doc"], [])),
            later["type"] in VISITS,
        )
        out += [(earlier["doc"], later["doc"], link) for link in links]
    return out


def relink(store: Store, iris: Iris, urn: str) -> int:
    """Recompute the derived links graph of one authority; returns the number of area links."""
    return relink_many(store, iris, [urn])


def relink_many(
    store: Store, iris: Iris, urns: Iterable[str], held: Mapping[str, DocumentFindings] | None = None
) -> int:
    """Recompute the derived links graphs of several authorities, written in one transaction;
    returns the number of area links. `held` as for `links_of`."""
    graphs = link_graphs(store, iris, urns, held)
    store.replace_graphs(graphs)
    return sum(1 for triples in graphs.values() for t in triples if t.predicate == _predicate("status"))


def link_graphs(
    store: Store, iris: Iris, urns: Iterable[str], held: Mapping[str, DocumentFindings] | None = None
) -> dict[str, list[ox.Triple]]:
    """The derived links graph of each authority, by graph IRI (not written): its links, its tallies
    and its persistence answer (`persistence_pairs`); empty for an authority with no concern and no
    link. `held` as for `links_of`."""
    held = held or {}
    names = {a.urn: a.name for a in authorities()}
    graphs = {}
    for urn in urns:
        docs = _documents(store, iris, urn, held)
        by_doc = _findings_by_document(store, iris, urn, docs, held)
        links = _links(docs, by_doc)
        triples = [
            t for earlier, later, link in links for t in _link_triples(iris, urn, earlier, later, link)
        ]
        triples += _tally_triples(iris, urn, by_doc, links)
        # Every links graph holds its authority's answer (an empty list where it has no pair), so
        # that the answers of all graphs are known to be complete (graph/export.py).
        if triples:
            answer = json.dumps(persistence_pairs(names.get(urn, urn), docs, links), ensure_ascii=False)
            triples.append(
                ox.Triple(
                    ox.NamedNode(iris.authority(urn)),
                    _predicate("persistenceAnswer"),
                    ox.Literal(answer, datatype=ox.NamedNode(str(RDF.JSON))),
                )
            )
        graphs[iris.links_graph(urn)] = triples
    return graphs


def persistence_pairs(
    authority: str, docs: list[dict[str, str]], links: list[tuple[str, str, AreaLink]]
) -> list[dict[str, Any]]:
    """An authority's document pairs with each practice area's status and evidence, in the shape of
    the persistence export (shared/spec/contract.md; graph/export.py), ordered by file names."""
    files = {d["doc"]: d["file"] for d in docs}
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for earlier, later, link in sorted(links, key=lambda x: (files[x[0]], files[x[1]], x[2].area)):
        pair = pairs.setdefault(
            (earlier, later),
            {
                "local_authority": authority,
                "earlier": files[earlier],
                "later": files[later],
                "earlier_iri": earlier,
                "later_iri": later,
            }
            | {status: [] for status in STATUSES},
        )
        entry: dict[str, Any] = {"practice_area": link.area}
        if link.status != "new":
            entry["earlier_findings"] = list(link.earlier)
        if link.status != "not_covered":
            entry["later_findings"] = list(link.later)
        pair[link.status].append(entry)
    return list(pairs.values())


def ensure_current(store: Store, iris: Iris) -> None:
    """The reference graph of the installed ontology, and links graphs derived under it: when the
    ontology or DERIVED_VERSION changed (another version of inspectkg installed), every authority is
    linked again, as what linking derives (links, tallies, persistence answers) follows them."""
    ensure_reference(store, iris, derive=lambda: relink_all(store, iris), version=DERIVED_VERSION)


def relink_all(store: Store, iris: Iris) -> int:
    """Recompute the links of every authority in the store, RELINK_CHUNK authorities a transaction
    (each links graph stands alone); returns the number of area links."""
    urns = authorities_in_store(store)
    return sum(
        relink_many(store, iris, urns[i : i + RELINK_CHUNK]) for i in range(0, len(urns), RELINK_CHUNK)
    )


@cache
def _concept(scheme: str, notation: str) -> ox.NamedNode:
    """A concept of one of the ontology's schemes (cached, as `_predicate`)."""
    return ox.NamedNode(concept(scheme, notation))


@cache
def _predicate(name: str) -> ox.NamedNode:
    """A term of the ontology (cached: an rdflib Namespace checks the IRI anew on every lookup)."""
    return ox.NamedNode(str(IKG[name]))


def _link_triples(iris: Iris, urn: str, earlier: str, later: str, link: AreaLink) -> list[ox.Triple]:
    node = ox.NamedNode(iris.link(urn, earlier, later, link.area))
    p = _predicate
    out = [
        ox.Triple(node, RDF_TYPE, p("AreaTrajectory")),
        ox.Triple(node, p("earlierDocument"), ox.NamedNode(earlier)),
        ox.Triple(node, p("laterDocument"), ox.NamedNode(later)),
        ox.Triple(node, p("practiceArea"), _concept("practice-area", link.area)),
        ox.Triple(node, p("status"), _concept("trajectory", link.status)),
    ]
    out += [ox.Triple(node, p("earlierEvidence"), ox.NamedNode(f)) for f in link.earlier]
    out += [ox.Triple(node, p("laterEvidence"), ox.NamedNode(f)) for f in link.later]
    relation = {"persisting": "continues", "improved": "improvesOn"}.get(link.status)
    if relation:
        out += [
            ox.Triple(ox.NamedNode(f), p(relation), ox.NamedNode(g)) for f in link.later for g in link.earlier
        ]
        out += [
            ox.Triple(ox.NamedNode(f), p("answers"), ox.NamedNode(r))
            for f in link.later
            for r in link.recommendations
        ]
    return out


def _tally_triples(
    iris: Iris, urn: str, by_doc: Mapping[str, list[Sentence]], links: list[tuple[str, str, AreaLink]]
) -> list[ox.Triple]:
    """The authority's tallies (ikg:AreaTally, ikg:AreaPairTally): per practice area, its concern
    sentences and its document pairs by status; per pair of areas, the concern sentences naming both.
    The national queries (area-concerns, area-cooccurrence, persisting-national) add these up."""
    concerns: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for sentences in by_doc.values():
        for s in sentences:
            if s.kind in EVALUATIVE and s.polarity in CONCERNS:
                areas = sorted(set(s.areas))
                concerns.update(areas)
                together.update(combinations(areas, 2))
    pairs = Counter((link.area, link.status) for _, _, link in links)
    la, p = ox.NamedNode(iris.authority(urn)), _predicate
    out = []
    for area in sorted(set(concerns) | {area for area, _ in pairs}):
        node = ox.NamedNode(iris.tally(urn, area))
        out += [
            ox.Triple(node, RDF_TYPE, p("AreaTally")),
            ox.Triple(node, p("tallyOf"), la),
            ox.Triple(node, p("tallyArea"), _concept("practice-area", area)),
        ]
        if concerns[area]:
            out.append(ox.Triple(node, p("concernCount"), ox.Literal(concerns[area])))
        out += [
            ox.Triple(node, p(pair_counts()[status]), ox.Literal(pairs[area, status]))
            for status in STATUSES
            if pairs[area, status]
        ]
    for (first, second), n in sorted(together.items()):
        node = ox.NamedNode(iris.tally(urn, first, second))
        out += [
            ox.Triple(node, RDF_TYPE, p("AreaPairTally")),
            ox.Triple(node, p("tallyOf"), la),
            ox.Triple(node, p("tallyArea"), _concept("practice-area", first)),
            ox.Triple(node, p("tallyArea"), _concept("practice-area", second)),
            ox.Triple(node, p("concernCount"), ox.Literal(n)),
        ]
    return out


def authorities_in_store(store: Store) -> list[str]:
    """URNs of the authorities that have documents in the store."""
    return sorted(r["urn"] for r in store.select(AUTHORITIES))
