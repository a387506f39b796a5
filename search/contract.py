"""The search result contract shared by `ivp search --json` and `GET /api/search`, and filter parsing."""
from __future__ import annotations

from ontology.labels import LabelIndex

from .engine import Filters, Hit, SearchEngine

KINDS = ("ivp", "uvp", "evaluation", "council_note", "other")


class FilterError(ValueError):
    """An unknown filter value; the message lists the valid ones."""


def make_filters(engine: SearchEngine, labels: LabelIndex, basisteam: str | None = None, document: str | None = None,
                 kind: str | None = None, theme: str | None = None, year: int | None = None,
                 gemeente: str | None = None) -> Filters:
    valid = engine.values()
    f = Filters()
    if basisteam:
        match = [b for b in valid["basisteam"] if b.lower() == basisteam.strip().lower()]
        if not match:
            raise FilterError(f"unknown basisteam {basisteam!r}; valid: {', '.join(valid['basisteam'])}")
        f.basisteam = match[0]
    if gemeente:
        match = [g for g in valid["gemeente"] if g.lower() == gemeente.strip().lower()]
        if not match:
            raise FilterError(f"no document covers gemeente {gemeente!r}; valid: {', '.join(valid['gemeente'])}")
        f.gemeente = match[0]
    if document:
        if document not in valid["document"]:
            raise FilterError(f"unknown document {document!r}; valid: {', '.join(valid['document'])}")
        f.document = document
    if kind:
        if kind not in valid["kind"]:
            raise FilterError(f"unknown document kind {kind!r}; valid: {', '.join(valid['kind'])}")
        f.kind = kind
    if theme:
        found = labels.lookup(theme, "theme")
        if not found:
            names = sorted(c.label for c in labels.concepts("theme"))
            raise FilterError(f"unknown theme {theme!r}; valid: {', '.join(names)}")
        f.theme = found[0].iri
    if year is not None:
        if year not in valid["year"]:
            raise FilterError(f"no document covers year {year}; valid: {', '.join(map(str, valid['year']))}")
        f.year = year
    return f


def hit_json(hit: Hit, labels: LabelIndex) -> dict:
    p = hit.passage
    entities = []
    for iri in hit.entities:
        c = labels.concept(iri)
        if c is not None:
            entities.append({"id": _short(iri), "label": c.label, "type": c.type})
    return {
        "id": p.id,
        "text": p.indexed_text(),
        "score": hit.score,
        "document": {"id": p.doc_id, "title": p.doc_title, "basisteam": p.basisteam, "owner": p.owner},
        "page": p.page,
        "section": p.section,
        "section_path": p.section_path,
        "entities": entities,
    }


def _short(iri: str) -> str:
    from ontology.vocab import short_id

    return short_id(iri)
