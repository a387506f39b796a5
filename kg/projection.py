"""A networkx projection of the graph for traversal: neighbours to a depth, paths, centrality.

Only entities users browse become nodes (basisteams, gemeenten, themes, partners, instruments,
priorities, actions, roles, documents); passages and evidence stay in RDF and are looked up
for evidence when an edge is shown.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

import networkx as nx

from ontology.vocab import TYPE_OF_CLASS, full_iri, short_id

from .sparql import PREFIXES, passage_ref
from .store import GraphStore

# Edges worth walking; evidence, provenance and per-passage links are not relations between entities.
_SKIP = {"wasDerivedFrom", "type", "inScheme", "sameAs", "seeAlso", "plan"}
# A subject of an entity class (the projection's nodes), as a SPARQL pattern binding ?s.
_ENTITY = "VALUES ?c { " + " ".join(f"<{c}>" for c in TYPE_OF_CLASS) + " } ?s a ?c ."


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
    q = PREFIXES + """SELECT ?s ?o ?sentence ?page ?title ?pid WHERE {
      ?e a rdf:Statement ; rdf:subject ?s ; rdf:object ?o ; ivp:sentence ?sentence ; prov:wasDerivedFrom ?p .
      ?p dcterms:isPartOf ?d . ?d dcterms:title ?title . OPTIONAL { ?e ivp:page ?page }
      OPTIONAL { ?p dcterms:identifier ?pid } }"""
    out: dict[tuple[str, str], list[dict]] = {}
    for r in store.raw_query(q):
        s, o = r["s"].value, r["o"].value
        item = {"text": r["sentence"].value, "document": r["title"].value,
                "page": int(r["page"].value) if r["page"] is not None else None,
                **passage_ref(r["pid"].value if r["pid"] is not None else None)}
        for key in ((s, o), (o, s)) if s != o else ((s, o),):
            bucket = out.setdefault(key, [])
            if item not in bucket and len(bucket) < 5:
                bucket.append(item)
    return out


__all__ = ["Projection", "short_id", "full_iri", "local_name"]
