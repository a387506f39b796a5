"""20 concurrent clients for 30 s against `/api/search` (and a mix of other reads).
Target: 0 errors, p95 <= 250 ms. Several uvicorn workers: models load after the fork, in each worker.

    python bench/load.py [CLIENTS] [SECONDS] [WORKERS]
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import running_server  # noqa: E402

QUERIES = ["what are we doing on mensenhandel", "welke acties lopen er rond Bibob?", "drugs preventie jongeren",
           "Wie is portefeuillehouder van digitale veiligheid?", "verkeersveiligheid senioren", "Halt",
           "cybercrime awareness for seniors", "zorg en veiligheid regieteams", "13b Opiumwet", "polarisatie"]
PATHS = [("/api/search", lambda i: {"q": QUERIES[i % len(QUERIES)], "k": 10})] * 8 + [
    ("/api/entities", lambda i: {"q": "RIEC"}), ("/api/compare", lambda i: {})]


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
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    with running_server(workers) as base:
        asyncio.run(run(base, 3, 3))  # warm every worker
        asyncio.run(run(base, clients, seconds))


if __name__ == "__main__":
    main()
