"""Search and grouped answers."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from ..deps import workspace
from ..workspace import Workspace

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search")
def search(q: str = Query(..., max_length=2000), k: int = Query(10, ge=1, le=100), basisteam: str | None = None,
           theme: str | None = None, kind: str | None = None, year: int | None = Query(None, ge=1900, le=2100),
           document: str | None = None, ws: Workspace = Depends(workspace)) -> dict:
    filters = ws.filters(basisteam=basisteam, theme=theme, kind=kind, year=year, document=document)
    return ws.search_json(q, k, filters)


@router.get("/ask")
def ask(q: str = Query(..., max_length=2000), basisteam: str | None = None, ws: Workspace = Depends(workspace)) -> dict:
    return ws.answer(q, ws.filters(basisteam=basisteam))


@router.get("/filters")
def filters(ws: Workspace = Depends(workspace)) -> dict:
    """Valid filter values, for forms."""
    values = ws.engine().values()
    values["theme"] = sorted(({"id": c.iri.rsplit("/id/", 1)[-1], "label": c.label} for c in ws.labels.concepts("theme")),
                             key=lambda t: t["label"])
    return values
