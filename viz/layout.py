"""The three views laid out in Python: fixed coordinates, so the browser draws with physics off."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import networkx as nx

from .figure import (
    GRADE_COLOURS,
    KIND_SHAPES,
    POLARITY_COLOURS,
    STATUS_STYLES,
    Figure,
    aggregate_node,
    finding_node,
    grid,
    group_rows,
    info,
)

GRID_COLUMNS = 14
SPACING = 15
COLUMN_WIDTH = 300
LANE_LABEL_X = -60
LANE_FONT = 18
#: The practice-area view spreads documents along a time axis, so their findings sit in narrower blocks.
AREA_GRID_COLUMNS = 8
YEAR_WIDTH = AREA_GRID_COLUMNS * SPACING + 80
EMPTY_YEAR_WIDTH = 40
#: The teams drawn in an authority view: the most mentioned, so the bottom lane stays legible.
TEAM_CAP = 12
#: Co-occurrence edges kept in the national overview, heaviest first.
EDGE_CAP = 120
NO_AREA = "(no practice area)"
#: The dashed edge from a sentence to the cells of the other practice areas it names.
ALSO_COLOUR = "#999999"


@dataclass(frozen=True)
class ViewData:
    """What the views are drawn from: rows of the named queries and the persistence export."""

    findings: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    judgements: list[dict[str, Any]]
    persistence: dict[str, Any]
    area_labels: dict[str, str]
    area_groups: dict[str, str] = field(default_factory=dict)
    evidence_url: str = "/api/evidence?finding="
    node_cap: int = 2_000
    filters: dict[str, str] = field(default_factory=dict)

    def link(self, finding: str) -> str:
        """The API's evidence endpoint for one finding."""
        return self.evidence_url + quote(finding, safe="")


def _doc_date(doc: dict[str, Any]) -> str:
    return str(doc.get("start") or doc.get("published") or "")


def _doc_order(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents in date order; undated ones after, by file name (their names often carry a date)."""
    return sorted(docs, key=lambda d: (_doc_date(d) == "", _doc_date(d), d["file"]))


def _grades(data: ViewData) -> dict[str, dict[str, str]]:
    grades: dict[str, dict[str, str]] = defaultdict(dict)
    for j in data.judgements:
        grades[j["document"]][j["key"]] = j["grade"]
    return grades


def _headline_grade(grades: dict[str, str]) -> str | None:
    """The overall judgement, or the worst one when a framework gives no overall grade."""
    if "overall_effectiveness" in grades:
        return grades["overall_effectiveness"]
    order = list(GRADE_COLOURS)
    return max(grades.values(), key=order.index) if grades else None


def _document_node(fig: Figure, doc: dict[str, Any], grades: dict[str, str], x: float, y: float) -> None:
    grade = _headline_grade(grades)
    fig.node(
        doc["document"],
        x=x,
        y=y,
        shape="box",
        role="document",
        label="\n".join(
            p
            for p in (
                _doc_date(doc) or "undated",
                doc["type"].replace("_", " "),
                (grade or "").replace("_", " "),
            )
            if p
        ),
        color={"background": GRADE_COLOURS.get(grade or "", "#e8eef7"), "border": "#333333"},
        font={"size": 18, "color": "#ffffff" if grade in ("inadequate", "outstanding") else "#111111"},
        info=info(
            doc["file"],
            [
                ("authority", doc["authority"]),
                ("type", doc["type"]),
                ("framework", doc["framework"]),
                ("visit", f"{doc['start'] or '?'} to {doc['end'] or '?'}" if doc["start"] else None),
                ("published", doc["published"]),
                ("lead inspector", doc["lead"]),
                *((k.replace("_", " "), v.replace("_", " ")) for k, v in sorted(grades.items())),
            ],
        ),
    )


def _lane_label(
    fig: Figure,
    node_id: str,
    label: str,
    y: float,
    title: str,
    rows: list[tuple[str, Any]] | None = None,
    size: int = LANE_FONT,
) -> dict[str, Any]:
    return fig.node(
        node_id,
        label=label,
        # A text node is centred on x: shift it by half its (estimated) width so labels end in a column.
        x=LANE_LABEL_X - len(label) * size * 0.3,
        y=y,
        shape="text",
        role="lane",
        font={"size": size},
        info=info(title, rows or []),
    )


def _authority_grades(docs: list[dict[str, Any]], grades: dict[str, dict[str, str]]) -> list[tuple[str, Any]]:
    """An authority's graded documents in date order, each with its judgements, for its tooltip."""
    return [
        (
            f"{_doc_date(d) or 'undated'} {d['type'].replace('_', ' ')}",
            "; ".join(
                f"{k.replace('_', ' ')}: {v.replace('_', ' ')}"
                for k, v in sorted(grades[d["document"]].items())
            ),
        )
        for d in docs
        if grades[d["document"]]
    ]


def _statuses(data: ViewData) -> dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]:
    """(area, later document) -> [(status, pair)] for the statuses drawn (persisting, improved, new)."""
    out: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for pair in data.persistence["pairs"]:
        for status in STATUS_STYLES:
            for entry in pair[status]:
                out[(entry["practice_area"], pair["later_iri"])].append((status, pair))
    return out


