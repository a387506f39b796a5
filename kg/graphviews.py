"""Views of the graph for the graph browser: small labelled drawings per plan owner, and the whole graph.

A view is a function registered under a Dutch name; it picks nodes and edges from the owner's own plan
facts (its actions and priorities, the triples in its documents' named graphs), so an owner filter never
shows another owner's edges. Every edge carries the passages it was read from, with the document and
passage ids the reader opens.

The facts are read from the store once per state (`GraphFacts.build`) and kept by the workspace.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ontology.vocab import CLASS_OF_TYPE, doc_iri, short_id
from search.contract import FilterError

from .projection import Projection, local_name
from .sparql import PREFIXES, once, passage_ref, plan_owner
from .store import GraphStore

EVIDENCE_PER_EDGE = 3
EVIDENCE_CHARS = 360
# Links from an action or priority to what it names: the relations the owner views are drawn from.
_LINKS = ("theme", "partner", "instrument", "priority")
# Partner/instrument-to-theme relations: for an owner they count only when one of its own actions or
# priorities names both ends or a sentence of its own documents states them (see `_pairs`).
_PAIR_RELATIONS = {"worksOn", "appliesTo"}

Edge = tuple[str, str, str]  # (source iri, relation, target iri)


@dataclass
class Item:
    """An action or priority of one owner: what it names and the passages it was read from."""

    iri: str
    kind: str
    owner: str
    sources: list[dict] = field(default_factory=list)
    links: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class GraphFacts:
    """Per state: the owners' items, each document's owner and which owners' documents state each edge."""

    items: dict[str, Item]
    doc_owner: dict[str, str]
    edge_owners: dict[Edge, set[str]]
    mention_sources: dict[tuple[str, str], dict]

    @classmethod
    def build(cls, store: GraphStore, projection: Projection) -> "GraphFacts":
        doc_owner = {r["d"].value: r["o"].value for r in store.raw_query(
            PREFIXES + "SELECT ?d ?o WHERE { ?d a ivp:Document . " + plan_owner("?d", "o") + " }")}
        items = _items(store)
        g = projection.graph
        edge_owners: dict[Edge, set[str]] = {}
        prefix = str(doc_iri("")).rsplit("/", 1)[0] + "/"
        for r in store.raw_query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?o)) } }"):
            s, o = r["s"].value, r["o"].value
            if s == o or s not in g or o not in g:
                continue
            owner = doc_owner.get(prefix + short_id(r["g"].value).split("/", 1)[-1])
            if owner:
                edge_owners.setdefault((s, local_name(r["p"].value), o), set()).add(owner)
        mention_sources: dict[tuple[str, str], dict] = {}
        q = PREFIXES + """SELECT ?d ?e ?title ?pid ?text WHERE { ?p dcterms:isPartOf ?d ; ivp:mentions ?e ;
            dcterms:identifier ?pid ; ivp:text ?text . ?d dcterms:title ?title } ORDER BY ?pid"""
        for r in store.raw_query(q):
            d, e = r["d"].value, r["e"].value
            if (d, e) not in mention_sources:
                mention_sources[(d, e)] = _source(r["text"].value, r["title"].value, r["pid"].value)
            owner = doc_owner.get(d)
            if owner and d in g and e in g:
                edge_owners.setdefault((d, "mentions", e), set()).add(owner)
        return cls(items, doc_owner, edge_owners, mention_sources)

    def owners(self) -> list[str]:
        """Everyone with a plan in the graph (an action, a priority or a document), sorted."""
        return sorted({i.owner for i in self.items.values()} | set(self.doc_owner.values()), key=str.lower)

    def busiest(self) -> str | None:
        """The owner with the most actions (then priorities): the richest drawing to open the browser on."""
        count = lambda o: (sum(i.kind == "action" for i in self.items_of(o)), len(self.items_of(o)))  # noqa: E731
        return max(self.owners(), key=lambda o: (*count(o), [-ord(c) for c in o.lower()]), default=None)

    def owner_named(self, name: str | None) -> str | None:
        """The owner's own spelling of `name` (any case); FilterError with the valid ones if unknown."""
        if not name:
            return None
        owners = self.owners()
        found = next((o for o in owners if o.lower() == name.strip().lower()), None)
        if found is None:
            raise FilterError(f"unknown owner {name!r}; valid: {', '.join(owners)}")
        return found

    def owns(self, owner: str | None, source: dict) -> bool:
        """Whether a cited passage lies in one of the owner's documents (any passage without an owner)."""
        return owner is None or self.doc_owner.get(str(doc_iri(source.get("document_id") or ""))) == owner

    def items_of(self, owner: str | None, kind: str | None = None) -> list[Item]:
        return [i for i in self.items.values() if (owner is None or i.owner == owner) and kind in (None, i.kind)]


