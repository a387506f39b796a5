"""A graph FACTOR x the size of an ingested one, for timing graph queries at scale without hours of encoding.

Each copy of a document's named graph gets its own IRIs for everything the document minted (document,
passages, actions, priorities, statements, blank nodes); concepts of the ontology (themes, partners,
instruments, known basisteams) stay shared, so they gain FACTOR x the edges, as they would with more
districts. The lineage graph is left out (it links actions across cycles of one district).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ontology.vocab import DERIVED_GRAPHS, ID, ONTOLOGY_GRAPH


def scaled_store(source: Path, target: Path, factor: int) -> None:
    """An Oxigraph store at `target` holding the ontology once and FACTOR renamed copies of each document graph."""
    src = ox.Store.read_only(str(source))
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    shared = {q.subject.value for q in src.quads_for_pattern(None, None, None, onto) if isinstance(q.subject, ox.NamedNode)}
    derived = {str(g) for g in DERIVED_GRAPHS}
    doc_graphs = [g for g in src.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in derived]
    out = ox.Store(str(target))
    out.bulk_extend(src.quads_for_pattern(None, None, None, onto))
    for n in range(factor):
        blanks: dict[str, ox.BlankNode] = {}

        def rename(term):
            if isinstance(term, ox.NamedNode) and term.value.startswith(str(ID)) and term.value not in shared:
                return ox.NamedNode(f"{term.value}-x{n}" if n else term.value)
            if isinstance(term, ox.BlankNode):
                return blanks.setdefault(term.value, ox.BlankNode())
            return term

        out.bulk_extend(ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name))
                        for g in doc_graphs for q in src.quads_for_pattern(None, None, None, g))
    out.flush()
    del out  # releases the store's lock: readers open it next
