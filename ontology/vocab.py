"""Namespaces and IRI minting shared by every layer (the ontology is data all layers read)."""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD  # noqa: F401  (re-exported)

BASE = "https://ivp-kg.nl/"
IVP = Namespace(BASE + "def#")  # classes and properties
ID = Namespace(BASE + "id/")  # individuals
SH = Namespace("http://www.w3.org/ns/shacl#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

# The entity types the API and CLI speak of, keyed by their ontology class.
TYPE_OF_CLASS = {
    IVP.Basisteam: "basisteam",
    IVP.Gemeente: "gemeente",
    IVP.Theme: "theme",
    IVP.Partner: "partner",
    IVP.Instrument: "instrument",
    IVP.Action: "action",
    IVP.Priority: "priority",
    IVP.Document: "document",
    IVP.Role: "person",
}
CLASS_OF_TYPE = {v: k for k, v in TYPE_OF_CLASS.items()}


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated: stable IRIs from Dutch labels."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def entity_iri(kind: str, key: str):
    """IRI of an individual: entity_iri('theme', 'mensenhandel') -> id/theme/mensenhandel."""
    return ID[f"{kind}/{slug(key)}"]


def doc_iri(doc_id: str):
    return ID[f"doc/{doc_id}"]


def graph_iri(doc_id: str):
    """The named graph that holds exactly one document's facts."""
    return ID[f"graph/{doc_id}"]


ONTOLOGY_GRAPH = ID["graph/ontology"]
LINEAGE_GRAPH = ID["graph/lineage"]  # computed from all plans after each ingest
DERIVED_GRAPHS = {ONTOLOGY_GRAPH, LINEAGE_GRAPH}


def short_id(iri: str) -> str:
    """'https://ivp-kg.nl/id/partner/riec' -> 'partner/riec' (what the API and CLI show)."""
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def full_iri(short: str) -> str:
    """The inverse of `short_id`; full IRIs pass through."""
    return short if short.startswith("http") else str(ID) + short.lstrip("/")
