"""Shared fixtures: the sample corpus ingested once per test session into a temporary data directory."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    """A Workspace with the five sample documents ingested (real model, real store)."""
    from api.settings import Settings
    from api.workspace import Workspace

    data_dir = tmp_path_factory.mktemp("data")
    ws = Workspace(Settings(data_dir=data_dir))
    report = ws.ingest([CORPUS])
    assert not report.errors, report.errors
    return ws


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(ingested):
    """The real app under uvicorn on loopback, serving the ingested sample corpus."""
    import subprocess
    import sys
    import time

    import httpx

    port = _free_port()
    env = dict(os.environ, IVP_DATA_DIR=str(ingested.data_dir), IVP_API_TOKEN="test-token-123",
               IVP_SPARQL_TIMEOUT="3")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("the server did not start")
    yield base
    proc.terminate()
    proc.wait(10)
