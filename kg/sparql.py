"""The one place SPARQL prefixes are written: every domain query starts from `PREFIXES`.

The namespaces come from `ontology.vocab`, so the IRIs in queries and in the triples we write
cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal

from ontology.vocab import ID, IVP

_NAMESPACES = {
    "ivp": str(IVP),
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
PREFIXES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in _NAMESPACES.items())


def sparql(body: str) -> str:
    """A query with the shared prefixes in front."""
    return PREFIXES + body


def once(pattern: str, *variables: str) -> str:
    """`pattern` as a sub-select of the DISTINCT bindings of `variables`.

    Why: a fact that several documents state (an owner's name, a priority a basisteam's IVP, UVP and
    evaluation share, a role) is in the union default graph once per document graph (Oxigraph's union is a
    bag), and a query that joins k such facts yields copies^k rows: nine plans of one basisteam made the
    actions board take minutes. Every pattern on a node that several documents describe goes through here,
    so each such fact counts once whatever the number of documents."""
    return f"{{ SELECT DISTINCT {' '.join(variables)} WHERE {{ {pattern} }} }}"


def plan_owner(subject: str, out: str, holders: Iterable[str] | None = None) -> str:
    """A graph pattern binding `?{out}` to whom a plan fact belongs — its plan owner (a gemeente, a group of
    gemeenten, a basisteam), else its basisteam — and `?{out}_bt` to its basisteam where it has one.
    Facts of a place without a basisteam are not lost to queries that used to require one. The owner's name
    is stated by each of its documents, so it is read once (see `once`). With `holders` (IRIs) only facts
    held by one of them are read: one owner's facts cost the same however many other owners there are."""
    within = "" if holders is None else iri_values(f"?_{out}_h", holders) + " "
    return once(f"""{within}{subject} ivp:planOwner|ivp:basisteam ?_{out}_h .
      OPTIONAL {{ {subject} ivp:planOwner/skos:prefLabel ?{out}_o FILTER(lang(?{out}_o) IN ("nl", "")) }}
      OPTIONAL {{ {subject} ivp:basisteam/skos:prefLabel ?{out}_bt FILTER(lang(?{out}_bt) IN ("nl", "")) }}
      BIND(COALESCE(?{out}_o, ?{out}_bt) AS ?{out}) FILTER(BOUND(?{out}))""", subject, f"?{out}", f"?{out}_bt")


def iri_values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding `variable` to each IRI in turn: one query for a set of nodes, not one per node."""
    return f"VALUES {variable} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def literal(text: str) -> str:
    """`text` as a SPARQL string literal: quotes, backslashes and line breaks escaped (rdflib's N3 form),
    so a name typed by a user never ends the literal early."""
    return Literal(text).n3()


def action_source(row) -> dict:
    """Where an action was read, from a result row with ?doc, ?text (its passage), ?page, ?pid and ?sent: the
    passage may hold the actions around it, so `sentence` quotes the action's own words where ingest kept them."""
    v = lambda k: row[k].value if row[k] is not None else None  # noqa: E731
    return {"document": v("doc"), "page": int(v("page")) if v("page") is not None else None, "text": v("text"),
            "sentence": v("sent"), **passage_ref(v("pid"))}


def passage_ref(passage_id: str | None) -> dict:
    """The reader's address of a cited passage: its id and its document's id (a passage id starts with its
    document's id, see ingest/chunk.py), so a citation opens the document at that passage; {} without one."""
    if not passage_id:
        return {}
    return {"passage": passage_id, "document_id": passage_id.split(":", 1)[0]}
