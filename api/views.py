"""The HTML pages: the SPARQL query page at / (and /sparql in a browser), and the pyvis views under /viz."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from inspectkg.errors import NotFound
from inspectkg.graph import registry
from inspectkg.viz import render_view

router = APIRouter(tags=["views"])

STATIC = resources.files(__package__).joinpath("static")


@cache
def query_page() -> str:
    """The query page, self-contained (no CDN), with the named queries as examples."""
    examples = [
        {"name": q.name, "title": q.title, "description": q.description, "sparql": q.sparql}
        for q in registry().values()
    ]
    # "</" would end the inline script element early (HTML §4.12.1.3).
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    page = STATIC.joinpath("query.html").read_text(encoding="utf-8")
    return page.replace("{{examples}}", data)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index() -> str:
    """The query page, with links to the views and the API docs."""
    return query_page()


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    """The page's script and style; only the files shipped in api/static/, by bare name."""
    files = {entry.name: entry for entry in STATIC.iterdir()}
    if name not in files or name.endswith(".html"):
        raise NotFound(f"no static file {name!r}")
    media = {"js": "text/javascript", "css": "text/css"}.get(
        name.rsplit(".", 1)[-1], "application/octet-stream"
    )
    return Response(files[name].read_bytes(), media_type=media)


@router.get("/viz/{view}", response_class=HTMLResponse)
def view(request: Request, view: str, la: str | None = None, area: str | None = None) -> str:
    """A pyvis view: authority, practice-area or national; other parameters pass through to the view."""
    # Every URL parameter goes to the view, which keeps those it filters by (la, area, polarity, kind, from,
    # to, cap): `from` cannot be a Python keyword argument, so they travel as one mapping.
    return render_view(
        request.app.state.store,
        view,
        la=la,
        area=area,
        settings=request.app.state.settings,
        filters=dict(request.query_params),
    )
