"""The application factory: one FastAPI app serving SPARQL, REST and the views over one store."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from inspectkg import __version__
from inspectkg.errors import InspectkgError
from inspectkg.graph import Store
from inspectkg.graph.iri import Iris
from inspectkg.graph.reference import ensure_reference
from inspectkg.settings import Settings, load_settings

from .rest import router as rest_router
from .sparql import router as sparql_router
from .views import router as views_router


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """An app over `store`, or over the on-disk store the settings name."""
    settings = settings or load_settings()
    if store is None:
        store = Store(settings.store_path)
    ensure_reference(store, Iris(settings.base_iri))
    app = FastAPI(
        title="inspectkg",
        version=__version__,
        description="A knowledge graph of Ofsted inspection evidence: SPARQL 1.1 Protocol at /sparql, "
        "REST under /api, views under /viz.",
    )
    app.state.settings = settings
    app.state.store = store

    @app.exception_handler(InspectkgError)
    async def inspectkg_error(request: Request, exc: InspectkgError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    app.include_router(sparql_router)
    app.include_router(rest_router)
    app.include_router(views_router)
    return app
