"""The Python Viterbi for short texts gives the `tokenizers` library's ids, on the sample plans and on any text."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from search.e5_batched import BatchedE5
from search.unigram import SHORT, Unigram

ROOT = Path(__file__).resolve().parent.parent
ODD = ["", " ", "  \t\n ", "<unk> <s></s> <pad>", "🙂🙂🙂 en 🙂", "日本語のテキスト", "ß ﬁ Ǆ ǅ Å Å", "x" * 300,
       "Artikel 13b Opiumwet, art. 174a Gemeentewet; €45.000 (2025-2028)!", "\u200b\u2060zero width", "a\u0301e\u0300"]


@pytest.fixture(scope="module")
def tokenizer() -> Unigram:
    return BatchedE5(threads=1).tokenizer


def _both(tokenizer: Unigram, text: str) -> tuple[list[int], list[int]]:
    """The ids of the Python Viterbi and of the library for `text`."""
    s = tokenizer.normalise(text)
    return tokenizer.viterbi(s), tokenizer.library(s)


def test_the_sample_plans_line_by_line_and_whole(tokenizer):
    lines = [line for p in sorted((ROOT / "corpus").glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    differ = [line for line in lines if len(set(map(tuple, _both(tokenizer, line)))) != 1]
    assert not differ
    ours, library = _both(tokenizer, " ".join(lines[:200]))  # long: many pieces on one path
    assert ours == library


@pytest.mark.parametrize("text", ODD)
def test_odd_texts(tokenizer, text):
    ours, library = _both(tokenizer, text)
    assert ours == library


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text(tokenizer, text):
    ours, library = _both(tokenizer, text)
    assert ours == library


def test_encode_takes_the_short_path_without_building_the_library_model(tokenizer):
    fresh = Unigram(tokenizer._words, tokenizer._scores, tokenizer._norm, tokenizer._unk)
    question = "Welke acties lopen er rond Bibob in Maasdal?"
    ids = fresh.encode(question)
    assert fresh._model is None and ids == tokenizer.library(tokenizer.normalise(question))
    long = "Jongeren krijgen begeleiding van Halt. " * (SHORT // 20)
    assert fresh.encode(long) == tokenizer.viterbi(tokenizer.normalise(long)) and fresh._model is not None
