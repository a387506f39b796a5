"""Documents: list, detail, upload and delete (writes only with the server's bearer token)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from starlette.datastructures import UploadFile
from starlette.concurrency import run_in_threadpool

from ingest.pipeline import SUPPORTED
from kg.workspace import Workspace

from ..deps import require_token, workspace
from ..schemas import (UPLOAD_OPENAPI, UPLOAD_RESPONSES, DeleteResult, DocumentDetail, DocumentList, UploadResult,
                       errors)

router = APIRouter(prefix="/api/documents", tags=["documents"])
SNIFF = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


@router.get("", response_model=DocumentList, responses=errors(503))
def list_documents(ws: Workspace = Depends(workspace)) -> dict:
    return {"documents": ws.documents()}


@router.get("/{doc_id}", response_model=DocumentDetail, responses=errors(404, 422, 503))
def document(doc_id: str, ws: Workspace = Depends(workspace)) -> dict:
    found = ws.document(doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return found


@router.post("", status_code=201, response_model=UploadResult, responses=UPLOAD_RESPONSES,
             openapi_extra=UPLOAD_OPENAPI, dependencies=[Depends(require_token)])
async def upload(request: Request, response: Response, replace: bool = False,
                 ws: Workspace = Depends(workspace)) -> dict:
    """Ingest one uploaded file (multipart field `file`).

    The body is not a declared parameter, so the token is checked before a byte of it is read; the
    body-limit middleware bounds what is streamed. A file whose name matches a stored document with other
    content replaces it only with `replace=true` (409 otherwise).
    """
    async with request.form(max_files=1, max_fields=4) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(400, "expected a multipart/form-data body with the document in the field 'file'")
        name = client_file_name(file.filename)
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED:
            raise HTTPException(415, f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED)}")
        limit = ws.settings.max_upload_bytes
        data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"file too large: the limit is {limit} bytes")
    if suffix in SNIFF and not data.startswith(SNIFF[suffix]):
        raise HTTPException(415, f"the content is not a {suffix} file")
    with tempfile.TemporaryDirectory(prefix="ivp-upload-") as tmp:
        path = Path(tmp) / name  # a bare file name: the client's name never becomes a path elsewhere
        path.write_bytes(data)
        report = await run_in_threadpool(ws.ingest, [path], None, replace)
    if report.errors:
        raise HTTPException(400, "; ".join(report.errors))
    if report.near_copies:
        twin = report.near_copies[0]
        raise HTTPException(409, f"{name!r} is a near-copy ({twin['similarity']:.0%} similar) of the stored document "
                                 f"{twin['of']}; it was not ingested again (remove that one first to replace it)")
    if report.conflicts:
        raise HTTPException(409, f"a document named {name!r} exists with other content (id {report.conflicts[0]}); "
                                 "send replace=true to replace it")
    doc_id = (report.added + report.updated + report.unchanged)[0]
    if not report.added:
        response.status_code = 200
    return {"id": doc_id, "added": bool(report.added), "updated": bool(report.updated),
            "unchanged": bool(report.unchanged), "report": report.documents[0] if report.documents else None}


def client_file_name(filename: str | None) -> str:
    """The last component of the client's file name, without control characters, its stem cut to 180 bytes
    (a file system takes 255) with the extension kept; never '', '.' or '..'."""
    raw = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in raw if c.isprintable()).strip()
    stem, suffix = Path(name).stem, Path(name).suffix[:16]
    name = stem.encode()[:180].decode("utf-8", "ignore") + suffix
    return name if name.strip(".") else "upload" + suffix.lower()


@router.delete("/{doc_id}", response_model=DeleteResult, responses=errors(401, 403, 404, 422, 503),
               dependencies=[Depends(require_token)])
async def delete(doc_id: str, ws: Workspace = Depends(workspace)) -> dict:
    try:
        await run_in_threadpool(ws.remove, doc_id)
    except KeyError:
        raise HTTPException(404, f"no document with id {doc_id!r}") from None
    return {"id": doc_id, "removed": True}
