"""The HTML pages: an index at / and the pyvis views under /viz."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from inspectkg.viz import render_view

router = APIRouter(tags=["views"])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index() -> str:
    """Links to the views, the query endpoint and the docs."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>inspectkg</title></head><body>"
        "<h1>inspectkg</h1><ul>"
        "<li><a href='/viz/authority?la=Blackpool'>Blackpool authority view</a></li>"
        "<li><a href='/viz/national'>National overview</a></li>"
        "<li><a href='/sparql?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20LIMIT%2010'>SPARQL</a></li>"
        "<li><a href='/docs'>API docs</a></li></ul></body></html>"
    )


@router.get("/viz/{view}", response_class=HTMLResponse)
def view(request: Request, view: str, la: str | None = None, area: str | None = None) -> str:
    """A pyvis view: authority, practice-area or national."""
    return render_view(request.app.state.store, view, la=la, area=area, settings=request.app.state.settings)
