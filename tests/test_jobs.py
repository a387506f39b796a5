"""The ingest queue below the API (kg/jobs.py): order, progress, failures, a full queue, a killed runner.

Real parts: a real Workspace on its own data directory (real store and model), real files on disk, a real
second process that is killed. Another writer holding the data directory (as a CLI ingest does) is how
the tests keep jobs waiting without timing tricks.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from ingest.pipeline import doc_id_for
from kg import state as st
from kg.jobs import JobQueue, JobRefused, QueueFull, valid_job_id
from kg.settings import Settings
from kg.workspace import Workspace
from tests.conftest import ROOT, _seed_vectors

# Written for these tests: short agenda-style notes of an invented municipality, unlike the sample plans.
NOTES = {
    "agenda-havens.md": "# Veiligheidsagenda Noorderhaven 2026\n\n## Havencriminaliteit\n\nDe gemeente controleert "
                        "containers in de binnenhaven samen met de douane en het RIEC.\n",
    "agenda-fietsen.md": "# Werkplan Fietsdiefstal Oostwold\n\n## Aanpak\n\nBij het station komen bewaakte "
                         "fietsenstallingen en registratie van frames met een graveeractie.\n",
    "agenda-jeugd.md": "# Notitie Jeugdoverlast Zuidbroek\n\n## Maatregelen\n\nJongerenwerkers lopen op "
                       "vrijdagavond mee in het winkelcentrum; ouders krijgen een brief na een tweede melding.\n",
}


def wait_for(predicate, timeout: float = 180.0, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out waiting")


@pytest.fixture
def ws(tmp_path) -> Workspace:
    data = tmp_path / "data"
    _seed_vectors(data)
    return Workspace(Settings(data_dir=data))


def finished(queue: JobQueue, job_id: str) -> dict | None:
    job = queue.get(job_id)
    return job if job["state"] in ("done", "failed") else None


def test_jobs_run_in_order_report_progress_and_keep_files_until_done(ws):
    queue = JobQueue(ws, limit=5, poll_s=0.05)
    with st.writer_lock(ws.data_dir):  # another writer is busy: the jobs must wait, in order
        ids = [queue.submit([(name, text.encode())])["id"] for name, text in NOTES.items()]
        assert all(valid_job_id(i) for i in ids)
        assert [queue.get(i)["ahead"] for i in ids] == [0, 1, 2]
        for i, name in zip(ids, NOTES):
            assert (ws.data_dir / "jobs" / i / name).read_bytes() == NOTES[name].encode()
        queue.start()
        try:
            first = wait_for(lambda: (j := queue.get(ids[0]))["state"] == "running"
                             and j["progress"]["stage"] == "waiting" and j)
            assert first["started"] and queue.get(ids[1])["state"] == "queued"
        except BaseException:
            queue.stop()
            raise
    try:
        jobs = [wait_for(lambda i=i: finished(queue, i)) for i in ids]
    finally:
        queue.stop()
    assert [j["state"] for j in jobs] == ["done"] * 3, [j["error"] for j in jobs]
    for before, after in zip(jobs, jobs[1:]):
        assert before["finished"] <= after["started"], "one job at a time, in submission order"
    for job, name in zip(jobs, NOTES):
        assert job["progress"]["stage"] == "encode" and job["progress"]["done"] == job["progress"]["total"] > 0
        (doc,) = job["result"]["documents"]
        assert doc["id"] == doc_id_for(name) and doc["added"] and doc["report"]["source"] == name
        assert not (ws.data_dir / "jobs" / job["id"]).exists(), "the upload's bytes go once the job is finished"
    assert {d["id"] for d in ws.documents()} == {doc_id_for(n) for n in NOTES}
    assert [j["id"] for j in queue.recent()] == ids[::-1]


def test_a_failed_job_says_why_and_the_queue_goes_on(ws):
    queue = JobQueue(ws, poll_s=0.05)
    bad = queue.submit([("kapotte notitie.pdf", b"%PDF-1.4\n1 0 obj <<>> rommel")])["id"]
    good = queue.submit([("agenda-havens.md", NOTES["agenda-havens.md"].encode())])["id"]
    queue.start()
    try:
        failed = wait_for(lambda: finished(queue, bad))
        done = wait_for(lambda: finished(queue, good))
    finally:
        queue.stop()
    assert failed["state"] == "failed" and failed["error"]["reason"] == "invalid"
    message = failed["error"]["message"]
    assert "kapotte notitie.pdf" in message
    for leak in (str(ws.data_dir), "/jobs/", "/tmp"):
        assert leak not in message, message
    assert done["state"] == "done" and done["result"]["documents"][0]["added"]
    with pytest.raises(JobRefused) as refused:  # same name, other content, no replace: refused before queueing
        queue.submit([("agenda-havens.md", b"# Iets anders\n\nOver cameratoezicht.\n")])
    assert refused.value.reason == "conflict" and "replace=true" in str(refused.value)
    again = queue.submit([("agenda-havens.md", b"# Iets anders\n\nOver cameratoezicht bij de haven.\n")], replace=True)
    queue.start()
    try:
        replaced = wait_for(lambda: finished(queue, again["id"]))
    finally:
        queue.stop()
    assert replaced["state"] == "done" and replaced["result"]["documents"][0]["updated"]


def test_a_full_queue_refuses_with_a_wait_and_stores_nothing(ws):
    queue = JobQueue(ws, limit=2)
    with st.writer_lock(ws.data_dir):
        for name in list(NOTES)[:2]:
            queue.submit([(name, NOTES[name].encode())])
        with pytest.raises(QueueFull) as full:
            queue.submit([("agenda-jeugd.md", NOTES["agenda-jeugd.md"].encode())])
    assert 5 <= full.value.retry_after <= 600
    assert len([p for p in (ws.data_dir / "jobs").iterdir() if p.is_dir()]) == 2
    with pytest.raises(JobRefused):
        queue.submit([("../x.md", b"x")])


RUNNER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kg.jobs import JobQueue
    from kg.settings import Settings
    from kg.workspace import Workspace
    queue = JobQueue(Workspace(Settings(data_dir=Path(sys.argv[1]))), poll_s=0.05)
    queue.start()
    time.sleep(600)
""")


