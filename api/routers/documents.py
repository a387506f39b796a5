"""Documents: list, detail, upload and delete (writes only with the server's bearer token)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from starlette.datastructures import UploadFile
from starlette.concurrency import run_in_threadpool

from ingest.pipeline import SUPPORTED
from kg.jobs import JobQueue, JobRefused, QueueFull
from kg.workspace import Workspace

from ..deps import job_queue, require_token, workspace
from ..errors import or_404
from ..schemas import (UPLOAD_OPENAPI, UPLOAD_RESPONSES, DeleteResult, DocumentDetail, DocumentList, DocumentText,
                       JobAccepted, errors)

router = APIRouter(prefix="/api/documents", tags=["documents"])
SNIFF = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


@router.get("", response_model=DocumentList, responses=errors(503))
def list_documents(ws: Workspace = Depends(workspace)) -> dict:
    return {"documents": ws.documents()}


@router.get("/{doc_id}", response_model=DocumentDetail, responses=errors(404, 422, 503))
def document(doc_id: str, ws: Workspace = Depends(workspace)) -> dict:
    return or_404(ws.document(doc_id), "document", doc_id)


@router.get("/{doc_id}/text", response_model=DocumentText, responses=errors(404, 422, 503))
def document_text(doc_id: str, ws: Workspace = Depends(workspace)) -> dict:
    """The document's passages in reading order with section path and page, for the reader."""
    return or_404(ws.document_text(doc_id), "document", doc_id)


@router.get("/{doc_id}/file", response_class=Response, responses={**errors(404, 422, 503), 200: {
    "description": "The original file as it was ingested (its own type); for a document ingested before "
                   "originals were kept, the text read from it (UTF-8, with section headings and page markers).",
    "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in (
        "text/plain", "text/markdown", "text/html", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}}})
def document_file(doc_id: str, ws: Workspace = Depends(workspace)) -> Response:
    name, media_type, data = or_404(ws.document_download(doc_id), "document", doc_id)
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@router.post("", status_code=202, response_model=JobAccepted, responses=UPLOAD_RESPONSES,
             openapi_extra=UPLOAD_OPENAPI, dependencies=[Depends(require_token)])
async def upload(request: Request, response: Response, replace: bool = False,
                 jobs: JobQueue = Depends(job_queue)) -> dict:
    """Queue one uploaded file (multipart field `file`) for ingest; the job at `status_url` reports the outcome.

    The body is not a declared parameter, so the token is checked before a byte of it is read; the
    body-limit middleware bounds what is streamed. What the request itself shows is answered at once: type,
    size, content sniffing, and a name that matches a stored document with other content without
    `replace=true` (409). What needs the ingest (an unreadable file, a near-copy) ends as a failed job.
    """
    async with request.form(max_files=1, max_fields=4) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(400, "expected a multipart/form-data body with the document in the field 'file'")
        name = client_file_name(file.filename)
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED:
            raise HTTPException(415, f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED)}")
        limit = jobs.ws.settings.max_upload_bytes
        data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"file too large: the limit is {limit} bytes")
    if suffix in SNIFF and not data.startswith(SNIFF[suffix]):
        raise HTTPException(415, f"the content is not a {suffix} file")
    try:
        job = await run_in_threadpool(jobs.submit, [(name, data)], replace)
    except JobRefused as exc:
        raise HTTPException(409 if exc.reason == "conflict" else 400, str(exc)) from None
    except QueueFull as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
    status_url = f"/api/jobs/{job['id']}"
    response.headers["Location"] = status_url
    return {"job_id": job["id"], "status_url": status_url, "state": job["state"], "ahead": job["ahead"]}


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
