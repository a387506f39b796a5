"""The graph in standard formats for other systems."""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

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


def export_to(state_dir: Path, store: GraphStore, fmt: str, projection: Projection | None = None) -> Path:
    """The export of one state as a file in the state's `exports/` folder, written once (atomically) and reused.

    A state's graph never changes, so the file stays valid until the state is swept, and it goes with it.
    A data directory the server cannot write to gets the file in the temporary folder instead.
    """
    folders = (Path(state_dir) / "exports", Path(tempfile.gettempdir()) / "ivp-kg-exports" / Path(state_dir).name)
    for folder in folders:
        if (folder / f"graph.{fmt}").is_file():
            return folder / f"graph.{fmt}"
    data = export(store, fmt, projection)
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".graph.{fmt}.")
        except PermissionError:
            continue
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / f"graph.{fmt}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return folder / f"graph.{fmt}"
    raise PermissionError(f"cannot write an export of state {Path(state_dir).name} anywhere")
