"""The FastAPI application: JSON API, SPARQL endpoint and the offline web interface."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from . import errors
from .deps import workspace
from .routers import actions, compare, documents, entities, meta, search, sparql

STATIC = Path(__file__).parent / "static"
MAX_BODY = 50_000_000


def create_app() -> FastAPI:
    app = FastAPI(title="ivp-kg", version="0.1.0", docs_url="/docs",
                  description="Knowledge graph and search over integral safety plans (IVP/UVP) of police basisteams.")
    errors.install(app)
    for r in (search, entities, compare, documents, actions, meta, sparql):
        app.include_router(r.router)
    origins = workspace().settings.cors_origins
    if origins:  # CORS is off unless origins are configured
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["*"])

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        size = request.headers.get("content-length")
        if size and size.isdigit() and int(size) > MAX_BODY:
            return errors.error(413, f"request body too large (limit {MAX_BODY} bytes)")
        return await call_next(request)

    if STATIC.exists():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html")

    return app
