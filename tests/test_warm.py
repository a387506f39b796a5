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
            deadline = time.monotonic() + 120
            while (ws.encoder._batched is None or ws.reader()[1] is None) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert ws.encoder._batched is not None and ws.encoder._model is not None
    finally:
        deps.workspace.cache_clear()
        deps.job_queue.cache_clear()
