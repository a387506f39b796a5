"""Fusing the dense and the lexical signal.

The default fuses z-scores: each signal is measured in standard deviations above its mean over
the passages, so a signal whose best passages stand out strongly counts for more than one whose
scores are flat, and the weights say how much each is trusted. Reciprocal-rank fusion, which
sees ranks only, is kept as the baseline (IVP_FUSION=rrf).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RRF_K = 60


def rrf(rankings: Sequence[Sequence[int]], weights: Sequence[float] | None = None, k: int = RRF_K) -> dict[int, float]:
    """Weighted reciprocal-rank fusion of rankings (best first) -> fused score per item."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + w / (k + rank + 1)
    return fused


def zscores(scores: np.ndarray) -> np.ndarray:
    std = float(scores.std())
    return (scores - scores.mean()) / std if std > 1e-9 else np.zeros_like(scores)


def zfuse(dense: np.ndarray, lexical: np.ndarray, dense_weight: float) -> np.ndarray:
    """Convex combination of the two signals' z-scores."""
    return dense_weight * zscores(dense) + (1.0 - dense_weight) * zscores(lexical)


def top(scores: dict[int, float], n: int) -> list[int]:
    return sorted(scores, key=lambda i: (-scores[i], i))[:n]
