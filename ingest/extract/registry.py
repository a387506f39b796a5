"""Document kind -> extractor, filled by registration so that a new kind is a new module, not a branch.

An extractor reads a document's layout (ingest/layout) and its metadata and returns an `Extraction`.
`extract` runs the one registered for the document's kind; a kind without one yields an empty result
with a note, never an error, because a document of an unknown kind still gets its passages indexed.
"""
from __future__ import annotations

from collections.abc import Callable

from ..layout import Layout
from ..model import DocumentMeta
from .model import Extraction

Extractor = Callable[[Layout, DocumentMeta], Extraction]
_EXTRACTORS: dict[str, Extractor] = {}


def register(*kinds: str) -> Callable[[Extractor], Extractor]:
    """Decorator: `@register("uvp")` makes the function the extractor for documents of that kind."""

    def add(fn: Extractor) -> Extractor:
        for kind in kinds:
            _EXTRACTORS[kind] = fn
        return fn

    return add


def extractor(kind: str) -> Extractor | None:
    return _EXTRACTORS.get(kind)


def kinds() -> tuple[str, ...]:
    return tuple(sorted(_EXTRACTORS))


def extract(layout: Layout, meta: DocumentMeta) -> Extraction:
    """The facts of one document by the extractor registered for its kind."""
    fn = extractor(meta.kind)
    if fn is None:
        return Extraction(notes=[f"no extractor for documents of kind {meta.kind!r}: no priorities or actions read"])
    return fn(layout, meta)
