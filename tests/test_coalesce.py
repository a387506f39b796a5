"""Concurrent questions share a batch; a lone question takes the single path; failures reach every waiter."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from search.coalesce import Coalescer
from search.encoders import E5Encoder


def _vec(text: str) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[hash(text) % 8] = 1
    return v


class Slow:
    """A stand-in with the shape of an encoder whose every call takes time, to let requests pile up."""

    def __init__(self):
        self.calls: list[list[str]] = []
        self.fail = False

    def one(self, text: str) -> np.ndarray:
        self.calls.append([text])
        time.sleep(0.05)
        return _vec(text)

    def many(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        time.sleep(0.05)
        if self.fail:
            raise RuntimeError("engine failed")
        return np.stack([_vec(t) for t in texts])


def test_a_lone_question_takes_the_single_path():
    slow = Slow()
    c = Coalescer(slow.one, slow.many)
    assert np.array_equal(c.encode("a"), _vec("a"))
    assert slow.calls == [["a"]]


def test_questions_arriving_during_an_encoding_are_encoded_together():
    slow = Slow()
    c = Coalescer(slow.one, slow.many)
    texts = [f"q{i}" for i in range(12)]
    with ThreadPoolExecutor(12) as pool:
        results = list(pool.map(c.encode, texts))
    assert all(np.array_equal(r, _vec(t)) for r, t in zip(results, texts))
    assert sorted(t for call in slow.calls for t in call) == sorted(texts)  # each encoded exactly once
    assert len(slow.calls) < len(texts) and max(map(len, slow.calls)) > 1


def test_a_failed_batch_raises_in_every_waiting_request_and_the_next_one_works():
    slow = Slow()
    c = Coalescer(slow.one, slow.many)
    gate = threading.Event()
    errors: list[BaseException] = []

    def ask(text: str) -> None:
        gate.wait()
        try:
            c.encode(text)
        except RuntimeError as exc:
            errors.append(exc)

    slow.fail = True
    threads = [threading.Thread(target=ask, args=(f"x{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert errors and all(str(e) == "engine failed" for e in errors)
    slow.fail = False
    assert np.array_equal(c.encode("after"), _vec("after"))


def test_the_real_encoder_gives_concurrent_questions_the_vectors_it_gives_them_alone():
    enc = E5Encoder(threads=2)
    texts = [f"welke acties lopen er rond thema {i}?" for i in range(10)]
    alone = np.stack([enc.encode_queries([t])[0] for t in texts])
    with ThreadPoolExecutor(10) as pool:
        together = np.stack(list(pool.map(lambda t: enc.encode_queries([t])[0], texts)))
    assert ((alone * together).sum(1) > 0.9995).all()


def test_a_small_batch_does_not_load_the_batched_runtime_and_a_large_one_does():
    enc = E5Encoder(threads=2)
    small = enc.encode_passages(["Korte notitie over jeugdoverlast.", "Nog een zin over Halt."])
    assert enc._batched is None and small.shape == (2, 384)
    large = enc.encode_passages(["Een alinea over de aanpak van ondermijning in het buitengebied. " * 20] * 8)
    assert enc._batched is not None and large.shape == (8, 384)
    again = enc.encode_passages(["Korte notitie over jeugdoverlast."])  # once loaded, batches use it
    assert float(again[0] @ small[0]) > 0.999
