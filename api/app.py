"""The application factory: one FastAPI app serving SPARQL, REST and the views over one store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inspectkg import __version__
from inspectkg.errors import InspectkgError, RequestTooLarge
from inspectkg.graph import Store
from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import ensure_current
from inspectkg.settings import Settings, load_settings

from .cache import ResponseCache
from .rest import router as rest_router
from .sparql import router as sparql_router
from .views import router as views_router
from .worker import QueryPool

UPLOAD_PATH = "/api/ingest"


class BodyLimit:
    """Refuse a request body over the limit (413), by its Content-Length or as it streams in.

    Uploads to /api/ingest may be as large as one file may be (Settings.max_file_bytes); every
    other body is bounded by Settings.max_body_bytes.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.settings.max_file_bytes if scope["path"] == UPLOAD_PATH else self.settings.max_body_bytes
        error = RequestTooLarge(f"the request body is over the limit of {limit} bytes")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await JSONResponse(error.to_dict(), status_code=error.status)(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise error
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except RequestTooLarge:
            if not started:
                await JSONResponse(error.to_dict(), status_code=error.status)(scope, receive, send)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, "status": status}, status_code=status)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """An app over `store`, or over the on-disk store the settings name.

    Reads go to a pool of worker processes (api/worker.py) started with the app and stopped with it.
    """
    settings = settings or load_settings()
    if store is None:
        store = Store(settings.store_path)
    ensure_current(store, Iris(settings.base_iri))
    store.flush()
    pool = QueryPool(store, settings.query_workers, settings.query_timeout_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.close()

    # FastAPIOffline serves the Swagger UI and ReDoc assets of /docs and /redoc from the package,
    # not from a CDN, so the docs work on a machine with no internet.
    app = FastAPIOffline(
        title="inspectkg",
        version=__version__,
        description="A knowledge graph of Ofsted inspection evidence: SPARQL 1.1 Protocol at /sparql, "
        "REST under /api, views under /viz. Errors answer in one JSON shape: "
        '{"error": code, "message": text, "status": HTTP status}.',
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.pool = pool

    @app.exception_handler(InspectkgError)
    async def inspectkg_error(request: Request, exc: InspectkgError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(422, "invalid-request", problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, "http", str(exc.detail))

    app.include_router(sparql_router)
    app.include_router(rest_router)
    app.include_router(views_router)
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(ResponseCache, generation=lambda: pool.generation, max_bytes=settings.cache_bytes)
    return app