def _finding_budget(data: ViewData, fig: Figure, n_findings: int, groups: int, reserved: int = 0) -> str:
    """'each', 'group' or 'none': how findings are drawn within the node cap left by the frame, `reserved`
    being frame nodes still to come."""
    budget = data.node_cap - len(fig.nodes) - reserved
    if n_findings <= budget:
        return "each"
    if groups <= budget:
        fig.notes.append(f"{n_findings} sentences grouped into {groups} nodes (node cap {data.node_cap})")
        return "group"
    fig.notes.append(f"{n_findings} sentences counted on the practice areas only (node cap {data.node_cap})")
    return "none"


def authority_view(data: ViewData, la: str) -> Figure:
    """An authority's documents as columns in date order, practice areas as lanes, persistence between."""
    fig = Figure(
        heading=f"{la}: findings by practice area across visits",
        subtitle="columns are documents in date order; lanes are practice areas; "
        "a thick red line is a concern that persists from one document to the next",
        start="top",
    )
    docs = _doc_order([d for d in data.documents if d["authority"].casefold() == la.casefold()])
    column = {d["document"]: i for i, d in enumerate(docs)}
    rows = [r for r in data.findings if r["document"] in column]
    statuses = _statuses(data)
    persisting_at = {key for key, sts in statuses.items() if any(s == "persisting" for s, _ in sts)}

    def areas_of(r: dict[str, Any]) -> list[str]:
        return sorted((r["areas"] or "").split()) or [NO_AREA]

    def primary(r: dict[str, Any]) -> str:
        areas = areas_of(r)
        wanted = data.filters.get("area", "")
        if wanted in areas:
            return wanted
        hot = [a for a in areas if (a, r["document"]) in persisting_at]
        return (hot or areas)[0]

    # A sentence is drawn once, in the lane of its primary area (`placed`); it counts in the cell of
    # every area it names (`cells`), so each area's persistence edges have both ends, and a dashed
    # edge joins it to the cells of its other areas.
    placed = group_rows(rows, lambda r: (primary(r), r["document"]))
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for a in areas_of(r):
            cells[(a, r["document"])].append(r)
    persisting_count = Counter(a for a, _ in persisting_at)
    concerns = Counter(a for (a, _), rs in cells.items() for r in rs if r["polarity"] == "concern")
    lanes = sorted({a for a, _ in cells}, key=lambda a: (a == NO_AREA, -persisting_count[a], -concerns[a], a))
    grades = _grades(data)
    for doc in docs:
        _document_node(fig, doc, grades[doc["document"]], column[doc["document"]] * COLUMN_WIDTH, -140)
    authority = _lane_label(
        fig, "authority:" + la, la, -140, f"{la}: judgements", _authority_grades(docs, grades), size=26
    )
    authority.update(role="authority", x=authority["x"] - COLUMN_WIDTH / 4)  # clear of the first document box

    lane_y: dict[str, float] = {}
    y = 0.0
    for area in lanes:
        lane_y[area] = y
        label = data.area_labels.get(area, area)
        title = f"{label}: persisting in {persisting_count[area]} document pair(s)"
        _lane_label(fig, "lane:" + area, label, y, title)
        biggest = max((len(rs) for (a, _), rs in placed.items() if a == area), default=0)
        y += 44 + math.ceil(biggest / GRID_COLUMNS) * SPACING

    for (area, doc_iri), rs in cells.items():
        polarity = Counter(r["polarity"] for r in rs)
        hot = (area, doc_iri) in persisting_at
        fig.node(
            f"cell:{area}:{doc_iri}",
            label=" ",
            x=column[doc_iri] * COLUMN_WIDTH,
            y=lane_y[area],
            size=6 + 2 * math.sqrt(len(rs)),
            shape="dot",
            role="cell",
            color={
                "background": POLARITY_COLOURS[polarity.most_common(1)[0][0]],
                "border": STATUS_STYLES["persisting"]["color"] if hot else "#555555",
            },
            borderWidth=5 if hot else 1,
            info=info(
                f"{data.area_labels.get(area, area)} in {rs[0]['file']}",
                [
                    *((p, n) for p, n in polarity.most_common()),
                    *((s, f"since {pair['earlier']}") for s, pair in statuses.get((area, doc_iri), [])),
                ],
            ),
        )

    n_groups = len(group_rows(rows, lambda r: (primary(r), r["document"], r["polarity"])))
    teams = {t.casefold() for r in rows for t in (r["teams"] or "").split("|") if t}
    mode = _finding_budget(data, fig, len(rows), n_groups, reserved=1 + min(len(teams), TEAM_CAP) * len(docs))
    for (area, doc_iri), rs in placed.items():
        x0, y0 = column[doc_iri] * COLUMN_WIDTH - (GRID_COLUMNS - 1) * SPACING / 2, lane_y[area] + 26
        if mode == "each":
            for r, (dx, dy) in zip(rs, grid(len(rs), GRID_COLUMNS, SPACING), strict=True):
                finding_node(fig, r, x0 + dx, y0 + dy, data.link(r["finding"]), data.area_labels)
                for other in areas_of(r):
                    if other != area:
                        fig.edge(
                            r["finding"],
                            f"cell:{other}:{doc_iri}",
                            role="also",
                            color=ALSO_COLOUR,
                            width=1,
                            dashes=[2, 4],
                            title=f"also about {data.area_labels.get(other, other)}",
                        )
        elif mode == "group":
            by_polarity = group_rows(rs, lambda r: r["polarity"])
            for (polarity, prs), (dx, dy) in zip(
                by_polarity.items(), grid(len(by_polarity), 4, 2 * SPACING), strict=True
            ):
                aggregate_node(
                    fig,
                    f"group:{area}:{doc_iri}:{polarity}",
                    prs,
                    x0 + dx,
                    y0 + dy,
                    f"{polarity} about {data.area_labels.get(area, area)}",
                )

    for pair in data.persistence["pairs"]:
        for status, style in STATUS_STYLES.items():
            for entry in pair[status]:
                a = entry["practice_area"]
                source, target = f"cell:{a}:{pair['earlier_iri']}", f"cell:{a}:{pair['later_iri']}"
                if (a, pair["earlier_iri"]) in cells and (a, pair["later_iri"]) in cells:
                    fig.edge(
                        source,
                        target,
                        **style,
                        role="status",
                        status=status,
                        title=f"{status}: {data.area_labels.get(a, a)}, {pair['earlier']} → {pair['later']}",
                    )
    if mode == "each":
        _teams(fig, rows, column, y)
    fig.legend = _legend(with_status=True)
    return fig


