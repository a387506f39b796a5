"""Health and exports."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse, Response

from kg.export import FORMATS, MEDIA_TYPES
from kg.workspace import Workspace

from ..deps import workspace
from ..schemas import EXPORT_RESPONSES, Health, Stats, errors

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/health", response_model=Health, responses=errors(503))
def health(ws: Workspace = Depends(workspace)) -> dict:
    if ws.is_empty():
        return {"status": "empty", "documents": 0, "search": False}
    return {"status": "ok", "documents": len(ws.manifest().get("documents", {})), "search": ws.reader()[1] is not None}


@router.get("/stats", response_model=Stats, responses=errors(503))
def stats(ws: Workspace = Depends(workspace)) -> dict:
    return ws.stats()


@router.get("/export", response_class=Response, responses={**EXPORT_RESPONSES, **errors(400, 422, 503)})
def export(format: str = Query("turtle", description="turtle, jsonld, graphml (for graph tools), trig or nquads "
                                                     "(with the named graph of each document); 400 otherwise.",
                               json_schema_extra={"enum": list(FORMATS)}),
           ws: Workspace = Depends(workspace)) -> Response:
    # Runs in the thread pool (a plain def), off the event loop; the file is written once per state and format,
    # then streamed from disk, so concurrent exports neither block /api/health nor hold the graph in memory each.
    return FileResponse(ws.export_file(format), media_type=MEDIA_TYPES[format])
