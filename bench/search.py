"""Search quality on the dev queries and latency, in-process and from the command line.

    python bench/search.py [QUERIES.jsonl]   (default: ../shared/eval/dev_queries.jsonl)
Targets: Recall@10 >= 0.95, MRR@10 >= 0.80, English Recall@10 >= 0.93; median <= 15 ms, p95 <= 40 ms;
`ivp search` start to answer <= 3 s.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py would shadow `http`
sys.path.insert(0, str(ROOT))

from kg.settings import Settings  # noqa: E402
from kg.workspace import Workspace  # noqa: E402
from search.evaluate import evaluate, format_report, load_queries  # noqa: E402


def main() -> None:
    queries_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev_queries.jsonl"
    queries = load_queries(queries_path)
    data_dir = Path(os.environ.get("IVP_BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="ivp-bench-"))
    ws = Workspace(Settings(data_dir=data_dir))
    if ws.is_empty():
        ws.ingest([ROOT / "corpus"])
    engine = ws.engine()
    report = evaluate(engine, queries)
    print(format_report(report))

    for q in queries[:5]:
        engine.search(q["query"], 10)  # warm up
    times = []
    for _ in range(5):
        for q in queries:
            t = time.perf_counter()
            engine.search(q["query"], 10)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"in-process latency over {len(times)} queries: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")

    env = dict(os.environ, IVP_DATA_DIR=str(data_dir))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from api.cli import app; app()", "search", "what are we doing on mensenhandel",
                    "--json"], env=env, cwd=ROOT, check=True, capture_output=True)
    print(f"`ivp search` start to printed answer: {time.perf_counter() - t:.2f} s")
    if not os.environ.get("IVP_BENCH_DATA_DIR"):
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
