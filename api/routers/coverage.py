"""What is loaded per plan owner, and what is missing."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from kg.workspace import Workspace

from ..deps import workspace
from ..schemas import CoverageResponse, errors

router = APIRouter(prefix="/api", tags=["coverage"])


@router.get("/coverage", response_model=CoverageResponse, responses=errors(422, 503))
def coverage(owner: str | None = Query(None, min_length=1, description="Only this plan owner (basisteam, gemeente or "
                                                                      "group), case-insensitive; an owner without "
                                                                      "documents is reported as such."),
             ws: Workspace = Depends(workspace)) -> dict:
    return {"coverage": ws.coverage(owner)}
