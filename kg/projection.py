"""A networkx projection of the graph for traversal: neighbours to a depth, paths, centrality.

Only entities users browse become nodes (basisteams, gemeenten, themes, partners, instruments,
priorities, actions, roles, documents); passages and evidence stay in RDF and are looked up
for evidence when an edge is shown.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import product

import networkx as nx

from ontology.vocab import TYPE_OF_CLASS, full_iri, short_id

from .sparql import PREFIXES, iri_values, passage_ref
from .store import GraphStore

# Edges worth walking; evidence, provenance and per-passage links are not relations between entities.
_SKIP = {"wasDerivedFrom", "type", "inScheme", "sameAs", "seeAlso", "plan"}
# A subject of an entity class (the projection's nodes), as a SPARQL pattern binding ?s.
_ENTITY = iri_values("?c", TYPE_OF_CLASS) + " ?s a ?c ."


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Projection:
    graph: nx.MultiDiGraph
    # Built on first use and kept with the projection, i.e. once per state (the workspace caches a projection
    # per state): an entity's neighbourhood is then dictionary look-ups, not a walk over networkx views and a
    # scan of every statement in the store per request.
    _adjacency: dict[str, list[tuple[str, str]]] | None = field(default=None, repr=False)
    _nodes: dict[str, dict] = field(default_factory=dict, repr=False)
    _evidence: dict[tuple[str, str], list[dict]] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, store: GraphStore) -> "Projection":
        g = nx.MultiDiGraph()
        types = {str(c): t for c, t in TYPE_OF_CLASS.items()}
        for r in store.raw_query(PREFIXES + f"SELECT DISTINCT ?s ?c WHERE {{ {_ENTITY} }}"):
            t = types.get(r["c"].value)
            if t:
                g.add_node(r["s"].value, type=t, label=short_id(r["s"].value))
        q = PREFIXES + """SELECT ?s ?l WHERE { { ?s skos:prefLabel ?l FILTER(lang(?l) = "nl" || lang(?l) = "") }
            UNION { ?s rdfs:label ?l } }"""
        labelled: set[str] = set()
        for r in store.raw_query(q):
            s = r["s"].value
            if s in g and s not in labelled:
                g.nodes[s]["label"] = r["l"].value
                labelled.add(s)
        # statements of entities only: passages and evidence statements are most of the store (4x fewer rows)
        for r in store.raw_query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_ENTITY} ?s ?p ?o FILTER(isIRI(?o)) }}"):
            s, p, o = r["s"].value, r["p"].value, r["o"].value
            rel = local_name(p)
            if s in g and o in g and s != o and rel not in _SKIP:
                if not g.has_edge(s, o, key=rel):
                    g.add_edge(s, o, key=rel, relation=rel)
        # documents mention what their passages mention
        q = PREFIXES + "SELECT DISTINCT ?d ?e WHERE { ?p dcterms:isPartOf ?d ; ivp:mentions ?e }"
        for r in store.raw_query(q):
            d, e = r["d"].value, r["e"].value
            if d in g and e in g and not g.has_edge(d, e, key="mentions"):
                g.add_edge(d, e, key="mentions", relation="mentions")
        return cls(g)

    def node(self, iri: str) -> dict | None:
        """A fresh dict each call (callers add keys to it)."""
        known = self._nodes.get(iri)
        if known is None:
            if iri not in self.graph:
                return None
            data = self.graph.nodes[iri]
            known = self._nodes[iri] = {"id": short_id(iri), "label": data["label"], "type": data["type"]}
        return dict(known)

    def neighbors(self, iri: str, depth: int = 1) -> list[dict]:
        """Entities within `depth` hops (either direction), each once, nearest first."""
        seen = {iri}
        out: list[dict] = []
        frontier = [(iri, None)]
        for d in range(1, depth + 1):
            nxt = []
            for node, _ in frontier:
                for other, rel in self._adjacent(node):
                    if other in seen:
                        continue
                    seen.add(other)
                    via = None if d == 1 else self.node(node)
                    out.append({**self.node(other), "relation": rel, "depth": d, "via": via})
                    nxt.append((other, node))
            frontier = nxt
        return out

    def _adjacent(self, node: str) -> list[tuple[str, str]]:
        """(other end, relation) of every edge at `node`: outgoing first, then incoming."""
        return self._adjacency_index().get(node, [])

    def _adjacency_index(self) -> dict[str, list[tuple[str, str]]]:
        """Built once per state, in one pass over the edges."""
        if self._adjacency is None:
            with self._lock:
                if self._adjacency is None:
                    outgoing: dict[str, list[tuple[str, str]]] = {}
                    incoming: dict[str, list[tuple[str, str]]] = {}
                    for s, o, data in self.graph.edges(data=True):
                        outgoing.setdefault(s, []).append((o, data["relation"]))
                        incoming.setdefault(o, []).append((s, data["relation"]))
                    for n, items in incoming.items():
                        outgoing.setdefault(n, []).extend(items)
                    self._adjacency = outgoing
        return self._adjacency

    def prepare(self, store: GraphStore) -> None:
        """Build the per-state indexes now (a server's start), not in the first entity request (10 s at 100x)."""
        self._adjacency_index()
        self.evidence(store)

    def evidence(self, store: GraphStore) -> dict[tuple[str, str], list[dict]]:
        """Sentences behind the relations, keyed by (one end, other end) in both orders, at most 5 each.

        One pass over the store's statements per state instead of a filtered scan of all of them per request.
        """
        if self._evidence is None:
            with self._lock:
                if self._evidence is None:
                    self._evidence = _evidence_index(store)
        return self._evidence

    def path(self, a: str, b: str) -> list[dict]:
        """A shortest chain of entities linking a to b (ignoring direction), [] if none."""
        try:
            nodes = nx.shortest_path(self.graph.to_undirected(as_view=True), a, b)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
        return [self.node(n) for n in nodes]

    def centrality(self, top: int = 20, type: str | None = None) -> list[dict]:
        """The most connected entities (degree centrality), e.g. the partners most plans rely on."""
        scores = nx.degree_centrality(self.graph) if len(self.graph) > 1 else {}
        nodes = [n for n in scores if type is None or self.graph.nodes[n]["type"] == type]
        nodes.sort(key=lambda n: -scores[n])
        return [{**self.node(n), "centrality": round(scores[n], 4)} for n in nodes[:top]]


def _evidence_index(store: GraphStore) -> dict[tuple[str, str], list[dict]]:
    """Read as one-pattern scans joined here: the store answers the join of a statement's five properties, its
    passage and document at ~300 us a statement (12.5 s at 100x the sample corpus), a single pattern at ~20 us
    a row. Same rows as the join (a statement without subject, object, sentence or passage, or a passage
    without a titled document, gives none), in the order of the statements."""
    statements = [r["x"].value for r in store.raw_query(PREFIXES + "SELECT ?x WHERE { ?x a rdf:Statement }")]
    subject, object_, sentence, derived, page, part_of, title, ident = (_values(store, p) for p in (
        "rdf:subject", "rdf:object", "ivp:sentence", "prov:wasDerivedFrom", "ivp:page", "dcterms:isPartOf",
        "dcterms:title", "dcterms:identifier"))
    out: dict[tuple[str, str], list[dict]] = {}
    for e in statements:
        for s, o, text, p in product(subject.get(e, ()), object_.get(e, ()), sentence.get(e, ()), derived.get(e, ())):
            for d, pg, pid in product(part_of.get(p, ()), page.get(e) or [None], ident.get(p) or [None]):
                for doc_title in title.get(d, ()):
                    item = {"text": text, "document": doc_title, "page": int(pg) if pg is not None else None,
                            **passage_ref(pid)}
                    for key in ((s, o), (o, s)) if s != o else ((s, o),):
                        bucket = out.setdefault(key, [])
                        if item not in bucket and len(bucket) < 5:
                            bucket.append(item)
    return out


def _values(store: GraphStore, predicate: str) -> dict[str, list[str]]:
    """Every subject's values of one predicate (lexical forms), in the store's order."""
    out: dict[str, list[str]] = {}
    for r in store.raw_query(PREFIXES + f"SELECT ?x ?v WHERE {{ ?x {predicate} ?v }}"):
        out.setdefault(r["x"].value, []).append(r["v"].value)
    return out


__all__ = ["Projection", "short_id", "full_iri", "local_name"]
