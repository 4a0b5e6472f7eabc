"""The SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/) at /sparql.

Queries by GET, by POST form-encoded and by POST application/sparql-query (§2.1); updates by POST
form-encoded `update=` or application/sparql-update (§2.2), only with the admin token. Queries run
in the query pool (api/worker.py) under the time limit and row cap of the settings.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse

from inspectkg.errors import MalformedQuery

from .guard import check_query, check_update, is_admin
from .reads import graph_names
from .results import Answer, accepted
from .views import query_page

router = APIRouter(tags=["sparql"])

RESULT_CONTENT = {
    media: {"schema": {"type": "string"}}
    for media in (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
    )
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The result, in the negotiated format.", "content": RESULT_CONTENT},
    400: {"description": "Malformed query, or more rows than the row cap."},
    403: {"description": "Update, LOAD or SERVICE without the admin token."},
    503: {"description": "The query ran over the time limit and was stopped."},
}
POST_BODY = {
    "requestBody": {
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
        },
    }
}


def _wants_page(request: Request) -> bool:
    for media in accepted(request.headers.get("accept")):
        if media in {"text/html", "application/xhtml+xml"}:
            return True
        if media != "*/*":
            return False
    return False


async def _query(
    request: Request, query: str, default_graphs: list[str], named_graphs: list[str], formats: list[str]
) -> Response:
    settings = request.app.state.settings
    graph_names(default_graphs, "default-graph-uri")
    graph_names(named_graphs, "named-graph-uri")
    check_query(query, is_admin(settings.admin_token, request.headers.get("authorization")))
    answer: Answer = await request.app.state.pool.arun(
        "sparql",
        query,
        default_graphs,
        named_graphs,
        request.headers.get("accept"),
        formats,
        settings.query_row_cap,
    )
    return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


async def _update(request: Request, update: str) -> Response:
    settings = request.app.state.settings
    check_update(update, is_admin(settings.admin_token, request.headers.get("authorization")))
    await run_in_threadpool(request.app.state.store.update, update)
    await run_in_threadpool(request.app.state.store.flush)
    request.app.state.pool.refresh()
    return JSONResponse({"updated": True})


@router.get("/sparql", summary="SPARQL query by GET (a browser gets the query page)", responses=RESPONSES)
async def sparql_get(
    request: Request,
    query: str | None = None,
    default_graph_uri: list[str] = Query(default=[], alias="default-graph-uri"),  # noqa: B008
    named_graph_uri: list[str] = Query(default=[], alias="named-graph-uri"),  # noqa: B008
    format: list[str] = Query(default=[]),  # noqa: B008
) -> Response:
    """Answer the SPARQL query of the `query` parameter (SPARQL 1.1 Protocol §2.1.1)."""
    if not query:
        if _wants_page(request):
            return HTMLResponse(query_page())
        raise MalformedQuery("the query parameter is required (SPARQL 1.1 Protocol §2.1)")
    return await _query(request, query, default_graph_uri, named_graph_uri, format)


@router.post(
    "/sparql", summary="SPARQL query or update by POST", responses=RESPONSES, openapi_extra=POST_BODY
)
async def sparql_post(request: Request) -> Response:
    """A query form-encoded or as application/sparql-query; an update as `update=` or sparql-update."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url = request.query_params
    if ctype in {"application/sparql-query", "application/sparql-update"}:
        text = (await request.body()).decode("utf-8", errors="replace")
        if ctype == "application/sparql-update":
            return await _update(request, text)
        return await _query(
            request,
            text,
            url.getlist("default-graph-uri"),
            url.getlist("named-graph-uri"),
            url.getlist("format"),
        )
    if ctype not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        raise MalformedQuery(
            f"unsupported content type {ctype or 'none'!r}: send application/sparql-query, "
            "application/sparql-update or a form (SPARQL 1.1 Protocol §2.1.2)"
        )
    form = await request.form()
    values = {key: [str(v) for v in form.getlist(key)] for key in form}
    if values.get("update"):
        return await _update(request, values["update"][0])
    query = (values.get("query") or [""])[0]
    if not query:
        raise MalformedQuery("the query parameter is required (SPARQL 1.1 Protocol §2.1)")
    return await _query(
        request,
        query,
        values.get("default-graph-uri", []),
        values.get("named-graph-uri", []),
        values.get("format", []),
    )
