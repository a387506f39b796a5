"""Documents: list, detail, upload and delete (writes only with the server's bearer token)."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from starlette.concurrency import run_in_threadpool

from ingest.pipeline import SUPPORTED
from kg.projection import short_id

from ..deps import require_token, workspace
from ..workspace import Workspace

router = APIRouter(prefix="/api/documents", tags=["documents"])
SNIFF = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}
P = """PREFIX ivp: <https://ivp-kg.nl/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/> """


@router.get("")
def list_documents(ws: Workspace = Depends(workspace)) -> dict:
    docs = ws.manifest().get("documents", {})
    return {"documents": [{"id": k, **v} for k, v in sorted(docs.items())]}


@router.get("/{doc_id}")
def document(doc_id: str, ws: Workspace = Depends(workspace)) -> dict:
    docs = ws.manifest().get("documents", {})
    if doc_id not in docs:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    store = ws.store()
    doc = f"<https://ivp-kg.nl/id/doc/{doc_id}>"
    sections: dict[str, int] = {}
    for r in store.raw_query(P + f"SELECT ?sp ?o WHERE {{ ?p dcterms:isPartOf {doc} ; ivp:sectionPath ?sp ; ivp:ordinal ?o }} ORDER BY ?o"):
        sections.setdefault(r["sp"].value, int(r["o"].value))
    facts: dict[str, list] = {"priorities": [], "actions": []}
    for r in store.raw_query(P + f"""SELECT ?x ?label ?kind WHERE {{ GRAPH <https://ivp-kg.nl/id/graph/{doc_id}> {{
        {{ ?x a ivp:Priority BIND("priorities" AS ?kind) }} UNION {{ ?x a ivp:Action BIND("actions" AS ?kind) }}
        ?x rdfs:label ?label }} }}"""):
        facts[r["kind"].value].append({"id": short_id(r["x"].value), "label": r["label"].value})
    relations = []
    for r in store.raw_query(P + f"""SELECT ?s ?p ?o WHERE {{ GRAPH <https://ivp-kg.nl/id/graph/{doc_id}> {{
        ?s ?p ?o FILTER(?p IN (ivp:worksOn, ivp:appliesTo)) }} }}"""):
        relations.append({"subject": short_id(r["s"].value), "relation": r["p"].value.rsplit("#", 1)[-1],
                          "object": short_id(r["o"].value)})
    return {"id": doc_id, **docs[doc_id], "status": "ingested", "sections": [s for s in sections if s],
            **facts, "relations": relations}


@router.post("", status_code=201, dependencies=[Depends(require_token)])
async def upload(file: UploadFile = File(...), ws: Workspace = Depends(workspace)) -> dict:
    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in SUPPORTED:
        raise HTTPException(415, f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED)}")
    limit = ws.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"file too large: the limit is {limit} bytes")
    if suffix in SNIFF and not data.startswith(SNIFF[suffix]):
        raise HTTPException(415, f"the content is not a {suffix} file")
    # The client's file name never reaches the disk as a path: only a slug of its stem is kept.
    stem = re.sub(r"[^a-z0-9]+", "-", Path(file.filename or "upload").stem.lower()).strip("-")[:80] or "upload"
    with tempfile.TemporaryDirectory(prefix="ivp-upload-") as tmp:
        path = Path(tmp) / f"{stem}{suffix}"
        path.write_bytes(data)
        report = await run_in_threadpool(ws.ingest, [path])
    if report.errors:
        raise HTTPException(400, "; ".join(report.errors))
    doc_id = (report.added + report.updated + report.unchanged)[0]
    return {"id": doc_id, "added": bool(report.added), "updated": bool(report.updated), "unchanged": bool(report.unchanged)}


@router.delete("/{doc_id}", dependencies=[Depends(require_token)])
async def delete(doc_id: str, ws: Workspace = Depends(workspace)) -> dict:
    try:
        await run_in_threadpool(ws.remove, doc_id)
    except KeyError:
        raise HTTPException(404, f"no document with id {doc_id!r}") from None
    return {"id": doc_id, "removed": True}
