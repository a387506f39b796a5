"""The one place SPARQL prefixes are written: every domain query starts from `PREFIXES`.

The namespaces come from `ontology.vocab`, so the IRIs in queries and in the triples we write
cannot drift apart.
"""
from __future__ import annotations

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
