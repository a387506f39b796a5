"""The concept index: themes, partners and instruments as a thesaurus (labels in both languages, acronym,
definition, legal identifier, broader/narrower) with what each plan owner does with a concept.

Read from the active state's store (the ontology graph travels with every state), so the index shows the
ontology the facts were linked with; the per-owner counts are the owners' actions and priorities that name
the concept.
"""
from __future__ import annotations

from urllib.parse import urlparse

from ontology.labels import LabelIndex
from ontology.vocab import short_id

from .sparql import PREFIXES, iri_values, once, plan_owner
from .store import GraphStore

CONCEPT_TYPES = ("theme", "partner", "instrument")
LEGAL_HOST = "wetten.overheid.nl"

_LINKS = {"broader": "skos:broader", "narrower": "skos:narrower", "related": "skos:related|ivp:relatedTheme"}
_FIELDS = {"definition": "skos:definition", "identifier": "dcterms:identifier", "legal_source": "ivp:legalSource",
           "juriconnect": "ivp:juriconnect"}


def concept_index(store: GraphStore, labels: LabelIndex, type: str | None = None) -> list[dict]:
    """Every concept (of one type), sorted by Dutch label, with its thesaurus entry and per-owner use."""
    concepts = [c for t in CONCEPT_TYPES if type in (None, t) for c in labels.concepts(t)]
    known = {c.iri for c in labels.concepts() if c.type in CONCEPT_TYPES}
    fields = _fields(store)
    links = _links(store, known)
    usage = _usage(store)
    out = []
    for c in concepts:
        f = fields.get(c.iri, {})
        ref = lambda iri: {"id": short_id(iri), "label": labels.concept(iri).label,  # noqa: E731
                           "type": labels.concept(iri).type}
        out.append({
            "id": short_id(c.iri), "type": c.type, "label": c.label, "label_en": c.label_en, "acronym": c.acronym,
            "definition": f.get("definition"), "legal": _legal(f),
            **{k: sorted((ref(i) for i in links.get((c.iri, k), ())), key=lambda r: r["label"].lower())
               for k in _LINKS},
            "usage": sorted(usage.get(c.iri, {}).values(), key=lambda u: u["owner"].lower()),
        })
    return sorted(out, key=lambda c: (c["label"].lower(), c["type"]))


def _fields(store: GraphStore) -> dict[str, dict[str, str]]:
    """Single-valued literals and links of the ontology's concepts (the first one when a file repeats one)."""
    out: dict[str, dict[str, str]] = {}
    for key, prop in _FIELDS.items():
        lang = 'FILTER(!isLiteral(?v) || lang(?v) IN ("nl", ""))' if key == "definition" else ""
        for r in store.raw_query(PREFIXES + f"SELECT ?c ?v WHERE {{ ?c a skos:Concept ; {prop} ?v {lang} }}"):
            out.setdefault(r["c"].value, {}).setdefault(key, r["v"].value)
    return out


def _links(store: GraphStore, known: set[str]) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for key, prop in _LINKS.items():
        for r in store.raw_query(PREFIXES + f"SELECT ?c ?o WHERE {{ ?c {prop} ?o }}"):
            c, o = r["c"].value, r["o"].value
            if c in known and o in known and c != o:
                out.setdefault((c, key), set()).add(o)
    return out


def _usage(store: GraphStore) -> dict[str, dict[str, dict]]:
    """Per concept and plan owner: how many of the owner's actions and priorities name the concept."""
    q = PREFIXES + f"""SELECT ?c ?kind ?own (COUNT(DISTINCT ?x) AS ?n) WHERE {{
      {{ ?x a ivp:Action ; ivp:theme|ivp:partner|ivp:instrument ?c BIND("actions" AS ?kind) }}
      UNION {{ {once("?x a ivp:Priority ; ivp:theme|ivp:partner|ivp:instrument ?c", "?x", "?c")}
               BIND("priorities" AS ?kind) }} {plan_owner("?x", "own")} }} GROUP BY ?c ?kind ?own"""
    out: dict[str, dict[str, dict]] = {}
    for r in store.raw_query(q):
        owner = r["own"].value
        row = out.setdefault(r["c"].value, {}).setdefault(owner, {"owner": owner, "actions": 0, "priorities": 0})
        row[r["kind"].value] = int(r["n"].value)
    return out


def _legal(fields: dict[str, str]) -> dict | None:
    """The law's BWB id and its page on wetten.overheid.nl; an article carries its law's page and its own
    Juriconnect reference. Only a link to the official host is offered."""
    url = fields.get("legal_source")
    ident = fields.get("identifier")
    if url and urlparse(url).hostname != LEGAL_HOST:
        url = None
    if not ident and url:
        ident = urlparse(url).path.strip("/").split("/")[0] or None
    if ident and not ident.startswith("BWB"):
        ident = None
    if not ident:
        return None
    return {"identifier": ident, "url": url or f"https://{LEGAL_HOST}/{ident}",
            "juriconnect": fields.get("juriconnect")}


def related_by_thesaurus(store: GraphStore, labels: LabelIndex, themes: set[str], type_: str) -> list[dict]:
    """Partners or instruments (`type_`) the thesaurus relates to `themes`, their next broader or their narrower
    themes (not the whole tree: its root relates to all sorts). Background knowledge (ivp:relatedTheme, written with
    the ontology), not a link read from a plan: it fills the gap a question for a theme's instruments meets where
    no document links any."""
    near = {x for t in themes for x in (t, *labels.broader(t, transitive=False), *labels.narrower(t))}
    if not near:
        return []
    q = f"SELECT DISTINCT ?c WHERE {{ {iri_values('?t', sorted(near))} ?c ivp:relatedTheme ?t }}"
    rows = store.raw_query(PREFIXES + q)
    found = [labels.concept(r["c"].value) for r in rows]
    return sorted(({"id": short_id(c.iri), "label": c.label} for c in found if c is not None and c.type == type_),
                  key=lambda x: x["label"].lower())
