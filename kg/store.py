"""The graph store behind a small interface: one named graph per document.

Embedded on disk with Oxigraph (through oxrdflib, so rdflib code and SPARQL both work on
it): it is a real transactional store that opens in milliseconds, answers SPARQL 1.1 natively
and can make a consistent on-disk snapshot (`backup`), which is what lets an ingest build the
next state beside the current one. A remote SPARQL 1.1 endpoint can implement the same
`GraphStore` protocol later.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from ontology.vocab import DERIVED_GRAPHS, ID, graph_iri

Triple = tuple  # (subject, predicate, object) as rdflib terms


class StoreError(Exception):
    """The store on disk is missing or unreadable; the message says how to recover."""


class GraphStore(Protocol):
    """What every caller may use of a store: the embedded one below and `kg.remote.RemoteStore` both are one.

    `path` is the store's folder on disk, or None where the graph lives on a server.
    """

    path: Path | None
    read_only: bool

    def replace_graph(self, graph_id: URIRef, triples: Iterable[Triple]) -> None: ...
    def remove_graph(self, graph_id: URIRef) -> None: ...
    def graph_ids(self) -> list[URIRef]: ...
    def document_ids(self) -> list[str]: ...
    def triple_count(self) -> int: ...
    def query(self, sparql: str) -> Result: ...
    def raw_query(self, sparql: str): ...
    def dataset(self) -> Dataset: ...
    def graph(self, graph_id: URIRef) -> Graph: ...
    def union_graph(self) -> Graph: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


class EmbeddedStore:
    """Oxigraph on disk. Read-only instances serve queries while an ingest writes a copy."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path = Path(path)
        try:
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot open the graph store of the active state ({exc.__class__.__name__})") from exc
        self._inner = inner
        self._ds = Dataset(store=OxigraphStore(store=inner), default_union=True)
        self.read_only = read_only

    def replace_graph(self, graph_id: URIRef, triples: Iterable[Triple]) -> None:
        """Swap one document's facts: removes exactly that named graph, then adds the new one."""
        ctx = ox.NamedNode(str(graph_id))
        self._inner.remove_graph(ctx) if self._inner.contains_named_graph(ctx) else None
        quads = [ox.Quad(_ox(s), _ox(p), _ox(o), ctx) for s, p, o in triples]
        self._inner.bulk_extend(quads)

    def remove_graph(self, graph_id: URIRef) -> None:
        ctx = ox.NamedNode(str(graph_id))
        if self._inner.contains_named_graph(ctx):
            self._inner.remove_graph(ctx)

    def graph_ids(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._inner.named_graphs() if isinstance(g, ox.NamedNode))

    def document_ids(self) -> list[str]:
        prefix = str(ID["graph/"])
        return [g[len(prefix):] for g in self.graph_ids() if g.startswith(prefix) and g not in DERIVED_GRAPHS]

    def query(self, sparql: str) -> Result:
        return self._ds.query(sparql)

    def raw_query(self, sparql: str, **kwargs):
        """pyoxigraph's own result objects: faster, and they serialise to JSON/CSV/Turtle directly."""
        return self._inner.query(sparql, use_default_graph_as_union=True, **kwargs)

    def dataset(self) -> Dataset:
        return self._ds

    def graph(self, graph_id: URIRef) -> Graph:
        """One named graph, in memory (works on read-only stores too)."""
        g = Graph()
        for q in self._inner.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_id))):
            g.add(_rdflib(q.triple))
        return g

    def union_graph(self) -> Graph:
        """All named graphs merged in memory: for exports and SHACL validation."""
        g = Graph()
        for q in self._inner.quads_for_pattern(None, None, None, None):
            g.add(_rdflib(q.triple))
        return g

    def triple_count(self) -> int:
        return len(self._inner)

    def backup(self, target: Path) -> None:
        """A consistent snapshot on disk, taken while the store stays usable."""
        self.flush()
        self._inner.backup(str(target))

    def flush(self) -> None:
        if not self.read_only:
            self._inner.flush()

    def close(self) -> None:
        self.flush()
        del self._ds
        del self._inner


def document_graph(doc_id: str) -> URIRef:
    return graph_iri(doc_id)


def _rdflib(triple) -> tuple:
    """pyoxigraph -> rdflib terms; xsd:string literals become plain literals (the same in RDF 1.1)."""
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    def conv(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == str(XSD.string):
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    return conv(triple.subject), conv(triple.predicate), conv(triple.object)


def _ox(term):
    from rdflib import BNode, Literal

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")
