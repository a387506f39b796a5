"""One big plan, ingested cold: wall clock, CPU and peak memory, optionally beside another checkout.

    python bench/bigplan.py [--kb 389] [--rounds 2] [--against OTHER_CHECKOUT] [--no-sentences]

The plan is the sample corpus (`Settings.sample_corpus`: corpus/, or IVP_SAMPLE_CORPUS) repeated until it reaches
`--kb` kilobytes (KiB), every non-empty line suffixed with its copy and line number, so no passage repeats and
the vector cache cannot help; it is cut at a paragraph boundary. Each run ingests it with `ivp ingest` into an
empty data directory (an empty vector cache) in a process of its own. With `--against`, the other checkout
runs the same file alternately with this one (old, new, old, new, ...), so both meet the same machine: on
these shared cores the same run varies by 20% from one half hour to the next.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]  # bench/http.py shadows the stdlib's
sys.path.insert(0, str(ROOT))
RUN = ("import atexit, resource, sys; from api.cli import app; sys.argv = ['ivp'] + sys.argv[1:]; "
       "atexit.register(lambda: print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)); "
       "app()")


def make_plan(target: Path, kb: int) -> Path:
    """The sample plans repeated and numbered up to `kb` KiB (see the module docstring)."""
    from kg.settings import Settings

    sources = [f.read_text(encoding="utf-8") for f in sorted(Settings().sample_corpus.glob("*.txt"))]
    parts: list[str] = []
    size, copy = 0, 0
    while size < kb * 1024:
        copy += 1
        for n, line in enumerate("\n".join(sources).splitlines()):
            text = f"{line} [{copy}.{n}]" if line.strip() else line
            parts.append(text)
            size += len(text.encode("utf-8")) + 1
    body = "\n".join(parts).encode("utf-8")[: kb * 1024].decode("utf-8", "ignore")
    target.mkdir(parents=True, exist_ok=True)
    plan = target / f"veiligheidsplan-{kb}kb.txt"
    plan.write_text(body[: body.rfind("\n\n")] + "\n", encoding="utf-8")
    return plan


def ingest_once(checkout: Path, plan_dir: Path, sentences: bool) -> dict:
    """`ivp ingest` of the plan with `checkout`'s code into a new data directory, in a child process."""
    env = dict(os.environ, PYTHONPATH=str(checkout), HF_HUB_OFFLINE="1")
    if not sentences:
        env["IVP_WEIGHT_SENTENCE"] = "0"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="ivp-bigplan-") as data:
        start = time.perf_counter()
        # --data-dir after the command: the form every version of the CLI takes (6684a23's only takes it there)
        done = subprocess.run([sys.executable, "-c", RUN, "ingest", str(plan_dir), "--data-dir", data],
                              env=env, capture_output=True, text=True, cwd=checkout)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"ingest failed in {checkout}:\n{done.stderr[-2000:]}")
    encoded = next((line for line in done.stdout.splitlines() if "gecodeerd" in line), "").rsplit(";", 1)[-1].strip()
    peak_kb = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak_kb ")), 0)
    return {"checkout": str(checkout), "wall_s": round(wall, 1),
            "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1),
            "peak_rss_mb": round(peak_kb / 1024), "encoded": encoded,
            "loadavg": [round(x, 2) for x in os.getloadavg()]}


def product_ms() -> float:
    """The machine's speed now: one 2048x384 by 384x1152 fp32 product on two threads (the shape of the encoder's
    widest layer at 2,048-token batches), best of 20. The same ingest's wall time follows it from one machine,
    and one half hour, to the next."""
    import torch

    torch.set_num_threads(2)
    a, b = torch.randn(2048, 384), torch.randn(384, 1152)
    times = []
    for _ in range(25):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    return round(min(times[5:]) * 1000, 1)


def main(argv: list[str]) -> None:
    def option(name: str, default: str | None) -> str | None:
        return argv[argv.index(name) + 1] if name in argv else default

    kb, rounds = int(option("--kb", "389")), int(option("--rounds", "2"))
    against = option("--against", None)
    checkouts = ([Path(against).resolve()] if against else []) + [ROOT]
    with tempfile.TemporaryDirectory(prefix="ivp-bigplan-src-") as src:
        plan = make_plan(Path(src), kb)
        print(f"# {plan.name}: {plan.stat().st_size:,} bytes; sentence vectors "
              f"{'off' if '--no-sentences' in argv else 'on'}", flush=True)
        for r in range(1, rounds + 1):
            print(json.dumps({"round": r, "product_ms": product_ms()}), flush=True)
            for checkout in checkouts:
                print(json.dumps({"round": r, **ingest_once(checkout, plan.parent, "--no-sentences" not in argv)}),
                      flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
