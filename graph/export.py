"""Exports in the contract's formats (shared/spec/contract.md): findings, documents, persistence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .queries import run_named_query
from .store import Store


def findings(store: Store, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """One contract finding per sentence that is not context (context sentences carry no evaluation)."""
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
    """One contract document per stored document, with its judgements."""
    grades: dict[str, dict[str, str]] = defaultdict(dict)
    for j in run_named_query(store, "judgements", params):
        grades[j["document"]][j["key"]] = j["grade"]
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
            "findings": r["findings"],
        }


def persistence(store: Store, la: str | None = None) -> dict[str, Any]:
    """Persistence of concerns between each authority's document pairs, in the contract's shape."""
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
    entries: dict[tuple[str, str, str, str, str], dict[str, Any]] = {}
    for r in run_named_query(store, "persistence", {"la": la} if la else {}):
        pkey = (r["authority"], r["earlier"], r["later"])
        pair = pairs.setdefault(
            pkey,
            {
                "local_authority": r["authority"],
                "earlier": r["earlier_file"],
                "later": r["later_file"],
                "earlier_iri": r["earlier"],
                "later_iri": r["later"],
                "persisting": [],
                "improved": [],
                "new": [],
                "not_covered": [],
            },
        )
        ekey = (*pkey, r["status"], r["area"])
        entry = entries.get(ekey)
        if entry is None:
            entry = {"practice_area": r["area"]}
            if r["status"] != "new":
                entry["earlier_findings"] = []
            if r["status"] != "not_covered":
                entry["later_findings"] = []
            entries[ekey] = entry
            pair[r["status"]].append(entry)
        if r["side"] and r["finding"]:
            entry.setdefault(f"{r['side']}_findings", []).append(r["finding"])
    for entry in entries.values():
        for side in ("earlier_findings", "later_findings"):
            if side in entry:
                entry[side].sort()
    return {"pairs": list(pairs.values())}
