"""The grouped answer to a question: facts from the graph and passages, grouped per basisteam and
cited. Not generated prose: every line is an action, priority or passage with its source."""
from __future__ import annotations

from ontology.labels import LabelIndex
from ontology.vocab import short_id
from search.contract import hit_json
from search.engine import Filters, SearchEngine
from search.grounding import ground

from .sparql import PREFIXES, plan_owner
from .store import GraphStore


def answer(engine: SearchEngine, store: GraphStore, labels: LabelIndex, question: str,
           filters: Filters | None = None, k: int = 8, max_actions: int = 12) -> dict:
    g = ground(question, labels)
    hits = engine.search(question, k, filters, grounding=g)
    focus = [c for c in g.concepts if c.type in ("theme", "partner", "instrument")]
    related = set(g.related) | {c.iri for c in focus}
    scope = _scope(filters)
    groups: dict[str, dict] = {}
    if related:
        for a in actions_about(store, related):
            if not _owned(a, scope):
                continue
            grp = groups.setdefault(a["basisteam"], {"basisteam": a["basisteam"], "actions": [], "priorities": []})
            if len(grp["actions"]) < max_actions:
                grp["actions"].append(a)
        for pr in priorities_about(store, related):
            if not _owned(pr, scope):
                continue
            grp = groups.setdefault(pr["basisteam"], {"basisteam": pr["basisteam"], "actions": [], "priorities": []})
            if pr not in grp["priorities"]:
                grp["priorities"].append(pr)
    return {
        "question": question,
        "concepts": [{"id": short_id(c.iri), "label": c.label, "type": c.type} for c in g.concepts],
        "basisteams": sorted(groups.values(), key=lambda x: x["basisteam"] or ""),
        "passages": [hit_json(h, labels) for h in hits],
    }


def _scope(filters: Filters | None) -> list[set[str]]:
    """The owner and gemeente filters as sets of holder names, each of which a fact must meet: its plan owner,
    that owner's basisteam, or (for a gemeente) the gemeente itself or its basisteam. The answer's facts
    obey the same filters as its passages; the gemeente is looked up once per question, not per fact."""
    if filters is None:
        return []
    scope = [{filters.basisteam.lower()}] if filters.basisteam else []
    if filters.gemeente:
        from ontology.places import places

        mine = {filters.gemeente.lower()}
        g = places().gemeente(filters.gemeente)
        if g is not None:
            mine |= {g.name.lower(), *([g.basisteam.name.lower()] if g.basisteam else [])}
        scope.append(mine)
    return scope


def _owned(fact: dict, scope: list[set[str]]) -> bool:
    holders = {(fact["basisteam"] or "").lower(), (fact.get("in_basisteam") or "").lower()} - {""}
    return all(holders & names for names in scope)


def actions_about(store: GraphStore, concepts: set[str]) -> list[dict]:
    """Actions whose theme, partner or instrument is one of `concepts`, newest cycle first."""
    values = " ".join(f"<{c}>" for c in sorted(concepts))
    q = PREFIXES + f"""SELECT ?a ?title ?bt ?bt_bt ?cycle ?tl ?start ?end ?status ?basis ?doc ?page ?text ?prlabel
                         ?owner WHERE {{
      VALUES ?c {{ {values} }}
      ?a a ivp:Action ; rdfs:label ?title ; ivp:plan/dcterms:title ?doc . {plan_owner("?a", "bt")}
      {{ ?a ivp:theme ?c }} UNION {{ ?a ivp:partner ?c }} UNION {{ ?a ivp:instrument ?c }}
      OPTIONAL {{ ?a ivp:cycle ?cycle }} OPTIONAL {{ ?a ivp:timelineText ?tl }}
      OPTIONAL {{ ?a ivp:timelineStart ?start }} OPTIONAL {{ ?a ivp:timelineEnd ?end }}
      OPTIONAL {{ ?a ivp:status ?status }} OPTIONAL {{ ?a ivp:statusBasis ?basis }}
      OPTIONAL {{ ?a prov:wasDerivedFrom ?p . ?p ivp:text ?text . OPTIONAL {{ ?p ivp:page ?page }} }}
      OPTIONAL {{ ?a ivp:priority ?pr . ?pr rdfs:label ?prlabel }}
      OPTIONAL {{ ?a ivp:owner/rdfs:label ?owner }}
    }}"""
    out: dict[str, dict] = {}
    for r in store.raw_query(q):
        iri = r["a"].value
        val = lambda name: r[name].value if r[name] is not None else None  # noqa: E731
        item = out.get(iri)
        if item is None:
            item = out[iri] = {
                "id": short_id(iri), "title": val("title"), "basisteam": val("bt"), "in_basisteam": val("bt_bt"),
                "cycle": val("cycle"), "timeline": {"text": val("tl"), "start": val("start"), "end": val("end")},
                "status": val("status"), "status_basis": val("basis"), "priority": val("prlabel"),
                "owners": [], "partners": [], "instruments": [],
                "source": {"document": val("doc"), "page": int(val("page")) if val("page") else None,
                           "text": val("text")},
            }
        if val("owner") and val("owner") not in item["owners"]:
            item["owners"].append(val("owner"))
    _add_links(store, out)
    return sorted(out.values(), key=lambda a: (a["basisteam"] or "", -(int((a["cycle"] or "0")[:4] or 0)), a["id"]))


def _add_links(store: GraphStore, actions: dict[str, dict]) -> None:
    if not actions:
        return
    values = " ".join(f"<{a}>" for a in actions)
    q = PREFIXES + f"""SELECT ?a ?rel ?label WHERE {{ VALUES ?a {{ {values} }}
      {{ ?a ivp:partner ?x BIND("partners" AS ?rel) }} UNION {{ ?a ivp:instrument ?x BIND("instruments" AS ?rel) }}
      ?x skos:prefLabel ?label FILTER(lang(?label) = "nl") }}"""
    for r in store.raw_query(q):
        bucket = actions[r["a"].value][r["rel"].value]
        if r["label"].value not in bucket:
            bucket.append(r["label"].value)


def priorities_about(store: GraphStore, concepts: set[str]) -> list[dict]:
    values = " ".join(f"<{c}>" for c in sorted(concepts))
    q = PREFIXES + f"""SELECT DISTINCT ?pr ?label ?bt ?bt_bt ?n WHERE {{ VALUES ?c {{ {values} }}
      ?pr a ivp:Priority ; ivp:theme ?c ; rdfs:label ?label ; ivp:number ?n . {plan_owner("?pr", "bt")} }}"""
    seen: dict[str, dict] = {}
    for r in store.raw_query(q):
        iri = r["pr"].value
        if iri not in seen:
            seen[iri] = {"id": short_id(iri), "label": r["label"].value, "basisteam": r["bt"].value,
                         "in_basisteam": r["bt_bt"].value if r["bt_bt"] is not None else None,
                         "number": int(r["n"].value)}
    return sorted(seen.values(), key=lambda p: (p["basisteam"], p["number"]))
