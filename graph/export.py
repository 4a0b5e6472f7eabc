"""Exports in the contract's formats (shared/spec/contract.md): findings, documents, persistence."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .iri import Iris
from .linking import AreaLink, persistence_pairs
from .queries import resolve_authority, run_named_query
from .store import Store


def findings(store: Store, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """One contract finding per sentence, filtered by the `findings` query's parameters."""
    for r in run_named_query(store, "findings", params):
        yield {
            "document": r["file"],
            "text": r["text"],
            "start": r["start"],
            "end": r["end"],
            "kind": r["kind"],
            "polarity": r["polarity"],
            "practice_areas": sorted((r["areas"] or "").split()),
            "judgement_area": r["judgement_area"],
            "teams": sorted(t for t in (r["teams"] or "").split("|") if t),
            "trajectory": r["trajectory"],
            "iri": r["finding"],
            "page": r["page"],
            "section": r["section"],
            "local_authority": r["authority"],
        }


def documents(store: Store, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """One contract document per stored document, with its judgements (params: la, document, file)."""
    grades: dict[str, dict[str, str]] = defaultdict(dict)
    for j in run_named_query(store, "judgements", params):
        grades[j["document"]][j["key"]] = j["grade"]
    counted = {r["document"]: r["findings"] for r in run_named_query(store, "document-findings", params)}
    for r in run_named_query(store, "documents", params):
        yield {
            "document": r["file"],
            "iri": r["document"],
            "local_authority": r["authority"],
            "urn": r["urn"],
            "la_code": r["gss"],
            "document_type": r["type"],
            "framework": r["framework"],
            "inspection_start": r["start"],
            "inspection_end": r["end"],
            "published": r["published"],
            "lead_inspector": r["lead"],
            "inspectors": sorted(n for n in (r["inspectors"] or "").split("|") if n),
            "visit_ordinal": r["ordinal"],
            "earlier_inspection": r["earlier_date"],
            "earlier_grade": r["earlier_grade"],
            "judgements": grades.get(r["document"], {}),
            "findings": counted.get(r["document"], 0),
        }


def persistence(store: Store, la: str | None = None) -> dict[str, Any]:
    """Persistence of concerns between each authority's document pairs, in the contract's shape.

    Linking stores each authority's answer in its links graph (`persistence-answers`): a read is one
    lookup per authority. A store linked before answers were stored is read from its links instead
    (`computed_persistence`).
    """
    params, answers = _stored_answers(store, la)
    if answers is not None:
        return {"pairs": [pair for answer in answers for pair in json.loads(answer)]}
    return computed_persistence(store, params)


def persistence_json(store: Store, la: str | None = None) -> bytes:
    """`persistence` as JSON text, the stored answers joined as they are rather than parsed and
    printed again (the busiest authority's answer is 130 kB: the API sends it as it is)."""
    params, answers = _stored_answers(store, la)
    if answers is None:
        return json.dumps(computed_persistence(store, params), ensure_ascii=False).encode("utf-8")
    # Each answer is a JSON array of pairs: their items, joined, are the items of "pairs".
    items = [inner for answer in answers if (inner := answer.strip()[1:-1].strip())]
    return ('{"pairs": [' + ", ".join(items) + "]}").encode("utf-8")


def _stored_answers(store: Store, la: str | None) -> tuple[dict[str, str], list[str] | None]:
    """The `persistence-answers` parameters for `la`, and the stored answers (JSON arrays of pairs)
    when they are complete: the authority's, or those of every links graph (None otherwise)."""
    params: dict[str, str] = {}
    if la:
        params["links"] = Iris.links_graph_of(resolve_authority(store, la).value)
    answers = run_named_query(store, "persistence-answers", params)
    linked = {g for g in store.named_graphs() if Iris.is_links_graph(g)} if not la else set()
    if answers and (la or {r["links"] for r in answers} == linked):
        return params, [r["answer"] for r in answers]
    return params, None


def computed_persistence(store: Store, params: dict[str, str]) -> dict[str, Any]:
    """Persistence read from the stored links (`params`: the `links` graph of one authority, or none
    for all), in the shape linking gives its stored answers (`persistence_pairs`). Links and their
    evidence are two queries joined here: one query with the evidence as an OPTIONAL costs ten
    times as much."""
    evidence = {
        (r["link"], r["side"]): tuple(sorted(r["findings"].split()))
        for r in run_named_query(store, "persistence-evidence", params)
    }
    by_authority: dict[str, tuple[dict[str, dict[str, str]], list[tuple[str, str, AreaLink]]]] = {}
    for r in run_named_query(store, "persistence", params):
        docs, links = by_authority.setdefault(r["authority"], ({}, []))
        docs[r["earlier"]] = {"doc": r["earlier"], "file": r["earlier_file"]}
        docs[r["later"]] = {"doc": r["later"], "file": r["later_file"]}
        link = AreaLink(
            r["area"],
            r["status"],
            evidence.get((r["link"], "earlier"), ()),
            evidence.get((r["link"], "later"), ()),
        )
        links.append((r["earlier"], r["later"], link))
    return {
        "pairs": [
            pair
            for authority, (docs, links) in sorted(by_authority.items())
            for pair in persistence_pairs(authority, list(docs.values()), links)
        ]
    }
