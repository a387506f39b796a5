"""BM25 over Dutch text with stemming, bilingual stop words and decompounding.

Dutch glues words together ("drugsafvaldumpingen", "verkeersovertredingen") where a query
writes them apart, so long tokens are also indexed as the corpus words they are built of.
English queries carry small words that are Dutch words too ("of", "we", "is"): stop words
of both languages are dropped on both sides.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

_TOKEN = re.compile(r"[a-z0-9]+")
_EXTRA_STOP = {"wat", "welke", "hoe", "wie", "waar", "wanneer", "worden", "wordt", "gaan", "doen", "does",
               "doing", "what", "which", "who", "how", "when", "where", "are", "our", "us", "about", "any",
               "there", "er", "rond", "over", "onze", "ons", "zijn", "heeft", "hebben", "kunnen", "gaat"}
STOPWORDS = frozenset(STOPWORDS_DUTCH) | frozenset(STOPWORDS_EN_PLUS) | _EXTRA_STOP
MIN_PART = 4  # shortest word a compound is split into
LINKERS = ("s", "en", "e")  # Dutch linking morphemes: drugs-afval, verkeer-s-overtreding


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


class Analyzer:
    """Tokens -> stems, plus the stems of the parts of compounds found in the vocabulary."""

    def __init__(self, vocabulary: set[str] | None = None):
        self.stem = Stemmer.Stemmer("dutch").stemWord
        self.vocabulary = vocabulary or set()
        self._split_cache: dict[str, list[str]] = {}

    def words(self, text: str) -> list[str]:
        return [w for w in _TOKEN.findall(fold(text)) if w not in STOPWORDS and len(w) > 1]

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        for w in self.words(text):
            out.append(self.stem(w))
            if len(w) >= 2 * MIN_PART:
                out.extend(self.stem(p) for p in self.split(w))
        return out

    def split(self, word: str) -> list[str]:
        """Split a compound into two or more vocabulary words, longest head first; [] if none."""
        if word in self._split_cache:
            return self._split_cache[word]
        parts = self._split(word, depth=0) or []
        self._split_cache[word] = parts
        return parts

    def _split(self, word: str, depth: int) -> list[str] | None:
        if depth > 3:
            return None
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head not in self.vocabulary:
                continue
            for link in ("",) + LINKERS:
                if link and not tail.startswith(link):
                    continue
                rest = tail[len(link):]
                if len(rest) < MIN_PART:
                    continue
                if rest in self.vocabulary:
                    return [head, rest]
                deeper = self._split(rest, depth + 1)
                if deeper:
                    return [head, *deeper]
        return None


class LexicalIndex:
    def __init__(self, analyzer: Analyzer, bm25: bm25s.BM25, n_docs: int):
        self.analyzer, self.bm25, self.n_docs = analyzer, bm25, n_docs
        self._starts: dict[int, dict[str, list[str]]] = {}

    def holding(self, term: str) -> np.ndarray:
        """Row numbers of the passages that hold an indexed term, read from the term's column of the index
        (no score over every passage: the relevance judge asks this for each word of every question)."""
        tid = self.bm25.vocab_dict.get(term)
        if tid is None:
            return np.zeros(0, dtype=np.int64)
        ptr = self.bm25.scores["indptr"]
        return np.asarray(self.bm25.scores["indices"][ptr[tid]:ptr[tid + 1]])

    def holding_start(self, start: str) -> np.ndarray:
        """Row numbers (with repeats) of the passages that hold a word beginning with `start`. The corpus words are
        read unstemmed (the stemmer turns "evaluatie" into "evalueer"), grouped by their first len(start) letters
        once, on first use."""
        n = len(start)
        if n not in self._starts:
            groups: dict[str, set[str]] = {}
            for word in self.analyzer.vocabulary:
                if len(word) >= n:
                    groups.setdefault(word[:n], set()).add(self.analyzer.stem(word))
            self._starts[n] = {k: sorted(v) for k, v in groups.items()}
        held = [self.holding(t) for t in self._starts[n].get(start, [])]
        return np.concatenate(held) if held else np.zeros(0, dtype=np.int64)

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        probe = Analyzer()
        vocab = {w for t in texts for w in probe.words(t) if len(w) >= MIN_PART}
        analyzer = Analyzer(vocab)
        corpus = [analyzer(t) or ["_empty_"] for t in texts]
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        bm25.index(corpus, show_progress=False)
        return cls(analyzer, bm25, len(texts))

    def scores(self, query: str, extra_terms: list[str] | None = None) -> np.ndarray:
        tokens = self.analyzer(query)
        for term in extra_terms or []:
            tokens.extend(self.analyzer(term))
        tokens = [t for t in tokens if t in self.bm25.vocab_dict]
        if not tokens or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.bm25.save(str(folder / "bm25"))
        (folder / "vocabulary.json").write_text(json.dumps(sorted(self.analyzer.vocabulary)), encoding="utf-8")
        (folder / "n_docs").write_text(str(self.n_docs))

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        bm25 = bm25s.BM25.load(str(folder / "bm25"))
        vocab = set(json.loads((folder / "vocabulary.json").read_text(encoding="utf-8")))
        return cls(Analyzer(vocab), bm25, int((folder / "n_docs").read_text()))
