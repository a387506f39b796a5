"""Hybrid search over the active state: BM25 + dense e5, fused, grounded in the concept scheme."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ontology.labels import LabelIndex

from .dense import DenseIndex
from .encoders import Encoder
from .fusion import rrf, top
from .grounding import Grounding, ground
from .lexical import LexicalIndex
from .passages import PASSAGES_FILE, StoredPassage, read_passages

MAX_QUERY = 2000
CANDIDATES = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COMPARE = re.compile(r"\b(compar\w*|vergelijk\w*|beide|both|verschil\w*|differ\w*|versus|vs)\b", re.I)


class QueryError(ValueError):
    """A query the engine will not run; the message says why."""


class IndexMissing(Exception):
    """No usable index in the active state; the message says how to rebuild it."""


@dataclass
class Filters:
    basisteam: str | None = None
    document: str | None = None
    kind: str | None = None
    theme: str | None = None  # IRI
    year: int | None = None


@dataclass
class Weights:
    dense: float = 1.0
    lexical: float = 0.6
    concept: float = 0.5  # bonus, in units of a first-rank RRF score, for mentioning a query concept


@dataclass
class Hit:
    passage: StoredPassage
    score: float
    entities: list[str] = field(default_factory=list)


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
    def __init__(self, state_dir: Path, encoder: Encoder, labels: LabelIndex, weights: Weights | None = None):
        self.labels, self.encoder = labels, encoder
        self.weights = weights or Weights()
        try:
            self.passages: list[StoredPassage] = read_passages(state_dir / PASSAGES_FILE)
            self.lexical = LexicalIndex.load(state_dir / "index" / "lexical")
            self.dense = DenseIndex.load(state_dir / "index" / f"{encoder.name}.faiss")
        except Exception as exc:  # a missing or truncated file, whichever library notices it
            raise IndexMissing(f"the search index in {state_dir} is missing or corrupt ({exc.__class__.__name__}); "
                               "rebuild it with `ivp reindex`") from exc
        if self.dense.index.ntotal != len(self.passages) or self.lexical.n_docs != len(self.passages):
            raise IndexMissing("the search index does not match the stored passages; rebuild it with `ivp reindex`")
        self._row = {p.id: i for i, p in enumerate(self.passages)}

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               grounding: Grounding | None = None) -> list[Hit]:
        query = validate_query(query, k)
        g = grounding or ground(query, self.labels)
        allowed = self._mask(filters or Filters())
        n = len(self.passages)
        if n == 0 or not allowed.any():
            return []
        depth = n if allowed.sum() < n else min(n, CANDIDATES)

        lex = self.lexical.scores(query, g.expansion)
        lex_rank = [int(i) for i in np.argsort(-lex, kind="stable")[:depth] if lex[i] > 0 and allowed[i]]
        qv = self.encoder.encode_queries([query])[0]
        _, rows = self.dense.search(qv, depth)
        dense_rank = [int(i) for i in rows if allowed[i]]

        fused = rrf([dense_rank, lex_rank], [self.weights.dense, self.weights.lexical])
        if g.related and self.weights.concept:
            bonus = self.weights.concept / 61
            for i in list(fused):
                hits = sum(1 for iri in self.passages[i].mentions if iri in g.related)
                if hits:
                    fused[i] += bonus * min(hits, 2) / 2
        order = top(fused, max(k * 3, k))
        if _wants_both(query, g, self.labels):
            order = _diversify(order, self.passages)
        return [Hit(self.passages[i], round(fused[i], 6), self.passages[i].mentions) for i in order[:k]]

    def _mask(self, f: Filters) -> np.ndarray:
        keep = np.ones(len(self.passages), dtype=bool)
        for i, p in enumerate(self.passages):
            if f.basisteam and (p.basisteam or "").lower() != f.basisteam.lower():
                keep[i] = False
            elif f.document and p.doc_id != f.document:
                keep[i] = False
            elif f.kind and p.doc_kind != f.kind:
                keep[i] = False
            elif f.year and not ((p.period_start or 0) <= f.year <= (p.period_end or p.period_start or 0)):
                keep[i] = False
            elif f.theme and not self._about(p, f.theme):
                keep[i] = False
        return keep

    def _about(self, p: StoredPassage, theme_iri: str) -> bool:
        family = {theme_iri, *self.labels.narrower(theme_iri)}
        if family & set(p.mentions):
            return True
        return any(m.iri in family for h in p.section_path for m in self.labels.find(h))

    def values(self) -> dict[str, list]:
        """The valid filter values, for error messages and the web form."""
        return {
            "basisteam": sorted({p.basisteam for p in self.passages if p.basisteam}),
            "document": sorted({p.doc_id for p in self.passages}),
            "kind": sorted({p.doc_kind for p in self.passages}),
            "year": sorted({y for p in self.passages if p.period_start
                            for y in range(p.period_start, (p.period_end or p.period_start) + 1)}),
        }


def _wants_both(query: str, g: Grounding, labels: LabelIndex) -> bool:
    if _COMPARE.search(query):
        return True
    return sum(1 for c in g.concepts if c.type == "basisteam") >= 2


def _diversify(order: list[int], passages: list[StoredPassage]) -> list[int]:
    """Alternate basisteams so a comparison question sees both sides in its top results."""
    groups: dict[str | None, list[int]] = {}
    for i in order:
        groups.setdefault(passages[i].basisteam, []).append(i)
    out: list[int] = []
    while any(groups.values()):
        for key in list(groups):
            if groups[key]:
                out.append(groups[key].pop(0))
    return out
