"""The graph questions the product asks: counts, finding entities by name, neighbourhoods with evidence."""
from __future__ import annotations

import re
import unicodedata

from ontology.labels import LabelIndex
from ontology.vocab import TYPE_OF_CLASS, doc_iri, full_iri, graph_iri, short_id

from .projection import Projection
from .sparql import PREFIXES
from .store import GraphStore



def stats(store: GraphStore) -> dict:
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


def entity(projection: Projection, store: GraphStore, iri: str, depth: int = 1, evidence: bool = True) -> dict | None:
    """The `ivp entity --json` / `GET /api/entities/{id}` shape."""
    node = projection.node(iri)
    if node is None:
        return None
    neighbors = projection.neighbors(iri, depth)
    if evidence:
        ev = projection.evidence(store)  # indexed once per state
        for n in neighbors:  # sentences for the entity's own relations; a second hop's are the via's
            n["evidence"] = [] if n["via"] else ev.get((iri, full_iri(n["id"])), [])
    return {**node, "neighbors": neighbors}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()


__all__ = ["stats", "find_entities", "entity", "short_id"]


def document_facts(store: GraphStore, doc_id: str) -> dict:
    """A document's sections in order, its priorities and actions, and the relations read from it."""
    doc, graph = f"<{doc_iri(doc_id)}>", f"<{graph_iri(doc_id)}>"
    sections: dict[str, int] = {}
    for r in store.raw_query(PREFIXES + f"""SELECT ?sp ?o WHERE {{
            ?p dcterms:isPartOf {doc} ; ivp:sectionPath ?sp ; ivp:ordinal ?o }} ORDER BY ?o"""):
        sections.setdefault(r["sp"].value, int(r["o"].value))
    facts: dict[str, list] = {"priorities": [], "actions": []}
    for r in store.raw_query(PREFIXES + f"""SELECT ?x ?label ?kind WHERE {{ GRAPH {graph} {{
            {{ ?x a ivp:Priority BIND("priorities" AS ?kind) }} UNION {{ ?x a ivp:Action BIND("actions" AS ?kind) }}
            ?x rdfs:label ?label }} }}"""):
        facts[r["kind"].value].append({"id": short_id(r["x"].value), "label": r["label"].value})
    relations = [{"subject": short_id(r["s"].value), "relation": r["p"].value.rsplit("#", 1)[-1],
                  "object": short_id(r["o"].value)}
                 for r in store.raw_query(PREFIXES + f"""SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{
                     ?s ?p ?o FILTER(?p IN (ivp:worksOn, ivp:appliesTo)) }} }}""")]
    return {"sections": [s for s in sections if s], **facts, "relations": relations}


def entity_list(projection: Projection, type: str | None, limit: int) -> list[dict]:
    """All entities (of one type), sorted by type and label."""
    nodes = [projection.node(n) for n, d in projection.graph.nodes(data=True) if type is None or d["type"] == type]
    return sorted(nodes, key=lambda n: (n["type"], n["label"].lower()))[:limit]
