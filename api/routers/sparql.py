"""SPARQL 1.1 protocol, read-only: SELECT, ASK, CONSTRUCT, DESCRIBE with time, row and byte limits.

What a query may do is decided by the worker from the parsed query (`api/sparql_guard.py`); this
router only reads the protocol's parameters and maps the pool's outcomes to statuses.
"""
from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from kg.workspace import Workspace

from ..deps import workspace
from ..schemas import SPARQL_POST_OPENAPI, SPARQL_RESPONSES
from ..sparql_worker import ClientGone, Limits, SparqlBusy, SparqlFailed, SparqlPool, SparqlRefused, SparqlTimeout

router = APIRouter(tags=["sparql"])
MAX_QUERY = 20_000


@lru_cache(maxsize=1)
def pool() -> SparqlPool:
    """One pool per API worker process, sized by the settings."""
    s = workspace().settings
    return SparqlPool(s.sparql_workers, s.sparql_queue)


async def _answer(request: Request, query: str | None, ws: Workspace) -> Response:
    if not query or not query.strip():
        raise HTTPException(400, "missing the 'query' parameter")
    if len(query) > MAX_QUERY:
        raise HTTPException(413, f"query too long (limit {MAX_QUERY} characters)")
    media = request.query_params.get("format") or request.headers.get("accept", "")
    s = ws.settings
    store_path = ws.store().path
    if store_path is None:
        raise HTTPException(501, "the graph lives on a shared SPARQL server: query that server's endpoint")
    limits = Limits(s.sparql_timeout_s, s.sparql_max_results, s.sparql_max_bytes)
    try:
        body, ctype = await pool().run(store_path, query, media, limits, request.is_disconnected)
    except SparqlBusy as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
    except SparqlTimeout as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "1"}) from None
    except SparqlRefused as exc:
        raise HTTPException(403, str(exc)) from None
    except SparqlFailed as exc:
        raise HTTPException(400, str(exc)) from None
    except ClientGone:
        return Response(status_code=499)
    return Response(body, media_type=ctype)


@router.get("/sparql", response_class=Response, responses=SPARQL_RESPONSES)
async def sparql_get(request: Request, query: str | None = None, ws: Workspace = Depends(workspace)) -> Response:
    return await _answer(request, query, ws)


@router.post("/sparql", response_class=Response, responses=SPARQL_RESPONSES, openapi_extra=SPARQL_POST_OPENAPI)
async def sparql_post(request: Request, ws: Workspace = Depends(workspace)) -> Response:
    """The body is a query (application/sparql-query) or a form with `query`; its size is capped while it streams."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/sparql-update"):
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    if ctype.startswith("application/sparql-query"):
        query = (await request.body()).decode("utf-8", "replace")
    else:
        form = await request.form(max_files=0, max_fields=8)
        if form.get("update"):
            raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
        query = form.get("query")
        if query is not None and not isinstance(query, str):
            raise HTTPException(400, "the 'query' field must be text")
    return await _answer(request, query, ws)
