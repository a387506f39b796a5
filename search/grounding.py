"""Map a question to ontology concepts through their labels in both languages, acronyms and
alternative labels ("human trafficking" -> mensenhandel, "ZVH" -> Zorg- en Veiligheidshuis)."""
from __future__ import annotations

from dataclasses import dataclass

from ontology.labels import Concept, LabelIndex


@dataclass
class Grounding:
    concepts: list[Concept]
    expansion: list[str]  # Dutch labels to add to the lexical query
    related: set[str]  # IRIs whose mention in a passage earns a boost (concepts and narrower themes)


def ground(query: str, index: LabelIndex) -> Grounding:
    concepts: list[Concept] = []
    for m in index.find(query, relaxed=True):
        c = index.concept(m.iri)
        if c is not None and c not in concepts:
            concepts.append(c)
    expansion: list[str] = []
    related: set[str] = set()
    for c in concepts:
        expansion.append(c.label)
        if c.acronym:
            expansion.append(c.acronym)
        related.add(c.iri)
        if c.type == "theme":
            related.update(index.narrower(c.iri))
    return Grounding(concepts, expansion, related)
