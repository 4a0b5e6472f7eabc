"""REST endpoints under /api for integrators: authorities, documents, findings, evidence, persistence,
named queries, graph exports and ingest by upload.

Every read runs in the query pool (api/worker.py) under the time limit of the settings.
"""

from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from inspectkg.errors import NotFound, RefusedOperation
from inspectkg.graph import Iris, registry
from inspectkg.graph.queries import get_query

from .guard import is_admin
from .models import (
    Authority,
    Document,
    Evidence,
    FindingPage,
    IngestAnswer,
    NamedQueryInfo,
    PracticeArea,
    TimelineEntry,
)
from .results import Answer

router = APIRouter(prefix="/api", tags=["rest"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such authority, document or query."},
    503: {"description": "Over the time limit."},
}


class GraphFormat(StrEnum):
    """Syntaxes of a graph export."""

    turtle = "turtle"
    jsonld = "jsonld"
    nquads = "nquads"


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    200: {
        "description": "The graph.",
        "content": {
            "text/turtle": {"schema": {"type": "string"}},
            "application/ld+json": {"schema": {"type": "string"}},
            "application/n-quads": {"schema": {"type": "string"}},
        },
    },
}


async def _read(request: Request, read: str, *args: Any) -> Any:
    return await request.app.state.pool.arun(read, *args)


async def _authority(request: Request, la: str) -> dict[str, Any]:
    rows = await _read(request, "named", "api-authorities", {"la": la})
    if not rows:
        raise NotFound(f"no local authority {la!r}; see /api/authorities")
    return dict(rows[0])


async def _document(request: Request, name: str) -> dict[str, Any]:
    """The document of that file name (a path segment cannot hold an IRI), read on its own."""
    found = await _read(request, "documents", {"file": name})
    if not found:
        raise NotFound(f"no document {name!r} in the store; see /api/documents")
    return dict(found[0])


@router.get("/authorities", response_model=list[Authority])
async def list_authorities(request: Request, in_store: bool = False) -> list[dict[str, Any]]:
    """English local authorities, with Ofsted URN and ONS/GSS code; `in_store`: only those with documents."""
    rows = await _read(request, "named", "api-authorities", {})
    return [r for r in rows if r["documents"] or not in_store]


@router.get("/authorities/{la}", response_model=Authority, responses=ERRORS)
async def get_authority(request: Request, la: str) -> dict[str, Any]:
    """One local authority, by name."""
    return await _authority(request, la)


@router.get("/authorities/{la}/timeline", response_model=list[TimelineEntry], responses=ERRORS)
async def timeline(request: Request, la: str) -> list[dict[str, Any]]:
    """The authority's graded judgements, document by document in date order."""
    authority = await _authority(request, la)
    return list(await _read(request, "named", "judgements", {"la": authority["name"]}))


@router.get("/authorities/{la}/persistence", response_class=JSONResponse, responses=ERRORS)
async def authority_persistence(request: Request, la: str) -> Response:
    """Persistence of concerns between the authority's documents (shared/spec/contract.md).

    One read in one worker: the authority (name, GSS code, URN or IRI) is resolved there. The
    worker answers JSON text, the stored answers joined (graph/export.py persistence_json), which
    is sent as it is: the busiest authority's is 130 kB, and parsing, pickling and printing it
    again took most of a read.
    """
    answer: Answer = await _read(request, "persistence", la)
    return Response(answer.body, media_type=answer.media_type)


@router.get("/authorities/{la}/export", response_class=Response, responses=EXPORT_RESPONSES)
async def export_authority(request: Request, la: str, format: GraphFormat = GraphFormat.turtle) -> Response:
    """The authority's document graphs and its derived links graph."""
    authority = await _authority(request, la)
    docs = await _read(request, "documents", {"la": authority["name"]})
    names = [d["iri"] for d in docs] + [
        Iris(request.app.state.settings.base_iri).links_graph(authority["urn"])
    ]
    answer: Answer = await _read(request, "graphs", names, format.value)
    return Response(answer.body, media_type=answer.media_type)


@router.get("/documents", response_model=list[Document])
async def list_documents(request: Request, la: str | None = None) -> list[dict[str, Any]]:
    """Documents with their metadata and judgements (shared/spec/contract.md)."""
    return list(await _read(request, "documents", {"la": la} if la else {}))


@router.get("/documents/{name}", response_model=Document, responses=ERRORS)
async def get_document(request: Request, name: str) -> dict[str, Any]:
    """One document, by file name."""
    return await _document(request, name)


