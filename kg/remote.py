"""The GraphStore protocol over a remote SPARQL 1.1 endpoint (query, update and graph store protocols).

Lets several API replicas share one graph server (tested against Oxigraph's own server). Each
document graph is replaced by a single update request, which the server applies atomically.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from ontology.vocab import DERIVED_GRAPHS, ID

from .store import StoreError, _ox

_JSON = "application/sparql-results+json"


class RemoteStore:
    """`query_url` answers SPARQL queries (union default graph), `update_url` takes SPARQL updates."""

    read_only = False
    path = None  # no local files: SPARQL goes to the server itself

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 30.0):
        self.query_url, self.update_url, self.timeout = query_url, update_url, timeout

    def _post(self, url: str, body: bytes, ctype: str, accept: str | None = None) -> bytes:
        req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": ctype})
        if accept:
            req.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            raise StoreError(f"SPARQL endpoint {url} answered {exc.code}: {exc.read()[:300]!r}") from exc
        except OSError as exc:
            raise StoreError(f"SPARQL endpoint {url} unreachable: {exc}") from exc

    def update(self, sparql: str) -> None:
        if not self.update_url:
            raise StoreError("this remote store is read-only (no update endpoint configured)")
        self._post(self.update_url, sparql.encode(), "application/sparql-update")

    def raw_query(self, sparql: str):
        """Results as pyoxigraph objects, like EmbeddedStore.raw_query."""
        head = sparql.lstrip().upper()
        if "CONSTRUCT" in head or "DESCRIBE" in head:
            data = self._post(self.query_url, sparql.encode(), "application/sparql-query", "application/n-triples")
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        data = self._post(self.query_url, sparql.encode(), "application/sparql-query", _JSON)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def query(self, sparql: str) -> Result:
        ds = Dataset()
        ds.parse(data=self.export_nquads(), format="nquads")
        return ds.query(sparql)

    def replace_graph(self, graph_id: URIRef, triples: Iterable[tuple]) -> None:
        lines = [str(ox.Triple(_ox(s), _ox(p), _ox(o))) + " ." for s, p, o in triples]
        g = f"<{graph_id}>"
        self.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n}}")

    def remove_graph(self, graph_id: URIRef) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_id}>")

    def graph_ids(self) -> list[URIRef]:
        res = self.raw_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(r["g"].value) for r in res)

    def document_ids(self) -> list[str]:
        prefix = str(ID["graph/"])
        return [g[len(prefix):] for g in self.graph_ids() if g.startswith(prefix) and g not in DERIVED_GRAPHS]

    def triple_count(self) -> int:
        res = self.raw_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))["n"].value)

    def export_nquads(self) -> str:
        res = self.raw_query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return "".join(f"{r['s']} {r['p']} {r['o']} {r['g']} .\n" for r in res)

    def dataset(self) -> Dataset:
        ds = Dataset()
        ds.parse(data=self.export_nquads(), format="nquads")
        return ds

    def graph(self, graph_id: URIRef) -> Graph:
        g = Graph()
        g.parse(data=self.raw_construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_id}> {{ ?s ?p ?o }} }}"),
                format="nt")
        return g

    def union_graph(self) -> Graph:
        g = Graph()
        g.parse(data=self.raw_construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"), format="nt")
        return g

    def raw_construct(self, sparql: str) -> str:
        return self._post(self.query_url, sparql.encode(), "application/sparql-query", "application/n-triples").decode()

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass
