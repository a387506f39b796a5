"""Graph queries when many documents restate the same facts (an owner's name, the priorities its plans share).

    python bench/repeats.py [--against OTHER_CHECKOUT] [--timeout 120] [COPIES ...]   (default 0 2 8)

The sample corpus is ingested once; for each COPIES, a copy of its data directory gets COPIES more named graphs
per document holding that document's facts about nodes it does not own (owners, basisteams, priorities, roles,
places): what COPIES more yearly plans of the same owners would add to the union graph. The board's actions,
a comparison, coverage, the concept list, the graph view and one question are then timed, each in a process of
its own with a time limit, for this checkout and (with --against) another one on the same data.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]  # bench/http.py shadows the stdlib's
sys.path.insert(0, str(ROOT))
CALLS = {
    "actions": "ws.actions()",
    "compare": "ws.compare('De Waarden', 'Tweestromenland')",
    "coverage": "ws.coverage()",
    "concepts": "ws.concepts()",
    "graph_view": "ws.graph_view()",
    "answer": "ws.answer('Welke acties lopen er rond mensenhandel?')",
}
TIMED = ("import os, sys, time; from kg.settings import Settings; from kg.workspace import Workspace; "
         "ws = Workspace(Settings(data_dir=sys.argv[1])); ws.store(); t = time.perf_counter(); {call}; "
         "print(round(time.perf_counter() - t, 3))")


def repeat_shared_facts(source: Path, target: Path, copies: int) -> int:
    """A copy of the data directory whose state holds `copies` more graphs per document of its shared facts."""
    import pyoxigraph as ox

    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lock"))
    state = (target / "CURRENT").read_text().strip()
    store = ox.Store(str(target / "states" / state / "store"))
    docs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and "/graph/" in g.value
            and not g.value.endswith(("/ontology", "/lineage"))]
    added = []
    for g in docs:
        doc = g.value.rsplit("/", 1)[-1]
        shared = [q for q in store.quads_for_pattern(None, None, None, g)
                  if isinstance(q.subject, ox.NamedNode) and doc not in q.subject.value]
        for n in range(copies):
            graph = ox.NamedNode(f"{g.value}-repeat{n}")
            added += [ox.Quad(q.subject, q.predicate, q.object, graph) for q in shared]
    store.bulk_extend(added)
    store.flush()
    return len(added)


def timed(checkout: Path, data: Path, call: str, limit: int) -> float | str:
    env = dict(os.environ, PYTHONPATH=str(checkout), HF_HUB_OFFLINE="1")
    try:
        done = subprocess.run([sys.executable, "-c", TIMED.format(call=call), str(data)], env=env, cwd=checkout,
                              capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return f"> {limit} s"
    if done.returncode:
        return "failed: " + done.stderr.strip().splitlines()[-1][:200]
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    against = Path(argv[argv.index("--against") + 1]).resolve() if "--against" in argv else None
    limit = int(argv[argv.index("--timeout") + 1]) if "--timeout" in argv else 120
    skip = {i + 1 for i, a in enumerate(argv) if a in ("--against", "--timeout")}
    counts = [int(a) for i, a in enumerate(argv) if a.isdigit() and i not in skip] or [0, 2, 8]
    checkouts = [ROOT] + ([against] if against else [])
    work = Path(tempfile.mkdtemp(prefix="ivp-repeats-"))
    try:
        from kg.settings import Settings
        from kg.workspace import Workspace

        start = time.perf_counter()
        settings = Settings(data_dir=work / "source")
        Workspace(settings).ingest([settings.sample_corpus])
        print(f"# sample corpus ingested in {time.perf_counter() - start:.0f} s", flush=True)
        for copies in counts:
            data = work / f"x{copies}"
            added = repeat_shared_facts(work / "source", data, copies)
            for checkout in checkouts:
                row = {"copies": copies, "quads_added": added, "checkout": str(checkout)}
                row |= {name: timed(checkout, data, call, limit) for name, call in CALLS.items()}
                print(json.dumps(row), flush=True)
            shutil.rmtree(data, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
