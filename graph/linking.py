"""Cross-visit linking: how each practice area's concerns moved between an authority's documents.

For each pair (inspection -> each later visit before the next inspection, inspection -> next
inspection) every practice area is persisting, improved, new or not covered (design.md):
  earlier concerns = concern or mixed findings and recommendations of the earlier document;
  a monitoring or focused visit covers only the areas its own findings speak to;
  persisting = earlier and later concern, unless the later document's own "improved" cues
  outweigh its concerns; improved = earlier concern, later strength and no persisting concern;
  new = later concern with no earlier one; not covered = earlier concern the visit did not look at.
The result is stored in one derived named graph per authority, so reads are lookups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from inspectkg.ontology import IKG, concept

from .iri import Iris
from .store import Store

CONCERNS = {"concern", "mixed"}
EVALUATIVE = {"finding", "recommendation", "judgement"}
VISITS = {"monitoring_visit", "focused_visit"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

DOCS_OF = """
SELECT ?doc ?file ?type ?date WHERE {
  GRAPH ?doc { ?doc ikg:about ?la ; ikg:fileName ?file ; ikg:documentType/skos:notation ?type .
    OPTIONAL { ?doc prov:wasGeneratedBy/ikg:startDate ?start } OPTIONAL { ?doc dcterms:date ?pub } }
  BIND(COALESCE(?start, ?pub) AS ?date)
} ORDER BY ?date ?file
"""

FINDINGS_OF = """
SELECT ?doc ?finding ?kind ?polarity ?area ?trajectory WHERE {
  GRAPH ?doc { ?doc ikg:about ?la .
    ?finding ikg:inDocument ?doc ; ikg:kind/skos:notation ?kind ; ikg:polarity/skos:notation ?polarity ;
             ikg:practiceArea/skos:notation ?area .
    OPTIONAL { ?finding ikg:trajectory/skos:notation ?trajectory } }
}
"""


@dataclass
class AreaEvidence:
    """One document's findings in one practice area, by polarity."""

    concerns: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    improved: list[str] = field(default_factory=list)
    persisting: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AreaLink:
    """One practice area's status between two documents, with its evidence."""

    area: str
    status: str
    earlier: tuple[str, ...]
    later: tuple[str, ...]


def document_pairs(docs: list[dict[str, str]]) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(earlier, later) pairs: each inspection with each later visit before the next inspection,
    and with the next inspection."""
    pairs = []
    dated = [d for d in docs if d.get("date") and d["type"] in VISITS | {"inspection"}]
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


def _evidence(rows: list[dict[str, str]]) -> dict[str, AreaEvidence]:
    out: dict[str, AreaEvidence] = defaultdict(AreaEvidence)
    for r in rows:
        if r["kind"] not in EVALUATIVE:
            continue
        ev = out[r["area"]]
        if r["polarity"] in CONCERNS:
            ev.concerns.append(r["finding"])
            if r.get("trajectory") == "persisting":
                ev.persisting.append(r["finding"])
        if r["polarity"] in {"strength", "mixed"}:
            ev.strengths.append(r["finding"])
            if r.get("trajectory") in {"improved", "maintained"}:
                ev.improved.append(r["finding"])
    return out


def compare(earlier: dict[str, AreaEvidence], later: dict[str, AreaEvidence], later_is_visit: bool) -> list[AreaLink]:
    """Each practice area's status between two documents' evidence."""
    links = []
    for area in sorted(set(earlier) | set(later)):
        e, lt = earlier.get(area, AreaEvidence()), later.get(area, AreaEvidence())
        was_concern = bool(e.concerns)
        covered = bool(lt.concerns or lt.strengths) or not later_is_visit
        if was_concern and not covered:
            links.append(AreaLink(area, "not_covered", tuple(sorted(set(e.concerns))), ()))
        elif was_concern and lt.concerns:
            improved = len(set(lt.improved)) > len(set(lt.concerns)) and not lt.persisting
            status = "improved" if improved else "persisting"
            links.append(AreaLink(area, status, tuple(sorted(set(e.concerns))), tuple(sorted(set(lt.concerns + lt.improved)))))
        elif was_concern and lt.strengths:
            links.append(AreaLink(area, "improved", tuple(sorted(set(e.concerns))), tuple(sorted(set(lt.strengths)))))
        elif not was_concern and lt.concerns:
            links.append(AreaLink(area, "new", (), tuple(sorted(set(lt.concerns)))))
    return links


def relink(store: Store, iris: Iris, urn: str) -> int:
    """Recompute the derived links graph of one authority; returns the number of area links."""
    la = ox.NamedNode(iris.authority(urn))
    docs = store.select(DOCS_OF, bindings={"la": la})
    rows = store.select(FINDINGS_OF, bindings={"la": la})
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    triples: list[ox.Triple] = []
    count = 0
    for earlier, later in document_pairs(docs):
        links = compare(_evidence(by_doc[earlier["doc"]]), _evidence(by_doc[later["doc"]]), later["type"] in VISITS)
        for link in links:
            triples += _link_triples(iris, urn, earlier["doc"], later["doc"], link)
            count += 1
    store.replace_graphs({iris.links_graph(urn): triples})
    return count


def _link_triples(iris: Iris, urn: str, earlier: str, later: str, link: AreaLink) -> list[ox.Triple]:
    node = ox.NamedNode(iris.link(urn, earlier, later, link.area))
    p = lambda name: ox.NamedNode(str(IKG[name]))  # noqa: E731
    out = [
        ox.Triple(node, ox.NamedNode(RDF_TYPE), p("AreaTrajectory")),
        ox.Triple(node, p("earlierDocument"), ox.NamedNode(earlier)),
        ox.Triple(node, p("laterDocument"), ox.NamedNode(later)),
        ox.Triple(node, p("practiceArea"), ox.NamedNode(concept("practice-area", link.area))),
        ox.Triple(node, p("status"), ox.NamedNode(concept("trajectory", link.status))),
    ]
    out += [ox.Triple(node, p("earlierEvidence"), ox.NamedNode(f)) for f in link.earlier]
    out += [ox.Triple(node, p("laterEvidence"), ox.NamedNode(f)) for f in link.later]
    relation = {"persisting": "continues", "improved": "improvesOn"}.get(link.status)
    if relation:
        for f in link.later:
            for g in link.earlier[:5]:
                out.append(ox.Triple(ox.NamedNode(f), p(relation), ox.NamedNode(g)))
    return out


def authorities_in_store(store: Store) -> list[str]:
    """URNs of the authorities that have documents in the store."""
    rows = store.select(
        "SELECT DISTINCT ?urn WHERE { GRAPH ?d { ?d ikg:about ?la } GRAPH ?r { ?la ikg:ofstedURN ?urn } }",
    )
    return sorted(r["urn"] for r in rows)
