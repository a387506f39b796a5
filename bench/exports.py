"""/api/health while 20 clients export the whole graph at once (JSON-LD): health must stay fast.

    python bench/exports.py [--root CHECKOUT] [--clients 20] [--format jsonld]
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py shadows the stdlib's


def _floor():
    spec = importlib.util.spec_from_file_location("_exports_floor", HERE / "floor.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


async def run(base: str, clients: int, fmt: str) -> dict:
    import httpx

    health: list[float] = []
    exports: list[float] = []
    errors: list[str] = []
    done = asyncio.Event()

    async def export(c: httpx.AsyncClient) -> None:
        t = time.perf_counter()
        r = await c.get("/api/export", params={"format": fmt})
        exports.append(time.perf_counter() - t)
        if r.status_code != 200:
            errors.append(str(r.status_code))

    async def probe(c: httpx.AsyncClient) -> None:
        while not done.is_set():
            t = time.perf_counter()
            r = await c.get("/api/health")
            health.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                errors.append(f"health {r.status_code}")
            await asyncio.sleep(0.05)

    async with httpx.AsyncClient(base_url=base, timeout=300) as c:
        prober = asyncio.create_task(probe(c))
        await asyncio.gather(*(export(c) for _ in range(clients)))
        done.set()
        await prober
    health.sort()
    return {"exports": len(exports), "export_max_s": round(max(exports), 1), "errors": len(errors),
            "health_median_ms": round(statistics.median(health), 1), "health_max_ms": round(health[-1], 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=HERE.parent)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--format", default="jsonld")
    args = ap.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    from kg.settings import Settings
    from kg.workspace import Workspace

    floor = _floor()
    data_dir = Path(tempfile.mkdtemp(prefix="ivp-exports-"))
    kept = Path(tempfile.gettempdir()) / f"ivp-floor-vectors-{os.getuid()}.sqlite"  # bench/floor.py's, if any
    if kept.is_file():
        (data_dir / "cache").mkdir()
        shutil.copyfile(kept, data_dir / "cache" / "vectors.sqlite")
    Workspace(Settings(data_dir=data_dir)).ingest([root / "corpus"])
    proc, base = floor._server(root, data_dir, 1)
    try:
        floor._wait(base)
        print(root, asyncio.run(run(base, args.clients, args.format)))
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
