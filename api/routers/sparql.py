"""SPARQL 1.1 protocol, read-only: SELECT, ASK, CONSTRUCT, DESCRIBE with a time and a result limit."""
from __future__ import annotations

import re

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..deps import workspace
from ..sparql_worker import SparqlFailed, SparqlRunner, SparqlTimeout
from ..workspace import Workspace

router = APIRouter(tags=["sparql"])
_STRIP = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>')
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
READ_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
RUNNER = SparqlRunner()  # one per API worker process


def query_form(query: str) -> str:
    """The query form, ignoring comments, strings and IRIs; refuses updates and federation."""
    bare = _STRIP.sub(" ", query)
    m = _FORM.search(bare)
    if not m:
        raise HTTPException(400, "not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = m.group(1).upper()
    if form not in READ_FORMS or re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP)\b", bare, re.I):
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    if re.search(r"\bSERVICE\b", bare, re.I):
        raise HTTPException(403, "SERVICE (federated queries to other endpoints) is not allowed")
    return form


async def _answer(request: Request, query: str | None, ws: Workspace) -> Response:
    if not query or not query.strip():
        raise HTTPException(400, "missing the 'query' parameter")
    if len(query) > 20_000:
        raise HTTPException(413, "query too long (limit 20000 characters)")
    form = query_form(query)
    media = request.query_params.get("format") or request.headers.get("accept", "")
    s = ws.settings
    store_path = ws.store().path
    if store_path is None:
        raise HTTPException(501, "the graph lives on a shared SPARQL server: query that server's endpoint")
    try:
        body, ctype = await run_in_threadpool(RUNNER.run, store_path, query, form, s.sparql_max_results, media,
                                              s.sparql_timeout_s)
    except SparqlTimeout as exc:
        raise HTTPException(503, str(exc)) from None
    except SparqlFailed as exc:
        raise HTTPException(400, str(exc)) from None
    return Response(body, media_type=ctype)


@router.get("/sparql")
async def sparql_get(request: Request, query: str | None = None, ws: Workspace = Depends(workspace)) -> Response:
    return await _answer(request, query, ws)


@router.post("/sparql")
async def sparql_post(request: Request, ws: Workspace = Depends(workspace)) -> Response:
    ctype = request.headers.get("content-type", "")
    raw = await request.body()
    if len(raw) > 100_000:
        raise HTTPException(413, "request too large")
    if ctype.startswith("application/sparql-update"):
        raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
    if ctype.startswith("application/sparql-query"):
        query = raw.decode("utf-8", "replace")
    else:
        form = await request.form()
        if form.get("update"):
            raise HTTPException(403, "this endpoint is read-only: SPARQL updates are refused")
        query = form.get("query")
    return await _answer(request, query, ws)
