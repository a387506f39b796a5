"""Two basisteams' priorities side by side, aligned through the theme scheme.

A theme both prioritise is a full match; a theme one side prioritises and the other holds
under a broader or narrower priority is partial (drugs is De Waarden's own priority and sits
under ondermijning in Tweestromenland).
"""
from __future__ import annotations

from ontology.labels import LabelIndex

from ontology.vocab import short_id
from .sparql import PREFIXES, owned_by
from .store import GraphStore



def basisteams(store: GraphStore) -> list[str]:
    """Everyone two plans can be compared for: the basisteams, and every other owner of a plan (a gemeente,
    a group of gemeenten, a basisteam without a known district)."""
    q = PREFIXES + """SELECT DISTINCT ?l WHERE { { ?b a ivp:Basisteam } UNION { ?d ivp:planOwner ?b }
      ?b skos:prefLabel ?l FILTER(lang(?l) = "nl" || lang(?l) = "") }"""
    return sorted({r["l"].value for r in store.raw_query(q)})


def side(store: GraphStore, basisteam: str) -> dict[str, dict]:
    """theme IRI -> what one basisteam does on it: priority wordings, actions, partners, instruments."""
    q = PREFIXES + f"""SELECT ?t ?pr ?label ?n WHERE {{
      ?pr a ivp:Priority ; ivp:theme ?t ; rdfs:label ?label ; ivp:number ?n . {owned_by("?pr", basisteam)} }}"""
    themes: dict[str, dict] = {}
    for r in store.raw_query(q):
        t = r["t"].value
        entry = themes.setdefault(t, {"priority": None, "wordings": [], "number": int(r["n"].value),
                                      "actions": [], "partners": [], "instruments": []})
        entry["priority"] = short_id(r["pr"].value)
        if r["label"].value not in entry["wordings"]:
            entry["wordings"].append(r["label"].value)
    return themes


def _covering_priority(store: GraphStore, basisteam: str, theme_iris: set[str]) -> str | None:
    """The priority whose actions most often work on one of `theme_iris` (a theme held as a sub-theme)."""
    values = " ".join(f"<{t}>" for t in sorted(theme_iris))
    q = PREFIXES + f"""SELECT ?t (COUNT(DISTINCT ?a) AS ?n) WHERE {{ VALUES ?x {{ {values} }}
      ?a a ivp:Action ; ivp:theme ?x ; ivp:priority ?pr . ?pr ivp:theme ?t . {owned_by("?a", basisteam)} }}
      GROUP BY ?t ORDER BY DESC(?n)"""
    for r in store.raw_query(q):
        if r["t"].value not in theme_iris:
            return r["t"].value
    return None


def _enrich(store: GraphStore, basisteam: str, theme_iris: set[str], entry: dict) -> None:
    values = " ".join(f"<{t}>" for t in sorted(theme_iris))
    q = PREFIXES + f"""SELECT DISTINCT ?kind ?x ?label WHERE {{ VALUES ?t {{ {values} }}
      {{ ?x a ivp:Action ; ivp:theme ?t ; rdfs:label ?label . {owned_by("?x", basisteam)} BIND("actions" AS ?kind) }}
      UNION {{ GRAPH ?g {{ ?x ivp:worksOn ?t . ?d a ivp:Document }} {owned_by("?d", basisteam)}
               ?x skos:prefLabel ?label FILTER(lang(?label) = "nl") BIND("partners" AS ?kind) }}
      UNION {{ GRAPH ?g {{ ?x ivp:appliesTo ?t . ?d a ivp:Document }} {owned_by("?d", basisteam)}
               ?x skos:prefLabel ?label FILTER(lang(?label) = "nl") BIND("instruments" AS ?kind) }} }}"""
    for r in store.raw_query(q):
        kind = r["kind"].value
        item = {"id": short_id(r["x"].value), "label": r["label"].value}
        if item not in entry[kind]:
            entry[kind].append(item)


def compare(store: GraphStore, labels: LabelIndex, a: str, b: str) -> dict:
    side_a, side_b = side(store, a), side(store, b)

    def family(t: str) -> set[str]:
        return {t, *labels.narrower(t)}

    def related(t: str, other: dict, other_team: str) -> str | None:
        """The other side's priority theme that holds t as a broader/narrower theme or through its actions."""
        for o in other:
            if o in labels.broader(t) or t in labels.broader(o) or o in labels.narrower(t) or t in labels.narrower(o):
                return o
        # a sub-theme (jeugdoverlast under jeugd) worked on under one of the other side's priorities says more
        # than the broad theme itself, which plain words ("jongeren") attach to many actions
        for themes in ({*labels.narrower(t)}, family(t)):
            o = _covering_priority(store, other_team, themes) if themes else None
            if o in other:
                return o
        return None

    def view(entry: dict | None, basisteam: str, theme: str) -> dict | None:
        if entry is None:
            return None
        out = {k: v for k, v in entry.items()}
        out["actions"], out["partners"], out["instruments"] = [], [], []
        _enrich(store, basisteam, family(theme), out)
        return out

    def label(t: str) -> dict:
        c = labels.concept(t)
        return {"id": short_id(t), "label": c.label if c else short_id(t)}

    shared, only_a, only_b, matched_b = [], [], [], set()
    for t, entry in sorted(side_a.items(), key=lambda kv: kv[1]["number"]):
        if t in side_b:
            shared.append({"theme": label(t), "match": "full", "a": view(entry, a, t), "b": view(side_b[t], b, t)})
            matched_b.add(t)
        elif (o := related(t, side_b, b)) is not None:
            item = {"theme": label(t), "match": "partial", "a": view(entry, a, t), "b": view(side_b[o], b, o),
                    "b_theme": label(o)}
            shared.append(item)
            matched_b.add(o)
        else:
            only_a.append({"theme": label(t), "match": None, "a": view(entry, a, t), "b": None})
    for t, entry in sorted(side_b.items(), key=lambda kv: kv[1]["number"]):
        if t in matched_b:
            continue
        if (o := related(t, side_a, a)) is not None:
            shared.append({"theme": label(t), "match": "partial", "a": view(side_a[o], a, o), "b": view(entry, b, t),
                           "a_theme": label(o)})
        else:
            only_b.append({"theme": label(t), "match": None, "a": None, "b": view(entry, b, t)})
    return {"a": a, "b": b, "shared": shared, "only_a": only_a, "only_b": only_b}
