"""The views laid out from query rows: positions, persistence edges, the node cap, co-occurrence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from viewrows import LA, finding_row, pair

from inspectkg.graph import Store, analysis
from inspectkg.viz.figure import POLARITY_COLOURS, STATUS_STYLES, Figure
from inspectkg.viz.layout import (
    EDGE_CAP,
    EMPTY_YEAR_WIDTH,
    YEAR_WIDTH,
    ViewData,
    authority_view,
    cooccurrence_from_rows,
    national_view,
    persistence_from_pairs,
    practice_area_view,
)

MakeData = Callable[..., ViewData]


def by_role(fig: Figure, role: str) -> list[dict[str, Any]]:
    return [n for n in fig.nodes if n.get("role") == role]


def test_documents_are_columns_in_date_order(make_data: MakeData) -> None:
    data = make_data([finding_row(1, 1), finding_row(2, 0)], docs=2)
    docs = by_role(authority_view(data, LA), "document")
    assert [(d["id"], d["x"]) for d in docs] == [
        ("https://example.org/doc/0", 0),
        ("https://example.org/doc/1", 300),
    ]


def test_a_document_shows_its_headline_grade(make_data: MakeData) -> None:
    docs = by_role(authority_view(make_data([finding_row(1, 0)], docs=1), LA), "document")
    assert docs[0]["label"] == "2010-03-01\ninspection\ninadequate"
    assert ["overall effectiveness", "inadequate"] in docs[0]["info"]["rows"]


def test_each_finding_is_a_node_coloured_by_polarity_with_its_evidence_link(make_data: MakeData) -> None:
    data = make_data(
        [finding_row(1, 0, "strength"), finding_row(2, 0, "concern", kind="recommendation")], docs=1
    )
    findings = {n["id"]: n for n in by_role(authority_view(data, LA), "finding")}
    first, second = (
        findings["https://example.org/doc/0/finding/1"],
        findings["https://example.org/doc/0/finding/2"],
    )
    assert (first["color"], first["shape"]) == (POLARITY_COLOURS["strength"], "dot")
    assert (second["color"], second["shape"]) == (POLARITY_COLOURS["concern"], "triangle")
    assert first["info"]["text"] == "Sentence 1 of document 0."
    assert first["info"]["link"] == "/api/evidence?finding=https%3A%2F%2Fexample.org%2Fdoc%2F0%2Ffinding%2F1"


def test_a_persisting_concern_is_a_thick_red_edge_between_its_lane_cells(make_data: MakeData) -> None:
    rows = [
        finding_row(1, 0),
        finding_row(2, 1),
        finding_row(3, 0, areas="planning"),
        finding_row(4, 1, areas="planning"),
    ]
    data = make_data(rows, pairs=[pair(0, 1, persisting=["neglect"], improved=["planning"])])
    edges = {(e["from"], e["to"]): e for e in authority_view(data, LA).edges if e.get("role") == "status"}
    neglect = edges[("cell:neglect:https://example.org/doc/0", "cell:neglect:https://example.org/doc/1")]
    planning = edges[("cell:planning:https://example.org/doc/0", "cell:planning:https://example.org/doc/1")]
    assert (neglect["status"], neglect["width"], neglect["color"]) == (
        "persisting",
        7,
        STATUS_STYLES["persisting"]["color"],
    )
    assert planning["status"] == "improved"
    assert len(edges) == 2


def test_a_sentence_about_two_areas_sits_in_one_lane_and_counts_in_both(make_data: MakeData) -> None:
    # Both areas persist; the later document's one sentence about both is drawn in the neglect lane.
    rows = [finding_row(1, 0, areas="planning"), finding_row(3, 0)]
    rows.append(finding_row(2, 1, areas="neglect planning"))
    data = make_data(rows, pairs=[pair(0, 1, persisting=["neglect", "planning"])])
    fig = authority_view(data, LA)
    assert [n["id"] for n in by_role(fig, "finding")].count("https://example.org/doc/1/finding/2") == 1
    cells = {n["id"] for n in by_role(fig, "cell")}
    assert "cell:planning:https://example.org/doc/1" in cells
    status = sorted((e["from"], e["to"]) for e in fig.edges if e.get("role") == "status")
    doc0, doc1 = "https://example.org/doc/0", "https://example.org/doc/1"
    assert status == [(f"cell:{a}:{doc0}", f"cell:{a}:{doc1}") for a in ("neglect", "planning")]
    also = [(e["from"], e["to"]) for e in fig.edges if e.get("role") == "also"]
    assert len(also) == 1 and also[0][0] == "https://example.org/doc/1/finding/2"


def test_persisting_lanes_come_first(make_data: MakeData) -> None:
    rows = [
        finding_row(1, 0, areas="planning"),
        finding_row(2, 1, areas="planning"),
        finding_row(3, 0),
        finding_row(4, 1),
    ]
    data = make_data(rows, pairs=[pair(0, 1, persisting=["neglect"], improved=["planning"])])
    lanes = sorted(by_role(authority_view(data, LA), "lane"), key=lambda n: n["y"])
    assert [n["label"] for n in lanes] == ["Neglect", "Quality of plans"]


def test_the_most_mentioned_teams_are_a_lane_with_hidden_links(make_data: MakeData) -> None:
    rows = [finding_row(1, 0, teams="MASH|police"), finding_row(2, 0, teams="mash")]
    fig = authority_view(make_data(rows, docs=1), LA)
    assert sorted(n["label"] for n in by_role(fig, "team")) == ["MASH", "police"]
    links = [e for e in fig.edges if e.get("role") == "team-link"]
    assert (len(links), {e["hidden"] for e in links}) == (3, {True})


@pytest.mark.parametrize(("cap", "findings", "groups"), [(2_000, 40, 0), (20, 0, 4), (8, 0, 0)])
def test_the_node_cap_groups_findings_then_counts_them(
    make_data: MakeData, cap: int, findings: int, groups: int
) -> None:
    rows = [finding_row(i, i % 2, "concern" if i % 3 else "strength") for i in range(40)]
    fig = authority_view(make_data(rows, cap=cap), LA)
    assert (len(by_role(fig, "finding")), len(by_role(fig, "group"))) == (findings, groups)
    assert sum(n["count"] for n in by_role(fig, "group")) in (0, 40)
    assert len(fig.nodes) <= cap


def test_practice_area_view_places_documents_by_date_and_links_persistence(make_data: MakeData) -> None:
    rows = [finding_row(1, 0), finding_row(2, 3), finding_row(3, 3, areas="planning")]
    data = make_data(rows, docs=4, pairs=[pair(0, 3, persisting=["neglect"])])
    fig = practice_area_view(data, "neglect")
    docs = by_role(fig, "document")
    assert [d["id"] for d in docs] == ["https://example.org/doc/0", "https://example.org/doc/3"]
    assert docs[1]["x"] - docs[0]["x"] == pytest.approx(YEAR_WIDTH + 2 * EMPTY_YEAR_WIDTH)
    assert [(e["from"], e["to"], e["status"]) for e in fig.edges] == [
        ("https://example.org/doc/0", "https://example.org/doc/3", "persisting")
    ]
    assert len(by_role(fig, "finding")) == 2


def test_national_view_sizes_areas_by_concerns_and_links_co_occurrence(make_data: MakeData) -> None:
    rows = [
        finding_row(1, 0, areas="neglect planning"),
        finding_row(2, 0, areas="neglect planning"),
        finding_row(3, 1, areas="neglect"),
        finding_row(4, 1, "strength", areas="front-door planning"),
    ]
    data = make_data(rows, pairs=[pair(0, 1, persisting=["neglect"])])
    fig = national_view(data, cooccurrence_from_rows(rows), persistence_from_pairs(data.persistence["pairs"]))
    areas = {n["id"]: n for n in by_role(fig, "area")}
    assert [areas[f"area:{a}"]["info"]["rows"][0] for a in ("neglect", "planning", "front-door")] == [
        ["concerns", "3"],
        ["concerns", "2"],
        ["concerns", "0"],
    ]
    co = [(e["from"], e["to"], e["title"]) for e in fig.edges if e["role"] == "cooccurrence"]
    assert co == [("area:neglect", "area:planning", "2 concern(s) name both Neglect and Quality of plans")]
    loops = [(e["from"], e["to"]) for e in fig.edges if e["role"] == "status"]
    assert loops == [("area:neglect", "area:neglect")]


def test_national_view_takes_the_analysis_graph_as_it_is(make_data: MakeData, sample_store: Store) -> None:
    graph = analysis.cooccurrence_graph(sample_store)
    fig = national_view(make_data([]), graph, analysis.persistence_counts(sample_store))
    assert len(by_role(fig, "area")) == graph.number_of_nodes()
    assert len([e for e in fig.edges if e["role"] == "cooccurrence"]) == min(
        graph.number_of_edges(), EDGE_CAP
    )


def test_practice_area_view_keeps_each_authoritys_latest_documents_under_the_cap(make_data: MakeData) -> None:
    fig = practice_area_view(make_data([finding_row(i, i) for i in range(6)], docs=6, cap=8), "neglect")
    assert [d["id"] for d in by_role(fig, "document")] == [f"https://example.org/doc/{d}" for d in (3, 4, 5)]
    assert fig.notes == [
        "each authority's latest 3 of 6 documents (node cap 8)",
        "3 sentences counted on the practice areas only (node cap 8)",
    ]