@router.get("/documents/{name}/export", response_class=Response, responses=EXPORT_RESPONSES)
async def export_document(request: Request, name: str, format: GraphFormat = GraphFormat.turtle) -> Response:
    """The document's named graph: the document, its activity, judgements, findings and annotations."""
    doc = await _document(request, name)
    answer: Answer = await _read(request, "graphs", [doc["iri"]], format.value)
    return Response(answer.body, media_type=answer.media_type)


@router.get("/findings", response_model=FindingPage)
async def list_findings(
    request: Request,
    la: str | None = None,
    area: str | None = None,
    polarity: str | None = None,
    kind: str | None = None,
    team: str | None = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Findings with their evidence quote and location (page, character offsets), filtered and paginated."""
    given = {
        "la": la,
        "area": area,
        "polarity": polarity,
        "kind": kind,
        "team": team,
        "from": date_from,
        "to": date_to,
    }
    rows = await _read(request, "findings", {k: v for k, v in given.items() if v})
    return {"total": len(rows), "offset": offset, "limit": limit, "items": rows[offset : offset + limit]}


@router.get("/evidence", response_model=Evidence, responses=ERRORS)
async def evidence(request: Request, finding: str) -> dict[str, Any]:
    """The exact sentence behind a finding (by IRI), the text around it and where it is."""
    rows = await _read(request, "evidence", finding)
    if not rows:
        raise NotFound(f"no finding {finding!r}")
    out = dict(rows[0])
    out["related"] = (
        await _read(request, "named", "evidence", {"finding": finding}) if "evidence" in registry() else []
    )
    return out


@router.get("/practice-areas", response_model=list[PracticeArea])
async def practice_areas(request: Request) -> list[dict[str, Any]]:
    """The practice areas of children's services, with their judgement area and number of findings."""
    return list(await _read(request, "named", "api-practice-areas", {}))


@router.get("/persistence", response_class=JSONResponse)
async def get_persistence(request: Request, la: str | None = None) -> Response:
    """Persistence of concerns between each authority's documents (shared/spec/contract.md)."""
    answer: Answer = await _read(request, "persistence", la)
    return Response(answer.body, media_type=answer.media_type)


@router.get("/queries", response_model=list[NamedQueryInfo])
def list_queries() -> list[dict[str, Any]]:
    """The named queries and their parameters."""
    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "parameters": [p.__dict__ for p in q.parameters],
        }
        for q in registry().values()
    ]


@router.get(
    "/queries/{name}",
    response_class=JSONResponse,
    responses={**ERRORS, 400: {"description": "A missing or unknown parameter."}},
)
async def run_query(request: Request, name: str) -> Response:
    """Run a named query; its parameters are the query string's."""
    get_query(name)
    # The worker writes the rows as JSON text, which is sent as it is (no encoder in the server).
    answer: Answer = await _read(request, "named_json", name, dict(request.query_params))
    return Response(answer.body, media_type=answer.media_type)


@router.post(
    "/ingest",
    response_model=list[IngestAnswer],
    responses={403: {"description": "No admin token."}, 413: {"description": "Body too large."}},
)
async def ingest(request: Request, files: Annotated[list[UploadFile], File()]) -> list[dict[str, Any]]:
    """Ingest uploaded .pdf, .txt and .html files (admin token); one answer per file, as the CLI gives."""
    settings = request.app.state.settings
    if not is_admin(settings.admin_token, request.headers.get("authorization")):
        raise RefusedOperation("ingest needs the server's admin token (Authorization: Bearer)")
    from inspectkg.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="inspectkg-upload-") as tmp:
        paths = []
        for i, upload in enumerate(files):
            # Only the bare file name is kept: an uploaded "../../x" cannot write outside the folder.
            name = Path((upload.filename or f"upload-{i}").replace("\\", "/")).name or f"upload-{i}"
            path = Path(tmp) / f"{i:03d}" / name
            path.parent.mkdir()
            path.write_bytes(await upload.read())
            paths.append(path)
        results = await run_in_threadpool(ingest_paths, paths, request.app.state.store, settings)
    request.app.state.pool.refresh()
    return [
        {
            "file": r.path.name,
            "ok": r.error is None,
            "summary": r.summary(),
            "iri": r.iri,
            "authority": r.authority,
            "document_type": r.document_type,
            "findings": r.findings,
            "error": r.error.to_dict() if r.error else None,
        }
        for r in results
    ]
