"""Two basisteams side by side."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from kg.compare import basisteams

from ..deps import workspace
from ..workspace import Workspace

router = APIRouter(prefix="/api", tags=["compare"])


@router.get("/compare")
def compare(a: str = "Tweestromenland", b: str = "De Waarden", ws: Workspace = Depends(workspace)) -> dict:
    store = ws.store()
    valid = basisteams(store)
    canon = {v.lower(): v for v in valid}
    for name in (a, b):
        if name.lower() not in canon:
            raise HTTPException(400, f"unknown basisteam {name!r}; valid: {', '.join(valid)}")
    return ws.compare(canon[a.lower()], canon[b.lower()])
