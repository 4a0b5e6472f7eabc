"""Network analysis (networkx) of the graph, built from the rows of named SPARQL queries, never by re-parsing.

    cooccurrence_graph(store, la=None) -> nx.Graph     practice areas; edge weight = concerns naming both
    cooccurrence(store, la=None) -> list[dict]         its edges as rows (area1, area2, findings, jaccard)
    chains_graph(store, la=None) -> nx.DiGraph         (document, area) nodes; edges = persisting links
    chains(store, la=None) -> list[dict]               maximal chains of a concern persisting across visits
    centrality_graph(store, la=None) -> nx.Graph       practice areas and teams named by the same findings
    centrality(store, la=None) -> list[dict]           weighted degree and betweenness of each area and team
    persistence_counts(store, la=None) -> dict         per area: pairs in which it persisted (for viz)

`la` (an authority's name) narrows each to one authority; without it the analysis is national.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .queries import run_named_query
from .store import Store

AREA = "area"
TEAM = "team"
SAMPLE = 200


def _scope(la: str | None) -> dict[str, str]:
    return {"la": la} if la else {}


def cooccurrence_graph(store: Store, la: str | None = None) -> nx.Graph:
    """Practice areas as nodes (with label and number of concerns), weighted by shared concern sentences."""
    graph = nx.Graph()
    for r in run_named_query(store, "area-concerns", _scope(la)):
        graph.add_node(r["area"], label=r["label"], concerns=r["concerns"], authorities=r["authorities"])
    for r in run_named_query(store, "area-cooccurrence", _scope(la)):
        graph.add_edge(r["area1"], r["area2"], weight=r["findings"])
    return graph


def cooccurrence(store: Store, la: str | None = None) -> list[dict[str, Any]]:
    """The co-occurrence edges, strongest first, with the Jaccard index of the two areas' concerns."""
    graph = cooccurrence_graph(store, la)
    rows = []
    for a, b, data in graph.edges(data=True):
        first, second = sorted((a, b))
        # Jaccard over concern sentences: shared / (concerns of a + concerns of b - shared).
        union = graph.nodes[a]["concerns"] + graph.nodes[b]["concerns"] - data["weight"]
        rows.append(
            {
                "area1": first,
                "area2": second,
                "findings": data["weight"],
                "jaccard": round(data["weight"] / union, 3) if union else 0.0,
            }
        )
    return sorted(rows, key=lambda r: (-r["findings"], r["area1"], r["area2"]))


def chains_graph(store: Store, la: str | None = None) -> nx.DiGraph:
    """(document IRI, area) nodes joined by the links whose status is persisting, in date order."""
    graph = nx.DiGraph()
    for r in run_named_query(store, "area-links", {**_scope(la), "status": "persisting"}):
        for side in ("earlier", "later"):
            graph.add_node(
                (r[side], r["area"]),
                authority=r["authority"],
                area=r["area"],
                file=r[f"{side}_file"],
                date=r[f"{side}_date"],
                type=r[f"{side}_type"],
            )
        graph.add_edge((r["earlier"], r["area"]), (r["later"], r["area"]))
    return graph


def chains(store: Store, la: str | None = None) -> list[dict[str, Any]]:
    """Every maximal chain of a concern persisting from document to document (longest first).

    A chain starts at a document where the concern is not itself a continuation and follows persisting
    links to a document with none onward; a concern raised in 2014 and still there in 2019 and 2023 is
    one chain of three documents.
    """
    graph = chains_graph(store, la)
    rows = []
    for start in (n for n in graph if graph.in_degree(n) == 0):
        ends = [n for n in nx.descendants(graph, start) if graph.out_degree(n) == 0]
        for end in ends:
            for path in nx.all_simple_paths(graph, start, end):
                nodes = [graph.nodes[n] for n in path]
                rows.append(
                    {
                        "authority": nodes[0]["authority"],
                        "area": nodes[0]["area"],
                        "length": len(path),
                        "first": nodes[0]["date"],
                        "last": nodes[-1]["date"],
                        "documents": [n["file"] for n in nodes],
                        "types": [n["type"] for n in nodes],
                    }
                )
    return sorted(
        rows, key=lambda r: (-r["length"], r["authority"], r["area"], r["first"] or "", r["last"] or "")
    )


def centrality_graph(store: Store, la: str | None = None) -> nx.Graph:
    """Practice areas and teams as nodes; an edge counts the findings naming both ends (area-team,
    area-area from the concern co-occurrence, team-team through the areas they share)."""
    graph = nx.Graph()
    for r in run_named_query(store, "area-teams", _scope(la)):
        a, t = (AREA, r["area"]), (TEAM, r["team"])
        graph.add_node(a, kind=AREA, name=r["area"])
        graph.add_node(t, kind=TEAM, name=r["team"])
        graph.add_edge(a, t, weight=r["findings"], concerns=r["concerns"])
    for r in run_named_query(store, "area-cooccurrence", _scope(la)):
        a, b = (AREA, r["area1"]), (AREA, r["area2"])
        graph.add_node(a, kind=AREA, name=r["area1"])
        graph.add_node(b, kind=AREA, name=r["area2"])
        graph.add_edge(a, b, weight=r["findings"])
    return graph


def centrality(store: Store, la: str | None = None, top: int | None = None) -> list[dict[str, Any]]:
    """Each area and team with its weighted degree, degree centrality and betweenness, most central first."""
    graph = centrality_graph(store, la)
    if graph.number_of_nodes() == 0:
        return []
    # Betweenness takes distances: a pair named together often is close, so distance = 1 / weight.
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    degree = nx.degree_centrality(graph)
    # Exact betweenness is O(nodes x edges); past SAMPLE nodes it is estimated from SAMPLE sources (seeded).
    sample = SAMPLE if graph.number_of_nodes() > SAMPLE else None
    between = nx.betweenness_centrality(graph, k=sample, weight="distance", seed=0)
    rows = [
        {
            "kind": graph.nodes[n]["kind"],
            "name": graph.nodes[n]["name"],
            "weighted_degree": int(graph.degree(n, weight="weight")),
            "neighbours": graph.degree(n),
            "degree_centrality": round(degree[n], 4),
            "betweenness": round(between[n], 4),
        }
        for n in graph
    ]
    rows.sort(key=lambda r: (-r["betweenness"], -r["weighted_degree"], r["kind"], r["name"]))
    return rows[:top] if top else rows


def persistence_counts(store: Store, la: str | None = None) -> dict[str, dict[str, int]]:
    """Per practice area, the number of document pairs (and authorities) in which it persisted or improved."""
    out: dict[str, dict[str, int]] = {}
    for status in ("persisting", "improved"):
        for r in run_named_query(store, "persisting-national", {"status": status, **_scope(la)}):
            entry = out.setdefault(r["area"], {"persisting": 0, "improved": 0, "authorities": 0})
            entry[status] = r["pairs"]
            if status == "persisting":
                entry["authorities"] = r["authorities"]
    return out
