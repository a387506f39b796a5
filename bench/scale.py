"""Scale: the sample corpus and synthetic corpora FACTOR x its size (see bench/synth.py).

For each size: ingest time and passages/s, store and index size on disk, peak memory, query
latency in-process (p50/p95), and graph queries (entity neighbourhood, compare).

    python bench/scale.py 1 10 [100 1000]     (encoding runs at ~8-15 passages/s on 2 cores:
                                               100x takes hours; 1000x is a manual run)
    python bench/scale.py --replicate 1 10 100 1000
                                              (no encoding: copies of one ingested state with noisy
                                               copies of its vectors, see bench/replicate.py)
"""
from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

from kg.settings import Settings  # noqa: E402
from kg.workspace import Workspace  # noqa: E402
from bench.synth import generate  # noqa: E402
from kg.state import current_state  # noqa: E402

QUERIES = ["what are we doing on mensenhandel", "welke acties lopen er rond Bibob?", "drugs preventie jongeren",
           "Wie is portefeuillehouder van digitale veiligheid?", "verkeerscontroles alcohol", "Halt jongeren",
           "cybercrime awareness for seniors", "zorg en veiligheid regieteams", "13b Opiumwet woningen", "polarisatie"]


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


def run(factor: int, work: Path) -> dict:
    corpus = work / f"corpus-{factor}x"
    if factor == 1:
        corpus = HERE.parent / "corpus"
    else:
        generate(factor, corpus)
    ws = Workspace(Settings(data_dir=work / f"data-{factor}x"))
    t = time.perf_counter()
    report = ws.ingest([corpus])
    ingest_s = time.perf_counter() - t
    state = current_state(ws.data_dir)
    passages = sum(d["passages"] for d in ws.manifest()["documents"].values())
    engine = ws.engine()
    engine.search(QUERIES[0])
    lat = []
    for i in range(60):
        q = f"{QUERIES[i % len(QUERIES)]} {i}"  # fresh text: no cached query vector
        t = time.perf_counter()
        engine.search(q, 10)
        lat.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    ws.projection()
    projection_s = time.perf_counter() - t
    riec = ws.find("RIEC")[0]["id"]
    t = time.perf_counter()
    ws.entity(riec, 2)
    entity_ms = (time.perf_counter() - t) * 1000
    teams = sorted({d["basisteam"] for d in ws.manifest()["documents"].values() if d["basisteam"]})
    t = time.perf_counter()
    ws.compare(teams[0], teams[-1])
    compare_ms = (time.perf_counter() - t) * 1000
    return {
        "factor": factor, "documents": len(report.added), "passages": passages,
        "ingest_s": round(ingest_s, 1), "passages_per_s": round(report.encoded / ingest_s, 1),
        "store_mb": round(du(state / "store") / 1e6, 1), "index_mb": round(du(state / "index") / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "query_p50_ms": round(statistics.median(lat), 1), "query_p95_ms": round(pct(lat, 0.95), 1),
        "projection_s": round(projection_s, 2), "entity_depth2_ms": round(entity_ms), "compare_ms": round(compare_ms),
    }


def main() -> None:
    if "--replicate" in sys.argv:
        from bench.replicate import main as replicate

        replicate([a for a in sys.argv[1:] if a != "--replicate"])
        return
    factors = [int(a) for a in sys.argv[1:]] or [1, 10]
    work = Path(tempfile.mkdtemp(prefix="ivp-scale-"))
    try:
        for f in factors:
            print(json.dumps(run(f, work)), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
