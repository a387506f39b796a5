"""Search quality on the project's own evaluation set (bench/eval), per split, next to the dev queries.

    .venv/bin/python -m bench.search_eval [--split tuning|frozen|all] [--dev] [--extra FILE ...] [--json OUT.json]

Run as a module from the repository root (bench/http.py would shadow the standard `http` module if bench/
were on sys.path). Ingests the sample corpus plus the fixture documents in FIXTURES into a temporary data
directory (or IVP_BENCH_DATA_DIR when set, reused if already filled), then prints Recall@1/5/10, MRR@10 and
nDCG@10 overall, by language and by category for each split; the comparison questions' rate of having both
owners in the top 10; how often the unanswerable questions (bench/eval/nomatch.jsonl) still get a top hit
judged relevant; and in-process latency. The frozen half judges; it must never be used to choose methods.
--extra evaluates further question files, held out like the frozen half (bench/eval/unseen.jsonl: 80 questions by
authors who read only the documents; bench/eval/fixture_owners.jsonl: who does what in the fixtures' plans;
bench/eval/comparisons.jsonl: 60 comparisons with every answering passage of each side, split in halves;
bench/eval/fourth.jsonl: 140 questions of six categories, every answering passage judged, split in halves). Where
rows carry completed judgements (`more_gold`, search/evaluate.completed), a second line gives the figures with them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py would shadow `http`
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.settings import Settings  # noqa: E402
from kg.workspace import Workspace  # noqa: E402
from search.evaluate import completed, evaluate, format_report, load_queries, normalise  # noqa: E402

EVAL = HERE / "eval"
QUESTIONS = EVAL / "questions.jsonl"
NOMATCH = EVAL / "nomatch.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "dev_queries.jsonl"
# Fixture documents the evaluation set also asks about (layouts unlike the samples); kept in one place so
# the integrity test and the bench agree on what is ingested.
FIXTURES = ("01_inhoud_ivp.txt", "04_speerpunt_koppen.md", "05_uvp_maatregelen.md", "08_actieplan.html",
            "09_jaarschijf_thema.txt", "10_voortgang_lijsten.md")
FIXTURE_DIR = ROOT / "tests" / "fixtures" / "extract"


def sources() -> list[Path]:
    return [ROOT / "corpus", *(FIXTURE_DIR / name for name in FIXTURES)]


def build_workspace(data_dir: Path) -> Workspace:
    ws = Workspace(Settings(data_dir=data_dir))
    if ws.is_empty():
        t = time.perf_counter()
        report = ws.ingest(sources())
        if report.errors:
            raise SystemExit(f"ingest failed: {report.errors}")
        print(f"ingested corpus + {len(FIXTURES)} fixtures in {time.perf_counter() - t:.1f} s")
    return ws


def unreachable(engine, queries: list[dict]) -> list[str]:
    """Gold snippets no indexed passage contains: such a question cannot be hit, whatever the ranking."""
    texts = [normalise(p.indexed_text()) for p in engine.passages]
    return [{"id": q["id"], "split": q.get("split"), "gold": g}
            for q in queries for g in q["gold"] if not any(normalise(g) in t for t in texts)]


def latency(engine, queries: list[dict], rounds: int) -> dict:
    times = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            engine.search(q["query"], 10)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"n": len(times), "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}


def relevance_rates(engine, answerable: list[dict], nomatch: list[dict]) -> dict:
    """Share of unanswerable questions whose top hit is still judged relevant (lower is better), and share of
    answerable questions whose first gold hit is judged relevant (higher is better)."""
    def top_relevant(q: dict) -> bool:
        hits = engine.search(q["query"], 10)
        return bool(hits) and getattr(hits[0], "relevant", True)

    def gold_relevant(q: dict) -> bool:
        golds = [normalise(g) for g in q["gold"]]
        for h in engine.search(q["query"], 10):
            if any(g in normalise(h.passage.indexed_text()) for g in golds):
                return getattr(h, "relevant", True)
        return False

    out: dict = {}
    for kind in sorted({q["kind"] for q in nomatch}):
        rows = [q for q in nomatch if q["kind"] == kind]
        out[f"nomatch_{kind}_top_relevant"] = round(sum(map(top_relevant, rows)) / len(rows), 3)
    out["answerable_gold_relevant"] = round(sum(map(gold_relevant, answerable)) / max(len(answerable), 1), 3)
    return out


def _completed_line(rows: list[dict], engine, part: str = "") -> dict | None:
    """The figures with the completed judgements (search/evaluate.completed), printed on one line (of `part`, a
    split, where given); None when no row has any."""
    more = [q for q in rows if q.get("more_gold") or q.get("more_sides")]
    if not more:
        return None
    report = evaluate(engine, [completed(q) for q in rows])
    m, sides = report["overall"], report.get("both_sides", {}).get("rate@10")
    both = f", comparisons with both sides in the top 10 {sides}" if sides is not None else ""
    print(f"with completed gold{part and ', ' + part} ({len(more)} of {len(rows)} questions have further answers): "
          f"R@10 {m['recall@10']}, MRR@10 {m['mrr@10']}{both}")
    return {"overall": m, "both_sides": sides, "with_more": len(more)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.search_eval", description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tuning", "frozen", "all"), default="all")
    ap.add_argument("--dev", action="store_true", help="also evaluate the dev queries (../shared/eval)")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="further question files, reported in full")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)

    questions = load_queries(QUESTIONS)
    nomatch = [json.loads(line) for line in NOMATCH.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = ("tuning", "frozen") if args.split == "all" else (args.split,)
    own_dir = not os.environ.get("IVP_BENCH_DATA_DIR")
    data_dir = Path(os.environ.get("IVP_BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="ivp-search-eval-"))
    try:
        engine = build_workspace(data_dir).engine()
        print(f"{len(engine.passages)} passages; {len(questions)} questions, {len(nomatch)} unanswerable")
        chosen = [q for q in questions if q["split"] in halves]
        fresh = latency(engine, chosen, 1)  # first sight of each question: includes encoding it
        figures: dict = {"passages": len(engine.passages)}
        for half in halves:
            report = evaluate(engine, [q for q in chosen if q["split"] == half])
            figures[half] = report
            shown = report if half == "tuning" else {**report, "queries": []}  # frozen misses stay unread
            print(f"\n== {half} half ==\n{format_report(shown)}")
            figures[f"{half}_completed"] = _completed_line([q for q in chosen if q["split"] == half], engine)
        if args.dev:
            if DEV.is_file():
                figures["dev"] = evaluate(engine, load_queries(DEV))
                print(f"\n== dev queries ({DEV.name}) ==\n{format_report(figures['dev'])}")
            else:
                print(f"\n== dev queries: {DEV} not found, skipped ==")
        for path in args.extra:  # held out like the frozen half: its misses stay unread
            rows = load_queries(path)
            figures[path.stem] = evaluate(engine, rows)
            print(f"\n== {path.name} ==\n{format_report({**figures[path.stem], 'queries': []})}")
            figures[f"{path.stem}_completed"] = _completed_line(rows, engine)
            for split in sorted({q["split"] for q in rows if q.get("split")} - {path.stem}):  # its halves, if split
                figures[f"{path.stem}_{split}_completed"] = _completed_line(
                    [q for q in rows if q.get("split") == split], engine, split)
        figures["unreachable_gold"] = unreachable(engine, chosen)
        print(f"\ngold snippets in no indexed passage: {len(figures['unreachable_gold'])}"
              + "".join(f"\n  {u['id']}: {u['gold']}" for u in figures["unreachable_gold"] if u["split"] != "frozen"))
        nm = [q for q in nomatch if q["split"] in halves]
        figures["relevance"] = relevance_rates(engine, chosen, nm)
        print("relevance judgement: " + ", ".join(f"{k} {v}" for k, v in figures["relevance"].items()))
        figures["latency_fresh"], figures["latency_repeat"] = fresh, latency(engine, chosen, 3)
        print(f"in-process latency, new questions: median {fresh['median_ms']} ms, p95 {fresh['p95_ms']} ms "
              f"({fresh['n']}); repeated: median {figures['latency_repeat']['median_ms']} ms, "
              f"p95 {figures['latency_repeat']['p95_ms']} ms ({figures['latency_repeat']['n']})")
        if args.json:
            tmp = args.json.with_suffix(args.json.suffix + ".part")
            tmp.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, args.json)
    finally:
        if own_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
