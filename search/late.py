"""Late interaction: the best candidates re-ranked by how well each word of the question finds its match in them.

Why: one vector per passage (and per sentence) blurs which words a passage shares with the question, so the
passage that answers it often stood 2nd to 5th behind a neighbour of the same plan on the same subject. Here
every token of the question meets every token of a candidate through the encoder's own contextual token
states (after layer `LAYER`, unit length), takes its best match (MaxSim, as ColBERT scores), and the matches
are averaged weighted by the question token's rarity among the passages (IDF), so "de" and "?" count little.
The candidates' fused scores and these scores are then mixed as z-scores (`rerank_scores`). Chosen on the
tuning half of bench/eval (layers 7 to 11 and weights 0.5 to 1.0 all within 0.01 MRR of each other); on its
frozen half MRR@10 rose from 0.740 to 0.800 and Recall@10 from 0.896 to 0.912 (docs/BENCHMARKS.md), with no
second model: the states come from the model that makes the vectors. The same scores tell a question nothing
answers (`search/relevance.py`).

Stored per passage, int8 with one fp16 scale per token (~390 bytes a token), loaded with the state.
"""
from __future__ import annotations

import struct
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

LAYER = 9  # the encoder layer whose token states are matched (middle of the 7-11 plateau)
DEPTH = 20  # candidates re-ranked: the fused ranking's best, or each side's best in a comparison (20, 30, 40: same ranks)
TOKENS = "tokens.npz"  # per state, in its index folder, prefixed with the encoder's name


def pack(ids: np.ndarray, states: np.ndarray) -> bytes:
    """One passage's token ids and states as bytes for the vector cache: count, ids, fp16 scales, int8 rows."""
    scale = np.maximum(np.abs(states).max(axis=1), 1e-8) / 127.0
    codes = np.round(states / scale[:, None]).astype(np.int8)
    return struct.pack("<I", len(ids)) + ids.astype("<i4").tobytes() + scale.astype("<f2").tobytes() + codes.tobytes()


