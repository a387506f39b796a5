"""Shared fixtures: the sample corpus ingested once per test session into a temporary data directory."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
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
    from kg.settings import Settings
    from kg.workspace import Workspace

    data_dir = tmp_path_factory.mktemp("data")
    _seed_vectors(data_dir)
    ws = Workspace(Settings(data_dir=data_dir))
    report = ws.ingest([CORPUS])
    assert not report.errors, report.errors
    _keep_vectors(data_dir)
    return ws


# Encoding the corpus is most of a session's set-up. Vectors depend only on the model and the text, so
# the session's cache is kept between runs on this machine (outside the checkout); a fresh machine
# starts empty and encodes everything, as CI does.
_KEPT_VECTORS = Path(tempfile.gettempdir()) / f"ivp-kg-test-vectors-{os.getuid()}.sqlite"


def _seed_vectors(data_dir: Path) -> None:
    if _KEPT_VECTORS.is_file():
        (data_dir / "cache").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_KEPT_VECTORS, data_dir / "cache" / "vectors.sqlite")


def _keep_vectors(data_dir: Path) -> None:
    source = data_dir / "cache" / "vectors.sqlite"
    if source.is_file():
        part = _KEPT_VECTORS.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(source, part)
        os.replace(part, _KEPT_VECTORS)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(data_dir: Path, **env: str):
    """The real app under uvicorn on a free loopback port; yields its base URL."""
    import subprocess
    import sys
    import time

    import httpx

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], cwd=ROOT,
                            env=dict(os.environ, IVP_DATA_DIR=str(data_dir), **env))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def follow_upload(base: str, response, timeout: float = 300.0) -> dict:
    """An upload's 202 followed to its end: the finished job record (state done or failed)."""
    import time

    import httpx

    assert response.status_code == 202, response.text
    assert response.headers["location"] == response.json()["status_url"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = httpx.get(base + response.headers["location"], timeout=30).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"the job {response.headers['location']} did not finish in {timeout} s")


@pytest.fixture(scope="session")
def server(ingested):
    """The sample corpus served by the real app, with a token configured (writes need it)."""
    with running_server(ingested.data_dir, IVP_API_TOKEN="test-token-123", IVP_SPARQL_TIMEOUT="3") as base:
        yield base