def _teams(fig: Figure, rows: list[dict[str, Any]], column: dict[str, int], y: float) -> None:
    """The most mentioned teams as a bottom lane, one node per document, linked to their findings."""
    names: dict[str, str] = {}
    mentions: Counter[str] = Counter()
    for r in rows:
        for t in (r["teams"] or "").split("|"):
            if t:
                names.setdefault(t.casefold(), t)
                mentions[t.casefold()] += 1
    top = [t for t, _ in mentions.most_common(TEAM_CAP)]
    if not top:
        return
    _lane_label(fig, "lane:teams", "Teams", y + 20, "teams and partners the findings mention")
    for i, team in enumerate(top):
        ty = y + 20 + i * 30
        per_doc = group_rows(
            (r for r in rows if team in {t.casefold() for t in (r["teams"] or "").split("|")}),
            lambda r: r["document"],
        )
        for doc_iri, rs in per_doc.items():
            tid = f"team:{team}:{doc_iri}"
            fig.node(
                tid,
                label=names[team],
                x=column[doc_iri] * COLUMN_WIDTH,
                y=ty,
                shape="box",
                role="team",
                color="#e0e0f0",
                font={"size": 12},
                info=info(names[team], [("findings", len(rs)), ("document", rs[0]["file"])]),
            )
            for r in rs:
                fig.edge(r["finding"], tid, color="#c8c8dc", width=0.5, role="team-link", hidden=True)


