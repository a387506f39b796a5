"""Whose plans a question asks about, turned into ranking terms.

An owner named in a question ("... in Maasdal") says where to look, not what about. Left in the lexical
query, its words score every passage that names the owner (and passages of other owners that mention it)
above the one that answers; so they are taken out of the lexical query and the named owner's passages get a
boost instead. A comparison ("in both districts", "Maasdal en Rivierland") is ranked once per side,
restricted to that owner's passages (and re-ranked by search/echo.py), and the side rankings are
interleaved, so every side has its best passages in the top results; without named owners the sides are the
owners with the most of the best passages ("both districts" among many ingested owners means the ones that
write about it), two where the question says "both", basisteams where it says "basisteams" or "districts".
The comparison's own words ("both", "beide basisteams") say nothing about the topic either and leave the
lexical query too. These words are data, in ontology/questions.toml [sides], beside the words by which an
answer reads a question (search/understand.py).

Chosen on the tuning half of bench/eval (docs/BENCHMARKS.md, "Search methods tried").
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

import numpy as np

from ontology import QUESTIONS_FILE
from ontology.cues import find_phrases
from ontology.normalize import key, tokenize

from .facets import rows_by_key
from .lexical import Analyzer
from .passages import StoredPassage

MAX_SIDES = 5  # sides of a comparison that names no owner: ten results still give each side two passages
SIDE_POOL = 30  # best passages whose owners are counted to find those sides (the engine's candidates for ten results)


def side_pattern(words: list[str]) -> re.Pattern:
    """Any of `words` (ontology/questions.toml [sides]) as whole words, case-insensitive."""
    return re.compile(r"\b(" + "|".join(map(_alternative, words)) + r")\b", re.I)


def _alternative(word: str) -> str:
    """"two *": "two" and any next word; "vergelijk*": any word it begins; else the word itself."""
    if word.endswith(" *"):
        return re.escape(word[:-2]) + r" \w+"
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    return re.escape(word)


with QUESTIONS_FILE.open("rb") as _fh:
    _SIDES = tomllib.load(_fh)["sides"]
COMPARE = side_pattern(_SIDES["compare"])
PAIR = side_pattern(_SIDES["pair"])  # "both plans": two sides, not five
TEAMS = side_pattern(_SIDES["teams"])  # "both districts": basisteams, not any plan owner
SIDE_WORDS = frozenset(_SIDES["words"])  # in a comparison, words that only say several owners are meant


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


def rows_by_owner(passages: Sequence[StoredPassage]) -> dict[str, np.ndarray]:
    """Each plan owner's (and basisteam's) passage rows, ascending: built once per state, so a side or an owner
    boost costs its own rows, not a pass over every passage."""
    return rows_by_key([(x for x in (p.basisteam, p.owner) if x) for p in passages])


def unnamed_sides(query: str) -> tuple[int, bool]:
    """How many sides a comparison that names no owner has, and whether they are basisteams: "beide
    basisteams" two basisteams, "both plans" two plan owners of any kind, "each district" up to MAX_SIDES
    basisteams."""
    return (2 if PAIR.search(query) else MAX_SIDES), bool(TEAMS.search(query))


def leading_owners(order: Sequence[int], passages: Sequence[StoredPassage], most: int = MAX_SIDES,
                   teams: bool = False, pool: int = SIDE_POOL) -> list[str]:
    """The plan owners (`teams`: the basisteams) with the most passages among the first `pool` of `order` (best
    first), at most `most`, in the order of their best passage (which so stays first in the interleaved ranking).
    Chosen by count, not by first appearance: "both plans" means the plans that write about it, and one passage of a
    short plan that happens to rank high is not such a plan (docs/BENCHMARKS.md, sixth round)."""
    count: dict[str, int] = {}
    for i in order[:pool]:
        owner = passages[i].basisteam if teams else passages[i].owner
        if owner:
            count[owner] = count.get(owner, 0) + 1  # a dict keeps first appearance: ties, and the order given back
    chosen = set(sorted(count, key=lambda o: -count[o])[:most])
    return [o for o in count if o in chosen]


def best_rows(scores: np.ndarray, depth: int) -> np.ndarray:
    """Positions of the `depth` highest finite scores, best first, ties in position order: what a stable
    argsort of every score gives, in linear time (a full sort costs ~20 ms a question at 290,000 passages)."""
    n = len(scores)
    if depth >= n:
        order = np.argsort(-scores, kind="stable")
    elif depth <= 0:
        return np.zeros(0, dtype=np.int64)
    else:
        threshold = np.partition(scores, n - depth)[n - depth]
        above = np.flatnonzero(scores > threshold)
        rows = np.concatenate([above, np.flatnonzero(scores == threshold)[: depth - len(above)]])
        order = rows[np.argsort(-scores[rows], kind="stable")]
    return order[np.isfinite(scores[order])]


def side_rankings(fused: np.ndarray, sides: Sequence[np.ndarray], depth: int) -> list[list[int]]:
    """Each side's best `depth` passages (`sides`: each side's rows, ascending), best first."""
    return [[int(i) for i in rows[best_rows(fused[rows], depth)]] for rows in sides]


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
