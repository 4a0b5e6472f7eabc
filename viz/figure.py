"""The figure a view hands the browser: nodes with fixed positions, edges, legend, and the node cap."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)

POLARITY_COLOURS = {"concern": "#d62728", "strength": "#2ca02c", "mixed": "#ff7f0e", "neutral": "#9e9e9e"}
GRADE_COLOURS = {
    "outstanding": "#1b7837",
    "good": "#7fbc41",
    "requires_improvement": "#f4a582",
    "inadequate": "#b2182b",
}
STATUS_STYLES: dict[str, dict[str, Any]] = {
    "persisting": {"color": "#b2182b", "width": 7, "dashes": False},
    "improved": {"color": "#2ca02c", "width": 3, "dashes": [8, 6]},
    "new": {"color": "#ff7f0e", "width": 2, "dashes": [3, 5]},
}
KIND_SHAPES = {"finding": "dot", "recommendation": "triangle", "judgement": "diamond"}
#: The first rows of an aggregated node's tooltip: enough to recognise it without a wall of text.
SAMPLE_SENTENCES = 5


@dataclass
class Figure:
    """Nodes and edges in vis-network's shape, with the words shown around them."""

    heading: str
    subtitle: str = ""
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    legend: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: "fit" shows the whole figure; "top" opens a tall timeline at its top, fitted to the width.
    start: str = "fit"

    def node(self, node_id: str, **attrs: Any) -> dict[str, Any]:
        """Append a node; the lists are built directly since pyvis's add_node is quadratic (issue 7)."""
        n = {"id": node_id, **attrs}
        self.nodes.append(n)
        return n

    def edge(self, source: str, target: str, **attrs: Any) -> dict[str, Any]:
        """Append an edge."""
        e = {"from": source, "to": target, **attrs}
        self.edges.append(e)
        return e


def info(
    title: str,
    rows: Iterable[tuple[str, Any]] = (),
    text: str = "",
    link: str = "",
    sentences: Iterable[str] = (),
) -> dict[str, Any]:
    """A tooltip's content as data: the page writes it with textContent, so no text is ever parsed as HTML."""
    return {
        "title": title,
        "rows": [[k, str(v)] for k, v in rows if v not in (None, "")],
        "text": text,
        "link": link,
        "sentences": list(sentences),
    }


def finding_node(
    fig: Figure, row: dict[str, Any], x: float, y: float, link: str, area_labels: dict[str, str]
) -> dict[str, Any]:
    """One finding: coloured by polarity, shaped by kind, its sentence and location in the tooltip."""
    areas = (row["areas"] or "").split()
    return fig.node(
        row["finding"],
        label=" ",
        x=x,
        y=y,
        size=7,
        shape=KIND_SHAPES.get(row["kind"], "dot"),
        color=POLARITY_COLOURS.get(row["polarity"], POLARITY_COLOURS["neutral"]),
        polarity=row["polarity"],
        kind=row["kind"],
        role="finding",
        info=info(
            f"{row['polarity']} {row['kind']}",
            [
                ("document", row["file"]),
                ("authority", row["authority"]),
                ("date", row["date"]),
                ("page", row["page"]),
                ("characters", f"{row['start']}–{row['end']}"),
                ("section", row["section"]),
                ("practice areas", ", ".join(area_labels.get(a, a) for a in areas)),
                ("teams", ", ".join(t for t in (row["teams"] or "").split("|") if t)),
                ("trajectory", row["trajectory"]),
            ],
            text=row["text"],
            link=link,
        ),
    )


def aggregate_node(
    fig: Figure, node_id: str, rows: list[dict[str, Any]], x: float, y: float, title: str
) -> dict[str, Any]:
    """Several findings of one group as one node, sized by their number, when the cap is reached."""
    polarity = Counter(r["polarity"] for r in rows).most_common(1)[0][0]
    kinds = Counter(r["kind"] for r in rows)
    return fig.node(
        node_id,
        label=str(len(rows)),
        x=x,
        y=y,
        size=8 + 3 * math.sqrt(len(rows)),
        shape="dot",
        color=POLARITY_COLOURS.get(polarity, POLARITY_COLOURS["neutral"]),
        polarity=polarity,
        kind=kinds.most_common(1)[0][0],
        role="group",
        count=len(rows),
        info=info(
            f"{len(rows)} sentences: {title}",
            [(k, v) for k, v in sorted(kinds.items())],
            sentences=[r["text"] for r in rows[:SAMPLE_SENTENCES]],
        ),
    )


def group_rows(
    rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], K]
) -> dict[K, list[dict[str, Any]]]:
    """Rows grouped by key, in first-seen order."""
    groups: dict[K, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return groups


def grid(n: int, columns: int, spacing: float) -> list[tuple[float, float]]:
    """Offsets of n points in rows of `columns`, so a cell's findings never overlap."""
    return [((i % columns) * spacing, (i // columns) * spacing) for i in range(n)]
