"""Vector index with faiss: exact inner product at this size, HNSW above a configurable size."""
from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

faiss.omp_set_num_threads(1)  # more threads slowed queries here (several OpenMP runtimes in one process)
EXACT_LIMIT = 50_000


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, exact_limit: int = EXACT_LIMIT) -> "DenseIndex":
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 384
        if len(vectors) <= exact_limit:
            index = faiss.IndexFlatIP(dim)
        else:
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = 128
        if len(vectors):
            index.add(vectors)
        return cls(index)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, row numbers) best first; rows are -1 where fewer than k exist."""
        k = max(1, min(k, self.index.ntotal)) if self.index.ntotal else 1
        if self.index.ntotal == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        scores, rows = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The stored (unit) vectors of these rows."""
        return self.index.reconstruct_batch(np.asarray(rows, dtype=np.int64))

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        return cls(faiss.read_index(str(path)))
