"""`/api/search` over HTTP, one client, warm. Target: median <= 20 ms, p95 <= 50 ms.

    python bench/http.py [N_REQUESTS]
"""
from __future__ import annotations

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
from bench._server import ROOT, running_server  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    queries = [json.loads(line)["query"] for line in (ROOT.parent / "shared" / "eval" / "dev_queries.jsonl").read_text().splitlines()
               if line.strip()] if (ROOT.parent / "shared" / "eval").exists() else ["mensenhandel", "Bibob", "drugs"]
    with running_server() as base, httpx.Client(base_url=base, timeout=30) as client:
        for q in queries[:10]:
            client.get("/api/search", params={"q": q})
        times = []
        for i in range(n):
            t = time.perf_counter()
            r = client.get("/api/search", params={"q": queries[i % len(queries)], "k": 10})
            times.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
    times.sort()
    print(f"/api/search, 1 client, {n} requests: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * (n - 1))]:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
