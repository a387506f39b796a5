"""Past one machine, exercised: API replicas sharing one graph server, 1 replica against 2.

Why: kg/remote.py lets several API processes share one graph (IVP_SPARQL_QUERY_URL/UPDATE_URL). This runs
that path for real and says what it yields: an `oxigraph serve` on loopback holds the facts of the sample
corpus; search indexes and passages stay in one shared data directory. Then the same load (CLIENTS clients
for SECONDS seconds, requests spread round-robin over the replicas) runs against one replica, then against
two separate uvicorn processes (one worker each). The mix: new-question /api/search (each text new, so the
encoder really runs) and graph reads that query the graph server on every request (/api/documents/{id}:
three SPARQL queries; /api/stats: two). Actions, compare and entities are not in the mix: a replica builds
them once per state and answers later requests from memory, so they would not measure the shared server.

Both phases set OMP_WAIT_POLICY=PASSIVE (replicas on one host share its cores, search/encoders.py), so the
replica count is the only difference. Afterwards one upload through replica A must show in replica B's graph
reads (document facts, actions, triple count) and on the graph server itself. Printed per phase besides
req/s, p50, p95 and errors: requests per replica, the 1-minute load average, and the cores the replicas, the
graph server and the clients used (CPU seconds / wall seconds), so a busy machine shows as such. `--rounds R`
runs R pairs of phases in the order 1,2 then 2,1 so drift in other load evens out. The first run on a
machine also encodes the corpus (vectors are kept in the temp dir for later runs).

    python bench/replicas.py [--clients 20] [--seconds 30] [--rounds 1]
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py shadows the stdlib's
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

QUESTIONS = ["welke acties lopen er rond Bibob?", "what are we doing on mensenhandel", "drugs preventie jongeren",
             "aanpak woninginbraak", "samenwerking met het RIEC", "jeugdoverlast en Halt", "cameratoezicht"]
# Vectors depend only on model and text: the corpus's are kept between runs on this machine (as tests/conftest.py
# does), so a rerun measures the replicas, not the encoding of the corpus again.
KEPT_VECTORS = Path(tempfile.gettempdir()) / f"ivp-kg-replicas-vectors-{os.getuid()}.sqlite"
EXTRA_NAME = "uitvoeringsprogramma-kampen-2025.html"
EXTRA = """<html><body><main>
<h1>Uitvoeringsprogramma Veiligheid Kampen 2025</h1>
<p>De gemeente Kampen werkt hier haar veiligheidsplan uit in maatregelen voor 2025.</p>
<h2>Speerpunt 1: Ondermijning</h2>
<table>
<thead><tr><th>Maatregel</th><th>Eigenaar</th><th>Gereed</th></tr></thead>
<tbody>
<tr><td>Bibob-screening van vastgoedtransacties in de binnenstad</td><td>Team Vergunningen</td><td>Q3 2025</td></tr>
<tr><td>Gezamenlijke controles van loodsen en garageboxen met het RIEC</td><td>Team Veiligheid</td><td>Eind 2025</td></tr>
</tbody></table>
</main></body></html>
"""


def cpu_s(pid: int) -> float:
    """CPU seconds a process (and its waited-for children) used so far, from /proc; 0 where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(url: str, what: str, tries: int = 600) -> None:
    for _ in range(tries):
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


@contextmanager
def process(cmd: list[str], env: dict | None = None):
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def graph_server(location: Path):
    """`oxigraph serve` (PyPI package `oxigraph`) on a free loopback port; yields its base URL and pid."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    with process([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                  "--union-default-graph"]) as proc:
        base = f"http://127.0.0.1:{port}"
        wait_until(base + "/query?query=ASK%7B%7D", "the graph server")
        yield base, proc.pid


@contextmanager
def replicas(n: int, env: dict):
    """N separate API processes (one uvicorn worker each) on the same data directory and graph server; yields
    their base URLs and pids."""
    with ExitStack() as stack:
        bases, pids = [], []
        for _ in range(n):
            port = free_port()
            pids.append(stack.enter_context(process([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
                                         "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
                                         "--log-level", "warning"], env)).pid)
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until(base + "/api/health", "an API replica")
        yield bases, pids


def request_mix(doc_ids: list[str], tag: str) -> list[tuple[str, str, object]]:
    """(kind, path, params of request i): 4 new questions, 3 document reads, 1 stats per 8 requests. `tag` keeps
    each phase's questions new (question vectors are cached in the shared data directory)."""
    search = ("search", "/api/search", lambda i: {"q": f"{QUESTIONS[i % len(QUESTIONS)]} {tag}{i}", "k": 10})
    docs = [("document", f"/api/documents/{d}", lambda i: None) for d in doc_ids]
    return [search] * 4 + [docs[k % len(docs)] for k in range(3)] + [("stats", "/api/stats", lambda i: None)]


