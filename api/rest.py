"""REST endpoints under /api for integrators: documents, findings, persistence, named queries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from inspectkg.graph import registry, run_named_query
from inspectkg.graph.export import documents, findings, persistence

router = APIRouter(prefix="/api", tags=["rest"])


@router.get("/documents")
def list_documents(request: Request, la: str | None = None) -> list[dict[str, Any]]:
    """Documents with their metadata and judgements."""
    return list(documents(request.app.state.store, {"la": la} if la else {}))


@router.get("/findings")
def list_findings(request: Request, la: str | None = None, area: str | None = None,
                  polarity: str | None = None, kind: str | None = None,
                  limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Findings, filtered and paginated."""
    params = {k: v for k, v in {"la": la, "area": area, "polarity": polarity, "kind": kind}.items() if v}
    rows = list(findings(request.app.state.store, params))
    return {"total": len(rows), "offset": offset, "limit": limit, "items": rows[offset : offset + limit]}


@router.get("/persistence")
def get_persistence(request: Request, la: str | None = None) -> dict[str, Any]:
    """Persistence of concerns between an authority's documents."""
    return persistence(request.app.state.store, la)


@router.get("/queries")
def list_queries() -> list[dict[str, Any]]:
    """The named queries and their parameters."""
    return [{"name": q.name, "title": q.title, "description": q.description,
             "parameters": [p.__dict__ for p in q.parameters]} for q in registry().values()]


@router.get("/queries/{name}")
def run_query(request: Request, name: str) -> list[dict[str, Any]]:
    """Run a named query; its parameters are the query string's."""
    return run_named_query(request.app.state.store, name, dict(request.query_params))
