"""The graph in standard formats for other systems."""
from __future__ import annotations

import io

import networkx as nx

from ontology.vocab import ID, IVP

from .projection import Projection
from .store import GraphStore

FORMATS = ("turtle", "jsonld", "graphml", "trig", "nquads")
MEDIA_TYPES = {
    "turtle": "text/turtle", "jsonld": "application/ld+json", "graphml": "application/graphml+xml",
    "trig": "application/trig", "nquads": "application/n-quads",
}


def export(store: GraphStore, fmt: str, projection: Projection | None = None) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        g = (projection or Projection.build(store)).graph
        flat = nx.DiGraph()
        flat.add_nodes_from(g.nodes(data=True))
        for s, o, data in g.edges(data=True):
            rel = data["relation"]
            prev = flat.get_edge_data(s, o, {}).get("relation")
            flat.add_edge(s, o, relation=f"{prev};{rel}" if prev and rel not in prev.split(";") else rel)
        buf = io.BytesIO()
        nx.write_graphml(flat, buf)
        return buf.getvalue()
    if fmt in ("trig", "nquads"):
        return store.dataset().serialize(format=fmt).encode("utf-8")
    union = store.union_graph()
    union.bind("ivp", IVP)
    union.bind("id", ID)
    return union.serialize(format="json-ld" if fmt == "jsonld" else "turtle").encode("utf-8")
