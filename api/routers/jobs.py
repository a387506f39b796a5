"""Ingest jobs: the state, progress and outcome of an upload, answerable by any worker process."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from kg.jobs import JobQueue

from ..deps import job_queue
from ..errors import or_404
from ..schemas import Job, JobList, errors

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get("", response_model=JobList, responses=errors(422, 503))
def list_jobs(limit: int = Query(50, ge=1, le=200), jobs: JobQueue = Depends(job_queue)) -> dict:
    """The most recent ingest jobs, newest first."""
    return {"jobs": jobs.recent(limit)}


@router.get("/{job_id}", response_model=Job, responses=errors(404, 422, 503))
def job(job_id: str, jobs: JobQueue = Depends(job_queue)) -> dict:
    """One job: queued (with the number of jobs ahead), running (with progress), done (the ingest report)
    or failed (with the reason)."""
    return or_404(jobs.get(job_id), "job", job_id)