def _latest(fig: Figure, docs: list[dict[str, Any]], cap: int) -> list[dict[str, Any]]:
    """The documents, or each authority's latest ones when all of them would take half the node cap."""
    per_authority = group_rows(docs, lambda d: d["authority"])
    if len(docs) + len(per_authority) <= cap // 2:
        return docs
    keep = max(1, (cap // 2 - len(per_authority)) // len(per_authority))
    fig.notes.append(f"each authority's latest {keep} of {len(docs)} documents (node cap {cap})")
    kept = {d["document"] for ds in per_authority.values() for d in ds[-keep:]}
    return [d for d in docs if d["document"] in kept]


def _time_axis(fig: Figure, years: set[int]) -> tuple[dict[int, float], float]:
    """x of each year, years without documents squeezed to a narrow gap; and the x of undated documents."""
    year_x: dict[int, float] = {}
    x = 0.0
    for year in range(min(years, default=0), max(years, default=-1) + 1):
        year_x[year] = x
        if year in years:
            fig.node(
                f"year:{year}",
                label=str(year),
                x=x,
                y=-120,
                shape="text",
                role="axis",
                font={"size": 20},
                info=info(str(year)),
            )
        x += YEAR_WIDTH if year in years else EMPTY_YEAR_WIDTH
    return year_x, x + YEAR_WIDTH / 2


def practice_area_view(data: ViewData, area: str) -> Figure:
    """One practice area: authorities as lanes, documents placed by date, persistence between them."""
    label = data.area_labels.get(area, area)
    fig = Figure(
        heading=f"{label}: across authorities and years",
        subtitle="lanes are authorities; documents sit at their date; "
        "a thick red line is a concern about this area that persists",
        start="top",
    )
    rows = [r for r in data.findings if area in (r["areas"] or "").split()]
    by_doc = group_rows(rows, lambda r: r["document"])
    docs = _latest(fig, _doc_order([d for d in data.documents if d["document"] in by_doc]), data.node_cap)
    rows = [r for r in rows if r["document"] in {d["document"] for d in docs}]
    year_x, undated_x = _time_axis(fig, {int(_doc_date(d)[:4]) for d in docs if _doc_date(d)})
    authorities = sorted({d["authority"] for d in docs})
    grades = _grades(data)
    n_groups = len(group_rows(rows, lambda r: (r["document"], r["polarity"])))
    mode = _finding_budget(data, fig, len(rows), n_groups, reserved=len(docs) + len(authorities))
    y = 0.0
    for la in authorities:
        _lane_label(
            fig,
            "lane:" + la,
            la,
            y,
            f"{la}: judgements",
            _authority_grades(_doc_order([d for d in data.documents if d["authority"] == la]), grades),
        )
        lane_docs = [d for d in docs if d["authority"] == la]
        biggest = max(len(by_doc[d["document"]]) for d in lane_docs)
        last_x = -math.inf
        for d in lane_docs:
            date = _doc_date(d)
            if date:
                month = int(date[5:7]) if len(date) >= 7 else 1
                x = year_x[int(date[:4])] + (month - 1) / 12 * YEAR_WIDTH
            else:
                x = undated_x
            x = max(x, last_x + AREA_GRID_COLUMNS * SPACING + 60)
            last_x = x
            _document_node(fig, d, grades[d["document"]], x, y)
            rs = by_doc[d["document"]]
            x0, y0 = x - (AREA_GRID_COLUMNS - 1) * SPACING / 2, y + 50
            if mode == "each":
                for r, (dx, dy) in zip(rs, grid(len(rs), AREA_GRID_COLUMNS, SPACING), strict=True):
                    finding_node(fig, r, x0 + dx, y0 + dy, data.link(r["finding"]), data.area_labels)
            elif mode == "group":
                by_polarity = group_rows(rs, lambda r: r["polarity"])
                for (p, prs), (dx, dy) in zip(
                    by_polarity.items(), grid(len(by_polarity), 4, 2 * SPACING), strict=True
                ):
                    aggregate_node(
                        fig, f"group:{d['document']}:{p}", prs, x0 + dx, y0 + dy, f"{p} in {d['file']}"
                    )
        y += 100 + math.ceil(biggest / AREA_GRID_COLUMNS) * SPACING
    present = {d["document"] for d in docs}
    for pair in data.persistence["pairs"]:
        for status, style in STATUS_STYLES.items():
            if (
                any(e["practice_area"] == area for e in pair[status])
                and {pair["earlier_iri"], pair["later_iri"]} <= present
            ):
                fig.edge(
                    pair["earlier_iri"],
                    pair["later_iri"],
                    **style,
                    role="status",
                    status=status,
                    smooth={"enabled": True, "type": "curvedCW", "roundness": 0.2},
                    title=f"{status}: {pair['local_authority']}, {pair['earlier']} → {pair['later']}",
                )
    fig.legend = _legend(with_status=True)
    return fig


def cooccurrence_from_rows(rows: list[dict[str, Any]]) -> nx.Graph:
    """graph.analysis.cooccurrence_graph's shape, from findings rows a view filtered by kind or date."""
    graph = nx.Graph()
    authorities: dict[str, set[str]] = defaultdict(set)
    concerns: Counter[str] = Counter()
    for r in rows:
        areas = sorted(set((r["areas"] or "").split()))
        for a in areas:
            authorities[a].add(r["authority"])
            concerns[a] += r["polarity"] == "concern"
        if r["polarity"] == "concern":
            for i, a in enumerate(areas):
                for b in areas[i + 1 :]:
                    graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    for a in authorities:
        graph.add_node(a, concerns=concerns[a], authorities=len(authorities[a]))
    return graph


def persistence_from_pairs(pairs: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The shape of graph.analysis.persistence_counts, from the persistence export."""
    out: dict[str, dict[str, int]] = {}
    authorities: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        for status in ("persisting", "improved"):
            for entry in pair[status]:
                counts = out.setdefault(
                    entry["practice_area"], {"persisting": 0, "improved": 0, "authorities": 0}
                )
                counts[status] += 1
                if status == "persisting":
                    authorities[entry["practice_area"]].add(pair["local_authority"])
    for area, las in authorities.items():
        out[area]["authorities"] = len(las)
    return out


def national_view(data: ViewData, graph: nx.Graph, persistence: dict[str, dict[str, int]]) -> Figure:
    """Practice areas sized by concerns, linked by co-occurrence, ringed by persistence.

    `graph` and `persistence` are graph.analysis's co-occurrence graph and persistence counts, or the
    same computed from filtered rows: one node per practice area, whatever the size of the store.
    """
    fig = Figure(
        heading="National overview: practice areas",
        subtitle="a node's size is its number of concerns; grey edges join areas named by the same "
        "concern; a red ring and loop mark concerns that persist between visits",
    )
    # A circle ordered by judgement area: neighbours belong together, labels never pile up as they do in a
    # spring layout of a dense co-occurrence graph, and the same store always gives the same picture.
    order = sorted(graph.nodes, key=lambda a: (data.area_groups.get(a, ""), data.area_labels.get(a, a)))
    radius = max(500.0, len(order) * 130 / (2 * math.pi))
    for i, a in enumerate(order):
        angle = 2 * math.pi * i / max(len(order), 1) - math.pi / 2
        concerns = int(graph.nodes[a].get("concerns", 0))
        counts = persistence.get(a, {"persisting": 0, "improved": 0, "authorities": 0})
        label = data.area_labels.get(a, a)
        fig.node(
            "area:" + a,
            label=label,
            x=radius * math.cos(angle),
            y=radius * math.sin(angle),
            shape="dot",
            size=10 + 4 * math.sqrt(concerns),
            role="area",
            font={"size": 16},
            color={
                "background": POLARITY_COLOURS["concern"] if concerns else POLARITY_COLOURS["neutral"],
                "border": STATUS_STYLES["persisting"]["color"] if counts["persisting"] else "#555555",
            },
            borderWidth=2 + 2 * min(counts["persisting"], 5),
            info=info(
                label,
                [
                    ("concerns", concerns),
                    ("authorities", graph.nodes[a].get("authorities")),
                    ("persisting in document pairs", counts["persisting"]),
                    ("improved in document pairs", counts["improved"]),
                    ("authorities where it persists", counts["authorities"]),
                ],
            ),
        )
        if counts["persisting"]:
            fig.edge(
                "area:" + a,
                "area:" + a,
                **STATUS_STYLES["persisting"],
                role="status",
                status="persisting",
                title=f"{label}: persisting in {counts['persisting']} document pair(s)",
            )
    heaviest = sorted(graph.edges(data="weight"), key=lambda e: (-e[2], min(e[0], e[1]), max(e[0], e[1])))
    if len(heaviest) > EDGE_CAP:
        fig.notes.append(f"the {EDGE_CAP} heaviest of {len(heaviest)} co-occurrence edges")
    for a, b, w in heaviest[:EDGE_CAP]:
        first, second = sorted((a, b))
        fig.edge(
            "area:" + first,
            "area:" + second,
            width=0.5 + math.log2(1 + w),
            color="#9a9a9a",
            role="cooccurrence",
            title=f"{w} concern(s) name both {data.area_labels.get(first, first)} and "
            f"{data.area_labels.get(second, second)}",
        )
    fig.legend = [
        ("concern count (size)", POLARITY_COLOURS["concern"], "dot"),
        ("co-occurrence", "#9a9a9a", "line"),
        ("persisting", STATUS_STYLES["persisting"]["color"], "line"),
    ]
    return fig


def _legend(with_status: bool) -> list[tuple[str, str, str]]:
    items = [(p, c, "dot") for p, c in POLARITY_COLOURS.items()]
    items += [(k, "#666666", s) for k, s in KIND_SHAPES.items()]
    if with_status:
        items += [(s, st["color"], "line") for s, st in STATUS_STYLES.items()]
        items.append(("also about another area", ALSO_COLOUR, "line"))
    return items
