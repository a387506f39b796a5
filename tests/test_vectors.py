"""The shared question-vector cache: a question encoded in one process is read, not re-encoded, in another."""
from __future__ import annotations

import numpy as np

from search.encoders import make_encoder
from search.vectors import QUERY_KIND, VectorCache


class Counting:
    """The real encoder, counting how often it is asked to encode questions."""

    def __init__(self, encoder):
        self.inner, self.name, self.calls = encoder, encoder.name, 0

    def encode_queries(self, texts):
        self.calls += 1
        return self.inner.encode_queries(texts)


def test_a_question_is_encoded_once_across_cache_instances(tmp_path):
    encoder = Counting(make_encoder(threads=1))
    first = VectorCache(tmp_path / "vectors.sqlite", timeout=0.05)
    v1 = first.encode_query(encoder, "welke acties lopen er rond woninginbraak?")
    second = VectorCache(tmp_path / "vectors.sqlite", timeout=0.05)  # another worker opens the same file
    v2 = second.encode_query(encoder, "welke acties lopen er rond woninginbraak?")
    assert encoder.calls == 1
    assert np.allclose(v1, v2) and v1.dtype == np.float32 and v1.shape == (384,)
    second.encode_query(encoder, "een andere vraag")
    assert encoder.calls == 2


def test_question_vectors_are_kept_apart_from_passage_vectors(tmp_path):
    """The same text as a question and as a passage gets different vectors (E5's prefixes)."""
    encoder = make_encoder(threads=1)
    cache = VectorCache(tmp_path / "vectors.sqlite")
    text = "handhaving op ondermijning"
    passage, _ = cache.encode(encoder, [text])
    question = cache.encode_query(encoder, text)
    assert not np.allclose(passage[0], question)
    assert np.allclose(cache.encode_query(encoder, text), encoder.encode_queries([text])[0], atol=1e-5)
    assert QUERY_KIND.startswith("|")


class Recording:
    """The real encoder, recording the passage batches it is given."""

    def __init__(self, encoder):
        self.inner, self.name, self.dim, self.batches = encoder, encoder.name, encoder.dim, []

    def encode_passages(self, texts):
        self.batches.append(list(texts))
        return self.inner.encode_passages(texts)


def test_passages_are_encoded_longest_first_and_returned_in_order(tmp_path):
    """Like lengths share a batch (less padding) and the first batch is the biggest (the encoder sees the
    job's size first); the caller still gets its vectors in its own order, repeats encoded once."""
    encoder = Recording(make_encoder(threads=1))
    texts = [f"zin {i} " + "over veiligheid in de wijk " * (i % 7) for i in range(12)] + ["zin 3 " + "over veiligheid in de wijk " * 3]
    vectors, encoded = VectorCache(tmp_path / "vectors.sqlite").encode(encoder, texts, batch=5)
    assert encoded == 12
    lengths = [len(t) for b in encoder.batches for t in b]
    assert lengths == sorted(lengths, reverse=True)
    alone = encoder.inner.encode_passages(texts)
    assert ((vectors * alone).sum(1) > 0.9999).all()
