"""Which header cell names which role: matching column headers against synonym sets given as data.

Plans word the same column many ways ("Trekker", "Eigenaar", "Wie is trekker?", "Geëvalueerd"),
so a cell matches a synonym as the whole cell or as a run of its words, case- and
diacritics-insensitively. The synonyms are the caller's data; nothing here knows a plan.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics: 'Geëvalueerd' -> 'geevalueerd'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _score(cell: list[str], synonym: list[str]) -> int:
    """2 when the cell is the synonym, 1 when the synonym's words occur in it in a row, else 0."""
    if not synonym or not cell:
        return 0
    if cell == synonym:
        return 2
    if synonym[0] not in cell:  # most cells hold no word of most synonyms: skip the run search
        return 0
    n = len(synonym)
    return 1 if any(cell[i:i + n] == synonym for i in range(len(cell) - n + 1)) else 0


@lru_cache(maxsize=64)
def _synonym_words(synonyms: tuple[str, ...]) -> tuple[list[str], ...]:
    """The folded words of a role's synonyms, once per synonym set: the same sets are matched against every
    table header and, in a PDF, against every line that might head a table (pdf_columns.py)."""
    return tuple(words(s) for s in synonyms)


def match_columns(header: list[str], roles: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Role -> column index; each column serves one role and each role one column, best matches first."""
    cells = [words(h) for h in header]
    candidates: list[tuple[int, int, str]] = []  # (-score, column, role)
    for role, synonyms in roles.items():
        syns = _synonym_words(tuple(synonyms))
        for col, cell in enumerate(cells):
            best = max((_score(cell, s) for s in syns), default=0)
            if best:
                candidates.append((-best, col, role))
    out: dict[str, int] = {}
    used: set[int] = set()
    for _, col, role in sorted(candidates):
        if role not in out and col not in used:
            out[role] = col
            used.add(col)
    return out
