"""Each side of a comparison re-ranked by what the other sides' best passages say.

Why: plans of different owners often treat a theme in parallel wording ("vergroten van weerbaarheid ... op het
gebied van cybercrime" beside "... op het gebied van digitale veiligheid"), while the question's own words
place one side's answer well and the other's only 6th to 20th within that owner. A passage that resembles
the other sides' best matches is likely that side's counterpart. Each side's own candidates get a bonus of
`weight` x the z-score (within those candidates) of their best cosine to the other sides' `top` passages.

Chosen on the tuning half of bench/eval (docs/BENCHMARKS.md, "Search methods tried").
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

TOP = 3  # the other sides' passages a side is compared with


def echo(rankings: Sequence[Sequence[int]], fused: np.ndarray, vectors: Callable[[Sequence[int]], np.ndarray],
         weight: float, top: int = TOP) -> list[list[int]]:
    """Every side's ranking (row numbers, best first) re-ranked; `vectors(rows)` gives the passages' unit
    vectors. A side without other sides, or with fewer than two candidates, keeps its order."""
    if weight <= 0 or len(rankings) < 2:
        return [list(r) for r in rankings]
    out = []
    for s, own in enumerate(rankings):
        others = sorted({i for t, r in enumerate(rankings) if t != s for i in r[:top]}, key=lambda i: -fused[i])[:top]
        if len(own) < 2 or not others:
            out.append(list(own))
            continue
        rows = np.asarray(own)
        sim = (vectors(rows) @ vectors(np.asarray(others)).T).max(axis=1)
        z = (sim - sim.mean()) / (sim.std() or 1.0)
        score = fused[rows] + weight * z
        out.append([int(rows[j]) for j in np.argsort(-score, kind="stable")])
    return out
