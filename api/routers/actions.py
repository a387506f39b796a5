"""Actions across plan cycles: filters, one action with its lineage, status counts per priority."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from kg.actions import ActionFilterError, filter_actions, public, summary as status_summary

from ..deps import workspace
from ..workspace import Workspace

router = APIRouter(prefix="/api/actions", tags=["actions"])


@router.get("")
def actions(basisteam: str | None = None, theme: str | None = None, status: str | None = None,
            cycle: str | None = None, due_before: str | None = None, ws: Workspace = Depends(workspace)) -> dict:
    try:
        found = filter_actions(ws.actions(), basisteam, theme, status, cycle, due_before)
    except ActionFilterError as exc:
        raise HTTPException(400, str(exc)) from None
    return {"actions": [public(a) for a in found]}


@router.get("/summary")
def summary(basisteam: str | None = None, cycle: str | None = None, ws: Workspace = Depends(workspace)) -> dict:
    try:
        found = filter_actions(ws.actions(), basisteam, None, None, cycle, None)
    except ActionFilterError as exc:
        raise HTTPException(400, str(exc)) from None
    return {"summary": status_summary(found)}


@router.get("/{action_id:path}")
def action(action_id: str, ws: Workspace = Depends(workspace)) -> dict:
    every = {a["id"]: a for a in ws.actions()}
    a = every.get(action_id) or every.get(f"action/{action_id}")
    if a is None:
        raise HTTPException(404, f"no action with id {action_id!r}")
    out = public(a)
    out["follow_ups"] = [{**l, "title": every[l["id"]]["title"], "cycle": every[l["id"]]["cycle"]}
                         for l in a["follow_ups"] if l["id"] in every]
    out["predecessors"] = [{**l, "title": every[l["id"]]["title"], "cycle": every[l["id"]]["cycle"]}
                           for l in a["predecessors"] if l["id"] in every]
    return out
