"""20 concurrent clients for 30 s against `/api/search` (and a mix of other reads).
Target: 0 errors, p95 <= 250 ms. Several uvicorn workers: models load after the fork, in each worker.

    python bench/load.py [CLIENTS] [SECONDS] [WORKERS] [--cached]
"""
from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this folder holds a module named `http`: keep it off the import path so the standard library's wins
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import httpx  # noqa: E402

sys.path.append(str(HERE.parent))
from bench._server import running_server  # noqa: E402

DEV = HERE.parent.parent / "shared" / "eval" / "dev_queries.jsonl"
QUERIES = [json.loads(line)["query"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()] \
    if DEV.exists() else ["what are we doing on mensenhandel", "welke acties lopen er rond Bibob?", "Halt", "drugs"]
FRESH = "--cached" not in sys.argv  # default: every query text is new, so no cached query vector helps


def paths(owners: list[str]) -> list:
    """The request mix: per 10, 8 searches, 1 entity lookup and 1 comparison of the first two ingested owners."""
    return [("/api/search", lambda i: {"q": QUERIES[i % len(QUERIES)] + (f" {i}" if FRESH else ""), "k": 10})] * 8 + [
        ("/api/entities", lambda i: {"q": "RIEC"}), ("/api/compare", lambda i: {"a": owners[0], "b": owners[-1]})]


PATHS: list = []  # filled once the server says which owners it holds


async def client(base: str, until: float, lat: list[float], errors: list[str], seed: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        i = seed
        while time.perf_counter() < until:
            path, params = PATHS[i % len(PATHS)]
            t = time.perf_counter()
            try:
                r = await c.get(path, params=params(i))
                if r.status_code != 200:
                    errors.append(f"{path} {r.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{path} {exc!r}")
            lat.append((time.perf_counter() - t) * 1000)
            i += 7


async def run(base: str, clients: int, seconds: float) -> None:
    lat: list[float] = []
    errors: list[str] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(client(base, until, lat, errors, k) for k in range(clients)))
    lat.sort()
    print(f"{clients} clients x {seconds:.0f} s: {len(lat)} requests ({len(lat) / seconds:.0f}/s), {len(errors)} errors, "
          f"median {statistics.median(lat):.0f} ms, p95 {lat[int(0.95 * (len(lat) - 1))]:.0f} ms, max {lat[-1]:.0f} ms")
    if errors:
        print("first errors:", errors[:5])


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    clients = int(args[0]) if len(args) > 0 else 20
    seconds = float(args[1]) if len(args) > 1 else 30
    workers = int(args[2]) if len(args) > 2 else 2
    with running_server(workers) as base:
        PATHS[:] = paths(httpx.get(f"{base}/api/filters", timeout=60).json()["basisteam"][:2])
        asyncio.run(run(base, 3, 3))  # warm every worker
        asyncio.run(run(base, clients, seconds))


if __name__ == "__main__":
    main()