def test_a_job_whose_process_died_is_reported_failed_and_queued_ones_survive(ws):
    """A second process runs the queue and is killed mid-job; the next runner reports that job failed,
    keeps the queued one (its bytes were on disk) and runs it."""
    queue = JobQueue(ws, poll_s=0.05)
    with st.writer_lock(ws.data_dir):  # the killed process's job is stuck waiting for this writer
        hit = queue.submit([("agenda-fietsen.md", NOTES["agenda-fietsen.md"].encode())])["id"]
        kept = queue.submit([("agenda-jeugd.md", NOTES["agenda-jeugd.md"].encode())])["id"]
        proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(ws.data_dir)], cwd=ROOT,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        try:
            wait_for(lambda: queue.get(hit)["state"] == "running", timeout=60)
            queue.start()  # another process: it answers for the jobs but does not run them
            time.sleep(0.5)
            assert queue.get(kept)["state"] == "queued"
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
        assert queue.get(hit)["state"] == "running", "nobody has noticed yet"
    try:
        failed = wait_for(lambda: finished(queue, hit))  # this process takes over the runner lock
        done = wait_for(lambda: finished(queue, kept))
    finally:
        queue.stop()
    assert failed["state"] == "failed" and failed["error"]["reason"] == "interrupted"
    assert "upload" in failed["error"]["message"]
    assert not (ws.data_dir / "jobs" / hit).exists()
    assert done["state"] == "done" and done["result"]["documents"][0]["id"] == doc_id_for("agenda-jeugd.md")
    assert [d["id"] for d in ws.documents()] == [doc_id_for("agenda-jeugd.md")]


# -- the HTTP API over a real server: two uvicorn workers, an empty data directory, a token -------------------

TOKEN = "wachtrij-token-42"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def job_server(tmp_path_factory):
    """Two worker processes (WEB_CONCURRENCY is uvicorn's --workers): any of them must answer for any job."""
    from tests.conftest import running_server

    data = tmp_path_factory.mktemp("jobs-api") / "data"
    _seed_vectors(data)
    with running_server(data, IVP_API_TOKEN=TOKEN, IVP_JOB_QUEUE="2", WEB_CONCURRENCY="2") as base:
        yield base, data


def post(base: str, name: str, text: str, **params):
    import httpx

    return httpx.post(base + "/api/documents", params=params, headers=AUTH, timeout=60,
                      files={"file": (name, text.encode(), "text/markdown")})


def test_an_upload_is_accepted_queued_and_followed_to_its_document(job_server):
    import httpx

    from tests.conftest import follow_upload

    base, _ = job_server
    r = post(base, "agenda-havens.md", NOTES["agenda-havens.md"])
    assert r.status_code == 202 and r.json()["status_url"] == f"/api/jobs/{r.json()['job_id']}"
    job = follow_upload(base, r)
    assert job["state"] == "done", job["error"]
    (doc,) = job["result"]["documents"]
    assert doc["added"] and doc["report"]["title"]
    listed = {d["id"] for d in httpx.get(base + "/api/documents", timeout=30).json()["documents"]}
    assert doc["id"] in listed
    recent = httpx.get(base + "/api/jobs", timeout=30).json()["jobs"]
    assert recent[0]["id"] == job["id"] and recent[0]["state"] == "done"
    clash = post(base, "agenda-havens.md", "# Iets anders\n\nCameratoezicht.\n")  # answered before queueing
    assert clash.status_code == 409 and "replace=true" in clash.json()["error"]["message"]
    assert httpx.get(base + "/api/jobs", timeout=30).json()["jobs"][0]["id"] == job["id"], "nothing was queued"
    for bad in ("nope", "00000000000000000000-zzzzzzzz", "..%2F..%2Fetc"):
        assert httpx.get(base + f"/api/jobs/{bad}", timeout=30).status_code == 404


def test_uploads_queue_while_the_data_is_busy_and_a_full_queue_says_when_to_retry(job_server):
    base, data = job_server
    with st.writer_lock(data):  # a CLI ingest holds the data directory
        first, second = post(base, "agenda-fietsen.md", NOTES["agenda-fietsen.md"]), \
            post(base, "agenda-jeugd.md", NOTES["agenda-jeugd.md"])
        assert (first.status_code, second.status_code) == (202, 202), second.text
        assert second.json()["ahead"] == 1
        full = post(base, "agenda-extra.md", "# Extra\n\nBuurtbemiddeling in Westerveld.\n")
        assert full.status_code == 503
        assert 5 <= int(full.headers["retry-after"]) <= 600
        assert "full" in full.json()["error"]["message"]
    from tests.conftest import follow_upload

    jobs = [follow_upload(base, r) for r in (first, second)]
    assert [j["state"] for j in jobs] == ["done", "done"], [j["error"] for j in jobs]
    assert jobs[0]["finished"] <= jobs[1]["started"]
    bad = follow_upload(base, post(base, "kapot verslag.pdf", "%PDF-1.7\n1 0 obj << /Kids [ >> stuk"))
    assert bad["state"] == "failed" and bad["error"]["reason"] == "invalid"
    assert "kapot verslag.pdf" in bad["error"]["message"] and str(data) not in bad["error"]["message"]