def _items(store: GraphStore) -> dict[str, Item]:
    q = PREFIXES + """SELECT ?x ?kind ?own ?title ?pid ?text WHERE {
      { ?x a ivp:Action BIND("action" AS ?kind) } UNION { """ + once("?x a ivp:Priority", "?x") + """
                                                           BIND("priority" AS ?kind) }
      """ + plan_owner("?x", "own") + """
      OPTIONAL { ?x prov:wasDerivedFrom ?p . ?p dcterms:identifier ?pid ; dcterms:isPartOf ?d .
                 ?d dcterms:title ?title OPTIONAL { ?p ivp:text ?text } } } ORDER BY ?pid"""
    items: dict[str, Item] = {}
    for r in store.raw_query(q):
        item = items.setdefault(r["x"].value, Item(r["x"].value, r["kind"].value, r["own"].value))
        if r["pid"] is not None:
            src = _source(r["text"].value if r["text"] is not None else "", r["title"].value, r["pid"].value)
            if src not in item.sources:
                item.sources.append(src)
    q = PREFIXES + "SELECT ?x ?rel ?c WHERE { VALUES ?rel { " + " ".join(f'"{r}"' for r in _LINKS) + """ }
      ?x ?p ?c FILTER(?p = IRI(CONCAT(STR(ivp:), ?rel))) }"""
    for r in store.raw_query(q):
        if (item := items.get(r["x"].value)) is not None:
            item.links.setdefault(r["rel"].value, set()).add(r["c"].value)
    return items


def _source(text: str, title: str, pid: str) -> dict:
    return _trimmed({"text": text, "document": title, "page": None, **passage_ref(pid)})


def _trimmed(src: dict) -> dict:
    """The source with its text on one line and cut at a word near EVIDENCE_CHARS (a passage can be long)."""
    text = " ".join((src.get("text") or "").split())
    if len(text) > EVIDENCE_CHARS:
        text = text[:EVIDENCE_CHARS - 1].rsplit(" ", 1)[0] + " …"
    return {**src, "text": text}


@dataclass
class Drawing:
    """What a view chose: edges with their evidence, and per node the owner's actions that name it."""

    edges: dict[Edge, list[dict]] = field(default_factory=dict)
    actions: dict[str, set[str]] = field(default_factory=dict)
    nodes: set[str] = field(default_factory=set)

    def add(self, s: str, rel: str, o: str, evidence: list[dict]) -> None:
        bucket = self.edges.setdefault((s, rel, o), [])
        for e in evidence:
            if e not in bucket and len(bucket) < EVIDENCE_PER_EDGE:
                bucket.append(e)
        self.nodes |= {s, o}

    def count(self, node: str, action: str) -> None:
        self.actions.setdefault(node, set()).add(action)


@dataclass(frozen=True)
class View:
    name: str
    title: str
    columns: tuple[str, ...]  # entity types from left to right; empty: one column per type
    draw: Callable[["GraphFacts", Projection, GraphStore, str | None], Drawing]


VIEWS: dict[str, View] = {}


def view(name: str, title: str, columns: tuple[str, ...] = ()):
    """Register a view under its Dutch name (the browser's `weergave`)."""
    def register(fn):
        VIEWS[name] = View(name, title, columns, fn)
        return fn
    return register


def _pairs(facts: GraphFacts, projection: Projection, store: GraphStore, owner: str | None, kind: str,
           relation: str) -> Drawing:
    """`kind` (partner or instrument) x theme, linked where one of the owner's actions or priorities names
    both, or where a sentence of the owner's own documents states `relation` between them."""
    out = Drawing()
    for item in facts.items_of(owner):
        themes = item.links.get("theme", set())
        for x in item.links.get(kind, set()):
            for t in themes:
                out.add(x, relation, t, item.sources)
        if item.kind == "action" and item.links.get(kind):
            for n in item.links[kind] | themes:
                out.count(n, item.iri)
    g, statements = projection.graph, projection.evidence(store)
    for s, o, data in g.edges(data=True):
        if data["relation"] != relation or g.nodes[s]["type"] != kind or g.nodes[o]["type"] != "theme":
            continue
        evidence = [_trimmed(e) for e in statements.get((s, o), []) if facts.owns(owner, e)]
        if evidence or (owner is None and (s, relation, o) not in out.edges):
            out.add(s, relation, o, evidence)
    return out


@view("partners-themas", "Partners × thema's", ("partner", "theme"))
def partners_themes(facts: GraphFacts, projection: Projection, store: GraphStore, owner: str | None) -> Drawing:
    return _pairs(facts, projection, store, owner, "partner", "worksOn")


