"""Which passages a search filter keeps, read from per-state row sets instead of a pass over every passage.

Why: the passages never change within an engine, yet every filtered request read each passage's owner,
gemeenten, period and themes again, and a theme filter matched every passage's section headings against the
thesaurus each time (44 ms a request on the sample corpus; about a minute at 1000x its size). Here each facet's
rows are gathered once (themes on first use, each distinct heading matched once) and a filter is the
intersection of the rows its fields name.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ontology.labels import LabelIndex

from .passages import StoredPassage


@dataclass
class Filters:
    basisteam: str | None = None  # a basisteam or any other plan owner (a gemeente, a group of gemeenten)
    gemeente: str | None = None  # documents written for this gemeente or for the basisteam it belongs to
    document: str | None = None
    kind: str | None = None
    theme: str | None = None  # IRI
    year: int | None = None


def rows_by_key(keys_per_row: Iterable[Iterable[str]]) -> dict[str, np.ndarray]:
    """Each key's row numbers, ascending, from every row's keys (a key repeated within a row counts once)."""
    out: dict[str, list[int]] = {}
    for i, keys in enumerate(keys_per_row):
        for k in set(keys):
            out.setdefault(k, []).append(i)
    return {k: np.asarray(v, dtype=np.int64) for k, v in out.items()}


class Facets:
    """The rows of every filter value of one state's passages (owners and gemeenten matched in any case)."""

    def __init__(self, passages: Sequence[StoredPassage], labels: LabelIndex):
        self._passages, self._labels, self._n = passages, labels, len(passages)
        self._owner = rows_by_key([(x.lower() for x in (p.basisteam, p.owner) if x) for p in passages])
        self._gemeente = rows_by_key([(g.lower() for g in p.gemeenten) for p in passages])
        self._document = rows_by_key([(p.doc_id,) for p in passages])
        self._kind = rows_by_key([(p.doc_kind,) for p in passages])
        self._start = np.array([p.period_start or 0 for p in passages], dtype=np.int64)
        self._end = np.array([p.period_end or p.period_start or 0 for p in passages], dtype=np.int64)
        self._about: dict[str, np.ndarray] | None = None
        self._building = threading.Lock()

    def mask(self, f: Filters) -> np.ndarray:
        """True for each passage every given field of `f` keeps."""
        keep = np.ones(self._n, dtype=bool)
        for rows in (self._lookup(self._owner, f.basisteam and f.basisteam.lower()),
                     self._lookup(self._gemeente, f.gemeente and f.gemeente.lower()),
                     self._lookup(self._document, f.document), self._lookup(self._kind, f.kind),
                     self._theme_rows(f.theme) if f.theme else None):
            if rows is not None:
                keep &= self._as_mask(rows)
        if f.year:
            keep &= (self._start <= f.year) & (f.year <= self._end)
        return keep

    @staticmethod
    def _lookup(index: dict[str, np.ndarray], value: str | None) -> np.ndarray | None:
        if not value:
            return None
        return index.get(value, np.zeros(0, dtype=np.int64))

    def _as_mask(self, rows: np.ndarray) -> np.ndarray:
        m = np.zeros(self._n, dtype=bool)
        m[rows] = True
        return m

    def _theme_rows(self, theme_iri: str) -> np.ndarray:
        """Passages that mention the theme or a narrower one, or sit under a heading that names one."""
        about = self._about_index()
        family = [theme_iri, *self._labels.narrower(theme_iri)]
        found = [about[iri] for iri in family if iri in about]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)  # repeats: the mask marks once

    def _about_index(self) -> dict[str, np.ndarray]:
        with self._building:
            if self._about is None:
                headings: dict[str, set[str]] = {}
                for p in self._passages:
                    for h in p.section_path:
                        if h not in headings:
                            headings[h] = {m.iri for m in self._labels.find(h)}
                self._about = rows_by_key([set(p.mentions).union(*(headings[h] for h in p.section_path))
                                     for p in self._passages])
        return self._about
