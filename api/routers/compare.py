"""Two owners (basisteams, gemeenten, groups of gemeenten) side by side."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from kg.workspace import Workspace

from ..deps import workspace
from ..schemas import CompareResponse, errors

router = APIRouter(prefix="/api", tags=["compare"])
_TEAM = ("A basisteam or other plan owner, case-insensitive; 400 for one not in the graph (the message lists "
         "them).")


@router.get("/compare", response_model=CompareResponse, responses=errors(400, 422, 503))
def compare(a: str = Query(..., min_length=1, description=_TEAM), b: str = Query(..., min_length=1, description=_TEAM),
            ws: Workspace = Depends(workspace)) -> dict:
    return ws.compare(a, b)
