"""Hybrid search over the active state: BM25 + dense e5, fused, grounded in the concept scheme."""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from ontology.labels import LabelIndex

from .dense import DenseIndex
from .encoders import Encoder
from .facets import Facets, Filters
from .fusion import rrf, zfuse
from .language import is_english
from .grounding import Grounding, ground
from .late import DEPTH as LATE_DEPTH, LAYER, LateIndex, query_tokens, rerank_scores, states_of, without
from .lexical import LexicalIndex
from .passages import PASSAGES_FILE, StoredPassage, read_passages
from .vectors import VectorCache
from .relevance import is_relevant, judge, place_words
from .sentences import SentenceIndex, mix
from .understand import words as question_words
from .echo import echo
from .scope import (COMPARE, OwnerFinder, best_rows, interleave, leading_owners, lexical_query, rows_by_owner,
                    side_rankings, unnamed_sides)

MAX_QUERY = 2000
CANDIDATES = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class QueryError(ValueError):
    """A query the engine will not run; the message says why."""


class IndexMissing(Exception):
    """No usable index in the active state; the message says how to rebuild it."""


@dataclass
class Weights:
    """How much each signal is trusted (dev queries, bench/search.py; the tuning half of bench/eval for dense_en
    and owner, docs/BENCHMARKS.md)."""

    dense: float = 0.6  # share of the dense signal for Dutch questions
    dense_en: float = 0.9  # and for English ones, whose words rarely occur in Dutch passages
    concept: float = 0.2  # bonus in z units for a passage that mentions a concept of the question
    fusion: str = "zscore"  # or "rrf"
    owner: float = 1.0  # bonus in z units for a passage of the one owner the question names (search/scope.py)
    sentence: float = 0.5  # share of the best sentence's cosine in a passage's dense score (search/sentences.py)
    echo: float = 0.5  # bonus in z units, per side of a comparison, for resembling the other sides' best (search/echo.py)
    late: float = 0.75  # z units of late interaction among the best candidates (search/late.py); 0: off


@dataclass
class Hit:
    passage: StoredPassage
    score: float
    entities: list[str] = field(default_factory=list)
    relevance: float = 1.0  # probability-like: is this passage about the question at all (search/relevance.py)
    relevant: bool = True


def validate_query(query: str, k: int) -> str:
    if not isinstance(query, str) or not query.strip():
        raise QueryError("the query is empty")
    if len(query) > MAX_QUERY:
        raise QueryError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY}")
    if _CONTROL.search(query):
        raise QueryError("the query contains control characters")
    if not 1 <= int(k) <= 100:
        raise QueryError(f"k must be between 1 and 100, not {k}")
    return unicodedata.normalize("NFC", query.strip())


