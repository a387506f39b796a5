"""A server worker started with IVP_WARM=1 (as `ivp serve` does) loads its models before the first question."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient


def test_workspace_warm_loads_both_runtimes_and_the_engine(ingested):
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(data_dir=ingested.data_dir))
    ws.warm()
    assert ws.encoder._model is not None and ws.encoder._batched is not None
    assert ws.reader()[1] is not None  # the active state's indexes are loaded
    projection = ws.projection()
    assert projection._adjacency is not None and projection._evidence is not None  # entity requests look up only
    assert ("actions",) in ws._derived  # the board and comparisons start from the actions, read once per state


def test_the_app_warms_its_workspace_in_the_background(ingested, monkeypatch):
    from api import deps
    from api.app import create_app

    monkeypatch.setenv("IVP_DATA_DIR", str(ingested.data_dir))
    monkeypatch.setenv("IVP_WARM", "1")
    deps.workspace.cache_clear()
    deps.job_queue.cache_clear()
    try:
        with TestClient(create_app()):
            ws = deps.workspace()
            deadline = time.monotonic() + 60
            while (ws.encoder._batched is None or ws.reader()[1] is None) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert ws.encoder._batched is not None and ws.encoder._model is not None
    finally:
        deps.workspace.cache_clear()
        deps.job_queue.cache_clear()


def test_a_worker_prepares_a_state_an_ingest_switched_to(ingested, tmp_path):
    """Another worker (or a job) ingests; this worker's next request finds a new state and, with IVP_WARM, the
    new state's graph indexes and actions are built in the background instead of by the first visitor."""
    import shutil

    from kg.settings import Settings
    from kg.workspace import Workspace

    data = tmp_path / "data"
    shutil.copytree(ingested.data_dir, data, ignore=shutil.ignore_patterns(".lock"))
    worker = Workspace(Settings(data_dir=data, warm=True))
    first = worker.reader()[0]
    assert "state" not in worker._derived  # the start-up warm-up is warm()'s; opening alone prepares nothing
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "jaarplan-veiligheid-ede-2026.txt").write_text(
        "Jaarplan veiligheid gemeente Ede 2026\n\nPrioriteit 1 - Jeugd\nHalt en het jongerenwerk helpen jongeren.\n",
        encoding="utf-8")
    assert not Workspace(Settings(data_dir=data)).ingest([docs]).errors  # another process's ingest
    assert worker.reader()[0] is not first
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and ("actions",) not in worker._derived:
        time.sleep(0.2)
    new_state = worker._reader[0]
    assert worker._derived.get("state") == new_state and ("actions",) in worker._derived
    projection = worker.projection()
    assert projection._adjacency is not None and projection._evidence is not None
    assert worker.coverage("Ede")[0]["documents"]  # the views are the new state's, with the new plan
