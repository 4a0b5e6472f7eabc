"""The SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/) at /sparql."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from inspectkg.errors import MalformedQuery
from inspectkg.graph import Store

router = APIRouter()

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}


def _evaluate(store: Store, query: str, accept: str) -> Response:
    import pyoxigraph as ox

    result = store.query(query)
    if isinstance(result, ox.QueryBoolean) or isinstance(result, ox.QuerySolutions):
        media = next((m for m in SELECT_TYPES if m in accept), "application/sparql-results+json")
        fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[SELECT_TYPES[media]]
        return Response(result.serialize(format=fmt), media_type=media)
    body = ox.serialize(result, format=ox.RdfFormat.TURTLE)
    return Response(body, media_type="text/turtle")


@router.get("/sparql", tags=["sparql"], summary="SPARQL query by GET")
def sparql_get(request: Request, query: str | None = None) -> Response:
    """Answer a SPARQL query given in the `query` parameter."""
    if not query:
        raise MalformedQuery("the query parameter is required")
    return _evaluate(request.app.state.store, query, request.headers.get("accept", ""))


@router.post("/sparql", tags=["sparql"], summary="SPARQL query by POST")
async def sparql_post(request: Request) -> Response:
    """Answer a SPARQL query sent form-encoded or as application/sparql-query."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/sparql-query"):
        query = (await request.body()).decode("utf-8")
    else:
        form = await request.form()
        query = str(form.get("query") or "")
    if not query:
        raise MalformedQuery("the query parameter is required")
    return _evaluate(request.app.state.store, query, request.headers.get("accept", ""))
