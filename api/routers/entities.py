"""Entities of the graph and their neighbourhoods, with the sentences behind each relation."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query

from ontology.vocab import CLASS_OF_TYPE
from kg.concepts import CONCEPT_TYPES
from kg.graphviews import VIEWS
from kg.workspace import Workspace

from ..deps import workspace
from ..errors import or_404
from ..schemas import ConceptList, EntityDetail, EntityList, GraphResponse, errors

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


@router.get("/concepts", response_model=ConceptList, responses=errors(400, 422, 503))
def concepts(type: str | None = Query(None, description="Only themes, partners or instruments (400 otherwise).",
                                      json_schema_extra={"enum": list(CONCEPT_TYPES)}),
             ws: Workspace = Depends(workspace)) -> dict:
    """The concept index: labels in Dutch and English, acronym, definition, BWB id with its page on
    wetten.overheid.nl, broader/narrower/related concepts, and per plan owner the actions and priorities
    naming each concept."""
    if type is not None and type not in CONCEPT_TYPES:
        raise HTTPException(400, f"unknown concept type {type!r}; valid: {', '.join(CONCEPT_TYPES)}")
    return {"concepts": ws.concepts(type)}


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, responses=errors(404, 422, 503))
def entity(entity_id: str, depth: int = Query(1, ge=1, le=2, description="Hops to follow: 1 or 2."),
           ws: Workspace = Depends(workspace)) -> dict:
    data = or_404(ws.entity(entity_id, depth), "entity", entity_id)
    return {**data, "concept": ws.concept(data["id"])}


@router.get("/graph", response_model=GraphResponse, responses=errors(400, 422, 503))
def graph(view: str = Query("alles", description="The view: " + ", ".join(VIEWS) + " (400 otherwise).",
                           json_schema_extra={"enum": list(VIEWS)}),
          owner: str | None = Query(None, max_length=200,
                                    description="Only this plan owner's facts (400 for an unknown one)."),
          basisteam: str | None = Query(None, max_length=200, description="Older name of `owner`."),
          type: list[str] = Query(default=[], description="Only entities of these types (400 for an unknown one).",
                                  json_schema_extra={"items": {"type": "string", **_TYPE_ENUM}}),
          limit: int = Query(2000, ge=1, le=20000), ws: Workspace = Depends(workspace)) -> dict:
    """Nodes and edges of one view of the graph (partners x themes, instruments x themes, priorities and
    actions, or the whole graph), limited to one plan owner's facts when asked, each edge with its evidence."""
    return ws.graph_view(view, owner or basisteam, type, limit)
