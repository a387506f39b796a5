"""Offline API documentation: Swagger UI at /docs, its assets from the swagger-ui-bundle-v2 package.

FastAPI's own /docs and /redoc pull their JavaScript from a CDN and start it with an inline script, so they are
blank offline and break under the strict Content-Security-Policy (api/headers.py). This page is a static file
(static/docs/index.html) whose initialisation is a static script too (static/docs/docs.js).
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from swagger_ui_bundle import swagger_ui_path

PAGE = Path(__file__).parent / "static" / "docs" / "index.html"
ASSETS_DIR = Path(str(swagger_ui_path))
# Only what the page loads: the package's own index.html and initializer point at the public petstore demo.
ASSETS = frozenset({"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"})
CACHE = {"Cache-Control": "public, max-age=86400"}


def asset_path(name: str) -> Path:
    """The file for an allow-listed Swagger UI asset; 404 for anything else (no path ever comes from the URL)."""
    if name not in ASSETS:
        raise HTTPException(404, f"no docs asset {name!r}")
    return ASSETS_DIR / name


def install(app: FastAPI) -> None:
    """Serve /docs and /docs/assets/<file>; create the app with docs_url=None, redoc_url=None."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(PAGE)

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        return FileResponse(asset_path(name), headers=CACHE)
