"""Entities of the graph and their neighbourhoods, with the sentences behind each relation."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query

from ontology.vocab import CLASS_OF_TYPE

from ..deps import workspace
from ..workspace import Workspace

router = APIRouter(prefix="/api", tags=["graph"])
TYPES = sorted(CLASS_OF_TYPE)


@router.get("/entities")
def entities(q: str | None = Query(None, max_length=200), type: str | None = None, limit: int = Query(50, ge=1, le=1000),
             ws: Workspace = Depends(workspace)) -> dict:
    if type is not None and type not in TYPES:
        raise HTTPException(400, f"unknown type {type!r}; valid: {', '.join(TYPES)}")
    if q and q.strip():
        return {"results": ws.find(q, type, limit)}
    proj = ws.projection()
    nodes = [proj.node(n) for n, d in proj.graph.nodes(data=True) if type is None or d["type"] == type]
    return {"results": sorted(nodes, key=lambda n: (n["type"], n["label"].lower()))[:limit]}


@router.get("/entities/{entity_id:path}")
def entity(entity_id: str, depth: int = Query(1, ge=1, le=2), ws: Workspace = Depends(workspace)) -> dict:
    data = ws.entity(entity_id, depth)
    if data is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return data


@router.get("/graph")
def graph(type: list[str] = Query(default=[]), basisteam: str | None = None, limit: int = Query(2000, ge=1, le=20000),
          ws: Workspace = Depends(workspace)) -> dict:
    """Nodes and edges for the graph browser, optionally restricted to entity types and one basisteam."""
    from kg.projection import full_iri, short_id

    proj = ws.projection()
    g = proj.graph
    keep = {n for n, d in g.nodes(data=True) if not type or d["type"] in type}
    if basisteam:
        bt = [n for n, d in g.nodes(data=True) if d["type"] == "basisteam" and d["label"].lower() == basisteam.lower()]
        if not bt:
            raise HTTPException(400, f"unknown basisteam {basisteam!r}")
        keep &= {bt[0]} | {full_iri(n["id"]) for n in proj.neighbors(bt[0], 2)}
    nodes = [proj.node(n) for n in list(keep)[:limit]]
    ids = {n["id"] for n in nodes}
    edges = [{"source": short_id(s), "target": short_id(o), "relation": d["relation"]}
             for s, o, d in g.edges(data=True) if short_id(s) in ids and short_id(o) in ids]
    return {"nodes": nodes, "edges": edges}
