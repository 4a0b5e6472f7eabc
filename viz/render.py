"""pyvis views of the graph: an authority, a practice area across authorities, the national overview."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from inspectkg.errors import MissingParameter, NotFound, QueryError
from inspectkg.graph import Store, analysis, run_named_query
from inspectkg.graph.export import persistence
from inspectkg.settings import Settings

from .layout import (
    ViewData,
    authority_view,
    cooccurrence_from_rows,
    national_view,
    persistence_from_pairs,
    practice_area_view,
)
from .page import page

VIEWS = ("authority", "practice-area", "national")
#: The URL parameters (and CLI options) each view is filtered by, in the order the form shows them.
FILTERS = {
    "authority": ("la", "area", "polarity", "kind", "from", "to", "cap"),
    "practice-area": ("area", "la", "polarity", "kind", "from", "to", "cap"),
    "national": ("la", "kind", "from", "to"),
}
#: Filters passed on to the findings query as its named parameters.
QUERY_FILTERS = ("la", "area", "polarity", "kind", "from", "to")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _one_row_each(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first row of each document: several lead inspectors or dates would repeat it."""
    first: dict[str, dict[str, Any]] = {}
    for r in rows:
        first.setdefault(r["document"], r)
    return list(first.values())


def _keeps(filters: dict[str, str]) -> Callable[[dict[str, Any]], bool]:
    """Which findings rows a view keeps: not context, and within its filters (as the findings query)."""
    la, area = filters.get("la", "").casefold(), filters.get("area", "")
    polarity, kind = filters.get("polarity"), filters.get("kind")
    since, until = filters.get("from"), filters.get("to")

    def keep(r: dict[str, Any]) -> bool:
        date = str(r["date"] or "")
        return (
            r["kind"] != "context"
            and (not la or r["authority"].casefold() == la)
            and (not area or area in (r["areas"] or "").split())
            and (not polarity or r["polarity"] == polarity)
            and (not kind or r["kind"] == kind)
            and (not since or (date != "" and date >= since))
            and (not until or (date != "" and date <= until))
        )

    return keep


def _findings(store: Store, view: str, filters: dict[str, str]) -> list[dict[str, Any]]:
    """The findings a view draws: those of the authority (the findings query, driven by the authority's
    documents) or of the practice area (viz-area-findings.rq, driven by the area), filtered here."""
    if view == "authority":
        rows = run_named_query(store, "findings", {"la": filters["la"]})
    elif view == "practice-area":
        rows = run_named_query(store, "viz-area-findings", {"area": filters["area"]})
    else:
        rows = run_named_query(store, "findings", {k: v for k, v in filters.items() if k in QUERY_FILTERS})
    keep = _keeps(filters)
    return [r for r in rows if keep(r)]


def _load(
    store: Store, view: str, filters: dict[str, str], cap: int, evidence_url: str, with_rows: bool = True
) -> ViewData:
    """What a view is drawn from; without rows, only the practice areas' names (the national overview)."""
    areas = run_named_query(store, "viz-practice-areas")
    la = filters.get("la") or None
    scope = {"la": la} if la else {}
    documents = _one_row_each(run_named_query(store, "viz-documents", scope)) if with_rows else []
    if la and documents:
        # la may name the authority by code or IRI; the rows carry its name, which the filters compare.
        la = documents[0]["authority"]
        filters = {**filters, "la": la}
    return ViewData(
        findings=_findings(store, view, filters) if with_rows else [],
        documents=documents,
        judgements=run_named_query(store, "judgements", scope) if with_rows else [],
        persistence=persistence(store, la) if with_rows else {"pairs": []},
        area_labels={r["area"]: r["label"] for r in areas},
        area_groups={r["area"]: r["judgement_area"] or "" for r in areas},
        evidence_url=evidence_url,
        node_cap=cap,
        filters=filters,
    )


def _cap(filters: dict[str, str], settings: Settings) -> int:
    """The node cap: the settings' one, or a lower one the URL asks for."""
    if not filters.get("cap"):
        return settings.viz_node_cap
    if not filters["cap"].isdigit() or int(filters["cap"]) < 1:
        raise QueryError(f"cap must be a positive whole number of nodes, not {filters['cap']!r}")
    return min(settings.viz_node_cap, int(filters["cap"]))


def render_view(
    store: Store,
    view: str,
    *,
    la: str | None = None,
    area: str | None = None,
    settings: Settings | None = None,
    filters: dict[str, str] | None = None,
    evidence_url: str = "/api/evidence?finding=",
) -> str:
    """The HTML of one view; `filters` are the URL parameters of FILTERS (la and area may come alone)."""
    if view not in VIEWS:
        raise NotFound(f"no view {view!r}; there are: {', '.join(VIEWS)}")
    given = {**(filters or {}), **({"la": la} if la else {}), **({"area": area} if area else {})}
    wanted = {k: given.get(k) or "" for k in FILTERS[view]}
    cap = _cap(wanted, settings or Settings())
    for key in ("from", "to"):
        if wanted.get(key) and not DATE.fullmatch(wanted[key]):
            raise QueryError(f"{key} must be a date, YYYY-MM-DD, not {wanted[key]!r}")
    if view == "authority" and not wanted["la"]:
        raise MissingParameter("the authority view needs la, e.g. la=Blackpool")
    if view == "practice-area" and not wanted["area"]:
        raise MissingParameter("the practice-area view needs area, e.g. area=neglect")
    if view == "national" and not any(wanted.get(k) for k in ("kind", "from", "to")):
        # Unfiltered, the analysis aggregates in SPARQL: no findings rows cross over, however many are stored.
        la_name = wanted.get("la") or None
        data = _load(store, view, {}, cap, evidence_url, with_rows=False)
        fig = national_view(
            data, analysis.cooccurrence_graph(store, la_name), analysis.persistence_counts(store, la_name)
        )
        return page(fig, view, wanted)
    data = _load(store, view, {k: v for k, v in wanted.items() if v}, cap, evidence_url)
    if view == "authority":
        # The documents are the authority's own (la is resolved by name, code or IRI): they give its name.
        if not data.documents:
            raise NotFound(f"no documents about the local authority {wanted['la']!r}")
        fig = authority_view(data, data.documents[0]["authority"])
    elif view == "practice-area":
        if wanted["area"] not in data.area_labels:
            raise NotFound(f"no practice area {wanted['area']!r}")
        fig = practice_area_view(data, wanted["area"])
    else:
        fig = national_view(
            data, cooccurrence_from_rows(data.findings), persistence_from_pairs(data.persistence["pairs"])
        )
    return page(fig, view, wanted)