class SearchEngine:
    def __init__(self, state_dir: Path, encoder: Encoder, labels: LabelIndex, weights: Weights | None = None,
                 query_cache: VectorCache | None = None):
        self.labels, self.encoder, self.query_cache = labels, encoder, query_cache
        self.weights = weights or Weights()
        try:
            self.passages: list[StoredPassage] = read_passages(state_dir / PASSAGES_FILE)
            self.lexical = LexicalIndex.load(state_dir / "index" / "lexical")
            self.dense = DenseIndex.load(state_dir / "index" / f"{encoder.name}.faiss")
            self.sentences = SentenceIndex.load(state_dir / "index", encoder.name)
            self.late = LateIndex.load(state_dir / "index", encoder.name) if self.weights.late > 0 else None
        except Exception as exc:  # a missing or truncated file, whichever library notices it
            raise IndexMissing(f"the search index in {state_dir} is missing or corrupt ({exc.__class__.__name__}); "
                               "rebuild it with `ivp reindex`") from exc
        if self.dense.index.ntotal != len(self.passages) or self.lexical.n_docs != len(self.passages):
            raise IndexMissing("the search index does not match the stored passages; rebuild it with `ivp reindex`")
        if self.late is not None and (self.late.starts.size != len(self.passages) + 1
                                      or not hasattr(encoder, "query_tokens")):
            self.late = None  # built for other passages, or an encoder without token states: rank without it
        self._qcache: dict[str, tuple] = {}
        self._values: dict[str, list] | None = None
        self._mentioning: dict[str, list[int]] = {}
        for i, p in enumerate(self.passages):
            for iri in set(p.mentions):
                self._mentioning.setdefault(iri, []).append(i)
        self._places = place_words({x for p in self.passages for x in (p.basisteam, p.owner, *p.gemeenten) if x},
                                   self.lexical)
        self._rows_of = rows_by_owner(self.passages)
        self._facets: Facets | None = None  # built on the first filtered search
        self._owners = OwnerFinder(sorted(self._rows_of))
        self._known = question_words().tokens()  # words a question says what it asks with (search/relevance.py)

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               grounding: Grounding | None = None) -> list[Hit]:
        query = validate_query(query, k)
        g = grounding or ground(query, self.labels)
        allowed = self._mask(filters or Filters())
        if len(self.passages) == 0 or not allowed.any():
            return []
        owners = self._owners(query)
        both = _wants_both(query, g, self.labels)
        compare_words = bool(COMPARE.search(query))  # "both", "beide plannen": words about the sides only
        lexical = self.lexical.scores(lexical_query(query, self.lexical.analyzer, owners, compare_words),
                                      g.expansion)
        qv, q_tokens = self._query_vector(query)
        dense = passage_dense = self._dense_scores(qv)  # the relevance judge was calibrated on passage cosines
        if self.sentences is not None and self.weights.sentence:
            dense = mix(passage_dense, self.sentences.best(qv, passage_dense), self.weights.sentence)
        w = self.weights.dense_en if is_english(query) else self.weights.dense
        if self.weights.fusion == "rrf":
            fused_map = rrf([_ranking(dense, CANDIDATES), [i for i in _ranking(lexical, CANDIDATES) if lexical[i] > 0]],
                            [w, 1 - w])
            fused = np.full(len(self.passages), -np.inf)
            fused[list(fused_map)] = list(fused_map.values())
        else:
            fused = zfuse(dense, lexical, w)
        if g.related and self.weights.concept:
            hits = np.zeros(len(self.passages))
            for iri in g.related:
                hits[self._mentioning.get(iri, [])] += 1
            fused = fused + self.weights.concept * np.minimum(hits, 2) / 2
        if len(owners) == 1 and self.weights.owner:
            fused[self._rows_of[owners[0]]] += self.weights.owner  # fused is this search's own array
        fused = np.where(allowed, fused, -np.inf)
        depth = max(k * 3, 30)
        order = [int(i) for i in best_rows(fused, depth)]
        sides: list = []
        if both:
            sides = owners if len(owners) >= 2 else leading_owners(order, self.passages, *unnamed_sides(query))
        late: dict[int, float] = {}
        if q_tokens is not None:  # the best candidates overall and of each side, re-ranked by their words' matches
            q_tokens = without(*q_tokens, self._place_pieces(query, owners))
            fused, late = self._rerank_late(fused, order, sides, q_tokens)
            order = [int(i) for i in best_rows(fused, depth)]
        if both:  # each side ranked on its own, re-ranked by the others' best, interleaved (search/scope.py, echo.py)
            rankings = side_rankings(fused, [self._rows_of[s] for s in sides], CANDIDATES)
            rankings = echo(rankings, fused, self.dense.vectors, self.weights.echo)
            order = interleave(rankings, order, depth)[:depth]
        filtered = filters is not None and filters != Filters()
        judged = order if filtered else order[:k]  # a filter drops irrelevant hits, so all are judged then
        hits = [Hit(self.passages[i], round(float(fused[i]), 4), self.passages[i].mentions) for i in judged]
        lates = self._late_of(judged, late, q_tokens) if q_tokens is not None else None
        for h, ev in zip(hits, judge(query, g, passage_dense, self.lexical, self.passages, judged, self._places,
                                     lates, self._known)):
            h.relevance = round(ev.score(), 3)
            h.relevant = is_relevant(h.relevance)
        if filtered:  # a filter narrows; it never pads with unrelated passages
            hits = [h for h in hits if h.relevant]
        return hits[:k]

    def _rerank_late(self, fused: np.ndarray, order: list[int], sides: list[str],
                     q_tokens: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, dict[int, float]]:
        """`fused` with the best LATE_DEPTH rows, and each side's, moved by their late-interaction scores
        (search/late.py); and those scores by row, which the judge reads too."""
        pool = {*order[:LATE_DEPTH]}
        for side in sides:
            pool.update(int(i) for i in side_rankings(fused, [self._rows_of[side]], LATE_DEPTH)[0])
        rows = sorted(i for i in pool if np.isfinite(fused[i]))
        scores = self.late.scores(*q_tokens, rows)
        return rerank_scores(fused, rows, scores, self.weights.late), dict(zip(rows, scores.tolist()))

    def _place_pieces(self, query: str, owners: list[str]) -> set[int]:
        """Token ids of the owners the question names and of its comparison words: the lexical query leaves
        them out too (search/scope.lexical_query), and late interaction would reward passages that repeat a
        name. Left out, tuning MRR@10 0.772 -> 0.785, dev 0.886 -> 0.910 (docs/BENCHMARKS.md)."""
        pieces: set[int] = set()
        for text in [*owners, *(m.group(0) for m in COMPARE.finditer(query))]:
            pieces.update(self.encoder.tokenize(text))
            pieces.update(self.encoder.tokenize(" " + text))
        return pieces

    def _late_of(self, rows: list[int], late: dict[int, float], q_tokens: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """The late-interaction scores of `rows`, computing those the re-ranking did not."""
        missing = [i for i in rows if i not in late]
        late.update(zip(missing, self.late.scores(*q_tokens, missing).tolist()))
        return np.array([late[i] for i in rows])

    def closeness(self, text: str, texts: list[str]) -> np.ndarray:
        """Cosine of `text`, read as a question, with each of `texts`, read as passages: how a question's own words
        choose among short texts the graph holds (action titles). Through the vector cache where there is one, so
        a title is encoded once per machine."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        if self.query_cache is not None:
            try:
                qv = self.query_cache.encode_query(self.encoder, text)
                vecs, _ = self.query_cache.encode(self.encoder, texts)
                return vecs @ np.asarray(qv, dtype=np.float32)
            except sqlite3.OperationalError:  # the shared cache is busy (a worker writing): encode without it
                pass
        qv = self.encoder.encode_queries([text])[0]
        vecs = np.asarray(self.encoder.encode_passages(texts), dtype=np.float32)
        return vecs @ np.asarray(qv, dtype=np.float32)

    def _query_vector(self, query: str) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
        """The question's vector, and its token ids and states where late interaction is on (one pass gives
        both). Encoding is most of a query's cost; popular questions repeat, so recent ones are kept."""
        found = self._qcache.get(query)
        if found is None:
            if self.late is not None and self.query_cache is not None:  # shared by the workers, like the vectors
                vec, ids, states = self.query_cache.encode_query_tokens(self.encoder, query, LAYER)
                found = (vec, (ids, states))
            elif self.late is not None:
                vec, blob = query_tokens(self.encoder, query, LAYER)
                found = (vec, states_of(blob, len(vec)))
            elif self.query_cache is not None:  # shared by the server's workers (and kept across restarts)
                found = (self.query_cache.encode_query(self.encoder, query), None)
            else:
                found = (self.encoder.encode_queries([query])[0], None)
            if len(self._qcache) >= 1024:
                self._qcache.pop(next(iter(self._qcache)))
            self._qcache[query] = found
        return found

    def _dense_scores(self, qv: np.ndarray) -> np.ndarray:
        """Cosine with every passage; beyond the exact index, the approximate top candidates only."""
        n = len(self.passages)
        depth = n if isinstance(self.dense.index, faiss.IndexFlat) else min(n, 1000)
        scores, rows = self.dense.search(qv, depth)
        out = np.full(n, float(scores.min()) if len(scores) else 0.0, dtype=np.float32)
        out[rows] = scores
        return out

    def _mask(self, f: Filters) -> np.ndarray:
        if f == Filters():
            return np.ones(len(self.passages), dtype=bool)
        if self._facets is None:
            self._facets = Facets(self.passages, self.labels)
        return self._facets.mask(f)

    def values(self) -> dict[str, list]:
        """The valid filter values, for error messages and the web form. Every question reads them (the answer
        matches owners against them), and the passages never change within an engine: computed once, and each
        caller gets its own copy."""
        if self._values is None:
            self._values = self._compute_values()
        return {name: list(items) for name, items in self._values.items()}

    def _compute_values(self) -> dict[str, list]:
        return {
            "basisteam": sorted({x for p in self.passages for x in (p.basisteam, p.owner) if x}),
            "gemeente": sorted({g for p in self.passages for g in p.gemeenten}),
            "document": sorted({p.doc_id for p in self.passages}),
            "kind": sorted({p.doc_kind for p in self.passages}),
            "year": sorted({y for p in self.passages if p.period_start
                            for y in range(p.period_start, (p.period_end or p.period_start) + 1)}),
        }


def _ranking(scores: np.ndarray, n: int) -> list[int]:
    return [int(i) for i in np.argsort(-scores, kind="stable")[:n]]


def _wants_both(query: str, g: Grounding, labels: LabelIndex) -> bool:
    if COMPARE.search(query):
        return True
    return sum(1 for c in g.concepts if c.type == "basisteam") >= 2

