"""The per-state indexes of the projection give what a direct query of the store gives."""
from __future__ import annotations

from kg.projection import Projection
from kg.queries import entity
from kg.sparql import PREFIXES, passage_ref


def test_evidence_index_matches_a_direct_query(ingested):
    """The index joins one-pattern scans; the join written as one query gives the same sentences per relation
    (all of them where there are at most five, five of them otherwise)."""
    store = ingested.store()
    index = Projection.build(store).evidence(store)
    assert index, "the sample corpus has relations with sentences"
    full: dict[tuple[str, str], list[dict]] = {}
    for r in store.raw_query(PREFIXES + """SELECT ?s ?o ?sentence ?page ?title ?pid WHERE {
            ?e a rdf:Statement ; rdf:subject ?s ; rdf:object ?o ; ivp:sentence ?sentence ; prov:wasDerivedFrom ?p .
            ?p dcterms:isPartOf ?d . ?d dcterms:title ?title . OPTIONAL { ?e ivp:page ?page }
            OPTIONAL { ?p dcterms:identifier ?pid } }"""):
        s, o = r["s"].value, r["o"].value
        item = {"text": r["sentence"].value, "document": r["title"].value,
                "page": int(r["page"].value) if r["page"] is not None else None,
                **passage_ref(r["pid"].value if r["pid"] is not None else None)}
        for key in {(s, o), (o, s)}:
            if item not in full.setdefault(key, []):
                full[key].append(item)
    assert set(index) == set(full)
    for key, items in full.items():
        assert all(i in items for i in index[key]) and len(index[key]) == min(5, len(items)), key
    assert any(len(items) > 5 for items in full.values()) and any(i.get("passage") for v in index.values() for i in v)


def test_neighbourhood_from_the_adjacency_index_matches_networkx(ingested):
    projection = Projection.build(ingested.store())
    g = projection.graph
    hub = max(g.nodes, key=g.degree)
    depth1 = {n["id"] for n in projection.neighbors(hub, 1)}
    expected = {projection.node(x)["id"] for x in set(g.successors(hub)) | set(g.predecessors(hub))} - {projection.node(hub)["id"]}
    assert depth1 == expected
    depth2 = projection.neighbors(hub, 2)
    assert {n["id"] for n in depth2 if n["depth"] == 1} == depth1 and any(n["depth"] == 2 for n in depth2)
    data = entity(projection, ingested.store(), hub, 2)
    assert all(n["evidence"] == [] for n in data["neighbors"] if n["via"]), "second hops carry their via's evidence"


def test_edges_are_every_relation_between_two_entities_in_the_store(ingested):
    """The build reads only the entities' own statements; the edges are still every IRI-valued statement
    between two nodes, as a scan of the whole store finds them."""
    from kg.projection import _SKIP, local_name

    store = ingested.store()
    g = Projection.build(store).graph
    expected = {(r["s"].value, r["o"].value, local_name(r["p"].value))
                for r in store.raw_query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }")
                if r["s"].value in g and r["o"].value in g and r["s"].value != r["o"].value
                and local_name(r["p"].value) not in _SKIP}
    built = set(g.edges(keys=True))
    assert len(expected) > 100 and expected <= built
    assert {key for _, _, key in built - expected} == {"mentions"}  # documents -> what their passages mention
