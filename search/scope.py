"""Whose plans a question asks about, turned into ranking terms.

An owner named in a question ("... in Maasdal") says where to look, not what about. Left in the lexical
query, its words score every passage that names the owner (and passages of other owners that mention it)
above the one that answers; so they are taken out of the lexical query and the named owner's passages get a
boost instead. A comparison ("in both districts", "Maasdal en Rivierland") is ranked once per side,
restricted to that owner's passages (and re-ranked by search/echo.py), and the side rankings are
interleaved, so every side has its best passages in the top results; without named owners every ingested
owner is a side. The comparison's own words ("both", "beide basisteams") say nothing about the topic either
and leave the lexical query too.

Chosen on the tuning half of bench/eval (docs/BENCHMARKS.md, "Search methods tried").
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ontology.cues import find_phrases
from ontology.normalize import key, tokenize

from .lexical import Analyzer
from .passages import StoredPassage

COMPARE = re.compile(r"\b(compar\w*|vergelijk\w*|beide|both|verschil\w*|differ\w*|versus|vs|each|elke?|iedere?|"
                     r"allebei|(two|twee) (plans|plannen|districts|basisteams|teams|documents|documenten))\b", re.I)
# Words that, in a comparison, only say that several owners are meant.
SIDE_WORDS = frozenset({"each", "elk", "elke", "ieder", "iedere", "allebei", "two", "twee", "beide", "both", "plan",
                        "plans", "plannen", "district", "districts", "basisteam", "basisteams", "team", "teams",
                        "document", "documents", "documenten", "gemeente", "gemeenten", "municipality",
                        "municipalities"})


class OwnerFinder:
    """The ingested owners a question names, as search/understand.py reads them (the owner part only: this
    runs on every search, so the rest of the reading is not paid for here)."""

    def __init__(self, owners: Sequence[str]):
        self._by_key = {key(o): o for o in owners if key(o)}
        self._keys = tuple(sorted(self._by_key, key=lambda k: (-len(k.split()), k)))

    def __call__(self, query: str) -> list[str]:
        found = [self._by_key[k] for _, _, k in find_phrases(tokenize(query), self._keys, inflect=False)]
        return list(dict.fromkeys(found))


def lexical_query(query: str, analyzer: Analyzer, owners: Sequence[str], compare: bool) -> str:
    """The question without the words of the owners it names (and, for a comparison, without the words
    that only say so); the question itself when nothing would be left."""
    drop = {w for name in owners for w in analyzer.words(name)}
    if compare:
        drop |= SIDE_WORDS
    words = analyzer.words(query)
    kept = [w for w in words if w not in drop and not (compare and COMPARE.fullmatch(w))]
    return " ".join(kept) if kept and len(kept) < len(words) else query


def owned_by(passages: Sequence[StoredPassage], owner: str) -> np.ndarray:
    """Mask of the passages written for `owner` (a basisteam or any other plan owner)."""
    return np.array([owner in (p.basisteam, p.owner) for p in passages], dtype=bool)


def owners_of(passages: Sequence[StoredPassage]) -> list[str]:
    """Every plan owner with passages, in a stable order."""
    return sorted({p.owner for p in passages if p.owner})


def side_rankings(fused: np.ndarray, sides: Sequence[np.ndarray], depth: int) -> list[list[int]]:
    """Each side's best `depth` passages (restricted to the side's mask), best first."""
    out = []
    for mask in sides:
        scores = np.where(mask, fused, -np.inf)
        out.append([int(i) for i in np.argsort(-scores, kind="stable")[:depth] if np.isfinite(scores[i])])
    return out


def interleave(rankings: Sequence[Sequence[int]], rest: Sequence[int], depth: int) -> list[int]:
    """Round-robin over the sides' rankings down to `depth`, then `rest`."""
    out: list[int] = []
    seen: set[int] = set()
    for rank in range(depth):
        for ranking in rankings:
            if rank < len(ranking) and ranking[rank] not in seen:
                seen.add(ranking[rank])
                out.append(ranking[rank])
    return out + [i for i in rest if i not in seen]
