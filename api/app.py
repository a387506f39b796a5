"""The FastAPI application: JSON API, SPARQL endpoint and the offline web interface."""
from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from . import docs, errors, headers
from .deps import job_queue, workspace
from .limits import BodyLimit, route_limit
from .routers import actions, compare, documents, entities, jobs, meta, search, sparql
from .routers import coverage, csv_export

STATIC = Path(__file__).parent / "static"


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    """The ingest queue's thread starts in the serving process (after uvicorn forked its workers), never at
    import; one process at a time runs the queue (kg/jobs.py), the others only answer for the jobs."""
    queue = job_queue()
    queue.start()
    if workspace().settings.warm:  # `ivp serve`: models load now, in the background, not on a first question
        threading.Thread(target=_warm, name="ivp-warm", daemon=True).start()
    try:
        yield
    finally:
        queue.stop()


def _warm() -> None:
    try:
        workspace().warm()
    except Exception:  # noqa: BLE001 - a failed warm-up only defers loading; the first request reports the cause
        logging.getLogger("ivp.api").exception("warm-up failed; models load on the first request")


def create_app() -> FastAPI:
    app = FastAPI(title="ivp-kg", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Knowledge graph and search over integral safety plans (IVP/UVP) of police basisteams.")
    errors.install(app)
    headers.install(app)  # CSP, nosniff, frame-ancestors... on every response, 500s included
    for r in (csv_export, coverage, search, entities, compare, documents, jobs, actions, meta, sparql):
        app.include_router(r.router)
    docs.install(app)  # /docs: Swagger UI from a package, no CDN
    origins = workspace().settings.cors_origins
    if origins:  # CORS is off unless origins are configured
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["*"])

    app.add_middleware(BodyLimit, limit=route_limit(workspace().settings.max_upload_bytes))

    if STATIC.exists():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html")

    return app
