"""Does search know when nothing matches? Precision on nonsense and answer rate on real questions.

    python bench/relevance.py [QUERIES.jsonl ...] [--fit] [--show]
        (default: bench/relevance_calibration.jsonl)
A row is a question that should find nothing when its `kind`, `split` or `category` says nonsense,
out-of-domain or no match; every other row is a real question. Printed per file:
  no-match precision: share of nonsense questions the engine flags as no match (target >= 0.9)
  answer rate: share of real questions that keep at least one relevant hit (target >= 0.95)
--fit fits the logistic weights of search/relevance.py on the given files (calibration data only) and
prints them; --show prints each question's best relevance. Rows with a `split` are also counted per split.
"""
from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]  # bench/http.py would shadow `http`
sys.path.insert(0, str(ROOT))

from kg.settings import Settings  # noqa: E402
from kg.workspace import Workspace  # noqa: E402
from search.grounding import ground  # noqa: E402
from search.relevance import judge  # noqa: E402

NO_MATCH_KINDS = {"nonsense", "no_match", "nomatch", "no-match", "out_of_domain", "out-of-domain", "ood", "negative"}


def should_not_match(row: dict) -> bool:
    return any(str(row.get(key, "")).lower() in NO_MATCH_KINDS for key in ("kind", "split", "category", "type"))


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def features(engine, query: str, k: int = 10) -> list[tuple[float, float, float]]:
    """(dense z, word coverage, concept) of the top-k hits, as the engine ranks them."""
    g = ground(query, engine.labels)
    hits = engine.search(query, k, grounding=g)
    index = {p.id: i for i, p in enumerate(engine.passages)}
    rows = [index[h.passage.id] for h in hits]
    dense = engine._dense_scores(engine._query_vector(query)[0])
    return [(e.dense, e.words, float(e.concept)) for e in judge(query, g, dense, engine.lexical, engine.passages, rows,
                                                                engine._places)]


def fit(x: np.ndarray, y: np.ndarray, steps: int = 20000, lr: float = 0.1, l2: float = 0.01) -> np.ndarray:
    """Plain logistic regression (weights then bias) by gradient descent, lightly regularised."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0]
        w -= lr * grad
    return w


def report(engine, rows: list[dict], show: bool) -> tuple[float, float]:
    flagged = answered = n_bad = n_real = 0
    for row in rows:
        hits = engine.search(row["query"], 10)
        no_match = not any(h.relevant for h in hits)
        bad = should_not_match(row)
        n_bad += bad
        n_real += not bad
        flagged += bad and no_match
        answered += (not bad) and not no_match
        if show:
            best = max((h.relevance for h in hits), default=0.0)
            mark = "OK " if no_match == bad else "ERR"
            print(f"  {mark} {'nonsense' if bad else 'real    '} best={best:.3f} {row['query']}")
    precision = flagged / n_bad if n_bad else math.nan
    rate = answered / n_real if n_real else math.nan
    print(f"  no-match precision {precision:.3f} ({flagged}/{n_bad} nonsense flagged); "
          f"answer rate {rate:.3f} ({answered}/{n_real} real questions answered)")
    return precision, rate


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    paths = [Path(a) for a in args] or [HERE / "relevance_calibration.jsonl"]
    data_dir = Path(os.environ.get("IVP_BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="ivp-bench-"))
    ws = Workspace(Settings(data_dir=data_dir))
    if ws.is_empty():
        ws.ingest([ROOT / "corpus"])
    engine = ws.engine()
    if "--fit" in sys.argv:
        x, y = [], []
        for path in paths:
            for row in load(path):
                feats = features(engine, row["query"])
                best = max(feats, key=lambda f: (f[1] + f[2], f[0]))  # most lexical/concept evidence, then dense
                x.append(best)
                y.append(0.0 if should_not_match(row) else 1.0)
        w = fit(np.array(x), np.array(y))
        print("fitted: W_DENSE={:.2f} W_WORDS={:.2f} W_CONCEPT={:.2f} BIAS={:.2f}".format(*w))
    for path in paths:
        rows = load(path)
        print(path.name)
        report(engine, rows, "--show" in sys.argv)
        for split in sorted({r["split"] for r in rows if r.get("split")}):
            print(f" split {split}")
            report(engine, [r for r in rows if r.get("split") == split], False)


if __name__ == "__main__":
    main()
