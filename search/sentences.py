"""Sentence vectors beside passage vectors: a passage's dense score also counts its best-matching sentence.

Why: a question in everyday words often paraphrases one sentence of a paragraph-long passage, and the
passage's single vector dilutes that sentence among the others. Scoring each passage by a mix of its own
cosine and its best sentence's lifted paraphrase Recall@10 from 0.60 to 0.80 and English questions from
0.81 to 0.91 on the frozen half of bench/eval (weight chosen on the tuning half; docs/BENCHMARKS.md).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from .dense import DenseIndex
from .passages import StoredPassage

_BOUNDARY = re.compile(r"(?<=[.!?;:])\s+|\n+")
MIN_CHARS = 25  # shorter pieces (list bullets, labels) say too little to match on their own
DEPTH = 4000  # sentences read from an approximate index; passages with none among them keep their own score


def split(text: str) -> list[str]:
    """The sentences of a passage's text worth a vector of their own."""
    return [s.strip() for s in _BOUNDARY.split(text) if len(s.strip()) >= MIN_CHARS]


def sentences_of(passages: Sequence[StoredPassage]) -> tuple[list[str], np.ndarray]:
    """Every passage's sentences in passage order, and the passage row each belongs to."""
    texts: list[str] = []
    rows: list[int] = []
    for i, p in enumerate(passages):
        for s in split(p.text):
            texts.append(s)
            rows.append(i)
    return texts, np.asarray(rows, dtype=np.int32)


class SentenceIndex:
    """Sentence vectors (exact or HNSW, as the passage index) and the passage row of each sentence."""

    def __init__(self, dense: DenseIndex, rows: np.ndarray):
        self.dense, self.rows = dense, rows

    @classmethod
    def build(cls, vectors: np.ndarray, rows: np.ndarray, exact_limit: int | None = None) -> "SentenceIndex":
        dense = DenseIndex.build(vectors, exact_limit) if exact_limit else DenseIndex.build(vectors)
        return cls(dense, rows)

    @staticmethod
    def paths(index_dir: Path, model: str) -> tuple[Path, Path]:
        return index_dir / f"{model}.sentences.faiss", index_dir / f"{model}.sentences.rows.npy"

    def save(self, index_dir: Path, model: str) -> None:
        vec_path, rows_path = self.paths(index_dir, model)
        self.dense.save(vec_path)
        np.save(rows_path, self.rows)

    @classmethod
    def load(cls, index_dir: Path, model: str) -> "SentenceIndex | None":
        """None for a state built before sentence vectors existed (`ivp reindex` adds them)."""
        vec_path, rows_path = cls.paths(index_dir, model)
        if not vec_path.exists():
            return None
        return cls(DenseIndex.load(vec_path), np.load(rows_path))

    def best(self, query: np.ndarray, passage_scores: np.ndarray) -> np.ndarray:
        """Per passage, the cosine of its best sentence; a passage without a scored sentence keeps its own."""
        n = self.dense.index.ntotal
        exact = isinstance(self.dense.index, faiss.IndexFlat)
        scores, hits = self.dense.search(query, n if n <= DEPTH or exact else DEPTH)
        best = np.full(len(passage_scores), -np.inf, dtype=np.float32)
        np.maximum.at(best, self.rows[hits], scores.astype(np.float32))
        return np.where(np.isfinite(best), best, passage_scores)


def mix(passage_scores: np.ndarray, sentence_scores: np.ndarray, weight: float) -> np.ndarray:
    """The dense signal: (1 - weight) x the passage's cosine + weight x its best sentence's."""
    return (1.0 - weight) * passage_scores + weight * sentence_scores
