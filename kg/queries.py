"""The graph questions the product asks: counts, finding entities by name, neighbourhoods with evidence."""
from __future__ import annotations

import re
import unicodedata

from ontology.labels import LabelIndex
from ontology.vocab import CLASS_OF_TYPE, TYPE_OF_CLASS, doc_iri, full_iri, graph_iri, short_id
from search.contract import FilterError

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
        ev = _evidence_for(store, iri)
        for n in neighbors:
            key = full_iri(n["via"]["id"]) if n["via"] else iri
            n["evidence"] = ev.get((key, full_iri(n["id"])), []) if key == iri else []
    return {**node, "neighbors": neighbors}


def _evidence_for(store: GraphStore, iri: str) -> dict[tuple[str, str], list[dict]]:
    """Sentences behind the edges of one entity, keyed by (entity, other end)."""
    q = PREFIXES + f"""SELECT ?s ?o ?sentence ?page ?title WHERE {{
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


def subgraph(projection: Projection, types: list[str], basisteam: str | None, limit: int) -> dict:
    """Nodes and edges for the graph browser: optionally only some entity types and what lies within two
    hops of one basisteam. Unknown types or basisteams raise FilterError with the valid ones."""
    g = projection.graph
    unknown = [t for t in types if t not in CLASS_OF_TYPE]
    if unknown:
        raise FilterError(f"unknown type {unknown[0]!r}; valid: {', '.join(sorted(CLASS_OF_TYPE))}")
    keep = {n for n, d in g.nodes(data=True) if not types or d["type"] in types}
    if basisteam:
        teams = {d["label"].lower(): n for n, d in g.nodes(data=True) if d["type"] == "basisteam"}
        if basisteam.lower() not in teams:
            raise FilterError(f"unknown basisteam {basisteam!r}; valid: {', '.join(sorted(teams))}")
        team = teams[basisteam.lower()]
        keep &= {team} | {full_iri(n["id"]) for n in projection.neighbors(team, 2)}
    nodes = [projection.node(n) for n in list(keep)[:limit]]
    ids = {n["id"] for n in nodes}
    edges = [{"source": short_id(s), "target": short_id(o), "relation": d["relation"]}
             for s, o, d in g.edges(data=True) if short_id(s) in ids and short_id(o) in ids]
    return {"nodes": nodes, "edges": edges}


def entity_list(projection: Projection, type: str | None, limit: int) -> list[dict]:
    """All entities (of one type), sorted by type and label."""
    nodes = [projection.node(n) for n, d in projection.graph.nodes(data=True) if type is None or d["type"] == type]
    return sorted(nodes, key=lambda n: (n["type"], n["label"].lower()))[:limit]
