"""SPARQL 1.1 protocol, read-only: SELECT, ASK, CONSTRUCT, DESCRIBE with a time and a result limit."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import re

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..deps import workspace
from ..workspace import Workspace

router = APIRouter(tags=["sparql"])
_STRIP = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>')
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
READ_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


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


def _run(ws: Workspace, query: str, form: str, limit: int, media: str) -> tuple[bytes, str]:
    try:
        result = ws.store().raw_query(query)
    except SyntaxError as exc:
        raise HTTPException(400, f"SPARQL syntax error: {exc}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise HTTPException(400, f"query failed: {exc}") from None
    if form == "ASK":
        if "csv" in media:
            return f"_askResult\n{'true' if bool(result) else 'false'}\n".encode(), "text/csv"
        return json.dumps({"head": {}, "boolean": bool(result)}).encode(), "application/sparql-results+json"
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples = []
        for n, t in enumerate(result):
            if n >= limit:
                break
            triples.append(t)
        fmt, ctype = (ox.RdfFormat.N_TRIPLES, "application/n-triples") if "n-triples" in media else (ox.RdfFormat.TURTLE, "text/turtle")
        return ox.serialize(triples, format=fmt), ctype
    variables = [v.value for v in result.variables]
    rows = []
    for n, sol in enumerate(result):
        if n >= limit:
            break
        rows.append({v: sol[v] for v in variables if sol[v] is not None})
    if "csv" in media:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(variables)
        for r in rows:
            w.writerow([r[v].value if v in r else "" for v in variables])
        return buf.getvalue().encode(), "text/csv"
    bindings = [{v: _term(t) for v, t in r.items()} for r in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode(), \
        "application/sparql-results+json"


def _term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out


async def _answer(request: Request, query: str | None, ws: Workspace) -> Response:
    if not query or not query.strip():
        raise HTTPException(400, "missing the 'query' parameter")
    if len(query) > 20_000:
        raise HTTPException(413, "query too long (limit 20000 characters)")
    form = query_form(query)
    media = request.query_params.get("format") or request.headers.get("accept", "")
    s = ws.settings
    try:
        body, ctype = await asyncio.wait_for(run_in_threadpool(_run, ws, query, form, s.sparql_max_results, media),
                                             timeout=s.sparql_timeout_s)
    except asyncio.TimeoutError:
        raise HTTPException(503, f"query exceeded the time limit of {s.sparql_timeout_s:g} s") from None
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
