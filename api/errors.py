"""One JSON error shape for every failure: {"error": {"status": int, "message": str}}; never a traceback."""
from __future__ import annotations

import logging
from typing import TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ingest.model import IngestError
from kg.state import StateError
from kg.store import StoreError
from search.contract import FilterError
from search.engine import IndexMissing, QueryError

log = logging.getLogger("ivp.api")


T = TypeVar("T")


def or_404(value: T | None, what: str, ident: str) -> T:
    """`value`, or the one 404 every route gives for an id that names nothing: "no <what> with id '<id>'"."""
    if value is None:
        raise HTTPException(404, f"no {what} with id {ident!r}")
    return value


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str | None:
    """The `Allow` header for a 405: every method some route serves at this path.

    Starlette answers with the methods of the first route whose path matches, so a path served by
    several routes (GET and POST /api/documents) would claim to accept only one of them. Each method
    is tried against the app's routes (only on a 405, so the cost does not matter).
    """
    routes = request.app.router.routes
    allowed = [m for m in _METHODS
               if any(r.matches({**request.scope, "method": m})[0] is Match.FULL for r in routes)]
    return ", ".join(allowed) or None


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405 and (allow := allowed_methods(request)):
            headers = {**(headers or {}), "Allow": allow}
        return error(exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(QueryError)
    @app.exception_handler(FilterError)
    @app.exception_handler(IngestError)
    async def bad_input(_: Request, exc: Exception):
        return error(400, str(exc))

    @app.exception_handler(IndexMissing)
    @app.exception_handler(StoreError)
    @app.exception_handler(StateError)
    async def unavailable(_: Request, exc: Exception):
        return error(503, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception):
        log.exception("unhandled error")
        return error(500, f"internal error ({exc.__class__.__name__})")


__all__ = ["error", "install", "HTTPException"]