@view("instrumenten-themas", "Instrumenten × thema's", ("instrument", "theme"))
def instruments_themes(facts: GraphFacts, projection: Projection, store: GraphStore, owner: str | None) -> Drawing:
    return _pairs(facts, projection, store, owner, "instrument", "appliesTo")


@view("prioriteiten-acties", "Prioriteiten en acties", ("theme", "priority", "action"))
def priorities_actions(facts: GraphFacts, projection: Projection, store: GraphStore, owner: str | None) -> Drawing:
    """Each priority with its themes, each action under its priority (or its themes when it has none)."""
    out = Drawing()
    for pr in facts.items_of(owner, "priority"):
        out.nodes.add(pr.iri)
        for t in pr.links.get("theme", ()):
            out.add(pr.iri, "theme", t, pr.sources)
    for a in facts.items_of(owner, "action"):
        out.nodes.add(a.iri)
        out.count(a.iri, a.iri)
        parents = [p for p in a.links.get("priority", ()) if p in facts.items] or sorted(a.links.get("theme", ()))
        for p in parents:
            out.add(a.iri, "priority" if p in facts.items else "theme", p, a.sources)
            out.count(p, a.iri)
            for t in (facts.items[p].links.get("theme", ()) if p in facts.items else ()):
                out.count(t, a.iri)
    return out


@view("alles", "Hele graaf")
def whole(facts: GraphFacts, projection: Projection, store: GraphStore, owner: str | None) -> Drawing:
    """Every edge of the projection; for an owner only those its documents state (partner/instrument-theme
    pairs only where its own actions or priorities name both)."""
    out = Drawing()
    statements = projection.evidence(store)
    pairs = {e for v in ("partners-themas", "instrumenten-themas")
             for e in VIEWS[v].draw(facts, projection, store, owner).edges}
    for s, o, data in projection.graph.edges(data=True):
        rel = data["relation"]
        if owner is not None:
            if owner not in facts.edge_owners.get((s, rel, o), ()):
                continue
            if rel in _PAIR_RELATIONS and (s, rel, o) not in pairs:
                continue
        evidence = [_trimmed(e) for e in statements.get((s, o), [])]
        item = facts.items.get(s) or facts.items.get(o)  # the passage an action or priority was read from
        if item is not None:
            evidence += item.sources
        if (s, o) in facts.mention_sources:
            evidence.append(facts.mention_sources[(s, o)])
        if owner is not None:
            evidence = [e for e in evidence if facts.owns(owner, e)]
        out.add(s, rel, o, evidence)
    for item in facts.items_of(owner, "action"):
        for links in item.links.values():
            for n in links:
                out.count(n, item.iri)
    return out


def graph_view(facts: GraphFacts, projection: Projection, store: GraphStore, name: str, owner: str | None,
               types: list[str], limit: int) -> dict:
    """The `GET /api/graph` shape: nodes (with their action counts) and edges (with evidence) of one view."""
    if name not in VIEWS:
        raise FilterError(f"unknown view {name!r}; valid: {', '.join(VIEWS)}")
    unknown = [t for t in types if t not in CLASS_OF_TYPE]
    if unknown:
        raise FilterError(f"unknown type {unknown[0]!r}; valid: {', '.join(sorted(CLASS_OF_TYPE))}")
    v = VIEWS[name]
    owner = facts.owner_named(owner)
    drawing = v.draw(facts, projection, store, owner)
    g = projection.graph
    keep = [n for n in drawing.nodes if n in g and (not types or g.nodes[n]["type"] in types)]
    degree: dict[str, int] = {}
    for s, _, o in drawing.edges:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    keep.sort(key=lambda n: (-len(drawing.actions.get(n, ())), -degree.get(n, 0), g.nodes[n]["label"].lower()))
    kept = set(keep[:limit])
    nodes = [{**projection.node(n), "actions": len(drawing.actions.get(n, ())), "degree": 0} for n in keep[:limit]]
    edges = [{"source": short_id(s), "target": short_id(o), "relation": rel, "evidence": ev}
             for (s, rel, o), ev in drawing.edges.items() if s in kept and o in kept]
    shown: dict[str, int] = {}
    for e in edges:
        shown[e["source"]] = shown.get(e["source"], 0) + 1
        shown[e["target"]] = shown.get(e["target"], 0) + 1
    for n in nodes:
        n["degree"] = shown.get(n["id"], 0)
    return {"view": v.name, "title": v.title, "columns": list(v.columns), "owner": owner, "owners": facts.owners(),
            "default_owner": facts.busiest(),
            "views": [{"name": x.name, "title": x.title} for x in VIEWS.values()],
            "truncated": len(keep) > limit, "nodes": nodes, "edges": edges}
