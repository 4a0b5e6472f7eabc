"""pyvis views of the graph: an authority, a practice area across authorities, the national overview."""

from __future__ import annotations

import html
from typing import Any

from pyvis.network import Network

from inspectkg.errors import NotFound
from inspectkg.graph import Store, run_named_query
from inspectkg.graph.export import persistence
from inspectkg.settings import Settings

POLARITY_COLOURS = {"concern": "#d62728", "strength": "#2ca02c", "mixed": "#ff7f0e", "neutral": "#999999"}
VIEWS = ("authority", "practice-area", "national")


def _network() -> Network:
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    return net


def render_view(store: Store, view: str, *, la: str | None = None, area: str | None = None,
                settings: Settings | None = None) -> str:
    """The HTML of one view."""
    if view not in VIEWS:
        raise NotFound(f"no view {view!r}; there are: {', '.join(VIEWS)}")
    net = _network()
    params: dict[str, str] = {}
    if la:
        params["la"] = la
    if area:
        params["area"] = area
    rows = [r for r in run_named_query(store, "findings", params) if r["kind"] != "context"]
    cap = settings.viz_node_cap if settings else 2000
    docs: dict[str, dict[str, Any]] = {}
    for r in rows:
        docs.setdefault(r["document"], r)
    for i, (doc, r) in enumerate(sorted(docs.items(), key=lambda kv: str(kv[1]["date"]))):
        net.add_node(doc, label=html.escape(f"{r['file']}"), title=html.escape(f"{r['authority']} {r['date']}"),
                     shape="box", x=i * 400, y=0)
    areas: set[str] = set()
    for j, r in enumerate(rows[:cap]):
        net.add_node(r["finding"], label=" ", title=html.escape(r["text"]),
                     color=POLARITY_COLOURS[r["polarity"]], size=8, x=(j % 40) * 30, y=200 + (j // 40) * 30)
        net.add_edge(r["document"], r["finding"])
        for a in (r["areas"] or "").split():
            if a not in areas:
                areas.add(a)
                net.add_node("area:" + a, label=a, shape="ellipse", color="#1f77b4", x=len(areas) * 120, y=-300)
            net.add_edge(r["finding"], "area:" + a)
    if view == "authority" and la:
        for pair in persistence(store, la)["pairs"]:
            for entry in pair["persisting"]:
                aid = "area:" + entry["practice_area"]
                if aid in areas:
                    net.add_edge(pair["earlier_iri"], aid, color="#d62728", width=4, title="persisting")
    return str(net.generate_html())