async def drive(bases: list[str], mix: list, clients: int, seconds: float) -> dict:
    """CLIENTS clients, each request to the next replica in turn; latencies per kind, counts per replica."""
    turn = itertools.count()
    lat: dict[str, list[float]] = {}
    per_replica = [0] * len(bases)
    errors: list[str] = []
    until = time.perf_counter() + seconds

    async def client(k: int) -> None:
        conns = [httpx.AsyncClient(base_url=b, timeout=60) for b in bases]
        try:
            i = k
            while time.perf_counter() < until:
                n = next(turn)
                r_idx = n % len(bases)
                kind, path, params = mix[(n // len(bases)) % len(mix)]
                t = time.perf_counter()
                try:
                    r = await conns[r_idx].get(path, params=params(i))
                    if r.status_code != 200:
                        errors.append(f"{path} {r.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(f"{path} {exc.__class__.__name__}")
                lat.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
                per_replica[r_idx] += 1
                i += clients
        finally:
            for c in conns:
                await c.aclose()

    t0 = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    wall = time.perf_counter() - t0
    every = sorted(x for v in lat.values() for x in v)
    return {"requests": len(every), "wall": wall, "rps": len(every) / wall, "p50": statistics.median(every),
            "p95": every[int(0.95 * (len(every) - 1))], "errors": errors, "per_replica": per_replica,
            "by_kind": {k: (len(v), statistics.median(v)) for k, v in sorted(lat.items())}}


def warm(bases: list[str], doc_ids: list[str], tag: str) -> None:
    """Each replica loads both question paths before the clock runs: one question alone (the C engine) and
    concurrent ones (batched, search/coalesce.py, a second model that loads on its first batch), with its own
    new questions so no cached question vector spares it a model; then one pass over the mix."""
    async def concurrent(base: str, j: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            for r in range(3):
                qs = [f"{QUESTIONS[k % len(QUESTIONS)]} {tag}.{j}.{r}.{k}" for k in range(6)]
                for resp in await asyncio.gather(*(c.get("/api/search", params={"q": q}) for q in qs)):
                    resp.raise_for_status()

    for j, base in enumerate(bases):
        asyncio.run(concurrent(base, j))
        with httpx.Client(base_url=base, timeout=120) as c:
            for i, (_, path, params) in enumerate(request_mix(doc_ids, f"{tag}.{j}-")):
                c.get(path, params=params(i)).raise_for_status()


def write_check(a: str, b: str, graph: str, token: str) -> dict:
    """Upload a small plan through replica A; B's graph reads and the graph server must show its facts."""
    with httpx.Client(timeout=120) as c:
        triples_before = c.get(b + "/api/stats").json()["triples"]
        actions_before = len(c.get(b + "/api/actions").json()["actions"])
        t = time.perf_counter()
        r = c.post(a + "/api/documents", headers={"Authorization": f"Bearer {token}"},
                   files={"file": (EXTRA_NAME, EXTRA.encode(), "text/html")})
        r.raise_for_status()
        for _ in range(1200):
            job = c.get(a + r.json()["status_url"]).json()
            if job["state"] not in ("queued", "running"):
                break
            time.sleep(0.25)
        if job["state"] != "done":
            return {"ok": False, "why": f"job {job['state']}: {job.get('error')}"}
        doc_id = job["result"]["documents"][0]["id"]
        ingest_s = time.perf_counter() - t
        facts = c.get(f"{b}/api/documents/{doc_id}").json()
        triples_after = c.get(b + "/api/stats").json()["triples"]
        actions_after = len(c.get(b + "/api/actions").json()["actions"])
        from ontology.vocab import graph_iri

        ask = f"ASK {{ GRAPH <{graph_iri(doc_id)}> {{ ?s ?p ?o }} }}"
        on_server = c.post(graph + "/query", content=ask.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}).json()["boolean"]
    ok = bool(facts.get("actions")) and triples_after > triples_before and actions_after > actions_before and on_server
    return {"ok": ok, "doc": doc_id, "ingest_s": ingest_s, "b_doc_actions": len(facts.get("actions", [])),
            "triples": (triples_before, triples_after), "actions": (actions_before, actions_after),
            "on_server": on_server}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--rounds", type=int, default=1, help="pairs of phases, in the order 1,2 then 2,1, ...")
    args = ap.parse_args()
    from kg.settings import Settings
    from kg.workspace import Workspace

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="ivp-replicas-") as tmp, \
            graph_server(Path(tmp) / "oxi") as (graph, graph_pid):
        data = Path(tmp) / "data"
        (data / "cache").mkdir(parents=True)
        if KEPT_VECTORS.is_file():
            shutil.copyfile(KEPT_VECTORS, data / "cache" / "vectors.sqlite")
        urls = {"IVP_SPARQL_QUERY_URL": graph + "/query", "IVP_SPARQL_UPDATE_URL": graph + "/update"}
        t = time.perf_counter()
        ws = Workspace(Settings(data_dir=data, sparql_query_url=urls["IVP_SPARQL_QUERY_URL"],
                                sparql_update_url=urls["IVP_SPARQL_UPDATE_URL"]))
        report = ws.ingest([ROOT / "corpus"])
        assert not report.errors, report.errors
        assert not (next((data / "states").iterdir()) / "store").exists(), "the graph must live on the server"
        shutil.copyfile(data / "cache" / "vectors.sqlite", KEPT_VECTORS.with_suffix(".part"))
        os.replace(KEPT_VECTORS.with_suffix(".part"), KEPT_VECTORS)
        print(f"ingest of the sample corpus into the graph server: {time.perf_counter() - t:.1f} s, "
              f"{ws.stats()['triples']} triples on {graph}")
        token = secrets.token_hex(16)
        env = dict(os.environ, IVP_DATA_DIR=str(data), IVP_API_TOKEN=token, OMP_WAIT_POLICY="PASSIVE", **urls)
        doc_ids = ws.store().document_ids()
        phases = [n for r in range(args.rounds) for n in ((1, 2) if r % 2 == 0 else (2, 1))]  # ABBA: drift evens out
        last_two = max(i for i, n in enumerate(phases) if n == 2)
        rows, check = [], None
        for i, n in enumerate(phases):
            with replicas(n, env) as (bases, pids):
                warm(bases, doc_ids, f"warm{i}")
                load_before = os.getloadavg()[0]
                clock = lambda: (sum(cpu_s(p) for p in pids), cpu_s(graph_pid), time.process_time(),  # noqa: E731
                                 time.perf_counter())
                before = clock()
                row = asyncio.run(drive(bases, request_mix(doc_ids, f"run{i}-"), args.clients, args.seconds))
                used = [x - y for x, y in zip(clock(), before)]
                rows.append((n, row | {"load": (load_before, os.getloadavg()[0]),
                                       "cores_used": [round(x / used[3], 2) for x in used[:3]]}))
                if i == last_two:  # after the load, so every phase measured the same graph
                    check = write_check(bases[0], bases[1], graph, token)
    print_report(rows, check, args, cores)


def print_report(rows: dict, check: dict | None, args, cores: int) -> None:
    print(f"\n{args.clients} clients x {args.seconds:.0f} s per row; mix per 8 requests: 4 new-question "
          f"/api/search, 3 /api/documents/{{id}}, 1 /api/stats; one shared oxigraph server")
    print(f"{'replicas':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}  {'per replica':<11} "
          f"load 1m (start->end)  cores used: API / graph server / clients")
    for n, r in rows:
        print(f"{n:>8} {r['rps']:>7.1f} {r['p50']:>7.0f} {r['p95']:>7.0f} {len(r['errors']):>6}  "
              f"{'/'.join(map(str, r['per_replica'])):<11} {r['load'][0]:>7.2f} -> {r['load'][1]:<10.2f} "
              + " / ".join(f"{c:.2f}" for c in r["cores_used"]))
        print("         by kind (n, p50 ms): " + ", ".join(f"{k} {c} {m:.0f}" for k, (c, m) in r["by_kind"].items()))
        if r["errors"]:
            print("         first errors:", r["errors"][:5])
    rate = {k: sum(r["requests"] for n, r in rows if n == k) / sum(r["wall"] for n, r in rows if n == k) for k in (1, 2)}
    print(f"combined throughput, 2 vs 1 replica: {rate[2]:.1f} / {rate[1]:.1f} req/s = x{rate[2] / rate[1]:.2f}")
    print(f"cores: {cores}; the replicas, the graph server, these clients and whatever else runs here share them "
          f"(the rest of the load average is other processes)")
    if check is None:
        return
    if not check["ok"] and "why" in check:
        print(f"write through replica A seen by replica B: NO ({check['why']})")
        return
    print(f"write through replica A seen by replica B: {'yes' if check['ok'] else 'NO'} - upload {check['doc']} "
          f"done in {check['ingest_s']:.1f} s; B: document actions {check['b_doc_actions']}, triples "
          f"{check['triples'][0]} -> {check['triples'][1]}, actions {check['actions'][0]} -> {check['actions'][1]}; "
          f"on the graph server: {check['on_server']}")


if __name__ == "__main__":
    main()
