"""Health and exports."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from kg.export import FORMATS, MEDIA_TYPES, export as export_graph

from ..deps import workspace
from ..workspace import Workspace

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/health")
def health(ws: Workspace = Depends(workspace)) -> dict:
    if ws.is_empty():
        return {"status": "empty", "documents": 0}
    return {"status": "ok", "documents": len(ws.manifest().get("documents", {})), "search": ws.reader()[1] is not None}


@router.get("/stats")
def stats(ws: Workspace = Depends(workspace)) -> dict:
    from kg.queries import stats as graph_stats

    return graph_stats(ws.store())


@router.get("/export")
def export(format: str = "turtle", ws: Workspace = Depends(workspace)) -> Response:
    if format not in FORMATS:
        raise HTTPException(400, f"unknown format {format!r}; valid: {', '.join(FORMATS)}")
    return Response(export_graph(ws.store(), format, ws.projection() if format == "graphml" else None),
                    media_type=MEDIA_TYPES[format])
