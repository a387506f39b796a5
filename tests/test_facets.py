"""Search filters from per-state row sets (search/facets.py): the same passages as reading each passage."""
from __future__ import annotations

import itertools

import numpy as np

from search.facets import Facets, Filters


def _keeps(p, f: Filters, labels) -> bool:
    """The filter's meaning, passage by passage (what the engine computed per request before)."""
    if f.basisteam and f.basisteam.lower() not in ((p.basisteam or "").lower(), (p.owner or "").lower()):
        return False
    if f.gemeente and f.gemeente.lower() not in {g.lower() for g in p.gemeenten}:
        return False
    if (f.document and p.doc_id != f.document) or (f.kind and p.doc_kind != f.kind):
        return False
    if f.year and not ((p.period_start or 0) <= f.year <= (p.period_end or p.period_start or 0)):
        return False
    if f.theme:
        family = {f.theme, *labels.narrower(f.theme)}
        return bool(family & set(p.mentions)) or any(m.iri in family for h in p.section_path for m in labels.find(h))
    return True


def test_every_filter_value_keeps_the_passages_it_names(ingested):
    engine = ingested.engine()
    passages, labels = engine.passages, engine.labels
    facets = Facets(passages, labels)
    values = engine.values()
    themes = [c.iri for c in labels.concepts("theme")]
    owners = values["basisteam"]
    cases = ([Filters(basisteam=v) for v in owners] + [Filters(basisteam=v.upper()) for v in owners]
             + [Filters(gemeente=v.lower()) for v in values["gemeente"]]
             + [Filters(document=v) for v in values["document"]] + [Filters(kind=v) for v in values["kind"]]
             + [Filters(year=y) for y in [*values["year"], 1990]] + [Filters(theme=t) for t in themes]
             + [Filters(basisteam="Nergensland"), Filters(theme="urn:x:none")]
             + [Filters(basisteam=b, theme=t, year=2025) for b, t in itertools.product(owners, themes[:8])])
    kept = 0
    for f in cases:
        expected = np.array([_keeps(p, f, labels) for p in passages])
        assert np.array_equal(facets.mask(f), expected), f
        kept += int(expected.any())
    assert len(themes) > 20 and kept > len(cases) // 2  # most values keep something: the comparison is not vacuous


def test_a_theme_filter_reads_section_headings_too(ingested):
    engine = ingested.engine()
    facets = Facets(engine.passages, engine.labels)
    by_heading = [(i, m.iri) for i, p in enumerate(engine.passages) for h in p.section_path
                  for m in engine.labels.find(h) if m.iri not in p.mentions and m.type == "theme"]
    assert by_heading, "some passage sits under a heading naming a theme it does not mention itself"
    for i, iri in by_heading[:20]:
        assert facets.mask(Filters(theme=iri))[i]
