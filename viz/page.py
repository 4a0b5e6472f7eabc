"""The HTML page of a figure: one self-contained file, vis-network inlined, every text escaped."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .figure import KIND_SHAPES, POLARITY_COLOURS, Figure

HERE = Path(__file__).resolve().parent
#: vis-network as pyvis ships it, inlined: pyvis's own templates still link Bootstrap on a CDN (issue 7).
VIS_LIB = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
#: Physics off: positions come from Python, and vis-network's solver needs ~150 ms an iteration at 2,000
#: nodes (issue 7). improvedLayout off too, or vis-network clusters the graph itself before drawing.
OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "hideEdgesOnDrag": True,
        "navigationButtons": False,
        "keyboard": {"enabled": True, "bindToWindow": False},
    },
    "edges": {"smooth": False, "arrows": {"to": {"enabled": False}}},
    "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}},
}
#: Characters that could end the <script> block or start a comment are sent as JSON escapes.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))


@cache
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def script_json(value: Any) -> Markup:
    """JSON that can sit inside a <script> element whatever strings it holds."""
    return Markup(json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE))


def _network(fig: Figure) -> Network:
    """A pyvis network holding the figure; its lists are assigned, since add_node/add_edge are quadratic."""
    net = Network(directed=False, cdn_resources="in_line", heading=fig.heading)
    net.nodes = fig.nodes
    net.edges = fig.edges
    net.node_ids = [n["id"] for n in fig.nodes]
    net.options = OPTIONS
    return net


def _css(text: str) -> Markup:
    """A style sheet inside <style>: only a closing tag could escape it, and ours never hold one."""
    return Markup(text.replace("</", "<\\/"))


def _js(text: str) -> Markup:
    return Markup(text.replace("</script", "<\\/script"))


def page(fig: Figure, view: str, filters: dict[str, str]) -> str:
    """The HTML of a figure, with its filter form filled from the view's URL parameters."""
    net = _network(fig)
    nodes, edges, heading, _height, _width, options = net.get_network_data()
    payload = {"nodes": nodes, "edges": edges, "options": json.loads(options), "start": fig.start}
    return (
        _environment()
        .get_template("view.html")
        .render(
            view=view,
            heading=heading,
            subtitle=fig.subtitle,
            notes=fig.notes,
            legend=fig.legend,
            filters=list(filters.items()),
            polarities=list(POLARITY_COLOURS),
            kinds=list(KIND_SHAPES),
            data=script_json(payload),
            vis_css=_css(_asset(VIS_LIB / "vis-network.css")),
            vis_js=_js(_asset(VIS_LIB / "vis-network.min.js")),
            page_css=_css(_asset(HERE / "static" / "view.css")),
            page_js=_js(_asset(HERE / "static" / "view.js")),
        )
    )