def unpack(blob: bytes, dim: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`pack`'s inverse: ids, scales and int8 codes."""
    n = struct.unpack_from("<I", blob)[0]
    ids = np.frombuffer(blob, "<i4", n, 4)
    scale = np.frombuffer(blob, "<f2", n, 4 + 4 * n)
    codes = np.frombuffer(blob, np.int8, n * dim, 4 + 6 * n).reshape(n, dim)
    return ids, scale, codes


def query_tokens(encoder, query: str, layer: int) -> tuple[np.ndarray, bytes]:
    """A question's vector and its token ids and states as `pack` stores them: the states it is scored with are
    read back from these bytes, so they are the same whether just encoded or read from a cache
    (`search/vectors.VectorCache.encode_query_tokens`)."""
    vec, ids, states = encoder.query_tokens(query, layer)
    return vec, pack(ids, states)


def without(ids: np.ndarray, states: np.ndarray, drop: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """The question's tokens less those in `drop` (its owner names' and comparison words' pieces: where to look
    and how to present, not what about), unless nothing would be left."""
    keep = np.array([i not in drop for i in ids.tolist()], dtype=bool)
    return (ids[keep], states[keep]) if keep.any() else (ids, states)


def states_of(blob: bytes, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and fp32 states from `pack`'s bytes."""
    ids, scales, codes = unpack(blob, dim)
    return ids, codes.astype(np.float32) * scales.astype(np.float32)[:, None]


class LateIndex:
    """Every passage's token codes in one matrix, the row where each passage's tokens start, and the IDF of
    each token id over the passages."""

    def __init__(self, codes: np.ndarray, scales: np.ndarray, ids: np.ndarray, starts: np.ndarray):
        self.codes, self.scales, self.ids, self.starts = codes, scales, ids, starts
        n = len(starts) - 1
        df = np.zeros(0, dtype=np.int64)
        if len(ids):
            per_passage = np.unique(np.stack([np.repeat(np.arange(n), np.diff(starts)), ids]), axis=1)[1]
            df = np.bincount(per_passage)
        self._df, self._n = df, n

    @classmethod
    def build(cls, blobs: Sequence[bytes], dim: int) -> "LateIndex":
        parts = [unpack(b, dim) for b in blobs]
        starts = np.zeros(len(parts) + 1, dtype=np.int64)
        starts[1:] = np.cumsum([len(p[0]) for p in parts])
        cat = (lambda i, dtype, shape: np.concatenate([p[i] for p in parts]) if parts else np.zeros(shape, dtype))
        return cls(cat(2, np.int8, (0, dim)), cat(1, np.float16, 0), cat(0, np.int32, 0), starts)

    @staticmethod
    def path(index_dir: Path, model: str) -> Path:
        return index_dir / f"{model}.{TOKENS}"

    def save(self, index_dir: Path, model: str) -> None:
        with open(self.path(index_dir, model), "wb") as fh:  # the state folder is committed whole (kg/state.py)
            np.savez(fh, codes=self.codes, scales=self.scales, ids=self.ids, starts=self.starts)

    @classmethod
    def load(cls, index_dir: Path, model: str) -> "LateIndex | None":
        """None for a state built without token states (`ivp reindex` adds them)."""
        path = cls.path(index_dir, model)
        if not path.exists():
            return None
        with np.load(path) as data:
            return cls(data["codes"], data["scales"], data["ids"], data["starts"])

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """A token no passage has is the rarest of all."""
        df = np.zeros(len(ids))
        known = ids < len(self._df)
        df[known] = self._df[ids[known]]
        return np.log((self._n + 1) / (df + 0.5))

    def scores(self, q_ids: np.ndarray, q_states: np.ndarray, rows: Sequence[int]) -> np.ndarray:
        """Per row (passage), the IDF-weighted mean over the question's tokens of each one's best cosine
        among the passage's tokens; 0 for a passage without tokens."""
        out = np.zeros(len(rows), dtype=np.float32)
        if not len(q_ids) or not len(rows):
            return out
        weights = np.maximum(self.idf(q_ids), 0.0)
        if weights.sum() <= 0:
            weights = np.ones(len(q_ids))
        spans = [(int(self.starts[r]), int(self.starts[r + 1])) for r in rows]
        if not any(b > a for a, b in spans):
            return out
        codes = np.concatenate([self.codes[a:b] for a, b in spans])
        scales = np.concatenate([self.scales[a:b] for a, b in spans]).astype(np.float32)
        sims = _product(q_states, codes) * scales  # question tokens x every candidate token: cosines
        at = 0
        for j, (a, b) in enumerate(spans):
            if b > a:
                out[j] = float(weights @ sims[:, at : at + b - a].max(axis=1) / weights.sum())
            at += b - a
        return out


def _product(a: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """a @ codes.T (int8 codes as floats), in torch's thread pool where torch is loaded (the question's encoder
    runs there): numpy's BLAS threads keep spinning after a product, and slowed the next question's encoding
    from 13 to 28 ms."""
    torch = sys.modules.get("torch")
    if torch is None:
        return a @ codes.T.astype(np.float32)
    with torch.inference_mode():
        return (torch.from_numpy(a) @ torch.from_numpy(codes).float().T).numpy()


def rerank_scores(fused: np.ndarray, rows: Sequence[int], late: np.ndarray, weight: float) -> np.ndarray:
    """`fused` with the given candidates' scores moved by `weight` x the z-score of their late-interaction score,
    in units of their fused scores' spread: ranked among themselves, z(fused) + weight x z(late)."""
    out = fused.copy()
    if weight <= 0 or len(rows) < 2:
        return out
    rows = np.asarray(rows)
    spread = float(fused[rows].std()) or 1.0
    z = (late - late.mean()) / (float(late.std()) or 1.0)
    out[rows] = fused[rows] + weight * spread * z
    return out
