"""Entities of the graph and their neighbourhoods, with the sentences behind each relation."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query

from ontology.vocab import CLASS_OF_TYPE
from kg.workspace import Workspace

from ..deps import workspace
from ..schemas import EntityDetail, EntityList, GraphResponse, errors

router = APIRouter(prefix="/api", tags=["graph"])
TYPES = sorted(CLASS_OF_TYPE)
_TYPE_ENUM = {"enum": TYPES}


@router.get("/entities", response_model=EntityList, responses=errors(400, 422, 503))
def entities(q: str | None = Query(None, max_length=200, description="A name, acronym or part of one."),
             type: str | None = Query(None, description="Only entities of this type (400 otherwise).",
                                      json_schema_extra=_TYPE_ENUM),
             limit: int = Query(50, ge=1, le=1000), ws: Workspace = Depends(workspace)) -> dict:
    if type is not None and type not in TYPES:
        raise HTTPException(400, f"unknown type {type!r}; valid: {', '.join(TYPES)}")
    return {"results": ws.find(q, type, limit) if q and q.strip() else ws.entities(type, limit)}


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, responses=errors(404, 422, 503))
def entity(entity_id: str, depth: int = Query(1, ge=1, le=2, description="Hops to follow: 1 or 2."),
           ws: Workspace = Depends(workspace)) -> dict:
    data = ws.entity(entity_id, depth)
    if data is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return data


@router.get("/graph", response_model=GraphResponse, responses=errors(400, 422, 503))
def graph(type: list[str] = Query(default=[], description="Only entities of these types (400 for an unknown one).",
                                  json_schema_extra={"items": {"type": "string", **_TYPE_ENUM}}),
          basisteam: str | None = Query(None, description="Only what lies within two hops of this basisteam "
                                                          "(400 for an unknown one)."),
          limit: int = Query(2000, ge=1, le=20000), ws: Workspace = Depends(workspace)) -> dict:
    """Nodes and edges for the graph browser, optionally restricted to entity types and one basisteam."""
    return ws.subgraph(type, basisteam, limit)
