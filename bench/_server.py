"""Start the real app on loopback for the HTTP benchmarks (ingesting the sample corpus if needed)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def running_server(workers: int = 1):
    data_dir = Path(os.environ.get("IVP_BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="ivp-bench-"))
    sys.path.insert(0, str(ROOT))
    from kg.settings import Settings
    from kg.workspace import Workspace

    ws = Workspace(Settings(data_dir=data_dir))
    if ws.is_empty():
        ws.ingest([ROOT / "corpus"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, IVP_DATA_DIR=str(data_dir))
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(20)
