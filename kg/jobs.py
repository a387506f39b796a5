"""Background ingest jobs: an upload waits in a queue on disk and one worker thread ingests the jobs in order.

Why on disk: the API may run as several worker processes, any of which must answer for any job, and a
restart must not lose an upload silently. Layout under the data directory::

    jobs/<id>.json         the job record, replaced atomically; once queued only the runner writes it
    jobs/<id>/<file name>  the uploaded bytes, written before the record and kept until the job has finished
    jobs/.submit.lock      counting and adding jobs is one step, so the queue's bound holds across processes
    jobs/.runner.lock      held by the one process whose thread runs the queue

A job the runner finds `running` when it takes the lock belonged to a process that died: it is marked
failed with that reason and not run again by itself (it may be what ended that process). The write
itself stays the `StateWriter`'s transaction: a job only calls `Workspace.ingest`.
"""
from __future__ import annotations

import fcntl
import json
import logging
import secrets
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ingest.pipeline import doc_id_for
from search.encoders import EncoderError

from .commit import IngestReport
from .state import StateError, fsync_dir, write_atomic
from .store import StoreError
from .workspace import Workspace

log = logging.getLogger("ivp.jobs")

UNFINISHED = ("queued", "running")
KEEP_FINISHED = 200  # finished records kept for `recent` and status look-ups
RETRY_AFTER_S = (5, 600)  # the bounds of the wait a full queue suggests
PROGRESS_EVERY_S = 0.5  # progress is written at most this often (and at every change of stage)


class QueueFull(Exception):
    """The queue holds its limit of unfinished jobs; `retry_after` estimates when a place frees up."""

    def __init__(self, limit: int, retry_after: int):
        super().__init__(f"the ingest queue is full ({limit} jobs waiting or running); try again in about "
                         f"{retry_after} seconds")
        self.limit, self.retry_after = limit, retry_after


