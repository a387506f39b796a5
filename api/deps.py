"""Dependencies injected into the routers: the workspace (one per worker process) and write auth."""
from __future__ import annotations

import hmac
from functools import lru_cache

from fastapi import Header, HTTPException

from kg.settings import Settings
from kg.jobs import JobQueue
from kg.workspace import Workspace


@lru_cache(maxsize=1)
def workspace() -> Workspace:
    """Created lazily inside each worker, so models load after any fork."""
    return Workspace(Settings())


@lru_cache(maxsize=1)
def job_queue() -> JobQueue:
    """The ingest queue of this worker's data directory; its thread is started by the app's lifespan."""
    return JobQueue(workspace())


def require_token(authorization: str | None = Header(default=None)) -> None:
    """Writes need the bearer token configured on the server; without one, writes are refused."""
    expected = workspace().settings.api_token
    if not expected:
        raise HTTPException(403, "writes are disabled: the server has no IVP_API_TOKEN configured")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
