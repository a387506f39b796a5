"""Following an action through plan cycles: each evaluated action to its follow-up in the next plan.

Evidence combines what a reader would use: the evaluation saying the action "is opgenomen in het
UVP 2025-2026", the same priority, shared concepts, and similar wording (embeddings and shared
word stems). The links live in their own named graph, recomputed after every ingest, each with a
confidence and the reasons, so a reviewer can see why two actions were linked.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ontology.vocab import ID, IVP, LINEAGE_GRAPH, slug

from .sparql import PREFIXES
from .store import GraphStore

_CARRIED = re.compile(r"(opgenomen in (het )?(nieuwe )?UVP|komt (ook )?terug in (het )?(nieuwe )?UVP|"
                      r"in het (nieuwe )?UVP 20\d\d-?\s*20\d\d|UVP 20\d\d-\s*20\d\d)", re.I)
_WORD = re.compile(r"[a-zà-ÿ]{4,}")
# words every action of these plans uses: sharing them says nothing about two actions being one
_STOP = {"voor", "zijn", "wordt", "worden", "door", "deze", "naar", "over", "gemeenten", "gemeente", "binnen", "vanuit",
         "heeft", "hebben", "maar", "meer", "ook", "waar", "veilig", "veiligheid", "thema", "regionaal", "regionale",
         "beleid", "aanpak", "actualiseren", "opstellen", "mogelijkheden", "tussen", "basis", "niveau", "nederland"}
_STOP_STEMS = {w[:6] for w in _STOP}



@dataclass
class ActionRow:
    iri: str
    title: str
    basisteam: str  # IRI of the plan owner (its basisteam where the plan names no other owner)
    cycle: str
    text: str = ""
    result: str = ""
    priority: str | None = None
    concepts: set[str] = field(default_factory=set)
    passages: set[str] = field(default_factory=set)


@dataclass
class Link:
    source: str
    target: str
    confidence: float
    reasons: list[str]
    passages: list[str] = field(default_factory=list)  # the sentences of both actions: the evidence


def read_actions(store: GraphStore) -> list[ActionRow]:
    q = PREFIXES + """SELECT ?a ?title ?bt ?cycle ?result ?pr ?p ?text WHERE {
      ?a a ivp:Action ; rdfs:label ?title ; ivp:cycle ?cycle ; ivp:planOwner|ivp:basisteam ?bt .
      FILTER NOT EXISTS { ?a ivp:planOwner ?o FILTER(?o != ?bt) }
      OPTIONAL { ?a ivp:resultText ?result } OPTIONAL { ?a ivp:priority ?pr }
      OPTIONAL { ?a prov:wasDerivedFrom ?p . ?p ivp:text ?text } }"""
    rows: dict[str, ActionRow] = {}
    for r in store.raw_query(q):
        iri = r["a"].value
        if iri not in rows:
            rows[iri] = ActionRow(iri, r["title"].value, r["bt"].value, r["cycle"].value,
                                  r["text"].value if r["text"] else "", r["result"].value if r["result"] else "",
                                  r["pr"].value if r["pr"] else None)
        if r["p"] is not None:
            rows[iri].passages.add(r["p"].value)
    q = PREFIXES + """SELECT ?a ?c WHERE { ?a a ivp:Action . { ?a ivp:theme ?c } UNION { ?a ivp:partner ?c }
               UNION { ?a ivp:instrument ?c } }"""
    for r in store.raw_query(q):
        if r["a"].value in rows:
            rows[r["a"].value].concepts.add(r["c"].value)
    return list(rows.values())


def link_actions(actions: list[ActionRow], embed: Callable[[list[str]], np.ndarray]) -> list[Link]:
    """For each action of an earlier cycle, its best follow-up in the next cycle of the same plan owner."""
    links: list[Link] = []
    by_team: dict[str, list[ActionRow]] = {}
    for a in actions:
        by_team.setdefault(a.basisteam, []).append(a)
    for team in by_team.values():
        cycles = sorted({a.cycle for a in team})
        for earlier, later in zip(cycles, cycles[1:]):
            olds = [a for a in team if a.cycle == earlier]
            news = [a for a in team if a.cycle == later]
            if olds and news:
                links.extend(_best_links(olds, news, later, embed))
    return links


def _best_links(olds: list[ActionRow], news: list[ActionRow], later: str, embed) -> list[Link]:
    """Score every pair; a follow-up must serve the same priority and clear a bar that is higher for
    actions the evaluation calls finished or dropped, unless it says the action was carried over."""
    va = embed([_gist(a.title) for a in olds])
    vb = embed([_gist(b.title) for b in news])
    cos = va @ vb.T
    out = []
    for i, a in enumerate(olds):
        carried = _CARRIED.search(a.result or "")
        ranked = []
        for j, b in enumerate(news):
            if a.priority and b.priority and a.priority != b.priority:
                continue
            sim = float(cos[i, j])
            words = _stems(a.title) & _stems(b.title + " " + b.text[:200])
            overlap = len(words) / max(1, min(len(_stems(a.title)), 6))
            shared = (a.concepts & b.concepts) - ({a.priority} if a.priority else set())
            score = 0.6 * min(1.0, max(0.0, (sim - 0.78) / 0.15)) + 0.3 * min(1.0, overlap) + 0.1 * min(1.0, len(shared) / 2)
            ranked.append((score, j, sim, words, shared))
        if not ranked:
            continue
        score, j, sim, words, shared = max(ranked)
        bar = 0.55 if carried else 0.68
        if score < bar:
            continue
        reasons = ["same priority"] if a.priority else []
        if carried:
            reasons.append(f"evaluation says: “{carried.group(0)}”")
        reasons.append(f"wording similarity {sim:.2f}")
        if words:
            reasons.append("shared words: " + ", ".join(sorted(words)[:6]))
        if shared:
            reasons.append(f"{len(shared)} shared concepts")
        confidence = min(1.0, score + (0.1 if carried else 0.0))
        out.append(Link(a.iri, news[j].iri, round(confidence, 3), reasons, sorted(a.passages | news[j].passages)))
    return out


def _gist(title: str) -> str:
    """The first sentence of a title: wrapped table text often drags in the next column."""
    return re.split(r"(?<=[.;:])\s", title, maxsplit=1)[0][:200]


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.lower()) if w not in _STOP and w[:6] not in _STOP_STEMS
            and not w.startswith("tweestromen")}


def lineage_triples(links: list[Link]):
    for link in links:
        s, o = URIRef(link.source), URIRef(link.target)
        yield s, IVP.followUp, o
        yield o, IVP.predecessor, s
        ev = ID[f"evidence/lineage-{slug(link.source.rsplit('/', 1)[-1])}-{slug(link.target.rsplit('/', 1)[-1])}"]
        yield ev, RDF.type, RDF.Statement
        yield ev, RDF.subject, s
        yield ev, RDF.predicate, IVP.followUp
        yield ev, RDF.object, o
        yield ev, IVP.confidence, Literal(link.confidence, datatype=XSD.decimal)
        yield ev, IVP.sentence, Literal("; ".join(link.reasons), lang="en")
        yield ev, PROV.wasGeneratedBy, IVP.LineageLinking
        for p in link.passages:
            yield ev, PROV.wasDerivedFrom, URIRef(p)


def refresh_lineage(store: GraphStore, embed: Callable[[list[str]], np.ndarray]) -> int:
    links = link_actions(read_actions(store), embed)
    store.replace_graph(LINEAGE_GRAPH, lineage_triples(links))
    return len(links)
