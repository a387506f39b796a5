"""The graph questions the product asks: counts, finding entities by name, neighbourhoods with evidence."""
from __future__ import annotations

import re
import unicodedata

from ontology.labels import LabelIndex
from ontology.vocab import TYPE_OF_CLASS

from .projection import Projection, full_iri, short_id
from .store import EmbeddedStore

P = """PREFIX ivp: <https://ivp-kg.nl/def#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def stats(store: EmbeddedStore) -> dict:
    """The `ivp stats --json` contract."""
    counts = {t: 0 for t in TYPE_OF_CLASS.values()}
    q = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
    by_class = {r["c"].value: int(r["n"].value) for r in store.raw_query(q)}
    for cls, t in TYPE_OF_CLASS.items():
        counts[t] = by_class.get(str(cls), 0)
    return {
        "documents": counts.pop("document"),
        "passages": by_class.get("https://ivp-kg.nl/def#Passage", 0),
        "triples": store.triple_count(),
        "entities": counts,
    }


def find_entities(projection: Projection, labels: LabelIndex, name: str, type: str | None = None,
                  limit: int = 20) -> list[dict]:
    """Entities whose label, acronym or alternative label matches `name`; best first."""
    out: list[dict] = []
    for c in labels.lookup(name, type):
        node = projection.node(c.iri)
        if node and node not in out:
            out.append(node)
    if short := projection.node(full_iri(name)):
        out.insert(0, short)
    key = _fold(name)
    if key:
        ranked = []
        for iri, data in projection.graph.nodes(data=True):
            if type and data["type"] != type:
                continue
            label = _fold(data["label"])
            if key in label:
                ranked.append((0 if label == key else 1 if label.startswith(key) else 2, len(label), iri))
        for _, _, iri in sorted(ranked):
            node = projection.node(iri)
            if node not in out:
                out.append(node)
    return out[:limit]


def entity(projection: Projection, store: EmbeddedStore, iri: str, depth: int = 1, evidence: bool = True) -> dict | None:
    """The `ivp entity --json` / `GET /api/entities/{id}` shape."""
    node = projection.node(iri)
    if node is None:
        return None
    neighbors = projection.neighbors(iri, depth)
    if evidence:
        ev = _evidence_for(store, iri)
        for n in neighbors:
            key = full_iri(n["via"]["id"]) if n["via"] else iri
            n["evidence"] = ev.get((key, full_iri(n["id"])), []) if key == iri else []
    return {**node, "neighbors": neighbors}


def _evidence_for(store: EmbeddedStore, iri: str) -> dict[tuple[str, str], list[dict]]:
    """Sentences behind the edges of one entity, keyed by (entity, other end)."""
    q = P + f"""SELECT ?s ?o ?sentence ?page ?title WHERE {{
      ?e a rdf:Statement ; rdf:subject ?s ; rdf:object ?o ; ivp:sentence ?sentence ; prov:wasDerivedFrom ?p .
      ?p dcterms:isPartOf ?d . ?d dcterms:title ?title . OPTIONAL {{ ?e ivp:page ?page }}
      FILTER(?s = <{iri}> || ?o = <{iri}>) }}"""
    out: dict[tuple[str, str], list[dict]] = {}
    for r in store.raw_query(q):
        s, o = r["s"].value, r["o"].value
        other = o if s == iri else s
        item = {"text": r["sentence"].value, "document": r["title"].value,
                "page": int(r["page"].value) if r["page"] is not None else None}
        bucket = out.setdefault((iri, other), [])
        if item not in bucket and len(bucket) < 5:
            bucket.append(item)
    return out


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()


__all__ = ["stats", "find_entities", "entity", "short_id"]
