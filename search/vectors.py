"""Vectors cached by (model and runtime, content hash): re-ingesting encodes only new or changed passages.

Encoding is the slow step (about 15 passages/s on 2 cores), so the cache lives outside the
versioned states and survives every ingest; a vector depends only on the model and the text.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .encoders import Encoder


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


QUERY_KIND = "|query"  # questions get the model's "query: " prefix: their vectors are kept apart from passages


def passage_key(encoder: Encoder) -> str:
    """The cache's name for an encoder's passage vectors: the model, and the runtime where it has several
    (`E5Encoder.passage_kind`), so switching runtime never serves the other runtime's vectors."""
    return encoder.name + getattr(encoder, "passage_kind", "")


class VectorCache:
    def __init__(self, path: Path, timeout: float = 30):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
        self._lock = threading.Lock()  # one connection, shared by a server's request threads
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may lose the last vectors, never corrupt
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (model TEXT, hash TEXT, v BLOB, PRIMARY KEY (model, hash))")

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        return {h: np.frombuffer(blob, dtype=np.float32) for h, blob in self.get_blobs(model, hashes).items()}

    def get_blobs(self, model: str, hashes: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            q = f"SELECT hash, v FROM vec WHERE model=? AND hash IN ({','.join('?' * len(chunk))})"
            with self._lock:
                rows = self._db.execute(q, [model, *chunk]).fetchall()
            found.update(rows)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        self.put_blobs(model, {h: np.asarray(v, dtype=np.float32).tobytes() for h, v in items.items()})

    def put_blobs(self, model: str, items: dict[str, bytes]) -> None:
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
                                 [(model, h, blob) for h, blob in items.items()])

    def encode_query(self, encoder: Encoder, text: str) -> np.ndarray:
        """A question's vector, shared by every worker and restart: a question asked anywhere before is not
        encoded again. Storing is best effort: while an ingest holds the write lock the vector is only returned
        (the next asker stores it), so a search never waits on an ingest."""
        blob = self._shared(encoder.name + QUERY_KIND, text, lambda: np.asarray(
            encoder.encode_queries([text])[0], dtype=np.float32).tobytes())
        return np.frombuffer(blob, dtype=np.float32)

    def encode_query_tokens(self, encoder, text: str, layer: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A question's vector, token ids and token states (`search/late.query_tokens`), shared like
        `encode_query`, as the vector followed by the packed states."""
        from .late import query_tokens, states_of

        def compute() -> bytes:
            vec, packed = query_tokens(encoder, text, layer)
            return np.asarray(vec, np.float32).tobytes() + packed

        blob = self._shared(f"{encoder.name}{QUERY_KIND}|tokens{layer}", text, compute)
        return (np.frombuffer(blob, np.float32, encoder.dim), *states_of(blob[4 * encoder.dim:], encoder.dim))

    def _shared(self, model: str, text: str, compute: Callable[[], bytes]) -> bytes:
        """The cached bytes of `text` under `model`, or `compute()`'s, stored best effort."""
        key = content_hash(text)
        found = self.get_blobs(model, [key]).get(key)
        if found is not None:
            return found
        blob = compute()
        try:
            self.put_blobs(model, {key: blob})
        except sqlite3.OperationalError:  # "database is locked": a writer is busy; the cache is an optimisation
            pass
        return blob

    def encode(self, encoder: Encoder, texts: list[str], batch: int = 128,
               progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
        """Vectors for `texts` in order, and how many had to be encoded now.

        Each batch is stored as soon as it is encoded, so an interrupted ingest resumes where it stopped.
        """
        def compute(chunk: list[str]) -> list[bytes]:
            return [np.asarray(v, np.float32).tobytes() for v in encoder.encode_passages(chunk)]

        blobs, encoded = self._fill(passage_key(encoder), texts, compute, batch, progress)
        vecs = [np.frombuffer(b, dtype=np.float32) for b in blobs]
        out = np.stack(vecs) if vecs else np.zeros((0, encoder.dim), np.float32)
        return out.astype(np.float32), encoded

    def encode_tokens(self, encoder, texts: list[str], layer: int, batch: int = 128,
                      progress: Callable[[int, int], None] | None = None) -> tuple[list[bytes], int]:
        """Each text's token states after `layer` (`search/late.pack`), cached like the vectors, and how many
        had to be encoded now. A text whose vector is not cached either gets both from one pass (where the
        encoder can), and its vector is cached for `encode`."""
        from .late import pack

        vkey = passage_key(encoder)
        both = getattr(encoder, "encode_passages_and_tokens", None)

        def compute(chunk: list[str]) -> list[bytes]:
            hashes = [content_hash(t) for t in chunk]
            known = set(self.get_blobs(vkey, hashes))
            if both is None or known.issuperset(hashes):
                return [pack(*s) for s in encoder.encode_tokens(chunk, layer)]
            vecs, states = both(chunk, layer)
            self.put_many(vkey, {h: v for h, v in zip(hashes, vecs) if h not in known})
            return [pack(*s) for s in states]

        return self._fill(f"{vkey}|tokens{layer}", texts, compute, batch, progress)

    def _fill(self, key: str, texts: list[str], compute: Callable[[list[str]], list[bytes]], batch: int,
              progress: Callable[[int, int], None] | None) -> tuple[list[bytes], int]:
        """Each text's cached bytes under `key`, the missing ones computed `batch` texts at a time and stored as
        each batch is done; and how many were computed. Longest first: like lengths share a batch (less
        padding), and the first batch shows the encoder the job's size (E5Encoder loads its batched runtime
        for big work, search/encoders.SMALL_WORK_CHARS)."""
        hashes = [content_hash(t) for t in texts]
        have = self.get_blobs(key, list(dict.fromkeys(hashes)))
        todo = sorted({h: i for i, h in enumerate(hashes) if h not in have}.values(), key=lambda i: -len(texts[i]))
        for start in range(0, len(todo), batch):
            idx = todo[start : start + batch]
            fresh = dict(zip((hashes[i] for i in idx), compute([texts[i] for i in idx])))
            self.put_blobs(key, fresh)
            have.update(fresh)
            if progress:
                progress(min(start + batch, len(todo)), len(todo))
        return [have[h] for h in hashes], len(todo)

    def close(self) -> None:
        self._db.close()
