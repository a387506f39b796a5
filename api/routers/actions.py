"""Actions across plan cycles: filters, one action with its lineage, status counts per priority."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from kg.actions import COLOURS, STATUSES
from kg.workspace import Workspace

from ..deps import workspace
from ..errors import or_404
from ..schemas import ActionDetail, ActionList, ActionSummary, errors

router = APIRouter(prefix="/api/actions", tags=["actions"])


def _team() -> Any:
    """The `basisteam` filter; a fresh Query per route (FastAPI keeps state on the object)."""
    return Query(None, description="Only this basisteam; 400 for one without actions (the message lists them).")


def _cycle() -> Any:
    """The `cycle` filter; a fresh Query per route."""
    return Query(None, description="Only this plan cycle, e.g. '2023-2024'; 400 for an unknown one.")


@router.get("", response_model=ActionList, responses=errors(400, 422, 503))
def actions(basisteam: str | None = _team(),
            theme: str | None = Query(None, description="Only actions on this theme (its label); 400 for a theme "
                                                        "no action works on."),
            status: str | None = Query(None, description="Only actions evaluated with this status.",
                                       json_schema_extra={"enum": list(STATUSES)}),
            cycle: str | None = _cycle(),
            due_before: str | None = Query(None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                           json_schema_extra={"format": "date"},
                                           description="Only actions planned to end before this date (YYYY-MM-DD); "
                                                       "400 for an impossible date such as 2025-02-30."),
            due_after: str | None = Query(None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                          json_schema_extra={"format": "date"},
                                          description="Only actions planned to end after this date (YYYY-MM-DD)."),
            trekker: str | None = Query(None, description="Only actions this trekker carries out (as the plan names "
                                                          "it); 400 for one without actions (the message lists them)."),
            colour: str | None = Query(None, description="Only actions the report's legend gives this colour.",
                                       json_schema_extra={"enum": list(COLOURS)}),
            overdue: bool = Query(False, description="Only actions whose deadline has passed and that no evaluation "
                                                     "closed (not afgerond, vervallen or overgeheveld)."),
            ws: Workspace = Depends(workspace)) -> dict:
    return ws.action_board(basisteam, theme, status, cycle, due_before, due_after=due_after, trekker=trekker,
                           colour=colour, overdue=overdue)


@router.get("/summary", response_model=ActionSummary, responses=errors(400, 422, 503))
def summary(basisteam: str | None = _team(), cycle: str | None = _cycle(), ws: Workspace = Depends(workspace)) -> dict:
    return {"summary": ws.action_summary(basisteam, cycle)}


@router.get("/{action_id:path}", response_model=ActionDetail, responses=errors(404, 422, 503))
def action(action_id: str, ws: Workspace = Depends(workspace)) -> dict:
    return or_404(ws.action(action_id), "action", action_id)
