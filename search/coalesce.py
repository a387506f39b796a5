"""Questions that arrive while another is being encoded are encoded together, in one batch.

Why: a server thread per request each encoding its own question makes concurrent requests queue on the
encoder one by one: with twenty clients the last waits for nineteen encodings. Here the first thread
encodes alone (no added wait: a question alone still takes the single-text path), and the questions that
arrive meanwhile are taken as one batch by whichever waiting thread finishes first; a batch of ten short
questions costs about what four single ones do (`search/e5_batched.py`).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass
class _Slot:
    text: str
    vector: np.ndarray | None = None
    error: BaseException | None = None
    done: bool = False


class Coalescer:
    """`one(text)` encodes a lone question, `many(texts)` a batch, one result per text (a vector, or a question's
    vector and token states for late interaction)."""

    def __init__(self, one: Callable[[str], np.ndarray], many: Callable[[list[str]], np.ndarray]):
        self._one, self._many = one, many
        self._pending: list[_Slot] = []
        self._busy = False
        self._cv = threading.Condition()
        self.batches: list[int] = []  # sizes of the last batches (for benchmarks and tests), bounded

    def encode(self, text: str) -> np.ndarray:
        slot = _Slot(text)
        with self._cv:
            self._pending.append(slot)
            while self._busy and not slot.done:
                self._cv.wait()
            if not slot.done:  # the encoder is free: this thread takes every question waiting
                self._busy = True
                batch, self._pending = self._pending, []
        if not slot.done:
            self._run(batch)
        if slot.error is not None:
            raise slot.error
        return slot.vector

    def _run(self, batch: list[_Slot]) -> None:
        try:
            vecs = [self._one(batch[0].text)] if len(batch) == 1 else self._many([s.text for s in batch])
            for s, v in zip(batch, vecs):
                s.vector = v
        except BaseException as exc:  # every waiting request learns of the failure, none hangs
            for s in batch:
                s.error = exc
        finally:
            with self._cv:
                for s in batch:
                    s.done = True
                self.batches = [*self.batches[-99:], len(batch)]
                self._busy = False
                self._cv.notify_all()