class JobRefused(Exception):
    """An upload that is refused before it is queued (`reason`: conflict, duplicate, name)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class JobFailed(Exception):
    """A job's outcome the user has to act on (`reason`: invalid, near_copy, conflict, unavailable...)."""

    def __init__(self, reason: str, message: str, result: dict | None = None):
        super().__init__(message)
        self.reason, self.result = reason, result


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _seconds(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def new_job_id() -> str:
    """Sortable by submission time (across processes), unguessable in its tail."""
    return f"{time.time_ns():020d}-{secrets.token_hex(4)}"


def valid_job_id(job_id: str) -> bool:
    """Parsed, not matched: a 20-digit stamp, a dash, 8 hex digits; nothing else can name a record file."""
    stamp, dash, tail = job_id.partition("-")
    return (dash == "-" and len(stamp) == 20 and stamp.isascii() and stamp.isdigit() and len(tail) == 8
            and all(c in "0123456789abcdef" for c in tail))


class JobQueue:
    """Submit, look up and run the ingest jobs of one data directory."""

    def __init__(self, workspace: Workspace, limit: int | None = None, poll_s: float = 0.5):
        self.ws = workspace
        self.dir = workspace.data_dir / "jobs"
        self.limit = limit if limit is not None else workspace.settings.job_queue
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # -- records ---------------------------------------------------------------------------------
    def _record_path(self, job_id: str) -> Path:
        return self.dir / f"{job_id}.json"

    def _save(self, job: dict) -> None:
        write_atomic(self._record_path(job["id"]), json.dumps(job, ensure_ascii=False).encode())

    def _load(self, path: Path) -> dict | None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # pruned between listing and reading
            return None
        except (OSError, ValueError) as exc:
            raise StateError(f"the job record {path.stem} in the data directory cannot be read "
                             f"({exc.__class__.__name__})") from exc

    def _records(self) -> Iterator[dict]:
        """Every job record, oldest first."""
        if not self.dir.is_dir():
            return
        for path in sorted(self.dir.glob("*.json")):
            if valid_job_id(path.stem) and (job := self._load(path)) is not None:
                yield job

    def get(self, job_id: str) -> dict | None:
        """The job's record with `ahead` (jobs before it) while it waits; None for an unknown or invalid id."""
        if not valid_job_id(job_id):
            return None
        job = self._load(self._record_path(job_id))
        if job is not None and job["state"] == "queued":
            job["ahead"] = sum(1 for j in self._records() if j["state"] in UNFINISHED and j["id"] < job_id)
        return job

    def recent(self, limit: int = 50) -> list[dict]:
        """The newest jobs first."""
        return list(reversed(list(self._records())))[:limit]

    @contextmanager
    def _locked(self, name: str, wait: bool = True):
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / name, "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True

    # -- submitting ----------------------------------------------------------------------------------
    def submit(self, files: Sequence[tuple[str, bytes]], replace: bool = False) -> dict:
        """Queue the files (bare names with their bytes) for one ingest; the bytes are on disk when this returns.

        Refused at once, before anything is stored: a name that would replace a stored document with other
        content without `replace` (JobRefused), and any upload while the queue is full (QueueFull).
        """
        names = [name for name, _ in files]
        for name in names:
            if not name or Path(name).name != name or name in (".", "..") or "\x00" in name:
                raise JobRefused("name", f"{name!r} is not a plain file name")
        if len(set(names)) != len(names):
            raise JobRefused("duplicate", "the same file name appears twice in one upload")
        if not replace:
            self._refuse_conflicts(files)
        job = {"id": new_job_id(), "state": "queued", "files": names, "replace": replace, "created": _now(),
               "started": None, "finished": None, "progress": None, "result": None, "error": None}
        with self._locked(".submit.lock"):
            unfinished = [j for j in self._records() if j["state"] in UNFINISHED]
            if len(unfinished) >= self.limit:
                raise QueueFull(self.limit, self._retry_after(len(unfinished)))
            folder = self.dir / job["id"]
            folder.mkdir()
            for name, data in files:
                write_atomic(folder / name, data)
            fsync_dir(folder)
            self._save(job)  # the record last: a queued record always has its complete files
            fsync_dir(self.dir)
        self._wake.set()
        return {**job, "ahead": len(unfinished)}

    def _refuse_conflicts(self, files: Sequence[tuple[str, bytes]]) -> None:
        import hashlib

        known = {} if self.ws.is_empty() else self.ws.manifest().get("documents", {})
        for name, data in files:
            doc_id = doc_id_for(name)
            if doc_id in known and known[doc_id]["sha256"] != hashlib.sha256(data).hexdigest():
                raise JobRefused("conflict", f"a document named {name!r} exists with other content (id {doc_id}); "
                                             "send replace=true to replace it")

    def _retry_after(self, waiting: int) -> int:
        """About one job's time (the mean of the last finished ones), within RETRY_AFTER_S."""
        took = [s for j in self.recent(10) if (s := _seconds(j["started"], j["finished"])) is not None]
        mean = sum(took) / len(took) if took else 30.0
        return int(min(max(mean, RETRY_AFTER_S[0]), RETRY_AFTER_S[1]))

    # -- running -------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker thread (after any fork: call it from the app's start-up, never at import)."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="ivp-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to stop; a job in the middle of an ingest is left to finish or to be reported
        failed by the next start (the state switch itself is crash-safe)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        """Wait for the runner lock (one process runs the queue), then run queued jobs in order."""
        while not self._stop.is_set():
            with self._locked(".runner.lock", wait=False) as runner:
                if not runner:
                    self._stop.wait(2.0)
                    continue
                self.recover()
                while not self._stop.is_set():
                    if not self.run_next():
                        self._wake.wait(self.poll_s)
                        self._wake.clear()

    def recover(self) -> None:
        """Report jobs of a process that died as failed; remove files no unfinished job needs.

        Call only while holding the runner lock: then no job can really be running.
        """
        with self._locked(".submit.lock"):
            for job in self._records():
                if job["state"] == "running":
                    job.update(state="failed", finished=_now(), error={
                        "reason": "interrupted",
                        "message": "the service stopped while this job ran; nothing of it was stored "
                                   "(an ingest switches states only when complete): upload the file again"})
                    self._save(job)
            unfinished = {j["id"] for j in self._records() if j["state"] in UNFINISHED}
            for folder in self.dir.iterdir():
                if folder.is_dir() and folder.name not in unfinished:
                    shutil.rmtree(folder, ignore_errors=True)

    def run_next(self) -> bool:
        """Run the oldest queued job, if there is one (the caller holds the runner lock)."""
        job = next((j for j in self._records() if j["state"] == "queued"), None)
        if job is None:
            return False
        job.update(state="running", started=_now(), progress={"stage": "queued", "done": 0, "total": 0})
        self._save(job)
        try:
            job["result"] = self._ingest(job)
            job["state"] = "done"
        except _Requeue:
            job.update(state="queued", started=None, progress=None)
            self._save(job)
            return False
        except JobFailed as exc:
            job.update(state="failed", result=exc.result, error={"reason": exc.reason, "message": str(exc)})
        except (StateError, StoreError, EncoderError) as exc:
            job.update(state="failed", error={"reason": "unavailable", "message": str(exc)})
        except Exception as exc:  # a bug must fail this job, not the queue
            log.exception("ingest job %s failed", job["id"])
            job.update(state="failed", error={"reason": "internal",
                                              "message": f"internal error ({exc.__class__.__name__})"})
        job["finished"] = _now()
        self._save(job)  # the outcome first, then the files it no longer needs
        shutil.rmtree(self.dir / job["id"], ignore_errors=True)
        self._prune()
        return True

    def _ingest(self, job: dict) -> dict:
        """The ingest of one job, waiting while another writer (a CLI ingest) holds the data directory."""
        last = [0.0, None]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if stage != last[1] or done >= total or now - last[0] >= PROGRESS_EVERY_S:
                last[:] = [now, stage]
                job["progress"] = {"stage": stage, "done": done, "total": total}
                self._save(job)

        paths = [self.dir / job["id"] / name for name in job["files"]]
        while True:
            try:
                report = self.ws.ingest(paths, progress, job["replace"])
                break
            except StateError as exc:
                if not isinstance(exc.__cause__, BlockingIOError):
                    raise
                progress("waiting", 0, 0)
                if self._stop.wait(1.0):
                    raise _Requeue() from None
        return outcome(report, job["files"])

    def _prune(self) -> None:
        finished = [j for j in self._records() if j["state"] not in UNFINISHED]
        for job in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            self._record_path(job["id"]).unlink(missing_ok=True)
            shutil.rmtree(self.dir / job["id"], ignore_errors=True)


class _Requeue(Exception):
    """The thread is stopping before the job's ingest could begin: the job goes back to the queue."""


def outcome(report: IngestReport, names: list[str]) -> dict:
    """The upload's answer per file ({"documents": [...]}); JobFailed, with what did succeed, when any file
    could not be read, nearly copies a stored document, or would replace one without being asked to."""
    reports = {d["id"]: d for d in report.documents}
    done = []
    for name in names:
        doc_id = doc_id_for(name)
        if doc_id in report.added + report.updated + report.unchanged:
            done.append({"id": doc_id, "added": doc_id in report.added, "updated": doc_id in report.updated,
                         "unchanged": doc_id in report.unchanged, "report": reports.get(doc_id)})
    result = {"documents": done}
    if report.errors:
        raise JobFailed("invalid", "; ".join(report.errors), result)
    if report.near_copies:
        twin = report.near_copies[0]
        raise JobFailed("near_copy", f"{twin['source']!r} is a near-copy ({twin['similarity']:.0%} similar) of the "
                                     f"stored document {twin['of']}; it was not ingested again (remove that one "
                                     "first to replace it)", result)
    if report.conflicts:
        raise JobFailed("conflict", f"a document with id {report.conflicts[0]} exists with other content; "
                                    "send replace=true to replace it", result)
    return result
